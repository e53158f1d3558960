import CausalCore

/// VanderWeele's (2014) four-way decomposition of a total effect with exposure-mediator
/// interaction: the controlled direct effect, the reference interaction, the mediated
/// interaction and the pure indirect effect.
///
/// For treatment values `a*` (control) and `a` (treated) and a mediator level `m*`:
///
/// - `CDE = E[Y(a, m*) − Y(a*, m*)]`: the effect if the mediator were held at `m*`;
/// - `INT_ref = E[Y(a, M(a*)) − Y(a*, M(a*))] − CDE`: the interaction that operates only when
///   the mediator is present without treatment;
/// - `INT_med = E[Y(a, M(a)) − Y(a, M(a*)) − Y(a*, M(a)) + Y(a*, M(a*))]`: the interaction that
///   operates because treatment changes the mediator;
/// - `PIE = E[Y(a*, M(a)) − Y(a*, M(a*))]`: the pure indirect effect;
///
/// and `total = CDE + INT_ref + INT_med + PIE`. The pure natural direct effect is
/// `CDE + INT_ref` and the total natural indirect effect `INT_med + PIE` (``MediationAnalysis``'s
/// `ADE(control)` and `ACME(treated)`).
///
/// Regression-based closed form (VanderWeele 2014, linear mediator and outcome; CMAverse's
/// `"rb"` engine): with the mediator model `M = β₀ + β₁ A + β₂ᵀC + ε` and the outcome model
/// `Y = θ₀ + θ₁ A + θ₂ M + θ₃ A·M + θ₄ᵀC + ε`, `Δ = a − a*` and `E[M(a*)] = β₀ + β₁ a* + β₂ᵀC̄`
/// (`C̄` the weighted means of the covariates' design columns: the effects are averages over
/// the sample's covariates),
///
/// - `CDE = (θ₁ + θ₃ m*) Δ`, `INT_ref = θ₃ (E[M(a*)] − m*) Δ`, `INT_med = θ₃ β₁ Δ²`,
///   `PIE = β₁ (θ₂ + θ₃ a*) Δ`.
///
/// Standard errors by the delta method with analytic gradients; the two models' estimates are
/// independent (separately fitted equations), so the variance is `gᵦᵀV̂ᵦgᵦ + g_θᵀV̂_θg_θ` with
/// ``vcov`` (iid by default, as CMAverse's delta method; robust or cluster-robust on request).
/// The proportions (each component over the total; `overall proportion mediated =
/// (PIE + INT_med)/total`, `proportion attributable to interaction = (INT_ref + INT_med)/total`,
/// `proportion eliminated = (INT_ref + INT_med + PIE)/total`) use the quotient rule on the same
/// gradients. Inference is normal.
///
/// With a logit or probit mediator or outcome, or with `method` the bootstrap or quasi-Bayesian
/// simulation, the components are computed by g-computation (``FourWaySimulation``: the
/// mediator drawn at `a*` and `a` with common random numbers, ``draws`` per observation, the
/// outcome model's mean averaged; exact for linear models, where it equals the closed form) and
/// summarised over replicates (percentile or BCa intervals) or simulations (as ``MediationAnalysis``'s
/// quasi-Bayesian method).
///
/// ```swift
/// let fourWay = try FourWayDecomposition(
///   treatment: "treat", mediator: "leadership", outcome: "math", covariates: ["prior"], mediatorValue: 0)
/// let result = try fourWay.fit(students)
/// print(result.summary())
/// ```
///
/// Identification needs, besides no unmeasured treatment-outcome and treatment-mediator
/// confounding, no unmeasured mediator-outcome confounding and no mediator-outcome confounder
/// affected by treatment (for the natural components `INT_med` and `PIE`); the `CDE` needs only
/// the first two and the mediator-outcome one.
public struct FourWayDecomposition: Estimator {
  /// The treatment column (numeric).
  public let treatment: String
  /// The mediator column (numeric, modelled linearly).
  public let mediator: String
  /// The outcome column (numeric, modelled linearly).
  public let outcome: String
  /// Covariates of both models.
  public let covariates: Covariates
  /// The mediator level `m*` of the controlled direct effect (default 0).
  public let mediatorValue: Double
  /// The control value `a*` of the treatment (default 0).
  public let controlValue: Double
  /// The treated value `a` of the treatment (default 1).
  public let treatedValue: Double
  /// A column of non-negative observation weights, or `nil`.
  public let weights: String?
  /// The coefficient variance of both models (iid by default).
  public let vcov: VarianceType
  /// The confidence level of the intervals.
  public let confidenceLevel: Double
  /// The mediator model's family (default linear).
  public let mediatorFamily: MediationModelFamily
  /// The outcome model's family (default linear).
  public let outcomeFamily: MediationModelFamily
  /// The delta method (``MediationMethod/closedForm``, default; linear models only), the pairs
  /// or cluster bootstrap, or quasi-Bayesian simulation (both by g-computation).
  public let method: MediationMethod
  /// Monte Carlo draws of the mediator per observation (ignored when both models are linear).
  public let draws: Int
  /// The root seed of the bootstrap, simulations and draws.
  public let seed: UInt64

  /// Creates and validates the decomposition.
  ///
  /// - Parameters:
  ///   - treatment: Treatment column.
  ///   - mediator: Mediator column.
  ///   - outcome: Outcome column.
  ///   - covariates: Covariates of both models, default none.
  ///   - mediatorValue: `m*`, the level the controlled direct effect holds the mediator at.
  ///   - controlValue: `a*`.
  ///   - treatedValue: `a`.
  ///   - weights: Weight column.
  ///   - vcov: Coefficient variance (`.iid`, `.hetero`, `.cluster([...])`).
  ///   - confidenceLevel: Interval level in (0, 1).
  ///   - mediatorFamily: The mediator model's family (default linear).
  ///   - outcomeFamily: The outcome model's family (default linear).
  ///   - method: `.closedForm` (default; linear models), `.bootstrap(...)` or `.quasiBayesian(...)`.
  ///   - draws: Monte Carlo draws per observation for binary models, at least 1 (default 10).
  ///   - seed: The root seed (default 0).
  /// - Throws: ``MediationError/invalidOption(_:)`` for empty or repeated names, equal control
  ///   and treated values, a non-finite value or a bad level;
  ///   ``MediationError/mediatorIsTreatment(variable:)``.
  public init(
    treatment: String, mediator: String, outcome: String, covariates: Covariates = Covariates(),
    mediatorValue: Double = 0, controlValue: Double = 0, treatedValue: Double = 1, weights: String? = nil,
    vcov: VarianceType = .iid, confidenceLevel: Double = 0.95, mediatorFamily: MediationModelFamily = .linear,
    outcomeFamily: MediationModelFamily = .linear, method: MediationMethod = .closedForm, draws: Int = 10,
    seed: UInt64 = 0
  ) throws(MediationError) {
    guard mediatorValue.isFinite else {
      throw .invalidOption(.invalid(option: "mediatorValue", value: "\(mediatorValue)", expected: "a finite mediator level"))
    }
    self.treatment = treatment
    self.mediator = mediator
    self.outcome = outcome
    self.covariates = covariates
    self.mediatorValue = mediatorValue
    self.controlValue = controlValue
    self.treatedValue = treatedValue
    self.weights = weights
    self.vcov = vcov
    self.confidenceLevel = confidenceLevel
    self.mediatorFamily = mediatorFamily
    self.outcomeFamily = outcomeFamily
    self.method = method
    self.draws = draws
    self.seed = seed
    do throws(OptionError) { try OptionError.requireCount(draws, atLeast: 1, option: "draws") } catch {
      throw .invalidOption(error)
    }
    _ = try analysis
  }

  /// The linear-linear mediation analysis with interaction whose models the decomposition reads.
  var analysis: MediationAnalysis {
    get throws(MediationError) {
      try MediationAnalysis(
        treatment: treatment, mediators: [mediator], outcome: outcome, covariates: covariates,
        mediatorFamily: mediatorFamily, outcomeFamily: outcomeFamily, interaction: true, controlValue: controlValue,
        treatedValue: treatedValue, weights: weights, vcov: vcov, confidenceLevel: confidenceLevel, method: method)
    }
  }

  /// Fits the mediator and outcome models and decomposes the total effect.
  ///
  /// - Parameter data: The table; incomplete rows are removed listwise (every variable of both
  ///   models) and counted in ``FourWayDecompositionResult/drops``.
  /// - Returns: The four components, the total and the proportions with delta-method standard
  ///   errors, and both fitted models.
  /// - Throws: ``MediationError``: a missing or constant column, a model that cannot be fitted,
  ///   the treatment, mediator or interaction removed from a model (collinear).
  /// - Complexity: O(n k²) for the two fits; O(k) per component.
  public func fit(_ data: DataTable) throws(MediationError) -> FourWayDecompositionResult {
    let fit = try MediationFit(analysis: try analysis, data: data)
    let simulation = FourWaySimulation(fit: fit, mediatorValue: mediatorValue, draws: draws)
    let used = simulation.isExact ? 1 : draws
    let root = SeededGenerator(seed: seed)
    let names = FourWayComponents.names
    let rows: [CoefficientRow]
    var notes: [String] = []
    switch method {
    case .closedForm:
      let components = FourWayComponents(fit: fit, mediatorValue: mediatorValue)
      return FourWayDecompositionResult(
        rows: components.rows(confidenceLevel: confidenceLevel), expectedMediatorAtControl: components.expectedMediator,
        fit: fit, mediatorValue: mediatorValue, method: method, draws: 1, seed: seed, notes: [])
    case .bootstrap(let replicates, let cluster, let interval):
      let spec = try analysis.with(vcov: .iid)
      let (m, draws) = (mediatorValue, draws)
      let statistic: @Sendable (DataTable, UInt64) throws -> [Double] = { table, stream in
        var rng = root.derived(stream: stream)
        let refit = try MediationFit(analysis: spec, data: table)
        return FourWaySimulation(fit: refit, mediatorValue: m, draws: draws).estimates(generator: &rng)
      }
      let outcome = try StatisticBootstrap(
        replicates: replicates, cluster: cluster, interval: interval, seed: seed, level: confidenceLevel
      ).run(sample: fit.completeCases, names: names, statistic: statistic)
      (rows, notes) = (outcome.rows, outcome.notes)
    case .quasiBayesian(let simulations):
      try MediationAnalysis.checkMemory(count: simulations, width: names.count, option: "simulations")
      let drawn = try CoefficientSampler.samplers(for: [fit.mediatorModels[0], fit.outcomeModel])
      let sigma = fit.mediatorModels[0].sigma
      let values: [[Double]]
      do {
        values = try ParallelMap.map(simulations) { s -> [Double] in
          var rng = root.derived(stream: UInt64(s))
          let beta = drawn[0].draw(&rng), gamma = drawn[1].draw(&rng)
          return simulation.statistics(mediator: beta, outcome: gamma, sigma: sigma, generator: &rng)
        }
      } catch { throw .unavailable(reason: "the simulations failed: \(error)") }
      rows = SimulationSummary.rows(draws: values, names: names, level: confidenceLevel) { $0 >= 5 }
    }
    return FourWayDecompositionResult(
      rows: rows, expectedMediatorAtControl: simulation.expectedMediatorAtControl, fit: fit, mediatorValue: mediatorValue,
      method: method, draws: used, seed: seed, notes: notes)
  }
}

import CausalCore

/// Path-specific and interventional effects of several mediators in a stated causal order,
/// for linear mediator and outcome models (VanderWeele and Vansteelandt 2014; Daniel et al.
/// 2015; Vansteelandt and Daniel 2017).
///
/// With mediators `M_1, …, M_K` in causal order (an earlier one may affect a later one, never
/// the reverse), treatment `A` and covariates `C`, the models are
///
/// - `M_k = α_k A + Σ_{j<k} γ_kj M_j + β_kᵀC + ε_k` for each mediator (earlier mediators as
///   regressors),
/// - `Y = θ_A A + Σ_k θ_k M_k + θ_CᵀC + ε`,
///
/// a linear recursive system whose effect of moving the treatment from `a*` to `a` (`Δ = a − a*`)
/// splits into `2^K` path-specific effects: `θ_A Δ` along `A → Y` and
/// `α_{j₁} γ_{j₂j₁} ⋯ γ_{j_r j_{r−1}} θ_{j_r} Δ` along `A → M_{j₁} → ⋯ → M_{j_r} → Y`. From them:
///
/// - the joint indirect effect (all paths through at least one mediator), identified whatever
///   the order among the mediators;
/// - each mediator's interventional indirect effect `θ_k × (total effect of A on M_k) × Δ` (the
///   sum of the paths whose last mediator is `M_k`): the effect of shifting `M_k`'s
///   distribution from its value under `a*` to its value under `a`, the others kept at `a*`
///   (Vansteelandt and Daniel 2017). In this linear system without interactions they add up
///   to the joint indirect effect (the part due to the mediators' dependence is zero);
/// - the interventional direct effect, equal to the direct path `θ_A Δ`;
/// - the total effect and the proportion mediated (joint indirect over total).
///
/// Standard errors by the delta method (analytic gradients of the products; the models'
/// estimates independent, as separately fitted equations), normal inference; ``vcov`` applies to
/// every model (iid by default; robust or cluster-robust). Fixed effects may be absorbed (the
/// effects need the slopes only).
///
/// ```swift
/// let chain = try SequentialMediation(
///   treatment: "strong_school", mediators: ["leadership", "teaching", "peer"], outcome: "math",
///   covariates: ["prior"], vcov: .cluster(["school"]))
/// let result = try chain.fit(students)
/// for path in result.paths { print(path.path, path.row.estimate) }
/// ```
///
/// The path-specific effects need, besides no unmeasured confounding of treatment, mediators
/// and outcome, the stated order to be right and no mediator-outcome confounder affected by
/// treatment; the joint indirect effect and the interventional effects do not depend on the
/// order of mediators that do not affect each other.
public struct SequentialMediation: MediationEstimator {
  /// The most mediators: `2^K` paths.
  public static let maximumMediators = 10

  /// The treatment, the mediators in causal order (earlier ones may affect later ones), the
  /// covariates, treatment values, weights and variance of every model, the level, the method
  /// (the delta method, ``MediationMethod/closedForm``, by default; the pairs or cluster
  /// bootstrap re-fitting every model, or quasi-Bayesian simulation of the coefficients) and the
  /// root seed of the bootstrap or simulations.
  public let spec: MediationModelSpec
  /// The outcome column.
  public let outcome: String
  /// Columns absorbed as fixed effects in every model.
  public let fixedEffects: [String]
  /// The sensitivity analysis to mediator-outcome confounding, or `nil` (default).
  public let sensitivity: MediationSensitivityOptions?

  /// Creates and validates the analysis.
  ///
  /// - Parameters:
  ///   - treatment: Treatment column.
  ///   - mediators: Mediator columns in causal order, 1 to ``maximumMediators``.
  ///   - outcome: Outcome column.
  ///   - covariates: Covariates of every model, default none.
  ///   - fixedEffects: Columns absorbed as fixed effects, default none.
  ///   - controlValue: `a*`.
  ///   - treatedValue: `a`.
  ///   - weights: Weight column.
  ///   - vcov: Coefficient variance.
  ///   - confidenceLevel: Interval level in (0, 1).
  ///   - method: `.closedForm` (delta method, default), `.bootstrap(replicates:cluster:interval:)`
  ///     or `.quasiBayesian(simulations:)`.
  ///   - sensitivity: Add ``MediatorConfoundingSensitivity`` (the `ρ` grid and the band's
  ///     replicates), default none.
  ///   - seed: The root seed (default 0).
  /// - Throws: ``MediationError/invalidOption(_:)`` for empty or repeated names, too many
  ///   mediators, equal control and treated values, a bad level or too few draws;
  ///   ``MediationError/mediatorIsTreatment(variable:)``.
  public init(
    treatment: String, mediators: [String], outcome: String, covariates: Covariates = Covariates(),
    fixedEffects: [String] = [], controlValue: Double = 0, treatedValue: Double = 1, weights: String? = nil,
    vcov: VarianceType = .iid, confidenceLevel: Double = 0.95, method: MediationMethod = .closedForm,
    sensitivity: MediationSensitivityOptions? = nil, seed: UInt64 = 0
  ) throws(MediationError) {
    guard mediators.count <= Self.maximumMediators else {
      throw .invalidOption(
        .invalid(
          option: "mediators", value: "\(mediators.count) mediators",
          expected: "at most \(Self.maximumMediators) (2^K path-specific effects)"))
    }
    spec = MediationModelSpec(
      treatment: treatment, mediators: mediators, covariates: covariates, controlValue: controlValue,
      treatedValue: treatedValue, weights: weights, vcov: vcov, confidenceLevel: confidenceLevel, method: method,
      seed: seed)
    self.outcome = outcome
    self.fixedEffects = fixedEffects
    self.sensitivity = sensitivity
    try method.validate()
    _ = try analysis
  }

  /// The linear mediation analysis whose sample preparation and fits the paths use.
  var analysis: MediationAnalysis {
    get throws(MediationError) {
      try MediationAnalysis(
        spec: spec.with(method: .closedForm, seed: 0), outcome: outcome, fixedEffects: fixedEffects)
    }
  }

  /// Fits the mediator models in order and the outcome model, and computes every path with
  /// the inference of ``method``.
  ///
  /// - Parameter data: The table; incomplete rows are removed listwise (every variable of every
  ///   model) and counted in ``SequentialMediationResult/drops``.
  /// - Returns: The path-specific, interventional, joint and total effects.
  /// - Throws: ``MediationError``: a missing or constant column, a model that cannot be fitted,
  ///   a treatment or mediator coefficient removed from a model (collinear), a failed bootstrap.
  /// - Complexity: O(n k²) per model for the fits; O(2^K K k²) for the delta method; `B`
  ///   re-fits of every model (plus `n` or `G` for BCa) for the bootstrap; `S` draws of O(k²)
  ///   per model for the simulations.
  public func fit(_ data: DataTable) throws(MediationError) -> SequentialMediationResult {
    let fit = try MediationFit(analysis: try analysis, data: data, sequential: true)
    let fitted = SequentialPaths(fit: fit)
    let curves = try sensitivity.map { options throws(MediationError) in try sensitivityAnalysis(fit, options: options) }
    let names = fitted.statistics.map(\.term)
    switch method {
    case .closedForm:
      return SequentialMediationResult(
        rows: fitted.deltaRows(), fitted: fitted, method: method, seed: seed, sensitivity: curves, notes: [])
    case .bootstrap(let replicates, let cluster, let interval):
      let spec = try analysis.with(vcov: .iid)
      let outcome = try StatisticBootstrap(
        replicates: replicates, cluster: cluster, interval: interval, seed: seed, level: confidenceLevel
      ).run(sample: fit.completeCases, names: names) { table, _ in
        let paths = SequentialPaths(fit: try MediationFit(analysis: spec, data: table, sequential: true))
        let estimates = paths.estimates
        return paths.statistics.map { $0.value(estimates) }
      }
      return SequentialMediationResult(
        rows: outcome.rows, fitted: fitted, method: method, seed: seed, sensitivity: curves, notes: outcome.notes)
    case .quasiBayesian(let simulations):
      try MediationAnalysis.checkMemory(count: simulations, width: names.count, option: "simulations")
      let drawn = try CoefficientSampler.samplers(for: fit.mediatorModels + [fit.outcomeModel])
      let statistics = fitted.statistics
      let root = SeededGenerator(seed: seed)
      let draws: [[Double]]
      do {
        draws = try ParallelMap.map(simulations) { s -> [Double] in
          var rng = root.derived(stream: UInt64(s))
          let estimates = drawn.map { $0.draw(&rng) }
          return statistics.map { $0.value(estimates) }
        }
      } catch { throw .unavailable(reason: "the simulations failed: \(error)") }
      return SequentialMediationResult(
        rows: SimulationSummary.rows(draws: draws, names: names, level: confidenceLevel) { $0 == names.count - 1 },
        fitted: fitted, method: method, seed: seed, sensitivity: curves, notes: [])
    }
  }
}

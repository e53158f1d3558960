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
  /// - Throws: ``MediationError/invalidOption(_:)`` for empty or repeated names, equal control
  ///   and treated values, a non-finite value or a bad level;
  ///   ``MediationError/mediatorIsTreatment(variable:)``.
  public init(
    treatment: String, mediator: String, outcome: String, covariates: Covariates = Covariates(),
    mediatorValue: Double = 0, controlValue: Double = 0, treatedValue: Double = 1, weights: String? = nil,
    vcov: VarianceType = .iid, confidenceLevel: Double = 0.95
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
    _ = try analysis
  }

  /// The linear-linear mediation analysis with interaction whose models the decomposition reads.
  var analysis: MediationAnalysis {
    get throws(MediationError) {
      try MediationAnalysis(
        treatment: treatment, mediators: [mediator], outcome: outcome, covariates: covariates,
        interaction: true, controlValue: controlValue, treatedValue: treatedValue, weights: weights, vcov: vcov,
        confidenceLevel: confidenceLevel, method: .closedForm)
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
    let components = FourWayComponents(fit: fit, mediatorValue: mediatorValue)
    return FourWayDecompositionResult(
      rows: components.rows(confidenceLevel: confidenceLevel), expectedMediatorAtControl: components.expectedMediator,
      fit: fit, mediatorValue: mediatorValue)
  }
}

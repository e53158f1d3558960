import CausalCore

/// The options every mediation estimator shares: the treatment and its two values, the
/// mediators, the covariates and weights of every model, the coefficient variance, the
/// confidence level, the inference method and the root seed.
///
/// ``MediationAnalysis``, ``SequentialMediation`` and ``InterventionalMediation`` keep these in
/// one value (see ``MediationEstimator``) and add their own options (the outcome or outcomes,
/// the model families, fixed effects, the sensitivity analysis, the Monte Carlo draws). The
/// estimators check the options when they are created.
///
/// ```swift
/// let chain = try SequentialMediation(
///   treatment: "strong_school", mediators: ["leadership", "teaching", "peer"], outcome: "math")
/// print(chain.spec.mediators, chain.treatedValue)
/// ```
public struct MediationModelSpec: Sendable {
  /// The treatment column (numeric; evaluated at ``controlValue`` and ``treatedValue``).
  public let treatment: String
  /// The mediator columns, in the order the estimator gives them a meaning (the causal order, or
  /// the order of the chain that models their joint distribution).
  public let mediators: [String]
  /// Covariates of every model, or none.
  public let covariates: Covariates
  /// The control value of the treatment, `a*` (default 0).
  public let controlValue: Double
  /// The treated value of the treatment, `a` (default 1).
  public let treatedValue: Double
  /// A column of non-negative observation weights, or `nil`; the effects are weighted means.
  public let weights: String?
  /// The coefficient variance of every model (iid by default; `hetero`/`hc0` robust or
  /// `cluster([...])` cluster-robust).
  public let vcov: VarianceType
  /// The confidence level of the reported intervals (default 0.95).
  public let confidenceLevel: Double
  /// How uncertainty is assessed.
  public let method: MediationMethod
  /// The root seed of the simulations, draws or bootstrap replicates.
  public let seed: UInt64

  /// Collects the options; the estimator that stores them checks them.
  ///
  /// - Parameters:
  ///   - treatment: Treatment column.
  ///   - mediators: Mediator columns.
  ///   - covariates: Covariates of every model.
  ///   - controlValue: Control treatment value.
  ///   - treatedValue: Treated treatment value.
  ///   - weights: Weight column.
  ///   - vcov: Coefficient variance.
  ///   - confidenceLevel: Interval level.
  ///   - method: The inference method.
  ///   - seed: The root seed.
  /// - Complexity: O(1).
  public init(
    treatment: String, mediators: [String], covariates: Covariates, controlValue: Double, treatedValue: Double,
    weights: String?, vcov: VarianceType, confidenceLevel: Double, method: MediationMethod, seed: UInt64
  ) {
    self.treatment = treatment
    self.mediators = mediators
    self.covariates = covariates
    self.controlValue = controlValue
    self.treatedValue = treatedValue
    self.weights = weights
    self.vcov = vcov
    self.confidenceLevel = confidenceLevel
    self.method = method
    self.seed = seed
  }

  /// The same options with another method, variance or seed.
  func with(method: MediationMethod? = nil, vcov: VarianceType? = nil, seed: UInt64? = nil) -> MediationModelSpec {
    MediationModelSpec(
      treatment: treatment, mediators: mediators, covariates: covariates, controlValue: controlValue,
      treatedValue: treatedValue, weights: weights, vcov: vcov ?? self.vcov, confidenceLevel: confidenceLevel,
      method: method ?? self.method, seed: seed ?? self.seed)
  }
}

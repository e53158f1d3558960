import CausalCore

/// A mediation estimator whose shared options are a ``MediationModelSpec``: they are read
/// through the estimator itself (`analysis.treatment`, `analysis.method`).
///
/// ``MediationAnalysis``, ``SequentialMediation`` and ``InterventionalMediation`` conform; the
/// properties below are their shared option properties.
///
/// ```swift
/// let analysis = try MediationAnalysis(treatment: "treat", mediators: ["emo"], outcome: "cong_mesg")
/// print(analysis.treatment, analysis.spec.confidenceLevel)
/// ```
public protocol MediationEstimator: Estimator {
  /// The shared options.
  var spec: MediationModelSpec { get }
}

extension MediationEstimator {
  /// The treatment column (numeric; evaluated at ``controlValue`` and ``treatedValue``).
  public var treatment: String { spec.treatment }
  /// The mediator columns (at least one), in the order the estimator gives them a meaning.
  public var mediators: [String] { spec.mediators }
  /// Covariates of every model, or none.
  public var covariates: Covariates { spec.covariates }
  /// The control value of the treatment, `a*` (default 0).
  public var controlValue: Double { spec.controlValue }
  /// The treated value of the treatment, `a` (default 1).
  public var treatedValue: Double { spec.treatedValue }
  /// A column of non-negative observation weights, or `nil`; the effects are weighted means.
  public var weights: String? { spec.weights }
  /// The coefficient variance of every model (iid by default; robust or cluster-robust).
  public var vcov: VarianceType { spec.vcov }
  /// The confidence level of the reported intervals (default 0.95).
  public var confidenceLevel: Double { spec.confidenceLevel }
  /// How uncertainty is assessed (each estimator's initializer gives its default).
  public var method: MediationMethod { spec.method }
  /// The root seed of the simulations, draws or bootstrap replicates.
  public var seed: UInt64 { spec.seed }
}

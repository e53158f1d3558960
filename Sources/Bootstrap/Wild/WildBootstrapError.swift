/// Why a wild bootstrap (``WildClusterBootstrap`` or ``WildBootstrap``) could not be run.
public enum WildBootstrapError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The clustering variable has fewer than two clusters among the used observations.
  case tooFewClusters(count: Int)
  /// A term of the hypothesis is not an estimated coefficient of the model (unknown, or
  /// dropped as collinear or absorbed).
  case termNotInModel(String)
  /// The number of replicates is not positive.
  case invalidReplicates(Int)
  /// A coefficient's design column cannot be rebuilt from the data through a public formula
  /// (for example a dummy of a text column); the wild bootstrap needs every regressor as a
  /// column or an arithmetic expression of columns.
  case unsupportedTerm(String)
  /// The model is weighted (WLS); the wild bootstraps here support OLS only.
  case weightedModel
  /// The restriction is empty, all-zero, or has a non-finite coefficient or value.
  case invalidRestriction
  /// The confidence level is not strictly between 0 and 1.
  case invalidConfidenceLevel(Double)
  /// The estimate's robust (cluster-robust or heteroskedasticity-robust) variance is zero or not
  /// finite, so no t statistic exists.
  case degenerateVariance

  /// A readable message.
  public var description: String {
    switch self {
    case .tooFewClusters(let count): return "the wild cluster bootstrap needs at least 2 clusters, found \(count)"
    case .termNotInModel(let term): return "term '\(term)' is not an estimated coefficient of the model"
    case .invalidReplicates(let b): return "the number of bootstrap replicates must be positive, got \(b)"
    case .unsupportedTerm(let term): return "the design column of term '\(term)' cannot be rebuilt from the data"
    case .weightedModel: return "the wild bootstrap supports unweighted (OLS) models only"
    case .invalidRestriction: return "the restriction must have finite, not all zero, coefficients and a finite value"
    case .invalidConfidenceLevel(let level): return "the confidence level must be between 0 and 1, got \(level)"
    case .degenerateVariance: return "the robust variance of the tested combination is zero or not finite"
    }
  }
}

extension WildBootstrapError {
  /// Checks the options both wild bootstrap variants share: `B ≥ 1` and a confidence level, when
  /// given, strictly between 0 and 1.
  static func checkOptions(replicates: Int, confidenceLevel: Double?) throws(WildBootstrapError) {
    guard replicates > 0 else { throw .invalidReplicates(replicates) }
    if let level = confidenceLevel, !(level > 0 && level < 1) { throw .invalidConfidenceLevel(level) }
  }
}

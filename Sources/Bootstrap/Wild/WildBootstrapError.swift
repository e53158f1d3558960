import CausalCore

/// Why a wild bootstrap (``WildClusterBootstrap`` or ``WildBootstrap``) could not be run.
public enum WildBootstrapError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The clustering variable has fewer than two clusters among the used observations.
  case tooFewClusters(count: Int)
  /// A term of the hypothesis is not an estimated coefficient of the model (unknown, or
  /// dropped as collinear or absorbed).
  case termNotInModel(String)
  /// An option is invalid (the number of replicates, the confidence level); see
  /// ``WildBootstrapOptions``.
  case invalidOption(OptionError)
  /// A coefficient's design column could not be taken from the model frame of the data.
  /// Every term the model frame makes is supported (numeric columns and expressions, text
  /// dummies, `i(var)`, `i(var, ref = …)`, `i(var, x)`, interactions), so this signals a fit and
  /// a model frame that disagree.
  case unsupportedTerm(String)
  /// The model is weighted (WLS); the wild bootstraps here support OLS only.
  case weightedModel
  /// The restriction is empty, all-zero, or has a non-finite coefficient or value.
  case invalidRestriction
  /// The estimate's robust (cluster-robust or heteroskedasticity-robust) variance is zero or not
  /// finite, so no t statistic exists.
  case degenerateVariance

  /// A readable message.
  public var description: String { VisibleText.escape(unescapedDescription) }

  /// The description before the user text in it (names, values) has its control characters
  /// escaped (see `VisibleText`).
  private var unescapedDescription: String {
    switch self {
    case .tooFewClusters(let count):
      return "the wild cluster bootstrap needs at least 2 clusters, found \(count); cluster on a column with more "
        + "distinct values among the used rows"
    case .termNotInModel(let term):
      return "term '\(term)' is not an estimated coefficient of the model (unknown, or dropped as collinear or "
        + "absorbed); test one of the model's coefficients"
    case .invalidOption(let error): return error.description
    case .unsupportedTerm(let term):
      return "the design column of term '\(term)' could not be taken from the model frame of the data; write the "
        + "term as a column of the table and refit"
    case .weightedModel: return "the wild bootstrap supports unweighted (OLS) models only; remove the weights"
    case .invalidRestriction: return "the restriction must have finite, not all zero, coefficients and a finite value"
    case .degenerateVariance: return "the robust variance of the tested combination is zero or not finite"
    }
  }
}

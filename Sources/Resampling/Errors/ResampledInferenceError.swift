import CausalCore

/// Why a resampling bootstrap of a fitted model (`FixedEffectsBootstrap` in Bootstrap) or of a
/// matched sample (`MatchedPairsBootstrap` in Matching) could not produce a result.
///
/// Every case is a condition of the user's input or data; ``description`` says what went
/// wrong, where, and what to do.
public enum ResampledInferenceError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An option is invalid: the number of replicates is below 1 or the confidence level is not
  /// strictly between 0 and 1.
  case invalidOption(OptionError)
  /// The cluster column has fewer than two distinct values among the rows used by the model
  /// (or fewer than two matched sets).
  case tooFewClusters(column: String, found: Int)
  /// A requested term is not an estimated coefficient of the model (unknown, or dropped as
  /// collinear or absorbed); `available` lists the estimated coefficients.
  case termNotInModel(String, available: [String])
  /// A linear combination could not be parsed or is empty.
  case invalidCombination(String, reason: String)
  /// Every replicate failed for `term` (the model could not be refitted, or the term was
  /// dropped as collinear in every resample); `firstError` is the lowest-numbered failure.
  case allReplicatesFailed(term: String, count: Int, firstError: String)
  /// The resampling scheme is not supported here (e.g. stratified resampling for matched
  /// sets, whose only valid scheme resamples whole sets).
  case unsupportedScheme(String)
  /// The requested interval cannot be computed for `term`; `error` is the interval method's
  /// (for instance all replicates on one side of the estimate for BCa).
  case intervalFailed(term: String, method: IntervalMethod, error: BootstrapError)
  /// The BCa interval of `term` needs the delete-one jackknife over `units` (`row`, `cluster`,
  /// `matched set`) for its acceleration, and the jackknife failed with `error`.
  case jackknifeFailed(term: String, units: String, error: BootstrapError)
  /// The matching was done with replacement, where the naive bootstrap of a matching estimator
  /// is in general not valid (Abadie and Imbens 2008); use `AbadieImbensEstimator` instead.
  case matchingWithReplacement
  /// The matched set has no matched sets (subclasses) with positive weight.
  case noMatchedSets
  /// A unit has a positive matching weight but no matched set (subclass), so it cannot be
  /// resampled with its set.
  case unitWithoutMatchedSet(unit: Int)
  /// The table and the matched set disagree in size.
  case lengthMismatch(expected: Int, actual: Int)
  /// A generated column name already exists in the table.
  case reservedColumn(String)
  /// A column needed by the bootstrap (outcome, treatment, cluster) is missing, not numeric, or
  /// cannot be added; the underlying data error is kept.
  case data(DataError)
  /// The effect on the original sample is not finite (for example a constant outcome with a
  /// failed regression); `term` names it.
  case nonFiniteEstimate(term: String, value: Double)
  /// The table is not the one the matching result was computed on; match it again or pass
  /// the same table.
  case tableMismatch(DataError)
  /// The run was cancelled by the caller's `isCancelled` check.
  case cancelled

  /// A readable explanation with a hint.
  public var description: String { VisibleText.escape(unescapedDescription) }

  /// The description before the user text in it (names, values) has its control characters
  /// escaped (see `VisibleText`).
  private var unescapedDescription: String {
    switch self {
    case .invalidOption(let error): return error.description
    case .tooFewClusters(let column, let found):
      return "The cluster bootstrap needs at least 2 clusters in '\(column)' among the rows the model uses; "
        + "found \(found). Cluster on a column with at least 2 distinct values among those rows, or use the pairs bootstrap."
    case .termNotInModel(let term, let available):
      return "Term '\(term)' is not an estimated coefficient of the model (it is unknown, or was dropped as "
        + "collinear or absorbed). Estimated coefficients: \(available.joined(separator: ", "))."
    case .invalidCombination(let text, let reason):
      return "Cannot read the linear combination '\(text)': \(reason). Write it like \"treat - x\" or "
        + "\"2*a + 0.5*b\", with spaces around + and -."
    case .allReplicatesFailed(let term, let count, let first):
      return "All \(count) bootstrap replicates failed for '\(term)', so it has no bootstrap distribution; "
        + "the first failure was: \(first)"
    case .unsupportedScheme(let reason): return "Unsupported resampling scheme: \(reason)"
    case .intervalFailed(let term, let method, let error):
      return "The \(method.rawValue) interval of '\(term)' cannot be computed: \(error.description) "
        + "Try another interval method (percentile is the most robust)."
    case .jackknifeFailed(let term, let units, let error):
      return "The bca interval of '\(term)' needs the delete-one-\(units) jackknife, which failed: "
        + "\(error.description) Every leave-one-\(units) sample must estimate every reported quantity; "
        + "try another interval method (percentile is the most robust)."
    case .matchingWithReplacement:
      return "The matching was done with replacement: the naive bootstrap (resampling units or matched sets) is in "
        + "general not valid for nearest-neighbour matching with replacement (Abadie and Imbens 2008). "
        + "Use AbadieImbensEstimator (causalkit match --estimator abadie-imbens) for its standard error."
    case .noMatchedSets: return "No matched sets with positive weight: nothing was matched, so there is nothing to resample."
    case .unitWithoutMatchedSet(let unit):
      return "Unit \(unit) has a positive matching weight but no matched set (subclass); every matched unit "
        + "needs its set for the matched-set bootstrap. Pass the MatchedSet the matcher returned."
    case .lengthMismatch(let expected, let actual):
      return "The table has \(actual) rows but the matched set has \(expected) units; pass the rows the matcher "
        + "saw, in the same order (PropensityScoreMatchingResult.rows selects them)."
    case .reservedColumn(let name):
      return "The table already has a column named '\(name)', which the bootstrap generates; rename it."
    case .data(let error): return error.description
    case .nonFiniteEstimate(let term, let value):
      return "The estimate of '\(term)' on the original sample is not finite (\(value)); check the outcome column."
    case .tableMismatch(let error):
      return "The table is not the one the matching was computed on: \(error.description) "
        + "Pass the table given to the matcher, or match again."
    case .cancelled: return "The bootstrap was cancelled."
    }
  }
}

import CausalCore

/// The ways a bootstrap run, a jackknife or a bootstrap confidence interval can fail.
///
/// Every case is a user-facing condition (bad input, cancellation, degenerate replicates); none
/// signals a defect. ``description`` says what went wrong and what to do.
public enum BootstrapError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An option is invalid: the number of replicates is below 1, or the confidence level is
  /// not strictly between 0 and 1.
  case invalidOption(OptionError)
  /// The run was cancelled by the caller's `isCancelled` check.
  case cancelled
  /// Every replicate failed (threw or returned non-finite values); `firstError` describes the
  /// failure of the lowest-numbered replicate.
  case allReplicatesFailed(count: Int, firstError: String)
  /// The statistic threw on the original data.
  case originalStatisticFailed(String)
  /// The statistic returned no values, or non-finite values, on the original data.
  case invalidOriginalStatistic([Double])
  /// A column needed by the resampling scheme could not be used.
  case data(DataError)
  /// The cluster or stratum column has a missing value in this row.
  case missingGroupValue(column: String, row: Int)
  /// The table has too few rows (or clusters) for the requested operation.
  case tooFewObservations(needed: Int, found: Int)
  /// The statistic index is outside `0..<k`.
  case invalidStatisticIndex(Int, count: Int)
  /// Fewer than two finite replicate values remain for the interval.
  case tooFewFiniteReplicates(Int)
  /// All finite replicate values are equal, so no interval can be formed (boot.ci returns
  /// `NULL` in this case).
  case constantReplicates(Double)
  /// A studentized interval needs a finite, non-negative variance of the original statistic
  /// and one variance per replicate.
  case invalidVariance(String)
  /// BCa: the bias correction `w = Φ⁻¹(#{t* < t0}/R)` is infinite (all replicates on one side
  /// of `t0`).
  case infiniteBiasCorrection
  /// BCa: the acceleration computed from the influence values is not finite (e.g. all zero).
  case invalidAcceleration
  /// A quantile probability outside `[0, 1]` or NaN.
  case invalidProbability(Double)

  /// A readable explanation with a hint.
  public var description: String { VisibleText.escape(unescapedDescription) }

  /// The description before the user text in it (names, values) has its control characters
  /// escaped (see `VisibleText`).
  private var unescapedDescription: String {
    switch self {
    case .invalidOption(let error): return error.description
    case .cancelled: return "The bootstrap was cancelled."
    case .allReplicatesFailed(let count, let first):
      return "All \(count) bootstrap replicates failed; the first error was: \(first)"
    case .originalStatisticFailed(let message): return "The statistic failed on the original data: \(message)"
    case .invalidOriginalStatistic(let values):
      return "The statistic must return finite values on the original data (got \(values))."
    case .data(let error): return error.description
    case .missingGroupValue(let column, let row):
      return "Column '\(column)' has a missing value in row \(row); drop such rows before resampling."
    case .tooFewObservations(let needed, let found):
      return "At least \(needed) observations (or clusters) are needed; found \(found)."
    case .invalidStatisticIndex(let index, let count): return "Statistic index \(index) is outside 0..<\(count)."
    case .tooFewFiniteReplicates(let n): return "Only \(n) finite replicate values; at least 2 are needed for an interval."
    case .constantReplicates(let value): return "All replicate values equal \(value); no confidence interval can be computed."
    case .invalidVariance(let reason): return "Studentized interval: \(reason)"
    case .infiniteBiasCorrection: return "BCa: all replicates lie on one side of t0, so the bias correction is infinite."
    case .invalidAcceleration: return "BCa: the acceleration is not finite (are all influence values zero?)."
    case .invalidProbability(let p): return "Quantile probability must be in [0, 1] (got \(p))."
    }
  }
}

extension BootstrapError {
  /// The error of a number of replicates below 1.
  package static func invalidReplicates(_ replicates: Int) -> BootstrapError {
    .invalidOption(.invalid(option: "replicates", value: "\(replicates)", expected: "an integer of at least 1"))
  }

  /// The error of a confidence level not strictly between 0 and 1.
  package static func invalidConfidenceLevel(_ level: Double) -> BootstrapError {
    .invalidOption(.invalid(option: "confidenceLevel", value: "\(level)", expected: "a number strictly between 0 and 1"))
  }
}

import CausalCore

/// The output of a bootstrap run: the original statistic, the replicate matrix and the failures.
///
/// `t` is `B × k`, row `r` holding replicate `r` (`t[r][j]` is statistic `j`); a failed
/// replicate's row is all NaN, like boot's `NA` rows, and the interval methods drop non-finite
/// values as `boot.ci` does. For studentized intervals the statistic returns, at index
/// `varianceIndex`, an estimate of the variance of the statistic at `index` (boot.ci's
/// `index = c(1, 2)` convention).
///
/// Encoded with the keys `t0`, `t`, `failed_replicate_indices`, `first_failure`, `reps` and
/// `failed`, non-finite values as `null`.
public struct BootstrapResult: Sendable, Equatable, Codable {
  /// The statistic on the original data (`boot`'s `t0`), `k` values.
  public let t0: [Double]
  /// The replicates (`boot`'s `t`), `B` rows of `k` values; failed replicates are NaN rows.
  public let t: [[Double]]
  /// The replicate numbers that failed, ascending.
  public let failedReplicateIndices: [Int]
  /// The message of the lowest-numbered failed replicate, or `nil` when none failed.
  public let firstFailure: String?

  /// Creates a result (normally done by ``BootstrapResampler/run(on:progress:isCancelled:statistic:)``;
  /// public so that intervals can be computed from replicates produced elsewhere).
  ///
  /// - Parameters:
  ///   - t0: The original statistic.
  ///   - t: The replicate matrix.
  ///   - failedReplicateIndices: Failed replicate numbers.
  ///   - firstFailure: The first failure's message.
  public init(t0: [Double], t: [[Double]], failedReplicateIndices: [Int] = [], firstFailure: String? = nil) {
    self.t0 = t0
    self.t = t
    self.failedReplicateIndices = failedReplicateIndices
    self.firstFailure = firstFailure
  }

  /// The number of replicates `B` (including failed ones).
  public var replicates: Int { t.count }
  /// The number of failed replicates.
  public var failures: Int { failedReplicateIndices.count }

  enum CodingKeys: String, CodingKey {
    case t0, t, failedReplicateIndices = "failed_replicate_indices", firstFailure = "first_failure"
    case replicates = "reps", failures = "failed"
  }

  /// Encodes `t0`, the replicate matrix `t` (NaN as `null`), the failures and `reps`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .numbers(.t0, t0), .numberRows(.t, t), .value(.failedReplicateIndices, failedReplicateIndices),
      .ifPresent(.firstFailure, firstFailure), .value(.replicates, replicates), .value(.failures, failures),
    ])
  }

  /// Decodes a result written by ``encode(to:)``.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      t0: c.numbers(.t0), t: c.numberRows(.t), failedReplicateIndices: c.value(.failedReplicateIndices),
      firstFailure: c.optional(.firstFailure))
  }


  /// Column `index` of ``t``: the replicate values of one statistic (NaN for a short row).
  ///
  /// - Throws: ``BootstrapError/invalidStatisticIndex(_:count:)``.
  /// - Complexity: O(B).
  public func replicates(of index: Int) throws(BootstrapError) -> [Double] {
    guard index >= 0, index < t0.count else { throw .invalidStatisticIndex(index, count: t0.count) }
    return t.map { index < $0.count ? $0[index] : .nan }
  }

  /// The bootstrap standard error of statistic `index`: the sample standard deviation (divisor
  /// `R − 1`) of its finite replicates.
  ///
  /// - Throws: ``BootstrapError/invalidStatisticIndex(_:count:)``, ``BootstrapError/tooFewFiniteReplicates(_:)``.
  /// - Complexity: O(B).
  public func standardError(index: Int = 0) throws(BootstrapError) -> Double {
    let finite = try replicates(of: index).filter(\.isFinite)
    guard finite.count >= 2 else { throw .tooFewFiniteReplicates(finite.count) }
    return IntervalEstimators.sampleVariance(finite, mean: IntervalEstimators.mean(finite)).squareRoot()
  }

  /// The percentile interval of statistic `index`; see ``IntervalEstimators/percentile(t:level:)``.
  ///
  /// - Throws: As ``IntervalEstimators/percentile(t:level:)`` and ``replicates(of:)``.
  public func percentileInterval(level: Double = 0.95, index: Int = 0) throws(BootstrapError) -> BootstrapInterval {
    try IntervalEstimators.percentile(t: replicates(of: index), level: level)
  }

  /// The basic interval of statistic `index`; see ``IntervalEstimators/basic(t0:t:level:)``.
  ///
  /// - Throws: As ``IntervalEstimators/basic(t0:t:level:)`` and ``replicates(of:)``.
  public func basicInterval(level: Double = 0.95, index: Int = 0) throws(BootstrapError) -> BootstrapInterval {
    try IntervalEstimators.basic(t0: t0[checked: index], t: replicates(of: index), level: level)
  }

  /// The bias-corrected normal interval of statistic `index`; see
  /// ``IntervalEstimators/normal(t0:t:level:variance:)``.
  ///
  /// - Throws: As ``IntervalEstimators/normal(t0:t:level:variance:)`` and ``replicates(of:)``.
  public func normalInterval(level: Double = 0.95, index: Int = 0) throws(BootstrapError) -> BootstrapInterval {
    try IntervalEstimators.normal(t0: t0[checked: index], t: replicates(of: index), level: level)
  }

  /// The studentized interval of statistic `index`, whose variance estimate is statistic
  /// `varianceIndex`; see ``IntervalEstimators/studentized(t0:variance0:t:variances:level:)``.
  ///
  /// - Throws: As ``IntervalEstimators/studentized(t0:variance0:t:variances:level:)`` and ``replicates(of:)``.
  public func studentizedInterval(
    level: Double = 0.95, index: Int = 0, varianceIndex: Int = 1
  ) throws(BootstrapError) -> BootstrapInterval {
    let values = try replicates(of: index)
    let variances = try replicates(of: varianceIndex)
    return try IntervalEstimators.studentized(
      t0: t0[index], variance0: t0[varianceIndex], t: values, variances: variances, level: level)
  }

  /// The BCa interval of statistic `index` with the given influence values (e.g.
  /// ``JackknifeResult/influence(index:)``); see ``IntervalEstimators/bca(t0:t:influence:level:)``.
  ///
  /// - Throws: As ``IntervalEstimators/bca(t0:t:influence:level:)`` and ``replicates(of:)``.
  public func bcaInterval(
    level: Double = 0.95, index: Int = 0, influence: [Double]
  ) throws(BootstrapError) -> BootstrapInterval {
    try IntervalEstimators.bca(t0: t0[checked: index], t: replicates(of: index), influence: influence, level: level)
  }
}

extension Array where Element == Double {
  /// The element at `index`, or NaN when out of range (callers validate the index first).
  fileprivate subscript(checked index: Int) -> Double {
    indices.contains(index) ? self[index] : .nan
  }
}

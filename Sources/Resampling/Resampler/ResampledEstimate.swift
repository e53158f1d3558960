import CausalCore

/// The bootstrap summary of one coefficient, linear combination or treatment effect: its
/// estimate, bootstrap standard error, confidence interval and p-value.
///
/// Replicates in which the quantity could not be computed (the refit failed, or the term was
/// dropped as collinear in that resample) are counted in ``failures`` and excluded from every
/// statistic; ``replicateValues`` holds NaN for them.
///
/// **P-value.** ``pValue`` tests `θ = 0` against the bootstrap distribution centred at the
/// estimate: with `d_r = t*_r − t0` over the `R` finite replicates,
/// `p = min(1, 2 · min(#{d_r ≤ t0}, #{d_r ≥ t0}) / R)`. It is the equal-tailed test dual to
/// the basic interval (`p < 1 − c` when the basic interval at level `c` excludes 0, up to the
/// interpolation of the quantiles).
///
/// Encoded with the keys `term`, `estimate`, `std_error`, `statistic`, `p_value`, `conf_low`,
/// `conf_high`, `ci`, `confidence_level`, `reps`, `failed`, `enumerated` (always `false`: resampling
/// never enumerates) and `replicate_values`, non-finite numbers as `null`.
public struct ResampledEstimate: Sendable, Equatable, Codable {
  /// The coefficient name, or the combination's or effect's label.
  public let term: String
  /// The estimate on the original data, `t0`.
  public let estimate: Double
  /// The bootstrap standard error: the sample standard deviation (divisor `R − 1`) of the
  /// finite replicates.
  public let standardError: Double
  /// The confidence interval by the requested method.
  public let interval: BootstrapInterval
  /// The two-sided p-value of `θ = 0` (see the type's discussion).
  public let pValue: Double
  /// The number of replicates run `B` (including failed ones).
  public let replicates: Int
  /// The number of replicates that failed for this quantity.
  public let failures: Int
  /// The replicate values `t*_r` in replicate order (NaN for failures).
  public let replicateValues: [Double]

  /// Creates a summary (normally done by the bootstrap procedures).
  ///
  /// - Parameters:
  ///   - term: The label.
  ///   - estimate: `t0`.
  ///   - standardError: The bootstrap standard error.
  ///   - interval: The interval.
  ///   - pValue: The p-value.
  ///   - replicates: `B`.
  ///   - failures: Failed replicates.
  ///   - replicateValues: The replicate values.
  public init(
    term: String, estimate: Double, standardError: Double, interval: BootstrapInterval, pValue: Double,
    replicates: Int, failures: Int, replicateValues: [Double]
  ) {
    self.term = term
    self.estimate = estimate
    self.standardError = standardError
    self.interval = interval
    self.pValue = pValue
    self.replicates = replicates
    self.failures = failures
    self.replicateValues = replicateValues
  }

  /// The summary as a tidy row: the bootstrap standard error, `estimate / standardError` as the
  /// statistic, the bootstrap p-value and interval.
  public var row: CoefficientRow {
    CoefficientRow(term: term, estimate: estimate, standardError: standardError, pValue: pValue, interval: interval.interval)
  }

  enum CodingKeys: String, CodingKey {
    case replicates = "reps", failures = "failed", enumerated, replicateValues = "replicate_values"
  }

  /// Encodes the summary: its tidy row (see ``row``), the interval's method and level, and the
  /// replicates (see the type's discussion for the keys).
  public func encode(to encoder: any Encoder) throws {
    try row.encode(to: encoder)
    try interval.encode(to: encoder)
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .value(.replicates, replicates), .value(.failures, failures), .value(.enumerated, false),
      .numbers(.replicateValues, replicateValues),
    ])
  }

  /// Decodes a summary written by ``encode(to:)``.
  public init(from decoder: any Decoder) throws {
    let row = try CoefficientRow(from: decoder)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      term: row.term, estimate: row.estimate, standardError: row.standardError,
      interval: BootstrapInterval(from: decoder), pValue: row.pValue, replicates: c.value(.replicates),
      failures: c.value(.failures), replicateValues: c.numbers(.replicateValues))
  }


  /// The centred equal-tailed p-value of `θ = 0` (see the type's discussion).
  ///
  /// - Parameters:
  ///   - t0: The estimate.
  ///   - values: Replicate values; non-finite ones are skipped.
  /// - Returns: The p-value in `[0, 1]`, NaN when no replicate is finite.
  /// - Complexity: O(B).
  public static func centeredPValue(estimate t0: Double, replicates values: [Double]) -> Double {
    var below = 0, above = 0, count = 0
    for value in values where value.isFinite {
      let d = value - t0
      count += 1
      if d <= t0 { below += 1 }
      if d >= t0 { above += 1 }
    }
    guard count > 0 else { return .nan }
    return min(1, 2 * Double(min(below, above)) / Double(count))
  }
}

/// The inputs of one quantity's interval, and the code that turns them into a
/// ``ResampledEstimate``.
package struct ResampledQuantity {
  /// The label.
  var term: String
  /// `t0`.
  var estimate: Double
  /// The analytic variance of `t0` (studentized intervals), NaN when unavailable.
  var variance: Double
  /// The replicate values (NaN for failures).
  var values: [Double]
  /// The analytic variance of each replicate (NaN when unavailable).
  var variances: [Double]

  /// Collects the inputs of one quantity's summary.
  package init(term: String, estimate: Double, variance: Double, values: [Double], variances: [Double]) {
    self.term = term
    self.estimate = estimate
    self.variance = variance
    self.values = values
    self.variances = variances
  }

  /// Summarizes the replicates.
  ///
  /// - Parameters:
  ///   - method: The interval method.
  ///   - level: The confidence level.
  ///   - influence: Jackknife influence values, needed for ``IntervalMethod/bca``.
  ///   - firstFailure: The first failure message, for the error when every replicate failed.
  /// - Throws: ``ResampledInferenceError/allReplicatesFailed(term:count:firstError:)``,
  ///   ``ResampledInferenceError/intervalFailed(term:method:error:)``.
  package func summarize(
    method: IntervalMethod, level: Double, influence: [Double]?, firstFailure: String?
  ) throws(ResampledInferenceError) -> ResampledEstimate {
    let finite = values.filter(\.isFinite)
    let failed = values.count - finite.count
    guard !finite.isEmpty else {
      throw .allReplicatesFailed(term: term, count: values.count, firstError: firstFailure ?? "no finite value")
    }
    let interval: BootstrapInterval
    do throws(BootstrapError) {
      switch method {
      case .percentile: interval = try IntervalEstimators.percentile(t: values, level: level)
      case .basic: interval = try IntervalEstimators.basic(t0: estimate, t: values, level: level)
      case .normal: interval = try IntervalEstimators.normal(t0: estimate, t: values, level: level)
      case .studentized:
        interval = try IntervalEstimators.studentized(
          t0: estimate, variance0: variance, t: values, variances: variances, level: level)
      case .bca:
        guard let influence else { throw .invalidAcceleration }
        interval = try IntervalEstimators.bca(t0: estimate, t: values, influence: influence, level: level)
      }
    } catch {
      throw .intervalFailed(term: term, method: method, error: error)
    }
    let se = finite.count >= 2
      ? IntervalEstimators.sampleVariance(finite, mean: IntervalEstimators.mean(finite)).squareRoot() : .nan
    return ResampledEstimate(
      term: term, estimate: estimate, standardError: se, interval: interval,
      pValue: ResampledEstimate.centeredPValue(estimate: estimate, replicates: values), replicates: values.count,
      failures: failed, replicateValues: values)
  }
}

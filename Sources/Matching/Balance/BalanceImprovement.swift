import CausalCore
import Foundation

/// MatchIt's "Percent Balance Improvement" of one covariate: how much of the imbalance before
/// matching the matched sample removes (`summary(..., improvement = TRUE)`).
///
/// With a = |statistic before| and m = |statistic after|:
///
/// - SMD, eCDF Mean, eCDF Max: 100 (a − m) / a;
/// - variance ratio, on the log scale: 100 (|log a| − |log m|) / |log a|;
///
/// then, for every column, 0 when a = m = 0 and −∞ when a = 0 < m. Negative values mean the
/// matched sample is less balanced. `nil` where a statistic is `nil` (MatchIt's `NA`); NaN
/// where the formula gives 0/0 or ∞/∞, as in MatchIt.
///
/// This is `summary.matchit`'s rule. (`summary()` of a subclassification uses plain ratios for
/// the variance ratio instead of logarithms; CausalKit always uses the log rule.)
public struct BalanceImprovement: Sendable, Equatable, Codable {
  /// Improvement of the standardized mean difference, in percent.
  public let standardizedMeanDifference: Double?
  /// Improvement of the variance ratio on the log scale, in percent.
  public let varianceRatio: Double?
  /// Improvement of the mean eCDF difference, in percent.
  public let ecdfMean: Double?
  /// Improvement of the maximum eCDF difference, in percent.
  public let ecdfMax: Double?

  /// The JSON keys.
  enum CodingKeys: String, CodingKey {
    case standardizedMeanDifference = "smd", varianceRatio = "variance_ratio", ecdfMean = "ecdf_mean"
    case ecdfMax = "ecdf_max"
  }

  /// Encodes the four improvements; `nil` and non-finite values as `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .number(.standardizedMeanDifference, standardizedMeanDifference), .number(.varianceRatio, varianceRatio),
      .number(.ecdfMean, ecdfMean), .number(.ecdfMax, ecdfMax),
    ])
  }

  /// Decodes what ``encode(to:)`` writes (`null` reads as `nil`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    (standardizedMeanDifference, varianceRatio) = try (c.optional(.standardizedMeanDifference), c.optional(.varianceRatio))
    (ecdfMean, ecdfMax) = try (c.optional(.ecdfMean), c.optional(.ecdfMax))
  }


  /// Compares one covariate's statistics before and after matching.
  ///
  /// - Parameters:
  ///   - before: The statistics on all units.
  ///   - after: The statistics on the matched, weighted sample.
  /// - Complexity: O(1).
  public init(before: BalanceStatistics, after: BalanceStatistics) {
    standardizedMeanDifference = Self.percent(before.standardizedMeanDifference, after.standardizedMeanDifference, log: false)
    varianceRatio = Self.percent(before.varianceRatio, after.varianceRatio, log: true)
    ecdfMean = Self.percent(before.ecdfMean, after.ecdfMean, log: false)
    ecdfMax = Self.percent(before.ecdfMax, after.ecdfMax, log: false)
  }

  /// One percent improvement, with MatchIt's special cases for zero imbalance before.
  static func percent(_ before: Double?, _ after: Double?, log: Bool) -> Double? {
    guard let before, let after else { return nil }
    let a = abs(before)
    let m = abs(after)
    if a == 0 && m == 0 { return 0 }
    if a == 0 && m > 0 { return -.infinity }
    if log {
      let la = abs(Foundation.log(a))
      let lm = abs(Foundation.log(m))
      return 100 * (la - lm) / la
    }
    return 100 * (a - m) / a
  }
}

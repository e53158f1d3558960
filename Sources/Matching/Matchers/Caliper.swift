/// The largest allowed score difference between a focal unit and its match (MatchIt's
/// `caliper` with `std.caliper`).
///
/// A focal unit is matched only to units whose score `d` satisfies `|d_focal − d| ≤ width`
/// in raw units; a focal unit with no such unit available stays unmatched. With
/// ``Scale/standardDeviation`` (MatchIt's default, `std.caliper = TRUE`) the raw width is
/// `value × SD(d)`, where SD is the sample standard deviation (denominator `n − 1`) of the score
/// over **all units of both groups that were not discarded** by the common-support rule
/// (MatchIt 4.5.1 `process.caliper`: `sd(distance[!discarded])`).
///
/// With Mahalanobis matching the caliper applies to the score given with the distance (as
/// MatchIt's caliper on the propensity score when `mahvars` is used).
///
/// As in MatchIt, a caliper on a score that takes a single value is dropped. MatchIt also
/// refuses a caliper on a score with exactly two distinct values ("binary"); that check is not
/// reproduced here.
public struct Caliper: Sendable, Equatable, Hashable, Codable {
  /// The units of ``value``.
  public enum Scale: String, Sendable, Equatable, Hashable, Codable {
    // Raw values are the JSON spelling: `sd` or `raw`.
    /// Multiples of the standard deviation of the score (MatchIt's default).
    case standardDeviation = "sd"
    /// The score's own units.
    case raw
  }

  /// The width, in the units given by ``scale``; must be positive and finite.
  public let value: Double
  /// How ``value`` is scaled.
  public let scale: Scale

  /// Creates a caliper.
  ///
  /// - Parameters:
  ///   - value: The width; positive and finite (checked by the matcher's initializer).
  ///   - scale: The units of `value`; standard deviations of the score by default.
  public init(_ value: Double, scale: Scale = .standardDeviation) {
    self.value = value
    self.scale = scale
  }

  /// Throws unless the width is positive and finite.
  func validate() throws(OptionError) {
    try OptionError.requirePositive(value, option: "caliper", example: "0.2")

  }

  /// The width in raw score units.
  ///
  /// - Parameters:
  ///   - score: The score of every unit.
  ///   - discarded: Units excluded from the standard deviation.
  /// - Returns: `value` for a raw caliper, else `value × SD(score over kept units)`; `nil` when
  ///   the score takes a single value (MatchIt then drops the caliper).
  /// - Complexity: O(n).
  func rawWidth(score: [Double], discarded: [Bool]) -> Double? {
    guard let first = score.first, score.contains(where: { $0 != first }) else { return nil }
    switch scale {
    case .raw:
      return value
    case .standardDeviation:
      // Two passes, as R's sd(): the mean, then the sum of squared deviations.
      var count = 0.0, total = 0.0
      for (i, x) in score.enumerated() where !discarded[i] {
        count += 1
        total += x
      }
      guard count > 1 else { return nil }
      let mean = total / count
      var sumSquares = 0.0
      for (i, x) in score.enumerated() where !discarded[i] {
        sumSquares += (x - mean) * (x - mean)
      }
      return value * (sumSquares / (count - 1)).squareRoot()
    }
  }
}

/// The balance of one covariate (or one level of a text covariate), before and after matching.
public struct BalanceRow: Sendable, Equatable, Codable {
  /// The row name: `age`, `race::black`, `I(age^2)`.
  public let covariate: String
  /// The data column or formula term it comes from (`race` for `race::black`).
  public let variable: String
  /// Binary or continuous, by MatchIt's rule (every value 0 or 1).
  public let type: BalanceCovariateType
  /// Balance among all units, with base weights: MatchIt's "Summary of Balance for All Data".
  public let before: BalanceStatistics
  /// Balance in the matched or weighted sample: MatchIt's "Summary of Balance for Matched
  /// Data". `nil` when the table was built without matching weights.
  public let after: BalanceStatistics?
  /// The percent balance improvement; `nil` without matching weights.
  public let improvement: BalanceImprovement?

  /// The JSON keys.
  enum CodingKeys: String, CodingKey {
    case covariate, variable, type, before, after, improvement
  }

  /// Creates a row from its parts.
  ///
  /// - Parameters:
  ///   - covariate: The row name.
  ///   - variable: The source column or term.
  ///   - type: Binary or continuous.
  ///   - before: Statistics among all units.
  ///   - after: Statistics in the matched sample, or `nil`.
  public init(covariate: String, variable: String, type: BalanceCovariateType, before: BalanceStatistics, after: BalanceStatistics?) {
    self.covariate = covariate
    self.variable = variable
    self.type = type
    self.before = before
    self.after = after
    self.improvement = after.map { BalanceImprovement(before: before, after: $0) }
  }
}

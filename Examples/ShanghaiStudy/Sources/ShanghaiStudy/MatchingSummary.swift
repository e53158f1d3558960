import CausalKit

/// The school-level propensity-score matching behind the PSM-DiD: the propensity model, the
/// matched counts and covariate balance before and after matching.
public struct MatchingSummary: Sendable, Equatable {
  /// The propensity model's formula.
  public var formula: String
  /// The propensity model's coefficients (logit).
  public var propensityCoefficients: [CoefficientRow]
  /// The caliper in SDs of the propensity score.
  public var caliper: Double
  /// Units matched and unmatched in each group.
  public var counts: MatchCounts
  /// Balance before and after matching (SMDs with the treated group's SD, MatchIt's ATT
  /// convention).
  public var balance: BalanceTable
  /// The estimated propensity score of each unit (for the overlap plot).
  public var scores: [Double]
  /// Whether each unit is treated, in the order of ``scores``.
  public var treated: [Bool]
  /// The matching weight of each unit (0 when unmatched), in the order of ``scores``.
  public var matchingWeights: [Double]

  /// Creates a summary; parameters as the properties.
  public init(
    formula: String, propensityCoefficients: [CoefficientRow], caliper: Double, counts: MatchCounts, balance: BalanceTable,
    scores: [Double] = [], treated: [Bool] = [], matchingWeights: [Double] = []
  ) {
    self.formula = formula
    self.propensityCoefficients = propensityCoefficients
    self.caliper = caliper
    self.counts = counts
    self.balance = balance
    self.scores = scores
    self.treated = treated
    self.matchingWeights = matchingWeights
  }
}

/// A covariate-balance assessment (before and, when there is an adjustment, after matching or
/// weighting) as balance tables and love plots read it.
///
/// The numbers are descriptive: per covariate, the group means, the standardized mean
/// difference (SMD) and the variance ratio; per sample, the group sizes. The conventions that
/// make the numbers readable (the SMD's denominator, the estimand, how binary covariates are
/// compared) come with them, so a report can state them.
///
/// ```swift
/// func worst(_ balance: some BalanceSummary) -> BalanceSummaryRow? {
///   balance.balanceRows.max { abs($0.before.standardizedMeanDifference ?? 0) < abs($1.before.standardizedMeanDifference ?? 0) }
/// }
/// ```
///
/// See also ``BalanceSummaryRow`` and ``BalanceSampleSizeSummary``.
public protocol BalanceSummary: Sendable {
  /// One row per covariate (one per level of a categorical covariate), in table order.
  var balanceRows: [BalanceSummaryRow] { get }
  /// The number of treated and control units in each sample.
  var balanceSampleSizes: BalanceSampleSizeSummary { get }
  /// The estimand the assessment is for (`ATT`, `ATC`, `ATE`); it chooses the SMD denominator.
  var estimandName: String { get }
  /// A phrase naming the standard deviation that scales the mean differences, e.g. "treated
  /// SD (unmatched sample)".
  var smdDenominatorDescription: String { get }
  /// Whether binary covariates' SMDs are standardized like continuous ones (`true`) or are raw
  /// differences in proportions (`false`).
  var standardizesBinaryCovariates: Bool { get }
}

extension BalanceSummary {
  /// Whether there is an adjusted sample: then every row has its ``BalanceSummaryRow/after``
  /// moments.
  public var isAdjusted: Bool { balanceSampleSizes.adjustedTreated != nil }
}

/// One covariate's balance as a flat record, for data frames and JSON.
///
/// Keys are snake_case (`smd_before`, `ks_after`, ...). "ks" is the eCDF maximum (the weighted
/// Kolmogorov–Smirnov statistic). After-matching fields are `nil` for a table without matching
/// weights; `nil` also stands for MatchIt's `NA` (variance ratios of binary covariates, for
/// example). `nil` fields are left out of the encoded object (``BalanceCompactRow`` writes them
/// as `null` instead). Degenerate covariates can give NaN or ±∞: encode with
/// `JSONEncoder.NonConformingFloatEncodingStrategy.convertToString` to keep them.
public struct BalanceTidyRow: Sendable, Equatable, Codable {
  /// The row name (`age`, `race::black`).
  public var covariate: String
  /// Binary or continuous.
  public var type: BalanceCovariateType
  /// Mean among the treated, all units.
  public var meanTreatedBefore: Double
  /// Mean among the controls, all units.
  public var meanControlBefore: Double
  /// Weighted mean among the treated, matched sample.
  public var meanTreatedAfter: Double?
  /// Weighted mean among the controls, matched sample.
  public var meanControlAfter: Double?
  /// Standardized mean difference, all units.
  public var smdBefore: Double?
  /// Standardized mean difference, matched sample.
  public var smdAfter: Double?
  /// Variance ratio (treated / control), all units; `nil` for binary covariates.
  public var varianceRatioBefore: Double?
  /// Variance ratio, matched sample; `nil` for binary covariates.
  public var varianceRatioAfter: Double?
  /// Mean eCDF difference, all units.
  public var ecdfMeanBefore: Double?
  /// Mean eCDF difference, matched sample.
  public var ecdfMeanAfter: Double?
  /// Maximum eCDF difference (KS statistic), all units.
  public var ksBefore: Double?
  /// Maximum eCDF difference (KS statistic), matched sample.
  public var ksAfter: Double?

  /// The JSON keys.
  enum CodingKeys: String, CodingKey {
    case covariate, type
    case meanTreatedBefore = "mean_treated_before"
    case meanControlBefore = "mean_control_before"
    case meanTreatedAfter = "mean_treated_after"
    case meanControlAfter = "mean_control_after"
    case smdBefore = "smd_before"
    case smdAfter = "smd_after"
    case varianceRatioBefore = "variance_ratio_before"
    case varianceRatioAfter = "variance_ratio_after"
    case ecdfMeanBefore = "ecdf_mean_before"
    case ecdfMeanAfter = "ecdf_mean_after"
    case ksBefore = "ks_before"
    case ksAfter = "ks_after"
  }

  /// Flattens a balance row.
  ///
  /// - Parameter row: The row.
  public init(_ row: BalanceRow) {
    covariate = row.covariate
    type = row.type
    meanTreatedBefore = row.before.meanTreated
    meanControlBefore = row.before.meanControl
    meanTreatedAfter = row.after?.meanTreated
    meanControlAfter = row.after?.meanControl
    smdBefore = row.before.standardizedMeanDifference
    smdAfter = row.after?.standardizedMeanDifference
    varianceRatioBefore = row.before.varianceRatio
    varianceRatioAfter = row.after?.varianceRatio
    ecdfMeanBefore = row.before.ecdfMean
    ecdfMeanAfter = row.after?.ecdfMean
    ksBefore = row.before.ecdfMax
    ksAfter = row.after?.ecdfMax
  }

  /// The seven fields the command-line tool prints.
  public var compact: BalanceCompactRow {
    BalanceCompactRow(
      covariate: covariate, smdBefore: smdBefore, smdAfter: smdAfter, varianceRatioBefore: varianceRatioBefore,
      varianceRatioAfter: varianceRatioAfter, ksBefore: ksBefore, ksAfter: ksAfter)
  }
}

extension BalanceTable {
  /// One flat record per covariate, in row order.
  ///
  /// - Complexity: O(number of rows).
  public func tidyRows() -> [BalanceTidyRow] {
    rows.map(BalanceTidyRow.init)
  }

  /// The command-line tool's records: `covariate`, `smd_before`, `smd_after`,
  /// `variance_ratio_before`, `variance_ratio_after`, `ks_before`, `ks_after`.
  ///
  /// - Complexity: O(number of rows).
  public func compactRows() -> [BalanceCompactRow] {
    rows.map { BalanceTidyRow($0).compact }
  }
}

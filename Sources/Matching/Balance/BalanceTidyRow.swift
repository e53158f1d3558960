import CausalCore

/// One covariate's balance as a flat record, for data frames and JSON.
///
/// Keys are snake_case (`smd_before`, `ks_after`, ...). "ks" is the eCDF maximum (the weighted
/// Kolmogorov–Smirnov statistic). After-matching fields are `nil` for a table without matching
/// weights; `nil` also stands for MatchIt's `NA` (variance ratios of binary covariates, for
/// example). Every key is written: `nil` and non-finite values (degenerate covariates can give
/// NaN or ±∞) as `null`. The command-line tool prints seven of these fields: `covariate`,
/// `smd_before`, `smd_after`, `variance_ratio_before`, `variance_ratio_after`, `ks_before`,
/// `ks_after`.
public struct BalanceTidyRow: Sendable, Equatable, Codable {
  /// The row name (`age`, `race::black`).
  public let covariate: String
  /// Binary or continuous.
  public let type: BalanceCovariateType
  /// Mean among the treated, all units.
  public let meanTreatedBefore: Double
  /// Mean among the controls, all units.
  public let meanControlBefore: Double
  /// Weighted mean among the treated, matched sample.
  public let meanTreatedAfter: Double?
  /// Weighted mean among the controls, matched sample.
  public let meanControlAfter: Double?
  /// Standardized mean difference, all units.
  public let smdBefore: Double?
  /// Standardized mean difference, matched sample.
  public let smdAfter: Double?
  /// Variance ratio (treated / control), all units; `nil` for binary covariates.
  public let varianceRatioBefore: Double?
  /// Variance ratio, matched sample; `nil` for binary covariates.
  public let varianceRatioAfter: Double?
  /// Mean eCDF difference, all units.
  public let ecdfMeanBefore: Double?
  /// Mean eCDF difference, matched sample.
  public let ecdfMeanAfter: Double?
  /// Maximum eCDF difference (KS statistic), all units.
  public let ksBefore: Double?
  /// Maximum eCDF difference (KS statistic), matched sample.
  public let ksAfter: Double?

  /// The JSON keys.
  enum CodingKeys: String, CodingKey {
    case covariate, type, meanTreatedBefore = "mean_treated_before", meanControlBefore = "mean_control_before"
    case meanTreatedAfter = "mean_treated_after", meanControlAfter = "mean_control_after"
    case smdBefore = "smd_before", smdAfter = "smd_after"
    case varianceRatioBefore = "variance_ratio_before", varianceRatioAfter = "variance_ratio_after"
    case ecdfMeanBefore = "ecdf_mean_before", ecdfMeanAfter = "ecdf_mean_after", ksBefore = "ks_before"
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

  /// Encodes every key, `nil` and non-finite numbers as `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .value(.covariate, covariate), .value(.type, type), .number(.meanTreatedBefore, meanTreatedBefore),
      .number(.meanControlBefore, meanControlBefore), .number(.meanTreatedAfter, meanTreatedAfter),
      .number(.meanControlAfter, meanControlAfter), .number(.smdBefore, smdBefore), .number(.smdAfter, smdAfter),
      .number(.varianceRatioBefore, varianceRatioBefore), .number(.varianceRatioAfter, varianceRatioAfter),
      .number(.ecdfMeanBefore, ecdfMeanBefore), .number(.ecdfMeanAfter, ecdfMeanAfter),
      .number(.ksBefore, ksBefore), .number(.ksAfter, ksAfter),
    ])
  }


  /// Decodes what ``encode(to:)`` writes (`null` reads as `nil`, or NaN for the two means).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    covariate = try c.value(.covariate)
    type = try c.value(.type)
    (meanTreatedBefore, meanControlBefore) = try (c.number(.meanTreatedBefore), c.number(.meanControlBefore))
    (meanTreatedAfter, meanControlAfter) = try (c.optional(.meanTreatedAfter), c.optional(.meanControlAfter))
    (smdBefore, smdAfter) = try (c.optional(.smdBefore), c.optional(.smdAfter))
    (varianceRatioBefore, varianceRatioAfter) = try (c.optional(.varianceRatioBefore), c.optional(.varianceRatioAfter))
    (ecdfMeanBefore, ecdfMeanAfter) = try (c.optional(.ecdfMeanBefore), c.optional(.ecdfMeanAfter))
    (ksBefore, ksAfter) = try (c.optional(.ksBefore), c.optional(.ksAfter))

  }
}

extension BalanceTable {
  /// One flat record per covariate, in row order.
  ///
  /// - Complexity: O(number of rows).
  public func tidyRows() -> [BalanceTidyRow] {
    rows.map(BalanceTidyRow.init)
  }
}

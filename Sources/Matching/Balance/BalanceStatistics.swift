import CausalCore

/// The balance of one covariate in one sample (all units before matching, or the matched,
/// weighted sample): one row of MatchIt's "Summary of Balance" tables.
///
/// A value of `nil` is MatchIt's `NA` (not computed); NaN and ±∞ are results of MatchIt's
/// formulas on degenerate data (a zero variance, say) and are kept, not hidden.
public struct BalanceStatistics: Sendable, Equatable, Codable {
  /// "Means Treated": Σ wᵢxᵢ / Σ wᵢ over the treated units.
  public let meanTreated: Double
  /// "Means Control": the same over the control units.
  public let meanControl: Double
  /// "Std. Mean Diff.": (meanTreated − meanControl) / SD, with the SD of
  /// ``BalanceSMDDenominator`` (full sample, base weights). Binary covariates are standardized
  /// too, with the SD √(p(1 − p)). When |difference| ≤ √ε ≈ 1.49e-8 the raw difference is
  /// reported instead. `nil` when both groups have fewer than two units of non-zero weight.
  public let standardizedMeanDifference: Double?
  /// "Var. Ratio": the weighted variance among the treated over that among the controls
  /// (weights of this sample, bias-corrected: Σvᵢ(xᵢ − m)² / (1 − Σvᵢ²) with vᵢ = wᵢ/Σw).
  /// `nil` for binary covariates and when both groups have fewer than two weighted units; NaN
  /// or ∞ when a group's variance is zero.
  public let varianceRatio: Double?
  /// "eCDF Mean": the mean absolute difference of the weighted eCDFs over the distinct values
  /// (see `BalanceECDF`); for a binary covariate, |meanTreated − meanControl|. `nil` as for
  /// ``varianceRatio`` (continuous covariates only).
  public let ecdfMean: Double?
  /// "eCDF Max": the largest absolute difference of the weighted eCDFs, the weighted
  /// Kolmogorov–Smirnov statistic; for a binary covariate, |meanTreated − meanControl|.
  public let ecdfMax: Double?

  /// The JSON keys.
  enum CodingKeys: String, CodingKey {
    case meanTreated = "mean_treated", meanControl = "mean_control", standardizedMeanDifference = "smd"
    case varianceRatio = "variance_ratio", ecdfMean = "ecdf_mean", ecdfMax = "ecdf_max"
  }

  /// Encodes the statistics; `nil` and non-finite values as `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .number(.meanTreated, meanTreated), .number(.meanControl, meanControl),
      .number(.standardizedMeanDifference, standardizedMeanDifference), .number(.varianceRatio, varianceRatio),
      .number(.ecdfMean, ecdfMean), .number(.ecdfMax, ecdfMax),
    ])
  }

  /// Decodes what ``encode(to:)`` writes (`null` means reads as NaN, other `null`s as `nil`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      meanTreated: c.number(.meanTreated), meanControl: c.number(.meanControl),
      standardizedMeanDifference: c.optional(.standardizedMeanDifference), varianceRatio: c.optional(.varianceRatio),
      ecdfMean: c.optional(.ecdfMean), ecdfMax: c.optional(.ecdfMax))
  }


  /// Creates statistics from their values.
  ///
  /// - Parameters:
  ///   - meanTreated: Weighted mean among the treated.
  ///   - meanControl: Weighted mean among the controls.
  ///   - standardizedMeanDifference: The SMD, or `nil`.
  ///   - varianceRatio: The variance ratio, or `nil`.
  ///   - ecdfMean: The mean eCDF difference, or `nil`.
  ///   - ecdfMax: The maximum eCDF difference, or `nil`.
  public init(
    meanTreated: Double, meanControl: Double, standardizedMeanDifference: Double?, varianceRatio: Double?,
    ecdfMean: Double?, ecdfMax: Double?
  ) {
    self.meanTreated = meanTreated
    self.meanControl = meanControl
    self.standardizedMeanDifference = standardizedMeanDifference
    self.varianceRatio = varianceRatio
    self.ecdfMean = ecdfMean
    self.ecdfMax = ecdfMax
  }

  /// The raw difference in means, meanTreated − meanControl.
  public var meanDifference: Double { meanTreated - meanControl }

  /// MatchIt's threshold √ε (ε the double-precision machine epsilon) below which a mean
  /// difference is not standardized and an SD counts as zero.
  public static let tolerance = Double.ulpOfOne.squareRoot()

  /// Computes one sample's statistics for one covariate, following MatchIt's `bal1var`.
  ///
  /// - Parameters:
  ///   - covariate: The covariate.
  ///   - weights: This sample's weights (base weights, or matching × base weights).
  ///   - groups: Treated and control indices and flags.
  ///   - denominator: The SMD denominator (from the full sample).
  ///   - ecdf: The covariate's sort order.
  /// - Complexity: O(n).
  static func compute(
    _ covariate: BalanceCovariate, weights w: [Double], groups: BalanceGroups, denominator: Double, ecdf: BalanceECDF?
  ) -> BalanceStatistics {
    let x = covariate.values
    let meanTreated = BalanceMoments.mean(x, w, groups.treated)
    let meanControl = BalanceMoments.mean(x, w, groups.control)
    let difference = meanTreated - meanControl
    let tooSmall = BalanceMoments.positiveCount(w, groups.treated) < 2 && BalanceMoments.positiveCount(w, groups.control) < 2
    let smd: Double?
    if abs(difference) > tolerance {
      smd = tooSmall ? nil : difference / denominator
    } else {
      smd = difference
    }
    var varianceRatio: Double?, ecdfMean: Double?, ecdfMax: Double?
    if covariate.type == .binary {
      ecdfMean = abs(difference)
      ecdfMax = abs(difference)
    } else if !tooSmall, let ecdf {
      varianceRatio =
        BalanceMoments.variance(x, w, groups.treated, binary: false)
        / BalanceMoments.variance(x, w, groups.control, binary: false)
      let e = ecdf.statistics(x, w, treated: groups.isTreated)
      ecdfMean = e.mean
      ecdfMax = e.max
    }
    return BalanceStatistics(
      meanTreated: meanTreated, meanControl: meanControl, standardizedMeanDifference: smd, varianceRatio: varianceRatio,
      ecdfMean: ecdfMean, ecdfMax: ecdfMax)
  }
}

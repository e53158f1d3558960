/// The balance of one covariate as the command-line tool prints it: seven fields.
///
/// Encoded as `{"covariate", "smd_before", "smd_after", "variance_ratio_before",
/// "variance_ratio_after", "ks_before", "ks_after"}`; `nil` fields encode as `null` (explicitly,
/// so every record has all seven keys). "ks" is the maximum eCDF difference.
public struct BalanceCompactRow: Sendable, Equatable, Codable {
  /// The row name (`age`, `race::black`).
  public var covariate: String
  /// Standardized mean difference, all units.
  public var smdBefore: Double?
  /// Standardized mean difference, matched sample.
  public var smdAfter: Double?
  /// Variance ratio, all units (`nil` for binary covariates).
  public var varianceRatioBefore: Double?
  /// Variance ratio, matched sample.
  public var varianceRatioAfter: Double?
  /// Kolmogorov–Smirnov statistic (eCDF max), all units.
  public var ksBefore: Double?
  /// Kolmogorov–Smirnov statistic, matched sample.
  public var ksAfter: Double?

  /// The JSON keys.
  enum CodingKeys: String, CodingKey {
    case covariate
    case smdBefore = "smd_before"
    case smdAfter = "smd_after"
    case varianceRatioBefore = "variance_ratio_before"
    case varianceRatioAfter = "variance_ratio_after"
    case ksBefore = "ks_before"
    case ksAfter = "ks_after"
  }

  /// Creates a record from its fields.
  ///
  /// - Parameters:
  ///   - covariate: The row name.
  ///   - smdBefore: SMD before matching.
  ///   - smdAfter: SMD after matching.
  ///   - varianceRatioBefore: Variance ratio before matching.
  ///   - varianceRatioAfter: Variance ratio after matching.
  ///   - ksBefore: KS statistic before matching.
  ///   - ksAfter: KS statistic after matching.
  public init(
    covariate: String, smdBefore: Double?, smdAfter: Double?, varianceRatioBefore: Double?, varianceRatioAfter: Double?,
    ksBefore: Double?, ksAfter: Double?
  ) {
    self.covariate = covariate
    self.smdBefore = smdBefore
    self.smdAfter = smdAfter
    self.varianceRatioBefore = varianceRatioBefore
    self.varianceRatioAfter = varianceRatioAfter
    self.ksBefore = ksBefore
    self.ksAfter = ksAfter
  }

  /// Encodes all seven keys, writing `null` for `nil`.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws (for example for NaN without a non-conforming float
  ///   strategy).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(covariate, forKey: .covariate)
    try c.encode(smdBefore, forKey: .smdBefore)
    try c.encode(smdAfter, forKey: .smdAfter)
    try c.encode(varianceRatioBefore, forKey: .varianceRatioBefore)
    try c.encode(varianceRatioAfter, forKey: .varianceRatioAfter)
    try c.encode(ksBefore, forKey: .ksBefore)
    try c.encode(ksAfter, forKey: .ksAfter)
  }
}

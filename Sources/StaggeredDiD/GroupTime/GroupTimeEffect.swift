import CausalCore

/// One group-time average treatment effect, ATT(g, t): the effect in period `time` on the
/// cohort first treated in period `group` (a pre-treatment placebo when `time < group`).
///
/// Encoded as its ``row``'s keys (`term`, `estimate`, `std_error`, ...) plus `group`, `time`,
/// `base_period`, `post` and, with the multiplier bootstrap, `band_low` and `band_high`.
public struct GroupTimeEffect: Sendable, Equatable, Codable {
  /// The cohort: the first treated period.
  public let group: Int
  /// The period.
  public let time: Int
  /// The period it is compared with.
  public let basePeriod: Int
  /// Whether the cell is post-treatment (`time ≥ group`).
  public let isPostTreatment: Bool
  /// The estimate with its pointwise (normal) inference; the term is `ATT(g,t)`.
  public let row: CoefficientRow
  /// The simultaneous confidence band over all cells (multiplier bootstrap), or `nil`.
  public let band: ConfidenceInterval?

  /// Periods since treatment, `time − group` (negative before treatment).
  public var eventTime: Int { time - group }

  /// Creates an effect.
  ///
  /// - Parameters:
  ///   - group: The cohort.
  ///   - time: The period.
  ///   - basePeriod: The base period.
  ///   - isPostTreatment: Whether `time ≥ group`.
  ///   - row: The estimate and its inference.
  ///   - band: The simultaneous band, or `nil`.
  public init(group: Int, time: Int, basePeriod: Int, isPostTreatment: Bool, row: CoefficientRow, band: ConfidenceInterval? = nil) {
    self.group = group
    self.time = time
    self.basePeriod = basePeriod
    self.isPostTreatment = isPostTreatment
    self.row = row
    self.band = band
  }

  enum CodingKeys: String, CodingKey {
    case group, time
    case basePeriod = "base_period"
    case isPostTreatment = "post"
    case bandLow = "band_low"
    case bandHigh = "band_high"
  }

  /// Encodes the row's keys and the cell's.
  public func encode(to encoder: any Encoder) throws {
    try row.encode(to: encoder)
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(group, forKey: .group)
    try c.encode(time, forKey: .time)
    try c.encode(basePeriod, forKey: .basePeriod)
    try c.encode(isPostTreatment, forKey: .isPostTreatment)
    if let band {
      try c.encodeNumber(band.lower, forKey: .bandLow)
      try c.encodeNumber(band.upper, forKey: .bandHigh)
    }
  }

  /// Decodes what ``encode(to:)`` writes.
  public init(from decoder: any Decoder) throws {
    row = try CoefficientRow(from: decoder)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    group = try c.decode(Int.self, forKey: .group)
    time = try c.decode(Int.self, forKey: .time)
    basePeriod = try c.decode(Int.self, forKey: .basePeriod)
    isPostTreatment = try c.decode(Bool.self, forKey: .isPostTreatment)
    band = c.contains(.bandLow)
      ? ConfidenceInterval(lower: try c.decodeNumber(forKey: .bandLow), upper: try c.decodeNumber(forKey: .bandHigh)) : nil
  }
}

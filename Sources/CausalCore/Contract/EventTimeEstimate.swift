/// One relative period's estimate in an event study (an ``EventStudySummary``): the effect
/// of being that many periods from treatment start, or the omitted reference period.
///
/// Encoded as the row's keys (`term`, `estimate`, `std_error`, `statistic`, `p_value`,
/// `conf_low`, `conf_high`; the reference period's undefined statistic and p-value as `null`)
/// plus `relative_time` and `is_reference`.
public struct EventTimeEstimate: Sendable, Equatable, Codable {
  /// Periods since treatment start (negative: leads).
  public let relativeTime: Int
  /// The coefficient row (zero for the reference period).
  public let row: CoefficientRow
  /// Whether this is the omitted reference period.
  public let isReference: Bool

  /// Creates an estimate.
  ///
  /// - Parameters:
  ///   - relativeTime: Periods since treatment start.
  ///   - row: The coefficient row (zero for the reference period).
  ///   - isReference: Whether this is the omitted reference period.
  public init(relativeTime: Int, row: CoefficientRow, isReference: Bool) {
    self.relativeTime = relativeTime
    self.row = row
    self.isReference = isReference
  }

  enum CodingKeys: String, CodingKey {
    case relativeTime = "relative_time"
    case isReference = "is_reference"
  }

  /// Encodes the row's keys with `relative_time` and `is_reference`.
  public func encode(to encoder: any Encoder) throws {
    try row.encode(to: encoder)
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(relativeTime, forKey: .relativeTime)
    try c.encode(isReference, forKey: .isReference)
  }

  /// Decodes an estimate written by ``encode(to:)``.
  public init(from decoder: any Decoder) throws {
    row = try CoefficientRow(from: decoder)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    relativeTime = try c.decode(Int.self, forKey: .relativeTime)
    isReference = try c.decode(Bool.self, forKey: .isReference)
  }
}

extension EventTimeEstimate {
  /// The estimate as one line of a printed summary: `  e: estimate [low, high]`, with `*`
  /// after the reference period's event time.
  package var summaryLine: String {
    "  \(relativeTime)\(isReference ? "*" : ""): \(SummaryFormat.number(row.estimate)) "
      + "[\(SummaryFormat.number(row.confLow)), \(SummaryFormat.number(row.confHigh))]"
  }
}

/// A confidence interval: the one interval shape of every CausalKit result.
///
/// Bounds may be infinite (an interval from test inversion that never crosses the level) or
/// NaN (not computable); both encode as `null`. Encoded with the keys `conf_low` and
/// `conf_high`, as in the tidy rows.
public struct ConfidenceInterval: Sendable, Equatable, Codable, CustomStringConvertible {
  /// The lower bound.
  public let lower: Double
  /// The upper bound.
  public let upper: Double

  /// Creates an interval.
  public init(lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }

  /// Whether `value` lies in the closed interval.
  public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

  /// The width `upper − lower`.
  public var width: Double { upper - lower }

  /// `[lower, upper]`.
  public var description: String { "[\(lower), \(upper)]" }

  enum CodingKeys: String, CodingKey { case lower = "conf_low", upper = "conf_high" }

  /// Encodes the bounds; non-finite bounds become `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [.number(.lower, lower), .number(.upper, upper)])
  }

  /// Decodes the bounds; `null` reads as NaN.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(lower: c.number(.lower), upper: c.number(.upper))
  }

}

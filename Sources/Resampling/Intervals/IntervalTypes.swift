import CausalCore

/// The kinds of bootstrap confidence interval, named as in `boot::boot.ci`'s `type` argument.
public enum IntervalMethod: String, Sendable, Equatable, CaseIterable, Codable {
  /// Bias-corrected normal interval (`"norm"`): `t0 − bias ∓ z_{(1+c)/2}·sd`.
  case normal = "norm"
  /// Basic (reverse percentile) interval (`"basic"`): `2·t0 − q_{(1±c)/2}`.
  case basic
  /// Percentile interval (`"perc"`): `q_{(1∓c)/2}`.
  case percentile = "perc"
  /// Studentized (bootstrap-t) interval (`"stud"`).
  case studentized = "stud"
  /// Bias-corrected and accelerated interval (`"bca"`).
  case bca
}

/// A two-sided bootstrap confidence interval: the bounds as a `ConfidenceInterval` with the
/// method and level that produced them.
///
/// Encoded flat, with the keys `ci` (the method, boot.ci's spelling), `confidence_level`,
/// `conf_low` and `conf_high` (non-finite bounds as `null`).
public struct BootstrapInterval: Sendable, Equatable, Codable {
  /// How the interval was computed.
  public let method: IntervalMethod
  /// The confidence level `c` in `(0, 1)`, e.g. 0.95.
  public let level: Double
  /// The bounds.
  public let interval: ConfidenceInterval

  /// Creates an interval.
  ///
  /// - Parameters:
  ///   - method: The method.
  ///   - level: The confidence level.
  ///   - interval: The bounds.
  public init(method: IntervalMethod, level: Double, interval: ConfidenceInterval) {
    self.method = method
    self.level = level
    self.interval = interval
  }

  /// Creates an interval from its bounds.
  ///
  /// - Parameters:
  ///   - method: The method.
  ///   - level: The confidence level.
  ///   - lower: The lower bound.
  ///   - upper: The upper bound.
  public init(method: IntervalMethod, level: Double, lower: Double, upper: Double) {
    self.init(method: method, level: level, interval: ConfidenceInterval(lower: lower, upper: upper))
  }

  /// The lower bound, `interval.lower`.
  public var lower: Double { interval.lower }
  /// The upper bound, `interval.upper`.
  public var upper: Double { interval.upper }

  enum CodingKeys: String, CodingKey { case method = "ci", level = "confidence_level" }

  /// Encodes the method, the level and the bounds (`conf_low`, `conf_high`) in one object.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [.value(.method, method), .number(.level, level)])
    try interval.encode(to: encoder)
  }

  /// Decodes an interval written by ``encode(to:)``.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(method: c.value(.method), level: c.number(.level), interval: ConfidenceInterval(from: decoder))
  }

}

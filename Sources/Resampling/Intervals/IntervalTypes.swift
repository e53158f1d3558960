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

/// A two-sided bootstrap confidence interval.
public struct BootstrapInterval: Sendable, Equatable {
  /// How the interval was computed.
  public let method: IntervalMethod
  /// The confidence level `c` in `(0, 1)`, e.g. 0.95.
  public let level: Double
  /// The lower end point.
  public let lower: Double
  /// The upper end point.
  public let upper: Double

  /// Creates an interval.
  ///
  /// - Parameters:
  ///   - method: The method.
  ///   - level: The confidence level.
  ///   - lower: The lower end point.
  ///   - upper: The upper end point.
  public init(method: IntervalMethod, level: Double, lower: Double, upper: Double) {
    self.method = method
    self.level = level
    self.lower = lower
    self.upper = upper
  }
}

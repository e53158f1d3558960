/// A continued fraction evaluated by the modified Lentz method (Lentz 1976; Thompson & Barnett
/// 1986), shared by the incomplete beta and gamma functions: the state `C`, `D` and the value
/// `f` after each term, with `C` and `D` kept away from zero.
struct LentzFraction {
  /// The floor for `|C|` and `|D|`.
  static let tiny = 1e-300
  private var c: Double
  private var d: Double
  /// The value of the fraction so far.
  private(set) var value: Double

  /// Starts from `C₀ = c` and `D₀ = d`; the value is `d`.
  init(c: Double, d: Double) {
    self.c = c
    self.d = d
    value = d
  }

  /// Adds the term `numerator / (denominator + ⋯)`.
  ///
  /// - Returns: Whether the value has converged (the term changed it by at most 2 ulp).
  @discardableResult
  mutating func append(numerator: Double, denominator: Double) -> Bool {
    d = numerator * d + denominator
    if abs(d) < Self.tiny { d = Self.tiny }
    c = denominator + numerator / c
    if abs(c) < Self.tiny { c = Self.tiny }
    d = 1 / d
    let delta = d * c
    value *= delta
    return abs(delta - 1) <= 2 * Double.ulpOfOne
  }
}

/// A linear map from data values to drawing coordinates, with "nice" tick values (multiples of
/// 1, 2, 2.5 or 5 times a power of ten).
///
/// ```swift
/// let ticks = LinearScale.niceTicks(lower: 0.03, upper: 0.87, count: 5)  // [0.2, 0.4, 0.6, 0.8]
/// let scale = LinearScale(domain: (0, 1), range: (60, 660))
/// scale(0.5)  // 360
/// ```
public struct LinearScale: Sendable, Equatable {
  /// The data value mapped to ``rangeStart``.
  public var domainLower: Double
  /// The data value mapped to ``rangeEnd``.
  public var domainUpper: Double
  /// The coordinate of ``domainLower``.
  public var rangeStart: Double
  /// The coordinate of ``domainUpper`` (smaller than ``rangeStart`` for a y axis, which grows
  /// downwards in SVG).
  public var rangeEnd: Double

  /// Creates a scale.
  ///
  /// - Parameters:
  ///   - domain: The data interval; equal ends are widened by ±1 (or ±10% of the value) so the
  ///     map stays defined.
  ///   - range: The coordinates of the domain's ends.
  /// - Complexity: O(1).
  public init(domain: (Double, Double), range: (Double, Double)) {
    var (a, b) = domain
    if !(a < b) && !(a > b) {
      let pad = a == 0 || !a.isFinite ? 1 : abs(a) * 0.1
      a = a.isFinite ? a - pad : -1
      b = a + 2 * pad
    }
    domainLower = a
    domainUpper = b
    rangeStart = range.0
    rangeEnd = range.1
  }

  /// The coordinate of a data value.
  ///
  /// - Parameter value: A data value (values outside the domain extrapolate).
  /// - Returns: The coordinate.
  /// - Complexity: O(1).
  public func callAsFunction(_ value: Double) -> Double {
    rangeStart + (value - domainLower) / (domainUpper - domainLower) * (rangeEnd - rangeStart)
  }

  /// The scale with its domain widened to the nearest multiples of the nice step for `count`
  /// ticks, so the axis starts and ends on a tick.
  ///
  /// - Parameter count: The wanted number of intervals between ticks (about).
  /// - Returns: The widened scale.
  /// - Complexity: O(1).
  public func niced(count: Int = 5) -> LinearScale {
    let step = Self.niceStep(span: domainUpper - domainLower, count: count)
    guard step > 0, step.isFinite else { return self }
    var out = self
    out.domainLower = (domainLower / step + 1e-9).rounded(.down) * step
    out.domainUpper = (domainUpper / step - 1e-9).rounded(.up) * step
    return out
  }

  /// The ticks inside the domain (see ``niceTicks(lower:upper:count:)``).
  ///
  /// - Parameter count: The wanted number of intervals (about).
  /// - Returns: Increasing tick values.
  /// - Complexity: O(count).
  public func ticks(count: Int = 5) -> [Double] {
    Self.niceTicks(lower: domainLower, upper: domainUpper, count: count)
  }

  /// The nice step for dividing a span into about `count` intervals: 1, 2, 2.5 or 5 times a
  /// power of ten, the one closest to `span / count`.
  ///
  /// - Parameters:
  ///   - span: The length of the interval (positive and finite, otherwise the step is 0).
  ///   - count: The wanted number of intervals, at least 1.
  /// - Returns: The step, or 0 for an empty or non-finite span.
  /// - Complexity: O(log span).
  public static func niceStep(span: Double, count: Int) -> Double {
    guard span > 0, span.isFinite else { return 0 }
    let raw = span / Double(max(1, count))
    var magnitude = 1.0
    while magnitude * 10 <= raw { magnitude *= 10 }
    while magnitude > raw { magnitude /= 10 }
    let fraction = raw / magnitude
    let nice: Double = fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10
    return nice * magnitude
  }

  /// Nice tick values between two bounds: every multiple of ``niceStep(span:count:)`` in
  /// `[lower, upper]` (within a relative tolerance of 10⁻⁹ of the step), rounded so that
  /// `0.1 + 0.2` prints as `0.3`.
  ///
  /// - Parameters:
  ///   - lower: The lower bound.
  ///   - upper: The upper bound.
  ///   - count: The wanted number of intervals (about).
  /// - Returns: Increasing values; `[lower]` when the bounds are equal; empty when a bound is
  ///   not finite or `lower > upper`.
  /// - Complexity: O(count).
  public static func niceTicks(lower: Double, upper: Double, count: Int = 5) -> [Double] {
    guard lower.isFinite, upper.isFinite, lower <= upper else { return [] }
    if lower == upper { return [lower] }
    let step = niceStep(span: upper - lower, count: count)
    let first = (lower / step - 1e-9).rounded(.up)
    let last = (upper / step + 1e-9).rounded(.down)
    guard last >= first, last - first < 1000 else { return [] }
    var out: [Double] = []
    var k = first
    while k <= last {
      out.append(roundedTick(k * step, step: step))
      k += 1
    }
    return out
  }

  /// A tick value rounded to the step's decimals.
  static func roundedTick(_ value: Double, step: Double) -> Double {
    let decimals = tickDecimals(step: step)
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let r = (value * scale).rounded() / scale
    return r == 0 ? 0 : r
  }

  /// The decimals needed to print multiples of a step exactly (2.5 needs one).
  static func tickDecimals(step: Double) -> Int {
    guard step > 0, step.isFinite else { return 0 }
    var decimals = 0
    var scaled = step
    while decimals < 12 && abs(scaled - scaled.rounded()) > 1e-9 * max(1, abs(scaled)) {
      scaled *= 10
      decimals += 1
    }
    return decimals
  }

  /// Labels for ticks: the step's decimals, thousands separators for whole numbers from
  /// 1,000, and the typographic minus sign (U+2212) for negative values.
  static func tickLabels(_ ticks: [Double]) -> [String] {
    let step = ticks.count > 1 ? abs(ticks[1] - ticks[0]) : 1
    let decimals = tickDecimals(step: step)
    return ticks.map { t in
      let text: String
      if decimals == 0 && abs(t) >= 1_000 && abs(t) < 1e15 {
        text = SummaryNumber.grouped(Int(t.rounded()))
      } else {
        text = SummaryNumber.fixed(t, decimals)
      }
      return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }
  }
}

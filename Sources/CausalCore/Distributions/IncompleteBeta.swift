import Foundation

extension SpecialFunctions {
  /// The regularized incomplete beta function `I_x(a, b)`.
  ///
  /// See ``regularizedBetaPair(a:b:x:y:)`` for the algorithm.
  ///
  /// - Parameters:
  ///   - x: The point, in `[0, 1]`.
  ///   - a: The first shape, positive.
  ///   - b: The second shape, positive.
  /// - Returns: `I_x(a, b)`; NaN for an invalid argument.
  /// - Complexity: O(√max(a, b)) iterations in the worst case.
  public static func regularizedBeta(x: Double, a: Double, b: Double) -> Double {
    regularizedBetaPair(a: a, b: b, x: x, y: 1 - x).lower
  }

  /// The complement `1 − I_x(a, b) = I_{1−x}(b, a)`, computed without cancellation when small.
  ///
  /// - Parameters:
  ///   - x: The point, in `[0, 1]`.
  ///   - a: The first shape, positive.
  ///   - b: The second shape, positive.
  /// - Returns: `1 − I_x(a, b)`; NaN for an invalid argument.
  /// - Complexity: As ``regularizedBeta(x:a:b:)``.
  public static func regularizedBetaComplement(x: Double, a: Double, b: Double) -> Double {
    regularizedBetaPair(a: a, b: b, x: x, y: 1 - x).upper
  }

  /// Both `I_x(a, b)` and its complement, each to full relative accuracy.
  ///
  /// Callers that know `y = 1 − x` more accurately than `1 − x` (for example from a t statistic,
  /// `y = t² / (ν + t²)`) should pass it: when `x` is close to 1 the information is all in `y`.
  ///
  /// Algorithm: the continued fraction of Abramowitz & Stegun 26.5.8 evaluated by the modified
  /// Lentz method, as in Numerical Recipes `betacf` (Press et al., §6.4). For
  /// `x < (a + 1)/(a + b + 2)` it is applied to `I_x(a, b)`, otherwise to `I_y(b, a)`; the other
  /// value is one minus that, which is safe because the complement of the side evaluated is not
  /// small. The prefactor `xᵃ yᵇ / B(a, b)` comes from `betaKernel(_:_:_:_:)`, which stays
  /// accurate for large shapes by the saddle-point arrangement of DiDonato & Morris (1992).
  /// When one shape is at least 1000, the other at most 1, and the point is within `e⁻¹` of the
  /// large shape's end (Student's t with huge ν), the continued fraction would lose ~`a·ε` to
  /// cancellation, so Temme's incomplete-gamma expansion is used instead
  /// (`incompleteBetaLargeShape(_:_:_:_:)`). Accuracy degrades (to roughly `(a+b)·ε` relative)
  /// only when both shapes are large, beyond 10⁵ or so.
  ///
  /// - Parameters:
  ///   - a: The first shape, positive and finite.
  ///   - b: The second shape, positive and finite.
  ///   - x: The point, in `[0, 1]`.
  ///   - y: `1 − x`.
  /// - Returns: `(lower: I_x(a, b), upper: 1 − I_x(a, b))`; NaN for invalid arguments.
  /// - Complexity: O(√max(a, b)) iterations near the mean of the distribution, fewer in the tails.
  public static func regularizedBetaPair(a: Double, b: Double, x: Double, y: Double)
    -> (lower: Double, upper: Double)
  {
    guard a > 0, b > 0, a.isFinite, b.isFinite, x >= 0, y >= 0, x <= 1, y <= 1 else {
      return (.nan, .nan)
    }
    if x == 0 { return (0, 1) }
    if y == 0 { return (1, 0) }
    if largeShapeExpansionApplies(a, b, x) { return incompleteBetaLargeShape(a, b, x, y) }
    if largeShapeExpansionApplies(b, a, y) {
      let swapped = incompleteBetaLargeShape(b, a, y, x)
      return (swapped.upper, swapped.lower)
    }
    let kernel = betaKernel(a, b, x, y)
    let maxIterations = 10_000 + Int(min(100 * max(a, b).squareRoot(), 1e8))
    if x < (a + 1) / (a + b + 2) {
      let lower = min(kernel * betaContinuedFraction(a, b, x, maxIterations: maxIterations) / a, 1)
      return (lower, 1 - lower)
    }
    let upper = min(kernel * betaContinuedFraction(b, a, y, maxIterations: maxIterations) / b, 1)
    return (1 - upper, upper)
  }

  /// The continued fraction for `I_x(a, b) · a B(a, b) / (xᵃ (1−x)ᵇ)` (A&S 26.5.8), by the
  /// modified Lentz method: even terms `m(b−m)x / ((a+2m−1)(a+2m))`, odd terms
  /// `−(a+m)(a+b+m)x / ((a+2m)(a+2m+1))`.
  static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double, maxIterations: Int) -> Double {
    let sum = a + b, plus = a + 1, minus = a - 1
    var d = 1 - sum * x / plus
    if abs(d) < LentzFraction.tiny { d = LentzFraction.tiny }
    var fraction = LentzFraction(c: 1, d: 1 / d)
    var m = 1.0
    while m < Double(maxIterations) {
      let m2 = 2 * m
      fraction.append(numerator: m * (b - m) * x / ((minus + m2) * (a + m2)), denominator: 1)
      let odd = -(a + m) * (sum + m) * x / ((a + m2) * (plus + m2))
      if fraction.append(numerator: odd, denominator: 1) { break }
      m += 1
    }
    return fraction.value

  }
}

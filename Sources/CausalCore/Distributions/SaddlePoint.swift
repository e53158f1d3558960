import Foundation

extension SpecialFunctions {
  /// The deviance term `bd0(x, m) = x log(x/m) + m − x ≥ 0` of Loader's saddle-point method.
  ///
  /// Loader, "Fast and accurate computation of binomial probabilities" (2000). When `x` and `m`
  /// are close the direct formula cancels catastrophically, so for `|x − m| < ½ (x + m)` it sums
  /// `(x − m) v + 2x Σⱼ v^(2j+1)/(2j+1)` with `v = (x − m)/(x + m)` — every term of the sum has the
  /// sign of `v` and the first dominates, so it is stable. (Loader uses the range 0.1; the wider
  /// range avoids a cancellation of up to a factor ten just outside it, at the cost of ≤ 30 terms.)
  ///
  /// - Parameters:
  ///   - x: A non-negative number.
  ///   - m: A positive number.
  /// - Returns: The deviance.
  /// - Complexity: O(1) (at most about 30 series terms).
  static func deviance(_ x: Double, _ m: Double) -> Double {
    if x == 0 { return m }
    let diff = x - m, total = x + m
    if abs(diff) < 0.5 * total {
      let v = diff / total, v2 = v * v
      var sum = diff * v
      var term = 2 * x * v
      var j = 1.0
      while j < 200 {
        term *= v2
        let next = sum + term / (2 * j + 1)
        if next == sum { break }
        sum = next
        j += 1
      }
      return sum
    }
    let ratio = x / m
    let logRatio = ratio.isFinite && ratio > 0 ? log(ratio) : log(x) - log(m)
    return x * logRatio + m - x
  }

  /// The Poisson-like kernel `x^a e^(−x) / Γ(a + 1)`, the prefactor of the incomplete gamma series
  /// and continued fraction.
  ///
  /// For `a ≥ 10` it is formed as `exp(−c(a) − bd0(a, x)) / √(2πa)` (Loader 2000), with `c` the
  /// ``stirlingCorrection(_:)``; this keeps full relative accuracy for large `a`, where
  /// `a log x − x − log Γ(a + 1)` would subtract numbers of size `a log a`. Smaller `a` use the
  /// product `e⁻ˣ · xᵃ / Γ(a + 1)` when no factor over- or underflows (each factor is correct to an
  /// ulp or two, whereas exponentiating the rounded sum `a log x − x` would cost `|x| · ε`), and
  /// that sum otherwise.
  ///
  /// - Parameters:
  ///   - a: A positive shape.
  ///   - x: A non-negative point.
  /// - Returns: The kernel value (0 when it underflows).
  /// - Complexity: O(1).
  static func gammaKernel(_ a: Double, _ x: Double) -> Double {
    if x == 0 { return 0 }
    if a >= 10 {
      return exp(-stirlingCorrection(a) - deviance(a, x)) / (2 * Double.pi * a).squareRoot()
    }
    if x < 700 {
      let power = pow(x, a), scale = tgamma(a + 1)
      if power.isNormal, power < 1e300 { return exp(-x) * power / scale }
    }
    return exp(a * log(x) - x - logGamma(a + 1))
  }

  /// The beta kernel `x^a y^b / B(a, b)` with `y = 1 − x` supplied separately, the prefactor of
  /// the incomplete beta continued fraction.
  ///
  /// When both shapes are at least 10 it is formed as
  /// `√(ab / (2π(a+b))) · exp(−bd0(a, n x) − bd0(b, n y) + c(n) − c(a) − c(b))` with `n = a + b`:
  /// Stirling's formula for the three gammas with the powers folded into Loader's deviances — the
  /// device of DiDonato & Morris's `brcomp` (1992). Otherwise it is
  /// `exp(a log x + b log y − log B(a, b))`, taking each logarithm from whichever of `x`, `y` is
  /// known more accurately (`log1p(−y)` for `x` near 1).
  ///
  /// - Parameters:
  ///   - a: A positive shape.
  ///   - b: A positive shape.
  ///   - x: A point in `[0, 1]`.
  ///   - y: `1 − x`, computed by the caller without cancellation.
  /// - Returns: The kernel value (0 when it underflows).
  /// - Complexity: O(1).
  static func betaKernel(_ a: Double, _ b: Double, _ x: Double, _ y: Double) -> Double {
    if x == 0 || y == 0 { return 0 }
    if a >= 10, b >= 10 {
      let n = a + b
      let correction = stirlingCorrection(n) - stirlingCorrection(a) - stirlingCorrection(b)
      let exponent = -deviance(a, n * x) - deviance(b, n * y) + correction
      return (a * b / (2 * Double.pi * n)).squareRoot() * exp(exponent)
    }
    let logX = x <= 0.5 ? log(x) : log1p(-y)
    let logY = y <= 0.5 ? log(y) : log1p(-x)
    return exp(a * logX + b * logY - logBeta(a, b))
  }
}

import Foundation

extension SpecialFunctions {
  /// Coefficients `d_k = B₂ₖ / (2k (2k)!)` of `log(sinh(s/2)/(s/2)) = Σ d_k s^(2k)`.
  private static let logSinhcCoefficients: [Double] = [
    0.041666666666666664, -0.00034722222222222224, 5.5114638447971785e-06, -1.033399470899471e-07,
    2.08767569878681e-09, -4.403491782239578e-11, 9.55895466477477e-13, -2.1185501852016142e-14,
    4.770034475709914e-16, -1.087434349279031e-17,
  ]

  /// Whether `incompleteBetaLargeShape(_:_:_:_:)` applies to `I_x(a, b)`: a large first shape,
  /// a second shape at most 1, and `x ≥ e⁻¹` (so that the expansion variable `−log x ≤ 1`).
  static func largeShapeExpansionApplies(_ a: Double, _ b: Double, _ x: Double) -> Bool {
    a >= 1000 && b <= 1 && x >= 0.367_879_441_171_442_33
  }

  /// `(I_x(a, b), 1 − I_x(a, b))` for large `a` and `b ≤ 1` by Temme's expansion in incomplete
  /// gamma functions (the method of DiDonato & Morris's `bgrat`, TOMS 708, 1992).
  ///
  /// Why: the continued fraction's first coefficients are `1 − (a+b)x/(a+1)`, which for `x` near 1
  /// and `a` in the millions (Student's t with ν ~ 1e7) cancel and lose ~`a·ε` relative accuracy.
  ///
  /// How: with `t = e^(−s)`, `T = a + (b − 1)/2` and `u₀ = −log x`,
  /// `B(a, b) I_x(a, b) = ∫_{u₀}^∞ e^(−Ts) s^(b−1) φ(s) ds` where
  /// `φ(s) = (sinh(s/2)/(s/2))^(b−1) = Σₙ cₙ s^(2n)` (coefficients from the exponential of the
  /// `log sinhc` series). Integrating term by term,
  /// `I_x(a, b) = R Σₙ cₙ [Γ(b+2n)/(Γ(b) T^(2n))] Q(b+2n, T u₀)` and the complement is the same
  /// sum with `P` in place of `Q`, where `R = Γ(a+b)/(Γ(a) T^b)` is formed from Stirling series
  /// without large cancellation. Terms shrink like `(u₀/2π)^(2n)` and `(2n)!/(2πT)^(2n)`, so ten
  /// terms give full precision for `a ≥ 1000`, `u₀ ≤ 1`.
  ///
  /// - Parameters:
  ///   - a: The large shape (≥ 1000).
  ///   - b: The small shape (≤ 1).
  ///   - x: The point, with `x ≥ e⁻¹`.
  ///   - y: `1 − x`.
  /// - Returns: `(lower: I_x(a, b), upper: 1 − I_x(a, b))`.
  /// - Complexity: At most ten pairs of incomplete gamma evaluations with shape ≤ 21.
  static func incompleteBetaLargeShape(_ a: Double, _ b: Double, _ x: Double, _ y: Double)
    -> (lower: Double, upper: Double)
  {
    let t = a + 0.5 * (b - 1)
    let u0 = x > 0.5 ? -log1p(-y) : -log(x)
    let w = t * u0
    let logR =
      (a + b - 0.5) * log1p(b / a) - b - b * log1p((b - 1) / (2 * a))
      + stirlingCorrection(a + b) - stirlingCorrection(a)
    let r = exp(logR)
    // Power-series coefficients of φ = exp(β Σ d_k u^k), u = s², by the exponential recurrence.
    let beta = b - 1
    let count = logSinhcCoefficients.count
    var phi = [Double](repeating: 0, count: count + 1)
    phi[0] = 1
    for n in 1...count {
      var sum = 0.0
      for k in 1...n { sum += Double(k) * beta * logSinhcCoefficients[k - 1] * phi[n - k] }
      phi[n] = sum / Double(n)
    }
    var lowerSum = 0.0, upperSum = 0.0
    var ratio = 1.0  // Γ(b + 2n) / (Γ(b) T^(2n))
    for n in 0...count {
      if n > 0 {
        let s = b + Double(2 * n)
        ratio *= (s - 2) * (s - 1) / (t * t)
      }
      let (p, q) = regularizedGammaPair(b + Double(2 * n), w)
      let lowerTerm = phi[n] * ratio * q, upperTerm = phi[n] * ratio * p
      lowerSum += lowerTerm
      upperSum += upperTerm
      if abs(lowerTerm) <= 1e-17 * abs(lowerSum), abs(upperTerm) <= 1e-17 * abs(upperSum) { break }
      if phi[n] == 0 && n > 0 { break }  // b = 1: φ ≡ 1
    }
    let lower = min(max(r * lowerSum, 0), 1), upper = min(max(r * upperSum, 0), 1)
    // Each side is accurate on its own; return the smaller directly and its complement.
    return lower <= upper ? (lower, 1 - lower) : (1 - upper, upper)
  }
}

import Foundation

extension SpecialFunctions {
  /// The regularized lower incomplete gamma function `P(a, x) = γ(a, x) / Γ(a)`.
  ///
  /// See ``regularizedGammaPair(_:_:)`` for the algorithm.
  ///
  /// - Parameters:
  ///   - a: The shape, positive and finite.
  ///   - x: The point, non-negative (`+infinity` gives 1).
  /// - Returns: `P(a, x)` in `[0, 1]`; NaN for an invalid argument.
  /// - Complexity: O(√a) terms near `x ≈ a`, fewer elsewhere.
  public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
    regularizedGammaPair(a, x).lower
  }

  /// The regularized upper incomplete gamma function `Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x)`,
  /// computed without forming `1 − P` when it is small.
  ///
  /// - Parameters:
  ///   - a: The shape, positive and finite.
  ///   - x: The point, non-negative.
  /// - Returns: `Q(a, x)` in `[0, 1]`; NaN for an invalid argument.
  /// - Complexity: As ``regularizedGammaP(_:_:)``.
  public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
    regularizedGammaPair(a, x).upper
  }

  /// Both regularized incomplete gamma functions `(P(a, x), Q(a, x))`, each to full relative
  /// accuracy.
  ///
  /// The classical split of Numerical Recipes (Press et al., §6.2): for `x < a + 1` the power
  /// series `P = D · Σₙ xⁿ / ((a+1)⋯(a+n))` converges fast and has positive terms; otherwise
  /// Legendre's continued fraction for `Q`, evaluated by the modified Lentz method, does. The
  /// other function is then `1 −` the computed one, which is safe because on each side of the
  /// split the complement is not small. The prefactor `D = xᵃ e⁻ˣ / Γ(a + 1)` comes from
  /// `gammaKernel(_:_:)`, which keeps its relative accuracy for large `a` (Loader 2000).
  ///
  /// - Parameters:
  ///   - a: The shape, positive and finite.
  ///   - x: The point, non-negative.
  /// - Returns: `(lower: P, upper: Q)`; both NaN for an invalid argument.
  /// - Complexity: O(√a) iterations near `x ≈ a`.
  public static func regularizedGammaPair(_ a: Double, _ x: Double) -> (lower: Double, upper: Double) {
    guard a > 0, a.isFinite, x >= 0 else { return (.nan, .nan) }
    if x == 0 { return (0, 1) }
    if x.isInfinite { return (1, 0) }
    let kernel = gammaKernel(a, x)
    let maxIterations = 10_000 + Int(min(100 * a.squareRoot(), 1e8))
    if x < a + 1 {
      var term = 1.0, sum = 1.0, n = 1.0
      while n < Double(maxIterations) {
        term *= x / (a + n)
        sum += term
        if term <= sum * 1e-17 { break }
        n += 1
      }
      let p = min(kernel * sum, 1)
      return (p, 1 - p)
    }
    let q = min(a * kernel * gammaContinuedFraction(a, x, maxIterations: maxIterations), 1)
    return (1 - q, q)
  }

  /// Legendre's continued fraction `1/(x+1−a− 1(1−a)/(x+3−a− 2(2−a)/(x+5−a− ⋯)))` for
  /// `Γ(a, x) eˣ x⁻ᵃ`, by the modified Lentz method (Lentz 1976; Thompson & Barnett 1986).
  static func gammaContinuedFraction(_ a: Double, _ x: Double, maxIterations: Int) -> Double {
    var b = x + 1 - a
    var fraction = LentzFraction(c: 1 / LentzFraction.tiny, d: 1 / b)
    var i = 1.0
    while i < Double(maxIterations) {
      b += 2
      if fraction.append(numerator: -i * (i - a), denominator: b) { break }
      i += 1
    }
    return fraction.value

  }
}

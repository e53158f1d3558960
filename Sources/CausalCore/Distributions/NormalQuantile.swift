import Foundation

extension SpecialFunctions {
  /// The standard normal quantile Φ⁻¹, given the lower tail `p` or the upper tail `q = 1 − p`.
  ///
  /// Wichura's algorithm AS 241 (`PPND16`), Applied Statistics 37 (1988) 477–484: rational
  /// approximations of degree 7 in `r = 0.180625 − (p − ½)²` for `|p − ½| ≤ 0.425`, and in
  /// `r = √(−log min(p, q))` on `(1.6, 5]` and beyond 5, with relative accuracy about 1e-16 for
  /// tail probabilities down to ~1e-300. Passing the smaller tail directly (via `upperTail`) is
  /// what keeps upper quantiles accurate.
  ///
  /// - Parameters:
  ///   - probability: The tail probability, in `[0, 1]`.
  ///   - upperTail: When `true`, `probability` is `P(Z > z)`; otherwise `P(Z ≤ z)`.
  /// - Returns: The quantile `z`; ∓infinity at the ends; NaN when the probability is NaN or outside
  ///   `[0, 1]`.
  /// - Complexity: O(1).
  public static func normalQuantile(_ probability: Double, upperTail: Bool = false) -> Double {
    guard probability >= 0, probability <= 1 else { return .nan }
    // Work with the lower-tail probability p and its complement without forming 1 − p twice.
    let p = upperTail ? 1 - probability : probability
    let q = upperTail ? probability : 1 - probability
    let centered = upperTail ? 0.5 - probability : probability - 0.5
    if abs(centered) <= 0.425 {
      let r = 0.180625 - centered * centered
      return centered * centralNumerator(r) / centralDenominator(r)
    }
    let tail = centered < 0 ? p : q
    if tail == 0 { return centered < 0 ? -.infinity : .infinity }
    var r = (-log(tail)).squareRoot()
    let value: Double
    if r <= 5 {
      r -= 1.6
      value = intermediateNumerator(r) / intermediateDenominator(r)
    } else {
      r -= 5
      value = farNumerator(r) / farDenominator(r)
    }
    return centered < 0 ? -value : value
  }

  // AS 241 coefficients, highest degree first for Horner evaluation.
  private static let centralNumeratorCoefficients: [Double] = [
    2509.0809287301226727, 33430.575583588128105, 67265.770927008700853,
    45921.953931549871457, 13731.693765509461125, 1971.5909503065514427,
    133.14166789178437745, 3.3871328727963666080,
  ]

  private static func centralNumerator(_ r: Double) -> Double { horner(r, centralNumeratorCoefficients) }

  private static let centralDenominatorCoefficients: [Double] = [
    5226.4952788528545610, 28729.085735721942674, 39307.895800092710610,
    21213.794301586595867, 5394.1960214247511077, 687.18700749205790830,
    42.313330701600911252, 1.0,
  ]

  private static func centralDenominator(_ r: Double) -> Double { horner(r, centralDenominatorCoefficients) }

  private static let intermediateNumeratorCoefficients: [Double] = [
    7.74545014278341407640e-4, 2.27238449892691845833e-2, 2.41780725177450611770e-1,
    1.27045825245236838258, 3.64784832476320460504, 5.76949722146069140550,
    4.63033784615654529590, 1.42343711074968357734,
  ]

  private static func intermediateNumerator(_ r: Double) -> Double { horner(r, intermediateNumeratorCoefficients) }

  private static let intermediateDenominatorCoefficients: [Double] = [
    1.05075007164441684324e-9, 5.47593808499534494600e-4, 1.51986665636164571966e-2,
    1.48103976427480074590e-1, 6.89767334985100004550e-1, 1.67638483018380384940,
    2.05319162663775882187, 1.0,
  ]

  private static func intermediateDenominator(_ r: Double) -> Double { horner(r, intermediateDenominatorCoefficients) }

  private static let farNumeratorCoefficients: [Double] = [
    2.01033439929228813265e-7, 2.71155556874348757815e-5, 1.24266094738807843860e-3,
    2.65321895265761230930e-2, 2.96560571828504891230e-1, 1.78482653991729133580,
    5.46378491116411436990, 6.65790464350110377720,
  ]

  private static func farNumerator(_ r: Double) -> Double { horner(r, farNumeratorCoefficients) }

  private static let farDenominatorCoefficients: [Double] = [
    2.04426310338993978564e-15, 1.42151175831644588870e-7, 1.84631831751005468180e-5,
    7.86869131145613259100e-4, 1.48753612908506148525e-2, 1.36929880922735805310e-1,
    5.99832206555887937690e-1, 1.0,
  ]

  private static func farDenominator(_ r: Double) -> Double { horner(r, farDenominatorCoefficients) }

  /// Evaluates a polynomial whose coefficients are listed from the highest degree down.
  @inline(__always)
  static func horner(_ x: Double, _ coefficients: [Double]) -> Double {
    var result = 0.0
    for c in coefficients { result = result * x + c }
    return result
  }
}

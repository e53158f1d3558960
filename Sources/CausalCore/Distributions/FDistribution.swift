import Foundation

/// Snedecor's F distribution with (d₁, d₂) degrees of freedom (non-integer values allowed).
///
/// With `r = d₁x/d₂`, `P(F ≤ x) = I_u(d₁/2, d₂/2)` where `u = r/(1 + r)` and `1 − u = 1/(1 + r)` is
/// formed directly; both tails come from one call to
/// ``SpecialFunctions/regularizedBetaPair(a:b:x:y:)`` and keep full relative accuracy. Quantiles
/// invert the smaller tail by safeguarded Newton iteration in `log x`.
///
/// ```swift
/// let f = try FDistribution(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 30)
/// f.upperQuantile(0.05)   // 2.922277190645...
/// ```
public struct FDistribution: ContinuousDistribution, Hashable {
  /// The numerator degrees of freedom d₁ (> 0, finite).
  public let numeratorDegreesOfFreedom: Double
  /// The denominator degrees of freedom d₂ (> 0, finite).
  public let denominatorDegreesOfFreedom: Double

  /// Creates an F distribution.
  ///
  /// - Parameters:
  ///   - numeratorDegreesOfFreedom: d₁; positive and finite.
  ///   - denominatorDegreesOfFreedom: d₂; positive and finite (for d₂ → ∞ use
  ///     ``ChiSquaredDistribution`` of `d₁ · F`).
  /// - Throws: ``DistributionError/invalidParameter(distribution:parameter:value:requirement:)``
  ///   when either is NaN, infinite, zero or negative.
  /// - Complexity: O(1).
  public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double)
    throws(DistributionError)
  {
    for (name, value) in [
      ("numeratorDegreesOfFreedom", numeratorDegreesOfFreedom),
      ("denominatorDegreesOfFreedom", denominatorDegreesOfFreedom),
    ] where !(value > 0 && value.isFinite) {
      throw .invalidParameter(
        distribution: "FDistribution", parameter: name, value: value,
        requirement: "finite and greater than 0")
    }
    self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
    self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
  }

  /// The mean d₂/(d₂ − 2) for d₂ > 2, NaN otherwise.
  public var mean: Double {
    let d2 = denominatorDegreesOfFreedom
    return d2 > 2 ? d2 / (d2 - 2) : .nan
  }

  /// The variance `2d₂²(d₁ + d₂ − 2) / (d₁(d₂ − 2)²(d₂ − 4))` for d₂ > 4, +infinity for
  /// 2 < d₂ ≤ 4, NaN otherwise.
  public var variance: Double {
    let d1 = numeratorDegreesOfFreedom, d2 = denominatorDegreesOfFreedom
    if d2 > 4 { return 2 * d2 * d2 * (d1 + d2 - 2) / (d1 * (d2 - 2) * (d2 - 2) * (d2 - 4)) }
    return d2 > 2 ? .infinity : .nan
  }

  /// The density `uᵃ (1−u)ᵇ / (B(a, b) x)` with `a = d₁/2`, `b = d₂/2`, using the beta kernel of
  /// ``SpecialFunctions/regularizedBetaPair(a:b:x:y:)`` (accurate for large degrees of freedom).
  ///
  /// - Parameter x: The point of evaluation.
  /// - Returns: The density (0 for `x < 0`; at 0: +infinity for d₁ < 2, 1 for d₁ = 2, else 0);
  ///   NaN for NaN.
  /// - Complexity: O(1).
  public func density(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x < 0 || x.isInfinite { return 0 }
    let a = 0.5 * numeratorDegreesOfFreedom, b = 0.5 * denominatorDegreesOfFreedom
    if x == 0 { return a < 1 ? .infinity : (a == 1 ? 1 : 0) }
    let (u, v) = split(x)
    return SpecialFunctions.betaKernel(a, b, u, v) / x
  }

  /// `P(F ≤ x)`.
  ///
  /// - Parameter x: The point of evaluation.
  /// - Returns: The lower-tail probability; NaN for NaN.
  /// - Complexity: O(√max(d₁, d₂)) continued-fraction steps at worst.
  public func cdf(_ x: Double) -> Double { tails(x).lower }

  /// `P(F > x)`, computed directly.
  ///
  /// - Parameter x: The point of evaluation.
  /// - Returns: The upper-tail probability; NaN for NaN.
  /// - Complexity: As ``cdf(_:)``.
  public func survival(_ x: Double) -> Double { tails(x).upper }

  /// The lower-tail quantile.
  ///
  /// - Parameter p: A probability in `[0, 1]`.
  /// - Returns: The quantile (0 at p = 0, +infinity at p = 1); NaN outside `[0, 1]`.
  /// - Complexity: Typically 3–10 tail evaluations.
  public func quantile(_ p: Double) -> Double {
    TailInversion.quantile(p, lowerTail: true) { invert($0, lowerTail: $1) }
  }

  /// The upper-tail quantile (critical value): the `x` with `P(F > x) = q`.
  ///
  /// - Parameter q: An upper-tail probability in `[0, 1]`.
  /// - Returns: The quantile; NaN outside `[0, 1]`.
  /// - Complexity: As ``quantile(_:)``.
  public func upperQuantile(_ q: Double) -> Double {
    TailInversion.quantile(q, lowerTail: false) { invert($0, lowerTail: $1) }
  }

  // MARK: - Internals

  /// `(u, 1 − u)` with `u = r/(1 + r)`, `r = d₁x/d₂`, each formed without cancellation.
  private func split(_ x: Double) -> (Double, Double) {
    let r = numeratorDegreesOfFreedom / denominatorDegreesOfFreedom * x
    if r.isInfinite { return (1, 0) }
    return (r / (1 + r), 1 / (1 + r))
  }

  private func tails(_ x: Double) -> (lower: Double, upper: Double) {
    if x.isNaN { return (.nan, .nan) }
    if x <= 0 { return (0, 1) }
    let (u, v) = split(x)
    return SpecialFunctions.regularizedBetaPair(
      a: 0.5 * numeratorDegreesOfFreedom, b: 0.5 * denominatorDegreesOfFreedom, x: u, y: v)
  }

  /// Solves `tail(x) = target` for the lower or upper tail, `target ≤ ½`.
  private func invert(_ target: Double, lowerTail: Bool) -> Double {
    if target == 0 { return lowerTail ? 0 : .infinity }
    // Start from the chi-squared (d₂ → ∞) Wilson–Hilferty value scaled by d₁; the log-space
    // Newton iteration corrects it quickly, and a poor start only costs a few bisections.
    let d1 = numeratorDegreesOfFreedom
    let z = SpecialFunctions.normalQuantile(target, upperTail: !lowerTail)
    let h = 2 / (9 * d1)
    let cube = 1 - h + z * h.squareRoot()
    let guess = cube > 0 ? cube * cube * cube : 0.5
    return TailInversion.solve(target: target, initialGuess: guess, increasing: lowerTail) { x in
      let (lower, upper) = tails(x)
      let value = lowerTail ? lower : upper
      let slope = x * density(x) / value
      return (value, lowerTail ? slope : -slope)
    }
  }
}

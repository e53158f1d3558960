import Foundation

/// The chi-squared distribution with k degrees of freedom (k may be non-integer).
///
/// `P(X ≤ x) = P(k/2, x/2)` and `P(X > x) = Q(k/2, x/2)`, the regularized incomplete gamma
/// functions (``SpecialFunctions/regularizedGammaPair(_:_:)``), each computed directly so both
/// tails keep full relative accuracy. Quantiles invert the smaller tail by safeguarded Newton
/// iteration in `log x` from the Wilson–Hilferty approximation (or the small-`x` power law).
///
/// ```swift
/// let chi2 = try ChiSquaredDistribution(degreesOfFreedom: 3)
/// chi2.survival(7.815)        // 0.04999390297488...
/// chi2.upperQuantile(0.05)    // 7.814727903251...
/// ```
public struct ChiSquaredDistribution: ContinuousDistribution, Hashable {
  /// The degrees of freedom k (> 0, finite).
  public let degreesOfFreedom: Double

  /// Creates a chi-squared distribution.
  ///
  /// - Parameter degreesOfFreedom: k; must be positive and finite (non-integer values allowed).
  /// - Throws: ``DistributionError/invalidParameter(distribution:parameter:value:requirement:)``
  ///   when k is NaN, infinite, zero or negative.
  /// - Complexity: O(1).
  public init(degreesOfFreedom: Double) throws(DistributionError) {
    guard degreesOfFreedom > 0, degreesOfFreedom.isFinite else {
      throw .invalidParameter(
        distribution: "ChiSquaredDistribution", parameter: "degreesOfFreedom",
        value: degreesOfFreedom, requirement: "finite and greater than 0")
    }
    self.degreesOfFreedom = degreesOfFreedom
  }

  /// The mean k.
  public var mean: Double { degreesOfFreedom }

  /// The variance 2k.
  public var variance: Double { 2 * degreesOfFreedom }

  /// The density `x^(k/2−1) e^(−x/2) / (2^(k/2) Γ(k/2))`, formed as `D(k/2, x/2) · (k/2) / x` with
  /// the saddle-point kernel `D(a, z) = zᵃ e⁻ᶻ / Γ(a+1)` (Loader 2000) for accuracy at large k.
  ///
  /// - Parameter x: The point of evaluation.
  /// - Returns: The density (0 for `x < 0`; at `x = 0`: +infinity for k < 2, ½ for k = 2, else 0);
  ///   NaN for NaN.
  /// - Complexity: O(1).
  public func density(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x < 0 || x.isInfinite { return 0 }
    let a = 0.5 * degreesOfFreedom
    if x == 0 { return a < 1 ? .infinity : (a == 1 ? 0.5 : 0) }
    return SpecialFunctions.gammaKernel(a, 0.5 * x) * a / x
  }

  /// `P(X ≤ x) = P(k/2, x/2)`.
  ///
  /// - Parameter x: The point of evaluation.
  /// - Returns: The lower-tail probability; NaN for NaN.
  /// - Complexity: O(√k) series or continued-fraction terms near the mean, fewer in the tails.
  public func cdf(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x <= 0 { return 0 }
    return SpecialFunctions.regularizedGammaPair(0.5 * degreesOfFreedom, 0.5 * x).lower
  }

  /// `P(X > x) = Q(k/2, x/2)`, computed directly.
  ///
  /// - Parameter x: The point of evaluation.
  /// - Returns: The upper-tail probability; NaN for NaN.
  /// - Complexity: As ``cdf(_:)``.
  public func survival(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x <= 0 { return 1 }
    return SpecialFunctions.regularizedGammaPair(0.5 * degreesOfFreedom, 0.5 * x).upper
  }

  /// The lower-tail quantile.
  ///
  /// - Parameter p: A probability in `[0, 1]`.
  /// - Returns: The quantile (0 at p = 0, +infinity at p = 1); NaN outside `[0, 1]`.
  /// - Complexity: Typically 3–8 tail evaluations.
  public func quantile(_ p: Double) -> Double {
    TailInversion.quantile(p, lowerTail: true) { invert($0, lowerTail: $1) }
  }

  /// The upper-tail quantile (critical value): the `x` with `P(X > x) = q`.
  ///
  /// - Parameter q: An upper-tail probability in `[0, 1]`.
  /// - Returns: The quantile; NaN outside `[0, 1]`.
  /// - Complexity: As ``quantile(_:)``.
  public func upperQuantile(_ q: Double) -> Double {
    TailInversion.quantile(q, lowerTail: false) { invert($0, lowerTail: $1) }
  }

  /// Solves `tail(x) = target` for the lower or upper tail, `target ≤ ½`.
  private func invert(_ target: Double, lowerTail: Bool) -> Double {
    if target == 0 { return lowerTail ? 0 : .infinity }
    let k = degreesOfFreedom, a = 0.5 * k
    // Wilson–Hilferty: (X/k)^(1/3) is approximately normal with mean 1 − 2/(9k), var 2/(9k).
    let z = SpecialFunctions.normalQuantile(target, upperTail: !lowerTail)
    let h = 2 / (9 * k)
    let cube = 1 - h + z * h.squareRoot()
    var guess = k * cube * cube * cube
    // Near zero P(a, x/2) ≈ (x/2)ᵃ / Γ(a + 1).
    if lowerTail {
      let small = 2 * exp((log(target) + SpecialFunctions.logGamma(a + 1)) / a)
      if !(guess > 0) || small < guess { guess = small }
    }
    return TailInversion.solve(target: target, initialGuess: guess, increasing: lowerTail) { x in
      let (lower, upper) = SpecialFunctions.regularizedGammaPair(a, 0.5 * x)
      let value = lowerTail ? lower : upper
      let slope = x * density(x) / value
      return (value, lowerTail ? slope : -slope)
    }
  }
}

import Foundation

/// Student's t distribution with ν degrees of freedom (ν may be non-integer, huge, or infinite).
///
/// Tails use the identity `P(T > |t|) = ½ I_x(ν/2, ½)` with `x = ν/(ν + t²)`; the complement
/// `y = t²/(ν + t²)` is formed directly and handed to the incomplete beta so that nothing is lost
/// when ν is large and `x` is close to 1 (see ``SpecialFunctions/regularizedBetaPair(a:b:x:y:)``).
/// `ν = +infinity` is the standard normal. Quantiles invert the smaller tail by safeguarded Newton
/// iteration in `log t` from a Cornish–Fisher or power-tail starting value.
///
/// ```swift
/// let t = try StudentTDistribution(degreesOfFreedom: 10)
/// t.upperQuantile(0.025)           // 2.228138851986...
/// t.twoSidedPValue(tStatistic: 3)  // 0.013343655022...
/// ```
public struct StudentTDistribution: ContinuousDistribution, Hashable {
  /// The degrees of freedom ν (> 0, possibly +infinity).
  public let degreesOfFreedom: Double

  /// Creates a t distribution.
  ///
  /// - Parameter degreesOfFreedom: ν; must be positive (non-integer values are allowed) or
  ///   `+infinity` for the standard normal limit.
  /// - Throws: ``DistributionError/invalidParameter(distribution:parameter:value:requirement:)``
  ///   when ν is NaN, zero or negative.
  /// - Complexity: O(1).
  public init(degreesOfFreedom: Double) throws(DistributionError) {
    guard degreesOfFreedom > 0 else {
      throw .invalidParameter(
        distribution: "StudentTDistribution", parameter: "degreesOfFreedom",
        value: degreesOfFreedom, requirement: "greater than 0 (or +infinity for the normal limit)")
    }
    self.degreesOfFreedom = degreesOfFreedom
  }

  /// The mean: 0 for ν > 1, NaN otherwise.
  public var mean: Double { degreesOfFreedom > 1 ? 0 : .nan }

  /// The variance ν/(ν − 2) for ν > 2, +infinity for 1 < ν ≤ 2, NaN for ν ≤ 1.
  public var variance: Double {
    let nu = degreesOfFreedom
    if nu.isInfinite { return 1 }
    if nu > 2 { return nu / (nu - 2) }
    return nu > 1 ? .infinity : .nan
  }

  /// The density `(1 + t²/ν)^(−(ν+1)/2) / (√ν B(ν/2, ½))`, with `log1p` and the large-argument
  /// ``SpecialFunctions/logBeta(_:_:)`` so it stays accurate for huge ν.
  ///
  /// - Parameter x: The point of evaluation.
  /// - Returns: The density; NaN for NaN.
  /// - Complexity: O(1).
  public func density(_ x: Double) -> Double {
    let nu = degreesOfFreedom
    if nu.isInfinite { return NormalDistribution.standard.density(x) }
    if x.isNaN { return .nan }
    if x.isInfinite { return 0 }
    let ratio = x * x / nu
    let logKernel = ratio.isFinite ? log1p(ratio) : 2 * log(abs(x)) - log(nu)
    let logDensity = -0.5 * (nu + 1) * logKernel - SpecialFunctions.logBeta(0.5 * nu, 0.5) - 0.5 * log(nu)
    return exp(logDensity)
  }

  /// `P(T ≤ x)`.
  ///
  /// - Parameter x: The point of evaluation.
  /// - Returns: The lower-tail probability; NaN for NaN.
  /// - Complexity: O(√ν) continued-fraction steps at worst (fewer in the tails).
  public func cdf(_ x: Double) -> Double {
    let (outer, inner) = tails(x)
    return x < 0 ? outer : inner
  }

  /// `P(T > x)`, computed directly (accurate for p-values down to ~1e-300).
  ///
  /// - Parameter x: The point of evaluation.
  /// - Returns: The upper-tail probability; NaN for NaN.
  /// - Complexity: As ``cdf(_:)``.
  public func survival(_ x: Double) -> Double {
    let (outer, inner) = tails(x)
    return x < 0 ? inner : outer
  }

  /// The two-sided p-value `P(|T| ≥ |t|) = I_x(ν/2, ½)`, without doubling a rounded one-sided value.
  ///
  /// - Parameter tStatistic: The observed t statistic.
  /// - Returns: The p-value in `[0, 1]`; NaN for NaN.
  /// - Complexity: As ``cdf(_:)``.
  public func twoSidedPValue(tStatistic: Double) -> Double {
    if degreesOfFreedom.isInfinite { return 2 * NormalDistribution.standardUpperTail(abs(tStatistic)) }
    return min(1, betaPair(tStatistic).lower)
  }

  /// The lower-tail quantile.
  ///
  /// - Parameter p: A probability in `[0, 1]`.
  /// - Returns: The quantile; ∓infinity at 0 and 1; NaN outside `[0, 1]`.
  /// - Complexity: A few (typically 3–8) tail evaluations.
  public func quantile(_ p: Double) -> Double {
    guard p >= 0, p <= 1 else { return .nan }
    if p == 0.5 { return 0 }
    return p < 0.5 ? -positiveQuantile(upperTail: p) : positiveQuantile(upperTail: 1 - p)
  }

  /// The upper-tail quantile (critical value): the `t` with `P(T > t) = q`.
  ///
  /// - Parameter q: An upper-tail probability in `[0, 1]`.
  /// - Returns: The quantile; NaN outside `[0, 1]`.
  /// - Complexity: As ``quantile(_:)``.
  public func upperQuantile(_ q: Double) -> Double {
    guard q >= 0, q <= 1 else { return .nan }
    if q == 0.5 { return 0 }
    return q < 0.5 ? positiveQuantile(upperTail: q) : -positiveQuantile(upperTail: 1 - q)
  }

  // MARK: - Internals

  /// `(x, y) = (ν/(ν+t²), t²/(ν+t²))` and the incomplete beta pair `I_x(ν/2, ½)` and complement.
  private func betaPair(_ t: Double) -> (lower: Double, upper: Double) {
    let nu = degreesOfFreedom
    let square = t * t
    let x: Double, y: Double
    if square.isFinite {
      let total = nu + square
      x = nu / total
      y = square / total
    } else {
      x = (nu / abs(t)) / abs(t)
      y = 1
    }
    return SpecialFunctions.regularizedBetaPair(a: 0.5 * nu, b: 0.5, x: x, y: y)
  }

  /// `(P(T > |t|), P(T ≤ |t|))`.
  private func tails(_ t: Double) -> (outer: Double, inner: Double) {
    if t.isNaN { return (.nan, .nan) }
    if degreesOfFreedom.isInfinite {
      let outer = NormalDistribution.standardUpperTail(abs(t))
      return (outer, NormalDistribution.standardUpperTail(-abs(t)))
    }
    let (lower, upper) = betaPair(t)
    return (0.5 * lower, 0.5 + 0.5 * upper)
  }

  /// The `t > 0` with `P(T > t) = q`, for `0 ≤ q < ½`.
  private func positiveQuantile(upperTail q: Double) -> Double {
    if q == 0 { return .infinity }
    let nu = degreesOfFreedom
    let z = SpecialFunctions.normalQuantile(q, upperTail: true)
    if nu.isInfinite { return z }
    if nu == 1 {
      // Cauchy: t = cot(πq); for q ≥ ¼ use tan(π(½ − q)), where ½ − q is exact, to avoid the
      // cancellation of cot near π/2.
      return q < 0.25 ? 1 / tan(Double.pi * q) : tan(Double.pi * (0.5 - q))
    }
    // Cornish–Fisher expansion about the normal quantile (A&S 26.7.5, first two terms).
    let z2 = z * z
    var guess = z + z * (z2 + 1) / (4 * nu) + z * ((5 * z2 + 16) * z2 + 3) / (96 * nu * nu)
    // Power-tail approximation P(T > t) ≈ ν^(ν/2 − 1) t^(−ν) / B(ν/2, ½), good for small q and ν.
    let logTail = (log(q * nu) + SpecialFunctions.logBeta(0.5 * nu, 0.5)) / -nu
    let tailGuess = nu.squareRoot() * exp(logTail)
    if q < 0.1, tailGuess.isFinite, tailGuess > guess { guess = tailGuess }
    return TailInversion.solve(target: q, initialGuess: guess, increasing: false) { t in
      let outer = tails(t).outer
      return (outer, -t * density(t) / outer)
    }
  }
}

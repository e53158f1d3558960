/// Convenience p-values and critical values for common test statistics.
///
/// Each function validates its degrees of freedom (throwing ``DistributionError``) and then uses
/// the directly computed upper tails of the distribution types, so p-values far below machine
/// epsilon (down to ~1e-300) keep full relative accuracy.
public enum PValues {
  /// The two-sided p-value `P(|T| ≥ |t|)` of a t statistic.
  ///
  /// Computed as `I_x(ν/2, ½)` with `x = ν/(ν + t²)` (see
  /// ``StudentTDistribution/twoSidedPValue(tStatistic:)``); `ν = +infinity` gives the normal.
  ///
  /// - Parameters:
  ///   - tStatistic: The observed statistic.
  ///   - degreesOfFreedom: ν > 0 (non-integer allowed, or +infinity).
  /// - Returns: The p-value in `[0, 1]`; NaN for a NaN statistic.
  /// - Throws: ``DistributionError/invalidParameter(distribution:parameter:value:requirement:)``
  ///   when ν is not positive.
  /// - Complexity: As ``StudentTDistribution/cdf(_:)``.
  public static func twoSided(tStatistic: Double, degreesOfFreedom: Double) throws(DistributionError) -> Double {
    try StudentTDistribution(degreesOfFreedom: degreesOfFreedom).twoSidedPValue(tStatistic: tStatistic)
  }

  /// The two-sided p-value `P(|Z| ≥ |z|) = erfc(|z|/√2)` of a standard normal statistic.
  ///
  /// - Parameter zStatistic: The observed statistic.
  /// - Returns: The p-value in `[0, 1]`; NaN for NaN.
  /// - Complexity: O(1).
  public static func twoSided(zStatistic: Double) -> Double {
    min(1, 2 * NormalDistribution.standardUpperTail(abs(zStatistic)))
  }

  /// The upper-tail p-value `P(F > f)` of an F statistic with (d₁, d₂) degrees of freedom.
  ///
  /// - Parameters:
  ///   - fStatistic: The observed statistic.
  ///   - numeratorDegreesOfFreedom: d₁ > 0.
  ///   - denominatorDegreesOfFreedom: d₂ > 0.
  /// - Returns: The p-value in `[0, 1]`; NaN for NaN.
  /// - Throws: ``DistributionError/invalidParameter(distribution:parameter:value:requirement:)``
  ///   for invalid degrees of freedom.
  /// - Complexity: As ``FDistribution/cdf(_:)``.
  public static func upperTail(
    fStatistic: Double, numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double
  ) throws(DistributionError) -> Double {
    try FDistribution(
      numeratorDegreesOfFreedom: numeratorDegreesOfFreedom,
      denominatorDegreesOfFreedom: denominatorDegreesOfFreedom
    ).survival(fStatistic)
  }

  /// The upper-tail p-value `P(χ² > x)` of a chi-squared statistic (Wald and likelihood-ratio tests).
  ///
  /// - Parameters:
  ///   - chiSquaredStatistic: The observed statistic.
  ///   - degreesOfFreedom: k > 0.
  /// - Returns: The p-value in `[0, 1]`; NaN for NaN.
  /// - Throws: ``DistributionError/invalidParameter(distribution:parameter:value:requirement:)``
  ///   for invalid degrees of freedom.
  /// - Complexity: As ``ChiSquaredDistribution/cdf(_:)``.
  public static func upperTail(chiSquaredStatistic: Double, degreesOfFreedom: Double) throws(DistributionError)
    -> Double
  {
    try ChiSquaredDistribution(degreesOfFreedom: degreesOfFreedom).survival(chiSquaredStatistic)
  }

  /// The two-sided critical value `t` with `P(|T| > t) = α` (for confidence intervals).
  ///
  /// - Parameters:
  ///   - alpha: The total two-sided level, in `(0, 1]` (e.g. 0.05 for a 95% interval).
  ///   - degreesOfFreedom: ν > 0 (or +infinity for the normal).
  /// - Returns: The critical value.
  /// - Throws: ``DistributionError/invalidParameter(distribution:parameter:value:requirement:)``
  ///   for invalid ν; ``DistributionError/invalidProbability(function:value:)`` when α is not in
  ///   `(0, 1]`.
  /// - Complexity: As ``StudentTDistribution/upperQuantile(_:)``.
  public static func twoSidedCriticalValue(alpha: Double, degreesOfFreedom: Double) throws(DistributionError)
    -> Double
  {
    let t = try StudentTDistribution(degreesOfFreedom: degreesOfFreedom)
    guard alpha > 0, alpha <= 1 else {
      throw .invalidProbability(function: "PValues.twoSidedCriticalValue", value: alpha)
    }
    return t.upperQuantile(0.5 * alpha)
  }
}

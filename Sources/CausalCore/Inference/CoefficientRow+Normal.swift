extension CoefficientRow {
  /// A row with a standard-normal reference distribution: `z = estimate / standardError`, the
  /// two-sided p-value `2(1 − Φ(|z|))` and the interval `estimate ± Φ⁻¹((1 + level)/2) ×
  /// standardError`. A standard error that is NaN, zero or negative gives NaN statistic and
  /// p-value (the interval is then the estimate itself or NaN).
  ///
  /// The row of every estimator whose inference is asymptotically normal: influence-function
  /// standard errors (Callaway-Sant'Anna, doubly robust DiD), Abadie-Imbens matching.
  ///
  /// - Parameters:
  ///   - term: The term's name.
  ///   - estimate: The point estimate.
  ///   - standardError: The standard error.
  ///   - level: The confidence level, in (0, 1).
  /// - Complexity: O(1).
  public static func normal(term: String, estimate: Double, standardError: Double, level: Double) -> CoefficientRow {
    let normal = NormalDistribution.standard
    let valid = standardError > 0
    let z = valid ? estimate / standardError : .nan
    let q = normal.quantile((1 + level) / 2)
    return CoefficientRow(
      term: term, estimate: estimate, standardError: standardError, statistic: z,
      pValue: valid ? min(1, 2 * normal.survival(abs(z))) : .nan, confLow: estimate - q * standardError,
      confHigh: estimate + q * standardError)
  }
}

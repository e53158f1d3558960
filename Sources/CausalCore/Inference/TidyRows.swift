import LinearAlgebra

/// Builds tidy coefficient rows from estimates and a variance matrix.
///
/// For each term: `statistic = estimate / std_error`; the two-sided p-value is
/// `2 · P(T > |statistic|)` under the reference distribution; the interval is
/// `estimate ± q · std_error` with `q` the `(1 + level)/2` quantile.
package enum TidyRows {
  /// Makes the rows.
  ///
  /// - Parameters:
  ///   - terms: Term names.
  ///   - estimates: Point estimates, one per term.
  ///   - variance: Their variance matrix.
  ///   - distribution: Student t (with its degrees of freedom) or normal.
  ///   - level: Confidence level in (0, 1).
  /// - Throws: ``DistributionError`` when the degrees of freedom or level are invalid.
  package static func make(
    terms: [String], estimates: [Double], variance: Matrix, distribution: ReferenceDistribution,
    level: Double
  ) throws -> [CoefficientRow] {
    try make(
      terms: terms, estimates: estimates,
      standardErrors: terms.indices.map { j in
        variance[j, j] > 0 ? variance[j, j].squareRoot() : 0
      }, distribution: distribution, level: level)
  }

  /// Makes the rows from standard errors (for estimators that compute them apart from the
  /// variance matrix, for example in scaled units). A NaN standard error (a variance that is
  /// not defined) gives NaN statistic, p-value and interval.
  ///
  /// - Parameters:
  ///   - terms: Term names.
  ///   - estimates: Point estimates, one per term.
  ///   - standardErrors: Their standard errors.
  ///   - distribution: Student t (with its degrees of freedom) or normal.
  ///   - level: Confidence level in (0, 1).
  /// - Throws: ``DistributionError`` when the degrees of freedom or level are invalid.
  /// - Complexity: O(terms).
  package static func make(
    terms: [String], estimates: [Double], standardErrors: [Double], distribution: ReferenceDistribution,
    level: Double
  ) throws -> [CoefficientRow] {
    let dist = try distribution.continuous()
    guard level > 0, level < 1 else { throw DistributionError.invalidProbability(function: "confidence level", value: level) }
    let q = dist.quantile((1 + level) / 2)
    return terms.indices.map { j in
      let se = standardErrors[j]
      let t = estimates[j] / se
      let p = se.isNaN ? Double.nan : min(1, 2 * dist.survival(abs(t)))
      return CoefficientRow(
        term: terms[j], estimate: estimates[j], standardError: se, statistic: t, pValue: p,
        confLow: estimates[j] - q * se, confHigh: estimates[j] + q * se)
    }
  }
}

extension ReferenceDistribution {
  /// The matching continuous distribution.
  ///
  /// - Throws: ``DistributionError`` for invalid degrees of freedom.
  package func continuous() throws -> any ContinuousDistribution {
    switch self {
    case .normal: return try NormalDistribution(mean: 0, standardDeviation: 1)
    case .studentT(let df): return try StudentTDistribution(degreesOfFreedom: df)
    }
  }
}

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
    let dist = try distribution.continuous()
    guard level > 0, level < 1 else { throw DistributionError.invalidProbability(function: "confidence level", value: level) }
    let q = dist.quantile((1 + level) / 2)
    return terms.indices.map { j in
      let se = variance[j, j] > 0 ? variance[j, j].squareRoot() : 0
      let t = estimates[j] / se
      let p = min(1, 2 * dist.survival(abs(t)))
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

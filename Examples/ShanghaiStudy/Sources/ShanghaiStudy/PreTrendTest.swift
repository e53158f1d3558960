import CausalKit

/// The joint test that every pre-treatment event-study coefficient is zero.
///
/// CausalKit's `FixedEffectsFit` has no Wald-test method yet, so the test is formed here from
/// the public variance matrix: `W = b'V⁻¹b` over the `q` lead coefficients `b` with their
/// cluster-robust (CR1) covariance `V`, reported as `F = W / q` against `F(q, G − 1)` (fixest's
/// `wald()` convention for clustered fits). The largest `|t|` of a single lead is reported
/// beside it.
public struct PreTrendTest: Sendable, Equatable {
  /// Number of lead coefficients tested.
  public var leads: Int
  /// The F statistic.
  public var statistic: Double
  /// Denominator degrees of freedom (clusters − 1).
  public var denominatorDegreesOfFreedom: Double
  /// The p-value.
  public var pValue: Double
  /// The largest `|estimate / SE|` among the leads.
  public var maxAbsoluteT: Double

  /// Creates a test result; parameters as the properties.
  public init(leads: Int, statistic: Double, denominatorDegreesOfFreedom: Double, pValue: Double, maxAbsoluteT: Double) {
    self.leads = leads
    self.statistic = statistic
    self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    self.pValue = pValue
    self.maxAbsoluteT = maxAbsoluteT
  }

  /// Tests the leads of an event study.
  ///
  /// - Parameter result: The event-study fit.
  /// - Returns: The test, or `nil` when there are no leads.
  /// - Throws: `LinearAlgebraError` when the leads' covariance is singular; `DistributionError`
  ///   for invalid degrees of freedom.
  public init?(result: EventStudyResult) throws {
    let leads = result.preTrends
    guard !leads.isEmpty else { return nil }
    let terms = leads.map(\.row.term)
    let variance = result.fit.variance
    let indices = terms.compactMap { variance.terms.firstIndex(of: $0) }
    guard indices.count == terms.count else { return nil }
    let sub = variance.matrix.selecting(indices)
    let b = leads.map(\.row.estimate)
    let solved = try Cholesky(sub).solve(b)
    let wald = zip(b, solved).reduce(0) { $0 + $1.0 * $1.1 }
    let q = Double(terms.count)
    let df = max(1, result.fit.tDegreesOfFreedom)
    let f = wald / q
    self.init(
      leads: terms.count, statistic: f, denominatorDegreesOfFreedom: df,
      pValue: try PValues.upperTail(fStatistic: f, numeratorDegreesOfFreedom: q, denominatorDegreesOfFreedom: df),
      maxAbsoluteT: leads.map { abs($0.row.statistic) }.max() ?? 0)
  }
}

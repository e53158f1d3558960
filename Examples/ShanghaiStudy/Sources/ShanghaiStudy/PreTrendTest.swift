import CausalKit

/// The joint test that every pre-treatment event-study coefficient is zero.
///
/// `FixedEffectsFit.waldTest(terms:)` over the lead coefficients: `W = b'V⁻¹b` with their
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
  /// - Throws: The errors of `FixedEffectsFit.waldTest(terms:)` (for example a singular
  ///   covariance of the leads).
  public init?(result: EventStudyResult) throws {
    let leads = result.preTrends
    guard !leads.isEmpty else { return nil }
    let test = try result.fit.waldTest(terms: leads.map(\.row.term))
    self.init(
      leads: test.numeratorDegreesOfFreedom, statistic: test.statistic,
      denominatorDegreesOfFreedom: test.denominatorDegreesOfFreedom, pValue: test.pValue,
      maxAbsoluteT: leads.map { abs($0.row.statistic) }.max() ?? 0)
  }
}

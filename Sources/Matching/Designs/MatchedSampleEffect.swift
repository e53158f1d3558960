import CausalCore
import FixedEffects

/// A treatment effect estimated on a matched sample by ``MatchedSampleRegression``.
///
/// ``coefficients`` holds one row, the treatment's (term = the treatment column).
public struct MatchedSampleEffect: EstimationResult {
  /// What the effect targets.
  public let estimand: MatchingEstimand
  /// The effect's tidy row (term = the treatment column).
  public let row: CoefficientRow
  /// How the standard error was computed: `wls-cluster-subclass` or `wls-hc3`.
  public let method: String
  /// The underlying weighted regression.
  public let fit: FixedEffectsFit
  /// Rows outside the matched sample (zero weight) and rows the regression removed.
  public let drops: DropReport

  /// One row: the treatment's.
  public var coefficients: [CoefficientRow] { [row] }

  /// Rows of the matched sample used by the regression.
  public var observationCount: Int { fit.observationCount }

  /// One line: the estimand, estimate, standard error, interval and p-value.
  public func summary() -> String {
    "Effect on the matched sample (\(estimand.rawValue), \(method)): \(row.estimate)  std. error \(row.standardError)  "
      + "CI [\(row.confLow), \(row.confHigh)]  p = \(row.pValue)  (\(observationCount) observations)"
  }

  /// Encodes `estimand`, `term`, `estimate`, `std_error`, `statistic`, `p_value`, `conf_low`,
  /// `conf_high` (the row's keys), `method`, `nobs`, `coefficients` and `dropped`; non-finite
  /// numbers as `null`. The regression itself is not encoded.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([.value("estimand", estimand)])
    try row.encode(to: encoder)
    try encoder.encodeFields([
      .value("method", method), .value("nobs", observationCount), .value("coefficients", coefficients),
      .value("dropped", drops),
    ])
  }

}

/// One row of a tidy table, in the shape of R's `broom::tidy`: the one row type of every
/// CausalKit result (regression coefficients, treatment effects, mediation effects, bootstrap
/// summaries).
///
/// `statistic` is the estimate divided by its standard error; `pValue` is two-sided; the
/// interval is `estimate ± q × standardError` with `q` the quantile of the reference
/// distribution (Student t with the model's degrees of freedom, or the standard normal) at the
/// requested level, unless the producing estimator documents another interval (percentile or
/// BCa bootstrap intervals, simulation quantiles).
///
/// Encoded with the keys `term`, `estimate`, `std_error`, `statistic`, `p_value`, `conf_low`
/// and `conf_high`; a non-finite number (the reference period of an event study has no
/// statistic) is written as `null` and read back as NaN.
public struct CoefficientRow: Sendable, Equatable, Codable {
  /// The term's name, e.g. `x1`, `x1:x2`, `group::b`, `rel::-2` or `(Intercept)`.
  public let term: String
  /// The point estimate.
  public let estimate: Double
  /// The standard error.
  public let standardError: Double
  /// The t (or z) statistic, `estimate / standardError`.
  public let statistic: Double
  /// The two-sided p-value.
  public let pValue: Double
  /// Lower end of the confidence interval.
  public let confLow: Double
  /// Upper end of the confidence interval.
  public let confHigh: Double

  /// Creates a row.
  public init(
    term: String, estimate: Double, standardError: Double, statistic: Double, pValue: Double,
    confLow: Double, confHigh: Double
  ) {
    self.term = term
    self.estimate = estimate
    self.standardError = standardError
    self.statistic = statistic
    self.pValue = pValue
    self.confLow = confLow
    self.confHigh = confHigh
  }

  /// Creates a row whose statistic is the ratio `estimate / standardError` (NaN when the
  /// standard error is not positive), with a p-value and interval from elsewhere: the row of a
  /// bootstrap or simulation summary, whose p-value and interval are not functions of the ratio.
  ///
  /// - Parameters:
  ///   - term: The term's name.
  ///   - estimate: The point estimate.
  ///   - standardError: The (bootstrap or simulation) standard error.
  ///   - pValue: The p-value.
  ///   - interval: The interval.
  public init(term: String, estimate: Double, standardError: Double, pValue: Double, interval: ConfidenceInterval) {
    self.init(
      term: term, estimate: estimate, standardError: standardError,
      statistic: standardError > 0 ? estimate / standardError : .nan, pValue: pValue, confLow: interval.lower,
      confHigh: interval.upper)
  }

  /// The same row under another term name.
  ///
  /// - Parameter term: The new name.
  public func renamed(_ term: String) -> CoefficientRow {
    CoefficientRow(
      term: term, estimate: estimate, standardError: standardError, statistic: statistic, pValue: pValue,
      confLow: confLow, confHigh: confHigh)
  }

  /// The interval as a value.
  public var interval: ConfidenceInterval { ConfidenceInterval(lower: confLow, upper: confHigh) }

  enum CodingKeys: String, CodingKey {
    case term, estimate, standardError = "std_error", statistic, pValue = "p_value"
    case confLow = "conf_low", confHigh = "conf_high"
  }

  /// Encodes the row; non-finite numbers become `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .value(.term, term), .number(.estimate, estimate), .number(.standardError, standardError),
      .number(.statistic, statistic), .number(.pValue, pValue), .number(.confLow, confLow),
      .number(.confHigh, confHigh),
    ])
  }

  /// Decodes a row; `null` numbers read as NaN.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      term: c.value(.term), estimate: c.number(.estimate), standardError: c.number(.standardError),
      statistic: c.number(.statistic), pValue: c.number(.pValue), confLow: c.number(.confLow),
      confHigh: c.number(.confHigh))
  }
}

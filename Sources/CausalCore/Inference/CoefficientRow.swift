/// One row of a tidy coefficient table, in the shape of R's `broom::tidy`.
///
/// `statistic` is the estimate divided by its standard error; `pValue` is two-sided; the
/// interval is `estimate ± q × std_error` with `q` the quantile of the reference distribution
/// (Student t with the model's degrees of freedom, or the standard normal) at the requested
/// level.
public struct CoefficientRow: Sendable, Equatable, Codable {
  /// The term's name, e.g. `x1`, `x1:x2`, `group::b`, `rel::-2` or `(Intercept)`.
  public var term: String
  /// The point estimate.
  public var estimate: Double
  /// The standard error.
  public var stdError: Double
  /// The t (or z) statistic, `estimate / stdError`.
  public var statistic: Double
  /// The two-sided p-value.
  public var pValue: Double
  /// Lower end of the confidence interval.
  public var confLow: Double
  /// Upper end of the confidence interval.
  public var confHigh: Double

  /// Creates a row.
  public init(
    term: String, estimate: Double, stdError: Double, statistic: Double, pValue: Double,
    confLow: Double, confHigh: Double
  ) {
    self.term = term
    self.estimate = estimate
    self.stdError = stdError
    self.statistic = statistic
    self.pValue = pValue
    self.confLow = confLow
    self.confHigh = confHigh
  }

  enum CodingKeys: String, CodingKey {
    case term, estimate
    case stdError = "std_error"
    case statistic
    case pValue = "p_value"
    case confLow = "conf_low"
    case confHigh = "conf_high"
  }
}

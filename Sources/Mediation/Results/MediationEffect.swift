import CausalCore

/// One estimated mediation quantity as a tidy row: estimate, standard error, interval and
/// p-value (broom's `term, estimate, std_error, conf_low, conf_high, p_value`).
///
/// How each field is computed depends on the inference method; see ``MediationMethod``.
///
/// Encoded as its tidy row (``row``): `term`, `estimate`, `std_error`, `statistic`, `p_value`,
/// `conf_low`, `conf_high`, non-finite numbers as `null`.
public struct MediationEffect: Sendable, Equatable, Codable {
  /// The quantity, named as in statsmodels' summary (`ACME (control)`, `Total effect`, …),
  /// with the mediator in brackets for mediator-specific rows (`ACME [emo] (treated)`).
  public let term: String
  /// The point estimate.
  public let estimate: Double
  /// The standard error (delta method, or the standard deviation of the draws).
  public let standardError: Double
  /// Lower end of the confidence interval.
  public let confLow: Double
  /// Upper end of the confidence interval.
  public let confHigh: Double
  /// The two-sided p-value.
  public let pValue: Double

  /// Creates a row.
  ///
  /// - Parameters:
  ///   - term: The quantity's name.
  ///   - estimate: The estimate.
  ///   - standardError: The standard error.
  ///   - confLow: Lower interval end.
  ///   - confHigh: Upper interval end.
  ///   - pValue: The p-value.
  public init(term: String, estimate: Double, standardError: Double, confLow: Double, confHigh: Double, pValue: Double) {
    self.term = term
    self.estimate = estimate
    self.standardError = standardError
    self.confLow = confLow
    self.confHigh = confHigh
    self.pValue = pValue
  }

  /// The effect as a tidy row, with `estimate / standardError` as the statistic.
  public var row: CoefficientRow {
    CoefficientRow(
      term: term, estimate: estimate, standardError: standardError,
      statistic: standardError > 0 ? estimate / standardError : .nan, pValue: pValue, confLow: confLow,
      confHigh: confHigh)
  }

  /// The interval `[confLow, confHigh]`.
  public var interval: ConfidenceInterval { ConfidenceInterval(lower: confLow, upper: confHigh) }

  /// Encodes the tidy row (``row``: `term`, `estimate`, `std_error`, `statistic`, `p_value`,
  /// `conf_low`, `conf_high`), non-finite numbers as `null`.
  public func encode(to encoder: any Encoder) throws {
    try row.encode(to: encoder)
  }

  /// Decodes a row written by ``encode(to:)``; `null` reads as NaN.
  public init(from decoder: any Decoder) throws {
    let row = try CoefficientRow(from: decoder)
    self.init(
      term: row.term, estimate: row.estimate, standardError: row.standardError, confLow: row.confLow,
      confHigh: row.confHigh, pValue: row.pValue)
  }
}

/// The ten quantities of a mediation analysis, in the order of `mediation`'s and
/// statsmodels' summaries. With several mediators the ACMEs are the joint indirect effect
/// through all mediators.
public struct MediationEffects: Sendable, Equatable, Codable {
  /// `ACME(control) = E[Y(control, M(treated)) − Y(control, M(control))]`.
  public let acmeControl: MediationEffect
  /// `ACME(treated) = E[Y(treated, M(treated)) − Y(treated, M(control))]`.
  public let acmeTreated: MediationEffect
  /// `ADE(control) = E[Y(treated, M(control)) − Y(control, M(control))]`.
  public let adeControl: MediationEffect
  /// `ADE(treated) = E[Y(treated, M(treated)) − Y(control, M(treated))]`.
  public let adeTreated: MediationEffect
  /// The total effect, `(ACME(c) + ACME(t) + ADE(c) + ADE(t)) / 2`.
  public let total: MediationEffect
  /// `ACME(control) / total`.
  public let proportionControl: MediationEffect
  /// `ACME(treated) / total`.
  public let proportionTreated: MediationEffect
  /// `(ACME(control) + ACME(treated)) / 2`.
  public let acmeAverage: MediationEffect
  /// `(ADE(control) + ADE(treated)) / 2`.
  public let adeAverage: MediationEffect
  /// The average of the two proportions mediated.
  public let proportionAverage: MediationEffect

  enum CodingKeys: String, CodingKey {
    case acmeControl = "acme_control", acmeTreated = "acme_treated", adeControl = "ade_control"
    case adeTreated = "ade_treated", total, proportionControl = "prop_mediated_control"
    case proportionTreated = "prop_mediated_treated", acmeAverage = "acme_average", adeAverage = "ade_average"
    case proportionAverage = "prop_mediated"
  }


  /// The ten rows in summary order.
  public var rows: [MediationEffect] {
    [acmeControl, acmeTreated, adeControl, adeTreated, total, proportionControl, proportionTreated,
     acmeAverage, adeAverage, proportionAverage]
  }
}

/// The indirect effect through one mediator when mediators are causally independent: the
/// mediator moves from its value under control to its value under treatment while the other
/// mediators stay at their value under `t`.
public struct MediatorEffects: Sendable, Equatable, Codable {
  /// The mediator.
  public let mediator: String
  /// Its ACME at the control value.
  public let acmeControl: MediationEffect
  /// Its ACME at the treated value.
  public let acmeTreated: MediationEffect
  /// The average of the two.
  public let acmeAverage: MediationEffect
  /// `ACME_j(control) / total`.
  public let proportionControl: MediationEffect
  /// `ACME_j(treated) / total`.
  public let proportionTreated: MediationEffect
  /// The average of the two proportions.
  public let proportionAverage: MediationEffect

  enum CodingKeys: String, CodingKey {
    case mediator, acmeControl = "acme_control", acmeTreated = "acme_treated", acmeAverage = "acme_average"
    case proportionControl = "prop_mediated_control", proportionTreated = "prop_mediated_treated"
    case proportionAverage = "prop_mediated"
  }


  /// The six rows.
  public var rows: [MediationEffect] {
    [acmeControl, acmeTreated, acmeAverage, proportionControl, proportionTreated, proportionAverage]
  }
}

/// One estimated mediation quantity as a tidy row: estimate, standard error, interval and
/// p-value (broom's `term, estimate, std_error, conf_low, conf_high, p_value`).
///
/// How each field is computed depends on the inference method; see ``MediationInference``.
public struct MediationEffect: Sendable, Equatable, Codable {
  /// The quantity, named as in statsmodels' summary (`ACME (control)`, `Total effect`, …),
  /// with the mediator in brackets for mediator-specific rows (`ACME [emo] (treated)`).
  public var term: String
  /// The point estimate.
  public var estimate: Double
  /// The standard error (delta method, or the standard deviation of the draws).
  public var standardError: Double
  /// Lower end of the confidence interval.
  public var confLow: Double
  /// Upper end of the confidence interval.
  public var confHigh: Double
  /// The two-sided p-value.
  public var pValue: Double

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
}

/// The ten quantities of a mediation analysis, in the order of `mediation`'s and
/// statsmodels' summaries. With several mediators the ACMEs are the joint indirect effect
/// through all mediators.
public struct MediationEffects: Sendable, Equatable {
  /// `ACME(control) = E[Y(control, M(treated)) − Y(control, M(control))]`.
  public var acmeControl: MediationEffect
  /// `ACME(treated) = E[Y(treated, M(treated)) − Y(treated, M(control))]`.
  public var acmeTreated: MediationEffect
  /// `ADE(control) = E[Y(treated, M(control)) − Y(control, M(control))]`.
  public var adeControl: MediationEffect
  /// `ADE(treated) = E[Y(treated, M(treated)) − Y(control, M(treated))]`.
  public var adeTreated: MediationEffect
  /// The total effect, `(ACME(c) + ACME(t) + ADE(c) + ADE(t)) / 2`.
  public var total: MediationEffect
  /// `ACME(control) / total`.
  public var proportionControl: MediationEffect
  /// `ACME(treated) / total`.
  public var proportionTreated: MediationEffect
  /// `(ACME(control) + ACME(treated)) / 2`.
  public var acmeAverage: MediationEffect
  /// `(ADE(control) + ADE(treated)) / 2`.
  public var adeAverage: MediationEffect
  /// The average of the two proportions mediated.
  public var proportionAverage: MediationEffect

  /// The ten rows in summary order.
  public var rows: [MediationEffect] {
    [acmeControl, acmeTreated, adeControl, adeTreated, total, proportionControl, proportionTreated,
     acmeAverage, adeAverage, proportionAverage]
  }
}

/// The indirect effect through one mediator when mediators are causally independent: the
/// mediator moves from its value under control to its value under treatment while the other
/// mediators stay at their value under `t`.
public struct MediatorEffects: Sendable, Equatable {
  /// The mediator.
  public var mediator: String
  /// Its ACME at the control value.
  public var acmeControl: MediationEffect
  /// Its ACME at the treated value.
  public var acmeTreated: MediationEffect
  /// The average of the two.
  public var acmeAverage: MediationEffect
  /// `ACME_j(control) / total`.
  public var proportionControl: MediationEffect
  /// `ACME_j(treated) / total`.
  public var proportionTreated: MediationEffect
  /// The average of the two proportions.
  public var proportionAverage: MediationEffect

  /// The six rows.
  public var rows: [MediationEffect] {
    [acmeControl, acmeTreated, acmeAverage, proportionControl, proportionTreated, proportionAverage]
  }
}

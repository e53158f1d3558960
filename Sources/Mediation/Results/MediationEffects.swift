import CausalCore

/// The ten quantities of a mediation analysis, in the order of `mediation`'s and
/// statsmodels' summaries. With several mediators the ACMEs are the joint indirect effect
/// through all mediators.
public struct MediationEffects: Sendable, Equatable, Codable {
  /// `ACME(control) = E[Y(control, M(treated)) − Y(control, M(control))]`.
  public let acmeControl: CoefficientRow
  /// `ACME(treated) = E[Y(treated, M(treated)) − Y(treated, M(control))]`.
  public let acmeTreated: CoefficientRow
  /// `ADE(control) = E[Y(treated, M(control)) − Y(control, M(control))]`.
  public let adeControl: CoefficientRow
  /// `ADE(treated) = E[Y(treated, M(treated)) − Y(control, M(treated))]`.
  public let adeTreated: CoefficientRow
  /// The total effect, `(ACME(c) + ACME(t) + ADE(c) + ADE(t)) / 2`.
  public let total: CoefficientRow
  /// `ACME(control) / total`.
  public let proportionControl: CoefficientRow
  /// `ACME(treated) / total`.
  public let proportionTreated: CoefficientRow
  /// `(ACME(control) + ACME(treated)) / 2`.
  public let acmeAverage: CoefficientRow
  /// `(ADE(control) + ADE(treated)) / 2`.
  public let adeAverage: CoefficientRow
  /// The average of the two proportions mediated.
  public let proportionAverage: CoefficientRow

  enum CodingKeys: String, CodingKey {
    case acmeControl = "acme_control", acmeTreated = "acme_treated", adeControl = "ade_control"
    case adeTreated = "ade_treated", total, proportionControl = "prop_mediated_control"
    case proportionTreated = "prop_mediated_treated", acmeAverage = "acme_average", adeAverage = "ade_average"
    case proportionAverage = "prop_mediated"
  }


  /// The ten rows in summary order.
  public var rows: [CoefficientRow] {
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
  public let acmeControl: CoefficientRow
  /// Its ACME at the treated value.
  public let acmeTreated: CoefficientRow
  /// The average of the two.
  public let acmeAverage: CoefficientRow
  /// `ACME_j(control) / total`.
  public let proportionControl: CoefficientRow
  /// `ACME_j(treated) / total`.
  public let proportionTreated: CoefficientRow
  /// The average of the two proportions.
  public let proportionAverage: CoefficientRow

  enum CodingKeys: String, CodingKey {
    case mediator, acmeControl = "acme_control", acmeTreated = "acme_treated", acmeAverage = "acme_average"
    case proportionControl = "prop_mediated_control", proportionTreated = "prop_mediated_treated"
    case proportionAverage = "prop_mediated"
  }


  /// The six rows.
  public var rows: [CoefficientRow] {
    [acmeControl, acmeTreated, acmeAverage, proportionControl, proportionTreated, proportionAverage]
  }
}

/// The population whose average treatment effect a matching design targets.
///
/// The estimand decides who is matched to whom (treated units to controls for the ATT) and
/// which standard deviation scales standardized mean differences in balance tables (treated
/// SD for the ATT, control SD for the ATC, pooled for the ATE, as MatchIt and cobalt do).
public enum MatchingEstimand: String, Sendable, Equatable, CaseIterable, Codable {
  /// Average treatment effect on the treated.
  case att = "ATT"
  /// Average treatment effect on the controls.
  case atc = "ATC"
  /// Average treatment effect.
  case ate = "ATE"
}

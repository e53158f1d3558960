/// The period each group-time cell is compared with.
///
/// Post-treatment cells always compare period `t` with the last period before the cohort's
/// (anticipation-shifted) first treated period, `g − anticipation − 1` in consecutive periods.
/// The base period decides the pre-treatment cells (R did's `base_period`):
/// - ``varying``: each pre-treatment cell compares `t` with the period just before it, giving
///   short differences (did's default);
/// - ``universal``: every cell compares with the same period `g − anticipation − 1`, giving long
///   differences; that cell itself is reported as exactly 0 (the reference period of an event
///   study).
public enum BasePeriod: String, Sendable, Equatable, Codable, CaseIterable {
  /// The period before each pre-treatment period (short differences).
  case varying
  /// The last period before treatment for every cell (long differences).
  case universal
}

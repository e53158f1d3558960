/// What to do with singleton observations (alone in some fixed-effect level).
///
/// The default, ``drop``, removes them iteratively before estimation, as reghdfe and
/// pyfixest (`fixef_rm = "singleton"`) do; the count is reported in the fit's drop report.
/// ``keep`` leaves them in, as fixest does by default: slopes are unchanged, but the
/// observation count and the small-sample factors differ.
public enum SingletonPolicy: String, Sendable, Equatable, CaseIterable {
  /// Remove singletons iteratively (default).
  case drop
  /// Keep singletons.
  case keep
}

/// Which units serve as controls for a cohort in a Callaway-Sant'Anna group-time cell.
///
/// As R's did (`control_group`):
/// - ``neverTreated``: units never treated in the sample (cohort 0, or a first treated period
///   after the last observed period plus the anticipation, which did also counts as never
///   treated);
/// - ``notYetTreated``: the never treated plus the units of every other cohort not yet treated
///   by the later of the cell's period and its base period (plus the anticipation), that is with
///   first treated period `g' > max(t, base) + anticipation`.
public enum ComparisonGroup: String, Sendable, Equatable, Codable, CaseIterable {
  /// Never-treated units only (did's `nevertreated`, the default).
  case neverTreated = "never-treated"
  /// Never-treated and not-yet-treated units (did's `notyettreated`).
  case notYetTreated = "not-yet-treated"
}

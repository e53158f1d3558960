/// What Wang and Liu (2025) report for each subject, for the report's comparison column.
///
/// Wang, M., & Liu, H. (2025). School-to-School Collaboration, Student Learning Outcomes, and
/// Mediating Factors: Evidence From Shanghai's Strong School Project. *ECNU Review of
/// Education*. https://doi.org/10.1177/20965311251330932 — as summarized in the press release:
/// math +0.67 SD and Chinese +0.63 SD; English and science "also improved", without a figure;
/// peer relationships the main mediator, principal leadership a significant one, no change in
/// teaching style.
public enum PaperFigures {
  /// The study's reference.
  public static let citation =
    "Wang, M., & Liu, H. (2025). School-to-School Collaboration, Student Learning Outcomes, and Mediating Factors: Evidence From Shanghai's Strong School Project. ECNU Review of Education. https://doi.org/10.1177/20965311251330932"

  /// The reported effect in SD, or `nil` when the study gives no figure.
  public static func reportedEffect(_ subject: Subject) -> Double? {
    switch subject {
    case .math: return 0.67
    case .chinese: return 0.63
    case .english, .science: return nil
    }
  }

  /// The report cell for an outcome column: the figure, "improved (no figure)", or "—" for a
  /// column that is not one of the study's subjects.
  public static func cell(forOutcome name: String) -> String {
    guard let subject = Subject(rawValue: name) else { return "—" }
    if let value = reportedEffect(subject) { return String(format: "%.2f", value) }
    return "improved (no figure)"
  }
}

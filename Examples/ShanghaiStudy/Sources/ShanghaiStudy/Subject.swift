/// A tested subject of the Grade 9 examination in the synthetic Strong School Project panel.
///
/// The raw value is the name of the subject's score column in the generated table.
///
/// ```swift
/// for subject in Subject.allCases { print(subject.rawValue, subject.displayName) }
/// ```
public enum Subject: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
  /// Mathematics.
  case math
  /// Chinese language and literature.
  case chinese
  /// English.
  case english
  /// Science (physics and chemistry).
  case science

  /// The name used in tables ("Math", "Chinese", ...).
  public var displayName: String {
    switch self {
    case .math: return "Math"
    case .chinese: return "Chinese"
    case .english: return "English"
    case .science: return "Science"
    }
  }
}

import CausalCore

/// The errors of the Reporting module: tables and figures that cannot be built from their
/// input, and files that cannot be written.
///
/// Every case says what was wrong in words a reader of the report can act on.
public enum ReportingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A table or chart was given nothing to show (no models, no rows, no covariates).
  case empty(what: String)
  /// Two inputs that must have the same length do not.
  case lengthMismatch(what: String, expected: Int, found: Int)
  /// A term requested in ``RegressionTable/terms`` appears in none of the models.
  case unknownTerm(String)
  /// Every value a chart would draw is NaN or infinite.
  case noFiniteValues(chart: String)
  /// An option is outside its allowed range.
  case invalidOption(name: String, value: String, reason: String)
  /// Writing a file failed.
  case writeFailed(path: String, reason: String)

  /// A readable message.
  public var description: String { VisibleText.escape(unescapedDescription) }

  /// The description before the user text in it (names, values) has its control characters
  /// escaped (see `VisibleText`).
  private var unescapedDescription: String {
    switch self {
    case .empty(let what):
      return "nothing to report: \(what) is empty"
    case .lengthMismatch(let what, let expected, let found):
      return "\(what) has \(found) entries; expected \(expected)"
    case .unknownTerm(let term):
      return "the term '\(term)' is in none of the models; check its spelling against the models' terms"
    case .noFiniteValues(let chart):
      return "the \(chart) has no finite value to draw (every value is NaN or infinite)"
    case .invalidOption(let name, let value, let reason):
      return "invalid \(name) '\(value)': \(reason)"
    case .writeFailed(let path, let reason):
      return "could not write \(path): \(reason)"
    }
  }
}

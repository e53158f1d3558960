/// The errors of the Strong School Project example: invalid generator parameters, a user panel
/// that does not fit the design, and files that cannot be written.
///
/// Errors raised by CausalKit's estimators (`FixedEffectsError`, `DataError`, ...) are wrapped
/// in ``estimationFailed(step:outcome:message:)`` so the message names the pipeline step.
public enum StudyError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A generator parameter is out of range.
  case invalidConfiguration(parameter: String, reason: String)
  /// A column of the analysed panel is missing or holds values the design cannot use.
  case invalidPanel(column: String, reason: String)
  /// An estimation step failed.
  case estimationFailed(step: String, outcome: String, message: String)
  /// A report or data file could not be written.
  case writeFailed(path: String, message: String)

  /// A readable message.
  public var description: String {
    switch self {
    case .invalidConfiguration(let parameter, let reason):
      return "invalid generator parameter \(parameter): \(reason)"
    case .invalidPanel(let column, let reason):
      return "column '\(column)': \(reason)"
    case .estimationFailed(let step, let outcome, let message):
      return "\(step) for '\(outcome)' failed: \(message)"
    case .writeFailed(let path, let message):
      return "could not write \(path): \(message)"
    }
  }
}

/// An error about a data table, a column, or the data given to an estimator.
///
/// Each case names what went wrong, where, and (in ``description``) what to do.
public enum DataError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No column has this name. `suggestions` are the closest existing names.
  case unknownColumn(name: String, suggestions: [String])
  /// Two columns share a name.
  case duplicateColumn(name: String)
  /// A column's length differs from the table's row count.
  case lengthMismatch(column: String, expected: Int, found: Int)
  /// A column has the wrong kind for this use.
  case typeMismatch(column: String, expected: String, found: String)
  /// A categorical column's codes or levels are inconsistent.
  case invalidCategorical(column: String, reason: String)
  /// A column's values are unusable for this purpose (for example negative weights).
  case invalidValues(column: String, reason: String)
  /// Nothing is left to estimate on after removing missing or dropped rows.
  case noObservations(reason: String)
  /// A result that refers to rows of the table it was fitted on was given another table (see
  /// ``TableFingerprint``).
  case tableMismatch(expectedRows: Int, foundRows: Int)

  /// A sentence saying what went wrong, where, and what to do.
  public var description: String { VisibleText.escape(unescapedDescription) }

  /// The description before the user text in it (names, values) has its control characters
  /// escaped (see `VisibleText`).
  private var unescapedDescription: String {
    switch self {
    case .unknownColumn(let name, let suggestions):
      let hint = suggestions.isEmpty ? "" : " Did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
      return "Unknown column '\(name)'.\(hint)"
    case .duplicateColumn(let name): return "Two columns are named '\(name)'; rename one of them."
    case .lengthMismatch(let column, let expected, let found):
      return "Column '\(column)' has \(found) rows but the table has \(expected)."
    case .typeMismatch(let column, let expected, let found):
      return "Column '\(column)' holds \(found) where \(expected) is needed."
    case .invalidCategorical(let column, let reason): return "Categorical column '\(column)': \(reason)."
    case .invalidValues(let column, let reason): return "Column '\(column)': \(reason)."
    case .noObservations(let reason): return "No observations left: \(reason)."
    case .tableMismatch(let expected, let found):
      if expected != found {
        return "The table has \(found) rows but the result was fitted on a table of \(expected) rows; pass the table the estimator was fitted on."
      }
      return "The table differs from the one the result was fitted on (same \(found) rows, different contents); pass the table the estimator was fitted on."
    }
  }
}

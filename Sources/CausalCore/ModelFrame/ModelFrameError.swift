/// An error building a ``ModelFrame`` that is neither a data-table problem (`DataError`) nor
/// a formula syntax problem (`FormulaError`).
public enum ModelFrameError: Error, Sendable, Equatable, CustomStringConvertible {
  /// None of the `ref` (or `keep`) values of `i()` is a value of the variable.
  ///
  /// - Parameters:
  ///   - term: The `i(...)` term.
  ///   - argument: `ref` or `keep`.
  ///   - value: The values as written (`-5` or `c(5,6)`).
  ///   - available: The variable's values among the rows used, in ascending order.
  case unknownLevel(term: String, argument: String, value: String, available: [String])
  /// `ref`/`keep` (or the default reference) removed every value of an `i()` term.
  case noLevelsLeft(term: String)
  /// A text variable used as a regressor has fewer than two levels among the rows used, so it
  /// has no dummy columns.
  case tooFewLevels(term: String, variable: String)
  /// Two design columns would have the same name (for example `g` and `i(g)` together).
  case duplicateColumnName(String)
  /// The design matrix would not fit in the machine's physical memory, usually because a
  /// text variable with very many levels is a regressor (`y ~ x + school`) rather than an
  /// absorbed fixed effect (`y ~ x | school`).
  ///
  /// - Parameters:
  ///   - rows: The observations kept.
  ///   - columns: The design's columns (with the response, when the estimator keeps it there).
  ///   - widestTerm: The formula term that expands to the most columns.
  ///   - termColumns: How many columns that term expands to.
  ///   - physicalMemory: The machine's physical memory in bytes.
  case designTooLarge(rows: Int, columns: Int, widestTerm: String, termColumns: Int, physicalMemory: UInt64)

  /// A message naming the problem and how to fix it.
  public var description: String { VisibleText.escape(unescapedDescription) }

  /// The description before the user text in it (names, values) has its control characters
  /// escaped (see `VisibleText`).
  private var unescapedDescription: String {
    switch self {
    case .unknownLevel(let term, let argument, let value, let available):
      let shown = available.prefix(12).joined(separator: ", ") + (available.count > 12 ? ", …" : "")
      return "In \(term): \(argument) = \(value) matches no value of the variable (values: \(shown))."
    case .noLevelsLeft(let term): return "In \(term): every value was removed by ref/keep; nothing is left to estimate."
    case .tooFewLevels(let term, let variable):
      return "In \(term): the text variable '\(variable)' has fewer than two levels among the rows used, so it cannot be expanded into dummies."
    case .duplicateColumnName(let name):
      return "Two design columns are named '\(name)'; remove the repeated term from the formula."
    case .designTooLarge(let rows, let columns, let term, let termColumns, let memory):
      let bytes = Double(rows) * Double(columns) * Double(MemoryLayout<Double>.stride)
      return "The design matrix would have \(SummaryFormat.grouped(rows)) rows and \(SummaryFormat.grouped(columns)) "
        + "columns (about \(ReplicateMemory.describe(bytes: bytes))), more than the "
        + "\(ReplicateMemory.describe(bytes: Double(memory))) of physical memory of this machine. The term '\(term)' "
        + "alone expands to \(SummaryFormat.grouped(termColumns)) columns: drop it, group its levels, or, in a "
        + "fixed-effects formula, absorb its variable as a fixed effect after '|'."
    }
  }
}

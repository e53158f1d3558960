/// An error from reading or writing a CSV file with ``CSVReader`` or ``CSVWriter``.
///
/// Every case carries where the problem is: line numbers are 1-based *physical* lines of the
/// file (a line break inside a quoted field starts a new line, and a UTF-8 byte-order mark does
/// not count), and column numbers are 1-based field positions within a record. The
/// ``description`` says what went wrong, where, and what to do about it.
///
/// ```swift
/// do {
///   let table = try CSVReader().read(path: "survey.csv")
/// } catch {
///   print(error)   // Line 7, column 3 ('age'): "n/a" is not a number, but column 'age' looks numeric ...
/// }
/// ```
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What a cell that failed to parse was expected to hold.
  ///
  /// ``CSVError/invalidValue(line:column:name:text:expected:)`` carries this to tell a type
  /// forced by ``CSVReader/columnTypes`` apart from the stray-text guard of type inference.
  public enum Expectation: Sendable, Equatable, CustomStringConvertible {
    /// The column's kind was forced through ``CSVReader/columnTypes``.
    case forced(Column.Kind)
    /// Type inference found that `numericCount` of the column's `nonMissingCount` non-missing
    /// cells are numbers, at or above ``CSVReader/looksNumericThreshold``, so the remaining
    /// text cells are probably mistakes rather than a text column.
    case inferredNumber(numericCount: Int, nonMissingCount: Int)
    /// Like ``inferredNumber(numericCount:nonMissingCount:)``, but the cell is a number
    /// written with commas (`1,5` with a decimal comma, or `1,234` with a thousands
    /// separator), which the reader does not convert; `numericCount` counts the numbers with
    /// or without commas.
    case numberWithCommas(numericCount: Int, nonMissingCount: Int)

    /// A short phrase such as `an integer` or `a number`.
    public var description: String {
      switch self {
      case .forced(.int): return "an integer"
      case .forced(.double): return "a number"
      case .forced(.bool): return "true or false"
      case .forced(.categorical): return "text"
      case .inferredNumber, .numberWithCommas: return "a number"
      }
    }
  }

  /// The file could not be opened or read; `reason` is the operating system's message.
  case fileUnreadable(path: String, reason: String)
  /// The file could not be created or written; `reason` is the operating system's message.
  case fileUnwritable(path: String, reason: String)
  /// A reader or writer option is unusable, for example a separator that is not one ASCII
  /// character or is a quote or line break.
  case invalidOption(reason: String)
  /// The input holds no header row: it is empty, or holds only a byte-order mark or blank lines.
  case emptyInput
  /// The bytes at this line and column are not valid UTF-8.
  case invalidUTF8(line: Int, column: Int)
  /// A quoted field opened at this line and column never closes before the end of the input.
  case unterminatedQuote(line: Int, column: Int)
  /// A quoted field's closing quote at this line is followed by something other than a
  /// separator or line end (for example `"abc"def`).
  case textAfterClosingQuote(line: Int, column: Int)
  /// The column name at this position is empty. `line` is the header's line, or `nil` when
  /// the names came from ``CSVReader/columnNames``.
  case emptyColumnName(line: Int?, column: Int)
  /// Two columns have the same name. `line` is the header's line, or `nil` when the names came
  /// from ``CSVReader/columnNames``.
  case duplicateColumnName(line: Int?, name: String, firstColumn: Int, secondColumn: Int)
  /// ``CSVReader/columnTypes`` names a column that the header does not have; `suggestions` are
  /// the closest header names.
  case unknownColumnType(name: String, suggestions: [String])
  /// ``CSVReader/selectedColumns`` names a column that the header does not have;
  /// `suggestions` are the closest header names.
  case unknownColumn(name: String, suggestions: [String])
  /// The record starting at this line has `found` fields where the header has `expected`.
  case raggedRow(line: Int, expected: Int, found: Int)
  /// The cell at this line and column (in column `name`) holds `text`, which is not what the
  /// column's kind needs.
  case invalidValue(line: Int, column: Int, name: String, text: String, expected: Expectation)
  /// A text column has more distinct values than a categorical column can hold (2³¹ − 1).
  case tooManyLevels(column: Int, name: String)
  /// The parsed columns could not be assembled into a ``DataTable``. This indicates a defect
  /// in the reader; please report it with the input that caused it.
  case tableConstruction(DataError)

  /// A message that says what went wrong, where, and what to do.
  public var description: String {
    switch self {
    case .fileUnreadable(let path, let reason):
      return "Cannot read '\(path)': \(reason). Check the path and the file's permissions."
    case .fileUnwritable(let path, let reason):
      return "Cannot write '\(path)': \(reason). Check that the folder exists and is writable."
    case .invalidOption(let reason): return "Invalid CSV option: \(reason)."
    case .emptyInput:
      return "The CSV input is empty: a header row with the column names is required on line 1 "
        + "(or pass the names through CSVReader.columnNames)."
    case .invalidUTF8(let line, let column):
      return "Line \(line), column \(column): the bytes are not valid UTF-8. Re-save the file "
        + "as UTF-8 (for example with `iconv -f LATIN1 -t UTF-8`)."
    case .unterminatedQuote(let line, let column):
      return "Line \(line), column \(column): a quoted field opens here and never closes. Add "
        + "the closing '\"', and write a quote inside a quoted field as '\"\"'."
    case .textAfterClosingQuote(let line, let column):
      return "Line \(line), column \(column): text follows the closing quote of a quoted field. "
        + "Quote the whole field and write a quote inside it as '\"\"'."
    case .emptyColumnName(let line, let column):
      return "\(Self.headerPlace(line)), column \(column): the column name is empty. Give every "
        + "column a name."
    case .duplicateColumnName(let line, let name, let first, let second):
      return "\(Self.headerPlace(line)): columns \(first) and \(second) are both named '\(name)'. "
        + "Rename one of them."
    case .unknownColumnType(let name, let suggestions):
      let hint = suggestions.isEmpty ? "" : " Did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
      return "CSVReader.columnTypes names column '\(name)', which the header does not have.\(hint)"
    case .unknownColumn(let name, let suggestions):
      return DataError.unknownColumn(name: name, suggestions: suggestions).description
    case .raggedRow(let line, let expected, let found):
      return "Line \(line): the record has \(found) field\(found == 1 ? "" : "s") but the header "
        + "has \(expected). Check for an unquoted separator inside a value, a missing field, or a "
        + "stray blank line."
    case .invalidValue(let line, let column, let name, let text, let expected):
      let place = "Line \(line), column \(column) ('\(name)')"
      let shown = Self.abbreviated(text)
      switch expected {
      case .forced(let kind):
        return "\(place): \"\(shown)\" is not \(expected), which columnTypes[\"\(name)\"] = "
          + ".\(kind.rawValue) requires. Fix the value, add it to missingTokens if it marks a "
          + "missing value, or change the forced type."
      case .inferredNumber(let numeric, let nonMissing):
        return "\(place): \"\(shown)\" is not a number, but column '\(name)' looks numeric "
          + "(\(numeric) of its \(nonMissing) non-missing values are numbers). Fix or remove the "
          + "value, add it to missingTokens if it marks a missing value, or set "
          + "columnTypes[\"\(name)\"] = .categorical if the column is meant to hold text."
      case .numberWithCommas(let numeric, let nonMissing):
        return "\(place): \"\(shown)\" is a number written with a comma (a decimal comma or a thousands "
          + "separator), which is not read as a number, and column '\(name)' looks numeric (\(numeric) of its "
          + "\(nonMissing) non-missing values are numbers). Save the file with a decimal point and no thousands "
          + "separators, or set columnTypes[\"\(name)\"] = .categorical if the column is meant to hold text."
      }
    case .tooManyLevels(let column, let name):
      return "Column \(column) ('\(name)') has more than 2147483647 distinct values, too many for "
        + "a categorical column. Drop the column or split the file."
    case .tableConstruction(let error): return "Internal CSV reader error while assembling the table: \(error). Please report it."
    }
  }

  /// The same error with its line number moved down by `offset` lines: for an error found in
  /// a chunk of the file whose lines were counted from 1 at the chunk's start.
  func shiftingLines(by offset: Int) -> CSVError {
    switch self {
    case .invalidUTF8(let line, let column): return .invalidUTF8(line: line + offset, column: column)
    case .unterminatedQuote(let line, let column): return .unterminatedQuote(line: line + offset, column: column)
    case .textAfterClosingQuote(let line, let column):
      return .textAfterClosingQuote(line: line + offset, column: column)
    case .raggedRow(let line, let expected, let found):
      return .raggedRow(line: line + offset, expected: expected, found: found)
    case .invalidValue(let line, let column, let name, let text, let expected):
      return .invalidValue(line: line + offset, column: column, name: name, text: text, expected: expected)
    case .fileUnreadable, .fileUnwritable, .invalidOption, .emptyInput, .emptyColumnName, .duplicateColumnName,
      .unknownColumnType, .unknownColumn, .tooManyLevels, .tableConstruction:
      return self
    }
  }

  /// Where the column names came from, for messages.
  private static func headerPlace(_ line: Int?) -> String {
    line.map { "Header (line \($0))" } ?? "CSVReader.columnNames"
  }

  /// The text, cut to 80 characters with an ellipsis.
  private static func abbreviated(_ text: String) -> String {
    text.count <= 80 ? text : String(text.prefix(77)) + "..."
  }
}

import ArgumentParser
import CausalKit
import Foundation

/// The value of `--delimiter`: a field separator, or `auto` to detect it.
enum DelimiterOption: Equatable, ExpressibleByArgument {
  /// Detect the separator among comma, semicolon, tab and pipe (the reader's rule).
  case auto
  /// This separator.
  case character(Unicode.Scalar)

  /// The values `--delimiter` accepts, for help and messages.
  static let accepted = "',', ';', 'tab', '|' or 'auto'"

  /// Parses `,`, `;`, `tab` (or a tab character), `|` or `auto`.
  init?(argument: String) {
    switch argument {
    case "auto": self = .auto
    case ",", ";", "|": self = .character(argument.unicodeScalars.first ?? ",")
    case "tab", "\t": self = .character("\t")
    default: return nil
    }
  }

  /// How the value is spelt on the command line.
  var defaultValueDescription: String {
    switch self {
    case .auto: return "auto"
    case .character("\t"): return "tab"
    case .character(let c): return String(c)
    }
  }

  /// The reader's separator: `nil` to detect it.
  var separator: Unicode.Scalar? {
    if case .character(let c) = self { return c }
    return nil
  }
}

extension InputOptions {
  /// The cell texts read as missing: the empty cell and every non-empty item of `--na`
  /// (split at commas, spaces around an item removed).
  var missingTokens: [String] {
    var tokens = [""]
    for item in na.split(separator: ",", omittingEmptySubsequences: true) {
      let token = String(item).trimmingCharacters(in: .whitespaces)
      if !token.isEmpty, !tokens.contains(token) { tokens.append(token) }
    }
    return tokens
  }

  /// The CSV reader `--delimiter` and `--na` configure.
  func csvReader() -> CSVReader {
    CSVReader(separator: delimiter.separator, missingTokens: missingTokens)
  }
}

/// The tool's wording of CSV reading errors whose advice names a reader setting, and the hint
/// for a column that is not found because the file was split at the wrong separator.
enum CSVInputDiagnostics {
  /// The separators `--delimiter` offers, with their spelling on the command line.
  private static let separators: [(character: Character, flag: String)] = [
    (",", ","), (";", ";"), ("\t", "tab"), ("|", "|"),
  ]

  /// The tool's message for `error` read with `input`, or `nil` to keep the generic message.
  ///
  /// - Parameters:
  ///   - error: What the library or the tool threw.
  ///   - input: The command's input options, or `nil` when unknown (defaults are assumed and
  ///     the data file is not read again).
  static func message(for error: any Error, input: InputOptions?) -> String? {
    switch error {
    case CSVError.invalidValue(let line, let column, let name, let text, .inferredNumber(let numbers, let nonMissing)):
      let na = (input?.missingTokens ?? CSVReader.defaultMissingTokens).filter { !$0.isEmpty } + [text]
      return "Line \(line), column \(column) ('\(name)'): \"\(text)\" is not a number, but column '\(name)' looks "
        + "numeric (\(numbers) of its \(nonMissing) non-missing values are numbers), so it is not read as text. "
        + "If \"\(text)\" marks a missing value, add it to --na (--na '\(na.joined(separator: ","))'); "
        + "otherwise fix the value in the file."
    case CSVError.invalidValue(let line, let column, let name, let text, .numberWithCommas(let numbers, let nonMissing)):
      return "Line \(line), column \(column) ('\(name)'): \"\(text)\" is a number written with a comma (a decimal comma "
        + "or a thousands separator), which is not read as a number, and column '\(name)' looks numeric (\(numbers) of "
        + "its \(nonMissing) non-missing values are numbers), so it is not read as text. Save the file with a decimal "
        + "point and no thousands separators."
    case DataError.unknownColumn, ToolInputError.unknownColumn, CSVError.unknownColumn:
      guard let input, let hint = separatorHint(input) else { return nil }
      return "\(error) \(hint)"
    default:
      return nil
    }
  }

  /// Advice to pass `--delimiter` when the data file reads as one column whose name holds
  /// another separator (`y;x;g`), or `nil`.
  static func separatorHint(_ input: InputOptions) -> String? {
    guard let table = try? input.readTable(), table.columns.count == 1, let name = table.columnNames.first,
      let other = separators.first(where: { name.contains($0.character) })
    else { return nil }
    let shown = name.count <= 60 ? name : String(name.prefix(57)) + "..."
    return "The file was read as one column named '\(shown)' (with --delimiter '\(input.delimiter.defaultValueDescription)'), "
      + "and that name holds '\(other.flag)': the file is probably separated by '\(other.flag)'. "
      + "Pass --delimiter '\(other.flag)'."
  }
}

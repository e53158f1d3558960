/// The set of cell texts that mean "missing" (``CSVReader/missingTokens``), matched on bytes.
struct CSVMissingTokens {
  private let tokens: [[UInt8]]
  private let longest: Int

  /// Creates a matcher for the given tokens.
  init(_ tokens: [String]) {
    self.tokens = tokens.map { Array($0.utf8) }
    self.longest = self.tokens.map(\.count).max() ?? -1
  }

  /// Whether the cell content equals one of the tokens.
  ///
  /// - Complexity: O(number of tokens × token length).
  @inline(__always)
  func matches(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard b.count <= longest else { return false }
    for token in tokens where token.count == b.count {
      var equal = true
      for k in 0..<token.count where token[k] != b[k] {
        equal = false
        break
      }
      if equal { return true }
    }
    return false
  }
}

/// Counts gathered for one column in the reader's first pass, from which its kind is inferred.
struct CSVColumnStats {
  /// Cells equal to a missing token.
  var missing = 0
  /// Cells that are not missing tokens.
  var nonMissing = 0
  /// Non-missing cells that are integers fitting `Int64`.
  var ints = 0
  /// Non-missing cells that are integers or numbers (including `inf` and `nan`).
  var numbers = 0
  /// Non-missing cells that are logicals.
  var bools = 0
  /// The first cell that is neither a number nor a logical, with its line.
  var firstText: (line: Int, text: String)?

  /// Counts a non-missing cell.
  ///
  /// - Complexity: O(length of the cell).
  @inline(__always)
  mutating func count(_ b: UnsafeBufferPointer<UInt8>, line: Int) {
    nonMissing += 1
    if CSVValueParsing.parseInt(b) != nil {
      ints += 1
      numbers += 1
    } else if CSVValueParsing.scanNumber(b) != nil {
      numbers += 1
    } else if CSVValueParsing.parseBool(b) != nil {
      bools += 1
    } else if firstText == nil {
      firstText = (line, String(decoding: b, as: UTF8.self))
    }
  }
}

/// The type inference rules of ``CSVReader``.
///
/// Over all non-missing cells of a column (cells equal to a missing token do not vote; `nan`
/// votes as a number and is stored as missing): all integers fitting `Int64` → `int`; else all integers or numbers → `double`; else
/// all logicals → `bool`; else `categorical`. A column with no non-missing cell is `double`
/// (all NaN). Before settling on `categorical`, the stray-text guard applies: when at least one
/// cell and at least ``CSVReader/looksNumericThreshold`` of the non-missing cells are numbers,
/// the column is taken to be numeric with mistakes in it, and reading fails at its first text
/// cell instead of silently turning every number into a category.
enum CSVTypeInference {
  /// The inferred kind of a column, or the stray-text guard tripping.
  enum Outcome {
    /// The column has this kind.
    case kind(Column.Kind)
    /// The column looks numeric but holds `text` at `line`.
    case looksNumeric(line: Int, text: String, numbers: Int, nonMissing: Int)
  }

  /// Infers a column's kind from its first-pass counts.
  ///
  /// - Parameters:
  ///   - stats: The column's counts.
  ///   - threshold: The share of numeric cells from which stray text is an error.
  static func infer(_ stats: CSVColumnStats, threshold: Double) -> Outcome {
    let n = stats.nonMissing
    if n == 0 { return .kind(.double) }
    if stats.ints == n { return .kind(.int) }
    if stats.numbers == n { return .kind(.double) }
    if stats.bools == n { return .kind(.bool) }
    if stats.numbers >= 1, Double(stats.numbers) >= threshold * Double(n), let first = stats.firstText {
      return .looksNumeric(line: first.line, text: first.text, numbers: stats.numbers, nonMissing: n)
    }
    return .kind(.categorical)
  }

  /// Whether a non-missing cell is a valid value of a forced kind.
  ///
  /// - Complexity: O(length of the cell).
  @inline(__always)
  static func accepts(_ b: UnsafeBufferPointer<UInt8>, as kind: Column.Kind) -> Bool {
    switch kind {
    case .int: return CSVValueParsing.parseInt(b) != nil
    case .double: return CSVValueParsing.scanNumber(b) != nil
    case .bool: return CSVValueParsing.parseBool(b) != nil
    case .categorical: return true
    }
  }
}

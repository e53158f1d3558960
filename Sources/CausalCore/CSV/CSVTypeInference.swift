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

/// What ``CSVColumnStats/count(_:line:)`` parsed from a non-missing cell.
enum CSVCellValue {
  /// An integer that fits `Int64`.
  case int(Int)
  /// A number that is not such an integer (decimal, exponent, `inf`, `nan`), scanned.
  case number(CSVValueParsing.NumberScan)
  /// A logical.
  case bool(Bool)
  /// Anything else.
  case text
}

/// Counts gathered for one column in the reader's first pass, from which its kind is inferred.
struct CSVColumnStats {
  /// How many distinct non-number texts the stray-text guard's second rule allows.
  static let fewTexts = 3

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
  /// Non-missing cells that are numbers written with commas (`1,5`, `1,234`), which the reader
  /// does not convert but which make a column look numeric.
  var commaNumbers = 0
  /// The first non-missing cell that is not a number (a logical or a number with commas
  /// counts), with its line and whether it is a number with commas.
  var firstText: (line: Int, text: String, hasCommas: Bool)?
  /// The distinct non-number texts seen (numbers with commas aside), up to ``fewTexts`` + 1
  /// (then no more are kept).
  private(set) var texts: [[UInt8]] = []

  /// Whether the non-number cells hold more than ``fewTexts`` distinct texts.
  var hasManyTexts: Bool { texts.count > Self.fewTexts }

  /// Counts a non-missing cell, and returns what it parsed, for the caller to store.
  ///
  /// - Complexity: O(length of the cell); a non-number cell is also compared with at most
  ///   ``fewTexts`` texts kept so far.
  @inline(__always)
  @discardableResult
  mutating func count(_ b: UnsafeBufferPointer<UInt8>, line: Int) -> CSVCellValue {
    nonMissing += 1
    if let value = CSVValueParsing.scanIntegerOrNumber(b) {
      numbers += 1
      if case .int = value { ints += 1 }
      return value
    }
    let hasCommas = CSVValueParsing.isCommaNumber(b)
    if firstText == nil { firstText = (line, String(decoding: b, as: UTF8.self), hasCommas) }
    if hasCommas {
      commaNumbers += 1
      return .text
    }
    let value = CSVValueParsing.parseBool(b)
    if value != nil { bools += 1 }
    if !hasManyTexts, !texts.contains(where: { Self.equal($0, b) }) { texts.append(Array(b)) }
    return value.map { .bool($0) } ?? .text
  }

  /// Adds the counts of a later part of the column (the next chunk of the file), whose line
  /// numbers count from 1 at that part's start.
  ///
  /// The first text stays the earlier part's when it has one; the distinct texts are united,
  /// still capped at ``fewTexts`` + 1, so the result equals the counts of one pass over both
  /// parts.
  ///
  /// - Parameters:
  ///   - later: The counts of the part that follows.
  ///   - lineOffset: The number of physical lines before that part's first line.
  /// - Complexity: O(``fewTexts``²) text comparisons.
  mutating func merge(_ later: CSVColumnStats, lineOffset: Int) {
    missing += later.missing
    nonMissing += later.nonMissing
    ints += later.ints
    numbers += later.numbers
    bools += later.bools
    commaNumbers += later.commaNumbers
    if firstText == nil, let text = later.firstText {
      firstText = (text.line + lineOffset, text.text, text.hasCommas)
    }
    for text in later.texts where !hasManyTexts && !texts.contains(text) { texts.append(text) }
  }

  /// Whether a kept text equals the cell's bytes.
  @inline(__always)
  private static func equal(_ text: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard text.count == b.count else { return false }
    for k in 0..<b.count where text[k] != b[k] { return false }
    return true
  }
}

/// The type inference rules of ``CSVReader``.
///
/// Over all non-missing cells of a column (cells equal to a missing token do not vote; `nan`
/// votes as a number and is stored as missing): all integers fitting `Int64` → `int`; else all
/// integers or numbers → `double`; else all logicals → `bool`; else `categorical`. A column
/// with no non-missing cell is `double` (all NaN).
///
/// Before settling on `categorical`, the stray-text guard applies. Numbers written with commas
/// (`1,5`, `1,234`: a decimal comma or thousands separators, see
/// ``CSVValueParsing/isCommaNumber(_:)``) are not converted but count as numbers here. A column
/// with at least one such number *looks numeric* when its other cells are few: under
/// `1 − threshold` of the non-missing cells (``CSVReader/looksNumericThreshold``, 10% by
/// default), or, when numbers are more than half of the non-missing cells, at most
/// ``CSVColumnStats/fewTexts`` distinct texts. Such a column is taken to be numeric with
/// mistakes, unlisted missing-value codes or commas in it, and reading fails at its first cell
/// that is not a plain number instead of silently turning every number into a category. A
/// threshold above 1 turns the guard off.
enum CSVTypeInference {
  /// The inferred kind of a column, or the stray-text guard tripping.
  enum Outcome {
    /// The column has this kind.
    case kind(Column.Kind)
    /// The column looks numeric but holds `text` at `line` (a number with commas when
    /// `hasCommas`); `numbers` counts the numbers, with or without commas.
    case looksNumeric(line: Int, text: String, hasCommas: Bool, numbers: Int, nonMissing: Int)
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
    if let first = stats.firstText, looksNumeric(stats, threshold: threshold) {
      return .looksNumeric(
        line: first.line, text: first.text, hasCommas: first.hasCommas, numbers: stats.numbers + stats.commaNumbers,
        nonMissing: n)
    }
    return .kind(.categorical)
  }

  /// Whether a column with some non-number cells looks numeric (see the type's discussion).
  private static func looksNumeric(_ stats: CSVColumnStats, threshold: Double) -> Bool {
    let count = stats.numbers + stats.commaNumbers
    guard count >= 1, threshold <= 1 else { return false }
    if Double(count) >= threshold * Double(stats.nonMissing) { return true }
    return 2 * count > stats.nonMissing && !stats.hasManyTexts
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

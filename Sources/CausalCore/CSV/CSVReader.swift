#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a CSV file into a ``DataTable``, inferring each column's kind.
///
/// ```swift
/// var reader = CSVReader()
/// reader.columnTypes["zip"] = .categorical       // keep leading zeros as text
/// let table = try reader.read(path: "schools.csv")
/// ```
///
/// **Format (RFC 4180).** Fields are separated by ``separator``, which is guessed from the
/// file when not given (see below), and records end with LF, CRLF or a lone CR (classic Mac
/// OS and some Excel exports); the last record may or may not end with a line break, and
/// blank lines at the end are ignored. A field that starts with `"` is quoted: it may contain
/// separators, quotes written as `""`, and any line breaks. A `"` inside an unquoted field is
/// kept as is. The input must be UTF-8; a leading byte-order mark is skipped.
/// The first record names the columns unless ``columnNames`` is set. Line numbers in errors
/// are physical lines of the file (CRLF counts as one line break), so a line break inside a
/// quoted field counts.
///
/// **Separator detection.** When ``separator`` is `nil` (the default), each of comma,
/// semicolon, tab and pipe splits the first 50 records (header included, blank lines skipped,
/// separators inside quotes ignored). A candidate is consistent when the header splits into
/// more than one field and every sampled row into as many; the consistent candidate with the
/// most fields wins, comma winning ties, then semicolon, tab, pipe. If none is consistent, the
/// candidate that splits the header into the most fields wins (comma on ties), and reading
/// reports the first ragged row; a header that none of them splits is read with a comma. Set
/// ``separator`` to skip detection, for example for a one-column file whose values hold
/// semicolons.
///
/// **Row names.** When the header's *first* name is empty and there are other columns, as in
/// files written by R's `write.csv` (`"","x","y"`) or pandas' `to_csv` with its index, the
/// first column holds row names and is named `rowname` (the name `tibble` gives row names
/// turned into a column), or `rowname_2`, `rowname_3`, ... if the header already has that
/// name. Any other empty name is an error.
///
/// **Missing values.** A cell whose content equals one of ``missingTokens`` (default `""`,
/// `"NA"` and `"."`, Stata's missing value) is missing in every kind of column, whether or not
/// it is quoted: `""` and `"NA"` are missing too, because a quoted empty string as a text level
/// is more often an export artefact than intended, and an empty category would be surprising
/// in a model. In number columns `nan` (any case) is also missing.
///
/// **Type inference**, over the whole file: a column whose non-missing cells are all integers
/// that fit `Int64` (optional sign, digits) is `int`; all numbers (decimal or exponent form,
/// `inf`/`Inf`/`-Inf`/`infinity`, `nan`) is `double`; all `true`/`false`/`TRUE`/`FALSE`/
/// `True`/`False` is `bool`; anything else is `categorical`. A column with no non-missing cell is
/// `double`. Leading and trailing spaces make a cell text. Use ``columnTypes`` to force a kind;
/// a cell that does not parse as a forced kind throws
/// ``CSVError/invalidValue(line:column:name:text:expected:)``.
///
/// **A numeric column never silently becomes text.** A column *looks numeric* when some of
/// its non-missing cells are numbers and the others are few: either they are under 10% of the
/// non-missing cells (``looksNumericThreshold``), or numbers are more than half of the cells
/// and the others hold at most 3 distinct texts (missing-value codes such as `n/a`, `-` or
/// `missing`). Reading a column that looks numeric but holds such text throws
/// ``CSVError/invalidValue(line:column:name:text:expected:)`` for its first text cell with
/// ``CSVError/Expectation/inferredNumber(numericCount:nonMissingCount:)``, instead of making
/// it categorical. Fix the cell, add it to ``missingTokens``, or set
/// `columnTypes[name] = .categorical` if text is intended. Numbers written with commas (`1,5`
/// with a decimal comma, as European spreadsheets write them in semicolon-separated files, or
/// `"1,234"` with a thousands separator) are not converted but count as numbers for this rule:
/// a column of them throws with
/// ``CSVError/Expectation/numberWithCommas(numericCount:nonMissingCount:)``. Text columns (all
/// text, or codes such as `A1`), and columns where numbers are mixed with many different
/// texts, stay categorical.
///
/// **Why a hand-written parser** rather than SwiftCSV or yaslab/CSV.swift: errors must name the
/// exact file line and column (including across quoted line breaks); types are inferred and
/// values converted straight from bytes into typed columns, with no per-cell `String`; and
/// multi-million-row files must parse at hundreds of megabytes per second, on every core.
///
/// **How it reads.** Bytes in memory are read as they are; a regular file is read in windows of
/// about 32 MB (below). After separator detection and the header, the records are cut into
/// chunks of about 2 MB at record boundaries (a line feed outside quotes, found by counting
/// quotes), and the chunks are read in parallel. Each cell is parsed once: its column's kind is guessed from the first 1,000
/// records, and the chunk stores the cell as that kind while counting it for type inference;
/// the counts of all chunks then decide the kinds by the rules above, over the whole file, and
/// only chunks where a guess was wrong are converted again. Numbers convert exactly as
/// `Double(String)` would (Clinger's fast path, then the Eisel-Lemire algorithm, then
/// `Double(String)` for the rare case neither decides). The result and every error, with its
/// line and column, are those of a single sequential pass, whatever the number of cores: each
/// chunk counts lines from its start and adds the lines of the chunks before it, the first
/// error in file order wins, and a file with a literal `"` inside an unquoted field (which can
/// mislead the quote count) is detected and read as one chunk.
///
/// **Memory.** A regular file read with ``read(path:)`` goes into an anonymous mapping of its
/// size, but only its first 8 MB and last 64 KB are read at first (for the separator, the
/// header, the kind guesses and the trailing blank lines; when those need more, the whole file
/// is read first). The records are then read window by window, 16 chunks at a time: on Linux
/// the pages of a window's parsed records are moved under the next window's bytes (elsewhere
/// they are handed back to the system), so the file never sits in memory whole and is not
/// faulted in page by page, and each window's column pieces are appended to their columns and
/// freed before the next window is read. The rare second reading of a chunk reads its bytes
/// from the file again, and throws if the file changed meanwhile.
/// Integer columns are stored in 32 bits when every value fits (``IntegerValues``), text as
/// 32-bit level codes. ``selectedColumns`` reads only some columns: the others are split into
/// fields but neither typed nor stored.
public struct CSVReader: Sendable {
  /// The field separator: one ASCII character other than `"`, CR or LF, such as `","`,
  /// `";"`, `"\t"` or `"|"`; or `nil` (the default) to guess it from the file among comma,
  /// semicolon, tab and pipe (see "Separator detection" above).
  public var separator: Unicode.Scalar?
  /// Cell contents that mean a missing value, compared exactly (case-sensitive, no trimming).
  /// Default ``defaultMissingTokens``: `["", "NA", "."]`.
  public var missingTokens: [String]
  /// Column names to use when the file has no header row; `nil` (the default) reads the names
  /// from the first record.
  public var columnNames: [String]?
  /// Kinds to force for some columns, by name, instead of inferring them.
  public var columnTypes: [String: Column.Kind]
  /// The share of numeric non-missing cells from which a column with some text cells is an
  /// error rather than a categorical column, whatever the number of distinct texts. Default
  /// 0.9; a value above 1 turns the whole guard off (both of its rules).
  public var looksNumericThreshold: Double

  /// The columns to read, by name, or `nil` (the default) for every column. The table holds
  /// the selected columns in file order. The other columns are still split into fields (a
  /// record with the wrong number of fields, a quote left open or invalid UTF-8 is still an
  /// error) but their cells are neither typed nor stored, so a forced kind or the stray-text
  /// guard does not apply to them, and reading costs less time and memory.
  public var selectedColumns: [String]?

  /// The nominal size in bytes of the chunks that the records are cut into to be read in
  /// parallel; a performance setting that never changes the result (tests use tiny chunks).
  package var chunkBytes = CSVChunkPlan.defaultChunkBytes

  /// The default ``missingTokens``: the empty cell, `NA` (R, pandas, readr) and `.` (Stata).
  public static let defaultMissingTokens = ["", "NA", "."]

  /// Creates a reader.
  ///
  /// - Parameters:
  ///   - separator: The field separator; default `nil`, guessed from the file.
  ///   - missingTokens: Cell contents read as missing; default `""`, `"NA"` and `"."`.
  ///   - columnNames: Names for a file without a header row; default `nil` (header required).
  ///   - columnTypes: Kinds forced by column name; default none.
  ///   - looksNumericThreshold: See ``looksNumericThreshold``; default 0.9.
  ///   - selectedColumns: The columns to read (see ``selectedColumns``); default `nil`, all.
  public init(
    separator: Unicode.Scalar? = nil,
    missingTokens: [String] = CSVReader.defaultMissingTokens,
    columnNames: [String]? = nil,
    columnTypes: [String: Column.Kind] = [:],
    looksNumericThreshold: Double = 0.9,
    selectedColumns: [String]? = nil
  ) {
    self.separator = separator
    self.missingTokens = missingTokens
    self.columnNames = columnNames
    self.columnTypes = columnTypes
    self.looksNumericThreshold = looksNumericThreshold
    self.selectedColumns = selectedColumns
  }

  /// Reads the CSV file at a path.
  ///
  /// A regular file is loaded in concurrent pieces, then parsed in parallel, and the memory
  /// holding each window of records is reused or handed back to the system as soon as it has
  /// been read; peak memory is then about the typed columns plus two windows of the file (64 MB
  /// with the default chunk size) and one window's column pieces. A pipe or special file is
  /// read whole first.
  ///
  /// - Parameter path: A file system path.
  /// - Returns: The table, with columns in file order.
  /// - Throws: ``CSVError/fileUnreadable(path:reason:)`` (also when the file changes while it
  ///   is read) or any parse error of ``CSVError``.
  /// - Complexity: O(file size + L log L) for L categorical levels.
  public func read(path: String) throws(CSVError) -> DataTable {
    let window = CSVTableParser.windowBytes(chunkBytes: chunkBytes)
    if let file = try CSVFileBuffer.load(path: path, prefix: window / 4, suffix: CSVTableParser.suffixBytes) {
      return try withExtendedLifetime(file) { () throws(CSVError) -> DataTable in
        try parse(file.bytes, validatesUTF8: true, file: file)
      }
    }
    let bytes = try CSVFileIO.readAll(path: path)
    return try read(bytes: bytes)
  }

  /// Reads the CSV file at a file URL.
  ///
  /// - Parameter url: A `file:` URL.
  /// - Returns: The table, with columns in file order.
  /// - Throws: ``CSVError/invalidOption(reason:)`` for a URL that is not a file URL,
  ///   ``CSVError/fileUnreadable(path:reason:)``, or any parse error of ``CSVError``.
  /// - Complexity: O(file size + L log L) for L categorical levels.
  public func read(contentsOf url: URL) throws(CSVError) -> DataTable {
    guard url.isFileURL else {
      throw .invalidOption(reason: "'\(url)' is not a file URL; download it first and pass the local file")
    }
    return try read(path: CSVFileIO.path(of: url))
  }

  /// Reads CSV text held in memory as bytes.
  ///
  /// - Parameter data: UTF-8 CSV bytes.
  /// - Returns: The table, with columns in file order.
  /// - Throws: Any parse error of ``CSVError``.
  /// - Complexity: O(data size + L log L) for L categorical levels.
  public func read(data: Data) throws(CSVError) -> DataTable {
    let result: Result<DataTable, CSVError> = data.withUnsafeBytes { raw in
      Result { () throws(CSVError) in try parse(raw.bindMemory(to: UInt8.self), validatesUTF8: true) }
    }
    return try result.get()
  }

  /// Reads CSV text held in memory as a byte array.
  ///
  /// - Parameter bytes: UTF-8 CSV bytes.
  /// - Returns: The table, with columns in file order.
  /// - Throws: Any parse error of ``CSVError``.
  /// - Complexity: O(bytes.count + L log L) for L categorical levels.
  public func read(bytes: [UInt8]) throws(CSVError) -> DataTable {
    let result: Result<DataTable, CSVError> = bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(CSVError) in try parse(buffer, validatesUTF8: true) }
    }
    return try result.get()
  }

  /// Reads CSV text from a string.
  ///
  /// - Parameter string: CSV text (a leading U+FEFF byte-order mark is skipped).
  /// - Returns: The table, with columns in file order.
  /// - Throws: Any parse error of ``CSVError`` (never ``CSVError/invalidUTF8(line:column:)``).
  /// - Complexity: O(string length + L log L) for L categorical levels.
  public func read(string: String) throws(CSVError) -> DataTable {
    var text = string
    let result: Result<DataTable, CSVError> = text.withUTF8 { buffer in
      Result { () throws(CSVError) in try parse(buffer, validatesUTF8: false) }
    }
    return try result.get()
  }

  /// Parses CSV bytes with these options.
  private func parse(
    _ input: UnsafeBufferPointer<UInt8>, validatesUTF8: Bool, file: CSVFileBuffer? = nil
  ) throws(CSVError) -> DataTable {
    let byte: UInt8
    if let separator {
      guard separator.isASCII, !"\"\r\n".unicodeScalars.contains(separator) else {
        throw .invalidOption(reason: "the separator must be one ASCII character other than a quote, CR or LF")
      }
      byte = UInt8(separator.value)
    } else if let file, !file.isComplete {
      let sniffed = CSVSeparatorSniffer.sniffWithReach(input)
      if sniffed.reach > file.prefixEnd {
        try file.readAll()
        byte = CSVSeparatorSniffer.sniff(input)
      } else {
        byte = sniffed.separator
      }
    } else {
      byte = CSVSeparatorSniffer.sniff(input)
    }
    let parser = CSVTableParser(
      separator: byte, missingTokens: CSVMissingTokens(missingTokens),
      columnNames: columnNames, columnTypes: columnTypes, looksNumericThreshold: looksNumericThreshold,
      selectedColumns: selectedColumns, chunkBytes: chunkBytes)
    return try parser.parse(input, validatesUTF8: validatesUTF8, file: file)
  }
}

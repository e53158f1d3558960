#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads Stata `.dta` files (formats 117, 118 and 119: Stata 13 and later) into a ``DataTable``.
///
/// ```swift
/// let table = try StataReader().read(path: "wage_panel.dta")
/// let dataset = try StataReader().readDataset(path: "wage_panel.dta")
/// print(dataset.variables.map { "\($0.name): \($0.storageType), \($0.missing.total) missing" })
/// ```
///
/// **Formats.** Both byte orders (`MSF` and `LSF`); storage types `byte`, `int`, `long`,
/// `float`, `double`, `str1`…`str2045` and `strL` (long strings, binary or text). Text is UTF-8
/// in formats 118 and 119 and Windows-1252 in format 117. Older formats (Stata 12 and earlier)
/// and the alias-variable formats 120 and 121 throw ``StataError/unsupportedRelease(release:)``,
/// whose message says how to save the file again in a supported format.
///
/// **Columns.** `byte`, `int` and `long` variables become `int` columns; `float` and `double`
/// variables become `double` columns (a `float` is widened exactly). Strings become
/// categorical columns as in ``CSVReader``: the levels are the distinct strings sorted
/// ascending, and the empty string, Stata's missing string, is missing. Numeric variables with
/// value labels become categorical columns whose levels are the label texts, **ordered by
/// numeric value** (so the reference level is the smallest value, as in Stata): every labelled
/// value and every unlabelled value found in the data, the latter written as its number; two
/// values with the same label share one level. A value-label name whose table the file lacks
/// leaves the variable numeric. Dates (`%td`, `%tc` formats) stay numbers.
///
/// **Missing values.** Stata's system missing value `.` and the extended missing values `.a`
/// to `.z` become missing in every numeric type: `byte` 101–127, `int` 32,741–32,767, `long`
/// 2,147,483,621 and above, `float` from 2¹²⁷ and `double` from 2¹⁰²³ (NaN and infinity count
/// as `.`). ``StataDataset/variables`` keeps each variable's counts by code; labels attached to
/// missing codes are not levels.
///
/// **Damaged files.** Every read is bounds-checked; a truncated or corrupt file throws a
/// ``StataError`` with the byte offset and what was expected there, and counts and lengths are
/// checked against the bytes left in the file before anything is allocated for them.
///
/// The whole file is loaded with one read, then decoded column by column straight from its
/// bytes (no allocation per value).
public struct StataReader: Sendable {
  /// Creates a reader.
  public init() {}

  /// Reads the `.dta` file at a path into a table.
  ///
  /// - Parameter path: A file system path.
  /// - Returns: The table, one column per variable in file order.
  /// - Throws: ``StataError``.
  /// - Complexity: O(file size + L log L) for L distinct strings and labels.
  public func read(path: String) throws(StataError) -> DataTable {
    try readDataset(path: path).table
  }

  /// Reads `.dta` bytes held in memory into a table.
  ///
  /// - Parameter bytes: The file's bytes.
  /// - Returns: The table, one column per variable in file order.
  /// - Throws: ``StataError``.
  /// - Complexity: O(bytes.count + L log L) for L distinct strings and labels.
  public func read(bytes: [UInt8]) throws(StataError) -> DataTable {
    try readDataset(bytes: bytes).table
  }

  /// Reads `.dta` bytes held in memory into a table.
  ///
  /// - Parameter data: The file's bytes.
  /// - Returns: The table, one column per variable in file order.
  /// - Throws: ``StataError``.
  /// - Complexity: O(data.count + L log L) for L distinct strings and labels.
  public func read(data: Data) throws(StataError) -> DataTable {
    try readDataset(data: data).table
  }

  /// Reads the `.dta` file at a path, with its variables' types, labels and missing counts.
  ///
  /// - Parameter path: A file system path.
  /// - Returns: The table and the file's description.
  /// - Throws: ``StataError``.
  /// - Complexity: O(file size + L log L) for L distinct strings and labels.
  public func readDataset(path: String) throws(StataError) -> StataDataset {
    let bytes: [UInt8]
    do {
      bytes = try CSVFileIO.readAll(path: path)
    } catch {
      if case .fileUnreadable(let path, let reason) = error { throw .fileUnreadable(path: path, reason: reason) }
      throw .fileUnreadable(path: path, reason: error.description)
    }
    return try readDataset(bytes: bytes)
  }

  /// Reads `.dta` bytes held in memory, with the variables' types, labels and missing counts.
  ///
  /// - Parameter bytes: The file's bytes.
  /// - Returns: The table and the file's description.
  /// - Throws: ``StataError``.
  /// - Complexity: O(bytes.count + L log L) for L distinct strings and labels.
  public func readDataset(bytes: [UInt8]) throws(StataError) -> StataDataset {
    let result: Result<StataDataset, StataError> = bytes.withUnsafeBytes { raw in
      Result { () throws(StataError) in try StataFileDecoder.decode(raw) }
    }
    return try result.get()
  }

  /// Reads `.dta` bytes held in memory, with the variables' types, labels and missing counts.
  ///
  /// - Parameter data: The file's bytes.
  /// - Returns: The table and the file's description.
  /// - Throws: ``StataError``.
  /// - Complexity: O(data.count + L log L) for L distinct strings and labels.
  public func readDataset(data: Data) throws(StataError) -> StataDataset {
    try readDataset(bytes: [UInt8](data))
  }

  /// Whether the file at a path is to be read as Stata data: its name ends in `.dta` (any
  /// case) or it starts with `<stata_dta>`. A file that cannot be opened is not.
  ///
  /// - Parameter path: A file system path.
  /// - Complexity: O(1): at most 11 bytes are read.
  public static func isStataFile(path: String) -> Bool {
    if path.lowercased().hasSuffix(".dta") { return true }
    return CSVFileIO.starts(path: path, with: Array("<stata_dta>".utf8))
  }
}

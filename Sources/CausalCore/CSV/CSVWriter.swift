#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Writes a ``DataTable`` as CSV text that ``CSVReader`` reads back into an equal table.
///
/// ```swift
/// try CSVWriter().write(table, toPath: "out.csv")
/// let text = try CSVWriter(separator: ";").string(from: table)
/// ```
///
/// The first line holds the column names. A field is quoted when it contains the separator,
/// a quote, CR or LF, and quotes inside it are doubled (RFC 4180). Missing values are written
/// as ``missingToken`` (`NA`). Doubles are written with Swift's shortest round-trip form
/// (`0.1`, `1e-300`, `0.3333333333333333`), so they read back bit for bit; an integer-valued
/// double keeps its decimal point (`3.0`) so that the column reads back as `double` rather
/// than `int`. Infinities are written `Inf` and `-Inf`. Negative zero is written `-0.0` and
/// reads back as negative zero. Integers are written in decimal, logicals as `true`/`false`.
///
/// Round-trip limits: a column in which every value is missing reads back as `double`; text
/// levels that look like numbers or logicals (`"1"`, `"true"`) read back as those kinds, and
/// a level equal to a missing token of the reader (`""`, `"NA"`, `"."`) reads back as missing. Use
/// ``CSVReader/columnTypes`` to force kinds where that matters.
public struct CSVWriter: Sendable {
  /// A line terminator.
  public enum LineEnding: String, Sendable, Equatable {
    /// `\n`, the default.
    case lf = "\n"
    /// `\r\n`, as RFC 4180 specifies and some Windows tools expect.
    case crlf = "\r\n"
  }

  /// The field separator: one ASCII character other than `"`, CR or LF. Default `,`.
  public var separator: Unicode.Scalar
  /// The text written for a missing value. Default `NA`.
  public var missingToken: String
  /// The line terminator. Default ``LineEnding/lf``.
  public var lineEnding: LineEnding

  /// Creates a writer.
  ///
  /// - Parameters:
  ///   - separator: The field separator; default `,`.
  ///   - missingToken: The text for missing values; default `NA`.
  ///   - lineEnding: The line terminator; default LF.
  public init(separator: Unicode.Scalar = ",", missingToken: String = "NA", lineEnding: LineEnding = .lf) {
    self.separator = separator
    self.missingToken = missingToken
    self.lineEnding = lineEnding
  }

  /// The table as CSV text.
  ///
  /// - Parameter table: The table to write.
  /// - Returns: The header line and one line per row, each ending with ``lineEnding``.
  /// - Throws: ``CSVError/invalidOption(reason:)`` for an unusable separator.
  /// - Complexity: O(rows × columns).
  public func string(from table: DataTable) throws(CSVError) -> String {
    var output: [UInt8] = []
    try encode(table) { (chunk: inout [UInt8]) throws(CSVError) in
      output.append(contentsOf: chunk)
      chunk.removeAll(keepingCapacity: true)
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Writes the table to a file, replacing any existing file.
  ///
  /// Output is written in chunks of about a megabyte, so memory use does not grow with the
  /// table.
  ///
  /// - Parameters:
  ///   - table: The table to write.
  ///   - path: A file system path.
  /// - Throws: ``CSVError/fileUnwritable(path:reason:)`` or
  ///   ``CSVError/invalidOption(reason:)``.
  /// - Complexity: O(rows × columns).
  public func write(_ table: DataTable, toPath path: String) throws(CSVError) {
    try checkSeparator()
    let file = try CSVFileIO.OutputFile(path: path)
    do {
      try encode(table) { (chunk: inout [UInt8]) throws(CSVError) in
        try file.write(chunk)
        chunk.removeAll(keepingCapacity: true)
      }
    } catch {
      try? file.close()
      throw error
    }
    try file.close()
  }

  /// Writes the table to a file URL, replacing any existing file.
  ///
  /// - Parameters:
  ///   - table: The table to write.
  ///   - url: A `file:` URL.
  /// - Throws: ``CSVError/fileUnwritable(path:reason:)`` or
  ///   ``CSVError/invalidOption(reason:)`` (also for a URL that is not a file URL).
  /// - Complexity: O(rows × columns).
  public func write(_ table: DataTable, to url: URL) throws(CSVError) {
    guard url.isFileURL else { throw .invalidOption(reason: "'\(url)' is not a file URL") }
    try write(table, toPath: CSVFileIO.path(of: url))
  }

  /// Throws unless the separator is one ASCII character other than a quote, CR or LF.
  private func checkSeparator() throws(CSVError) {
    guard separator.isASCII, !"\"\r\n".unicodeScalars.contains(separator) else {
      throw .invalidOption(reason: "the separator must be one ASCII character other than a quote, CR or LF")
    }
  }

  /// A column's values, unpacked once for the row loop.
  private enum Cells {
    case double([Double])
    case int(IntegerValues, missing: [Bool])
    case bool([Bool], missing: [Bool])
    case text([Int32], levels: [[UInt8]])
  }

  /// Encodes the table, handing the buffer to `flush` whenever it exceeds about a megabyte and
  /// once at the end.
  private func encode(
    _ table: DataTable, flush: (inout [UInt8]) throws(CSVError) -> Void
  ) throws(CSVError) {
    try checkSeparator()
    let sep = UInt8(separator.value)
    let newline = Array(lineEnding.rawValue.utf8)
    let missing = quoted(Array(missingToken.utf8), separator: sep)
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20 + 4096)
    for (j, column) in table.columns.enumerated() {
      if j > 0 { buffer.append(sep) }
      buffer.append(contentsOf: quoted(Array(column.name.utf8), separator: sep))
    }
    buffer.append(contentsOf: newline)
    let cells: [Cells] = table.columns.map { column in
      switch column.storage {
      case .double(let values): return .double(values)
      case .int(let values): return .int(values, missing: column.missing)
      case .bool(let values): return .bool(values, missing: column.missing)
      case .categorical(let codes, let levels):
        return .text(codes, levels: levels.map { quoted(Array($0.utf8), separator: sep) })
      }
    }
    for row in 0..<table.rowCount {
      for j in cells.indices {
        if j > 0 { buffer.append(sep) }
        switch cells[j] {
        case .double(let values):
          let value = values[row]
          if value.isNaN {
            buffer.append(contentsOf: missing)
          } else {
            appendDouble(value, to: &buffer)
          }
        case .int(let values, let mask):
          if !mask.isEmpty, mask[row] {
            buffer.append(contentsOf: missing)
          } else {
            buffer.append(contentsOf: String(values[row]).utf8)
          }
        case .bool(let values, let mask):
          if !mask.isEmpty, mask[row] {
            buffer.append(contentsOf: missing)
          } else {
            buffer.append(contentsOf: values[row] ? "true".utf8 : "false".utf8)
          }
        case .text(let codes, let levels):
          let code = Int(codes[row])
          if code >= 0, code < levels.count {
            buffer.append(contentsOf: levels[code])
          } else {
            buffer.append(contentsOf: missing)
          }
        }
      }
      buffer.append(contentsOf: newline)
      if buffer.count >= 1 << 20 { try flush(&buffer) }
    }
    try flush(&buffer)
  }

  /// Appends a non-NaN double in a form that reads back bit for bit as a `double`.
  private func appendDouble(_ value: Double, to buffer: inout [UInt8]) {
    if value.isInfinite {
      buffer.append(contentsOf: value < 0 ? "-Inf".utf8 : "Inf".utf8)
      return
    }
    let text = value.description.utf8
    buffer.append(contentsOf: text)
    if !text.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }) {
      buffer.append(contentsOf: ".0".utf8)
    }
  }

  /// The field as written: quoted, with quotes doubled, if it contains the separator, a
  /// quote, CR or LF.
  private func quoted(_ field: [UInt8], separator sep: UInt8) -> [UInt8] {
    let quote = UInt8(ascii: "\"")
    guard field.contains(where: { $0 == sep || $0 == quote || $0 == 0x0A || $0 == 0x0D }) else { return field }
    var out: [UInt8] = [quote]
    out.reserveCapacity(field.count + 2)
    for b in field {
      out.append(b)
      if b == quote { out.append(quote) }
    }
    out.append(quote)
    return out
  }
}

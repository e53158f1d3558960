import CausalCore
import Foundation
import PropertyBased
import Testing

/// Property: a table written by ``CSVWriter`` reads back equal with ``CSVReader``, for random
/// tables (doubles with NaN, infinities, negative zero and every bit pattern; integers, logicals
/// and text with missing values; text holding quotes, every separator, CR, LF and CRLF), with
/// each separator, LF or CRLF line ends, and the separator given or detected.
@Suite("CSV write-then-read round trips (property-based)")
struct CSVRoundTripPropertyTests {
  /// The separators the reader detects.
  static let separators: [Unicode.Scalar] = [",", ";", "\t", "|"]

  /// Characters for text cells: letters, spaces, quotes, every separator, line breaks and
  /// multi-byte characters.
  static let alphabet: [Character] = ["a", "b", "Z", " ", "\"", ",", ";", "\t", "|", "\n", "\r", "\r\n", "é", "日", "."]

  /// Doubles: any bit pattern (NaN payloads, subnormals, infinities) or a value from a range.
  static let doubleCell = Gen.oneOf(
    Gen<UInt64>.value(in: 0...UInt64.max).map { Double(bitPattern: $0) },
    Gen.double(in: -1e6...1e6),
    Gen<Double?>.element(of: [Double.nan, .infinity, -.infinity, -0.0, 0, 3, 0.1, .leastNonzeroMagnitude]).map { $0 ?? 0 })

  /// Text cells: any string over ``alphabet`` ending in `x`, so that it never reads back as a
  /// number, a logical or a missing token (the writer's documented round-trip limits).
  static let textCell = Gen<Character?>.element(of: alphabet).map { $0 ?? "a" }.string(of: 0...6).map { $0 + "x" }

  /// The expected table after a round trip: a column without any non-missing value reads back
  /// as an all-NaN `double` column.
  static func expected(_ table: DataTable) throws -> DataTable {
    try DataTable(columns: table.columns.map { column in
      column.missingCount == column.count && column.kind != .double
        ? Column(name: column.name, doubles: [Double](repeating: .nan, count: column.count)) : column
    })
  }

  /// Whether two columns hold the same values: doubles bit for bit with any NaN equal to any
  /// NaN; other kinds by value.
  static func same(_ a: Column, _ b: Column) -> Bool {
    guard a.name == b.name, a.kind == b.kind, a.count == b.count else { return false }
    if case .double(let x) = a.storage, case .double(let y) = b.storage {
      return zip(x, y).allSatisfy { $0.isNaN ? $1.isNaN : $0.bitPattern == $1.bitPattern }
    }
    return (0..<a.count).allSatisfy { a.text(at: $0) == b.text(at: $0) }
  }

  @Test("random tables read back equal, with the separator given or detected, LF or CRLF")
  func roundTrip() async {
    await propertyCheck(
      count: 300,
      input: Gen.int(in: 0...3), Gen.bool, Gen.int(in: 1...9),
      Self.doubleCell.array(of: 9), Gen.int(in: -1_000_000...1_000_000).optional.array(of: 9),
      Gen.bool.optional.array(of: 9), Self.textCell.optional(valueRate: 0.8).array(of: 9)
    ) { separatorIndex, crlf, rows, doubles, ints, bools, strings in
      let separator = Self.separators[separatorIndex]
      let table = try DataTable(columns: [
        Column(name: "d", doubles: Array(doubles.prefix(rows))),
        Column(name: "i", ints: Array(ints.prefix(rows))),
        Column(name: "b", bools: Array(bools.prefix(rows))),
        Column(name: "t \"q\", ;|", strings: Array(strings.prefix(rows))),
        Column(name: "u", strings: Array(strings.reversed().prefix(rows))),
      ])
      let writer = CSVWriter(separator: separator, lineEnding: crlf ? .crlf : .lf)
      let text = try writer.string(from: table)
      let expected = try Self.expected(table)
      for reader in [CSVReader(separator: separator), CSVReader()] {
        let back = try reader.read(string: text)
        #expect(back.columnNames == expected.columnNames, "\(text.debugDescription)")
        for (x, y) in zip(back.columns, expected.columns) {
          #expect(Self.same(x, y), "column \(y.name) of \(text.debugDescription)")
        }
      }
    }
  }

  @Test("random text cells under a one-column header read back with the separator given")
  func oneColumnText() async {
    await propertyCheck(count: 200, input: Gen.int(in: 0...3), Self.textCell.array(of: 1...12)) { separatorIndex, cells in
      let separator = Self.separators[separatorIndex]
      let table = try DataTable(columns: [Column(name: "s", strings: cells)])
      let back = try CSVReader(separator: separator).read(string: try CSVWriter(separator: separator).string(from: table))
      #expect(texts(back, "s") == cells)
    }
  }
}

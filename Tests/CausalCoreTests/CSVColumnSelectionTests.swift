@testable import CausalCore
import Foundation
import Testing

/// `CSVReader.selectedColumns`: only the named columns are typed and stored, in file order,
/// with exactly the values a full read gives them.
@Suite("CSVReader: reading selected columns")
struct CSVColumnSelectionTests {
  /// A seeded file with numbers, integers, text and missing cells, and a text-like cell deep in
  /// a column that looks numeric (`junk`), which a full read rejects.
  func file(rows: Int, strayText: Bool) -> String {
    var generator = SeededGenerator(seed: 11)
    var lines = ["y,junk,g,x,label"]
    for r in 1...rows {
      let y = Double(Int64.random(in: -1_000_000...1_000_000, using: &generator)) / 1e3
      let junk = strayText && r == rows - 3 ? "n/a" : "\(r % 13)"
      let x = r % 17 == 0 ? "NA" : "\(Double(r) / 8)"
      lines.append("\(y),\(junk),\(Int.random(in: 0..<40, using: &generator)),\(x),s\(r % 5)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test("the selected columns in file order, identical to the same columns of a full read, at every chunk size")
  func sameValues() throws {
    let text = file(rows: 3_000, strayText: false)
    let full = try CSVReader().read(string: text)
    for chunkBytes in [64, 4_096, Int.max] {
      var reader = CSVReader(selectedColumns: ["x", "y", "g", "y"])
      reader.chunkBytes = chunkBytes
      let table = try reader.read(string: text)
      #expect(table.columnNames == ["y", "g", "x"])
      let expected = try DataTable(columns: try ["y", "g", "x"].map { try full.column(named: $0) })
      expectSameOutcome(.success(table), .success(expected), "\(chunkBytes)-byte chunks")
      guard case .int(let g) = try table.column(named: "g").storage else {
        Issue.record("g is an integer column")
        continue
      }
      #expect(g.isCompact)
    }
  }

  @Test("an unselected column is not typed: its stray text is no error; a selected one still is")
  func unselectedNotTyped() throws {
    let text = file(rows: 2_000, strayText: true)
    #expect(throws: CSVError.self) { try CSVReader().read(string: text) }
    var reader = CSVReader(selectedColumns: ["y", "x"])
    reader.chunkBytes = 256
    #expect(try reader.read(string: text).rowCount == 2_000)
    #expect(throws: CSVError.self) { try CSVReader(selectedColumns: ["junk"]).read(string: text) }
  }

  @Test("structure errors anywhere in the record are still errors, on the same line as a full read")
  func structureStillChecked() {
    let text = "a,b,c\n1,2,3\n4,5\n7,8,9\n"
    #expect(throws: CSVError.raggedRow(line: 3, expected: 3, found: 2)) {
      try CSVReader(selectedColumns: ["a"]).read(string: text)
    }
    #expect(throws: CSVError.unterminatedQuote(line: 3, column: 3)) {
      try CSVReader(selectedColumns: ["a"]).read(string: "a,b,c\n1,2,3\n4,5,\"open\n")
    }
  }

  @Test(
    "fields after the last selected column, counted without being split: the same values and errors as when they are split",
    arguments: 0..<60)
  func unvisitedTail(seed: UInt64) throws {
    var generator = SeededGenerator(seed: 500 + seed)
    // Pieces of the tail: short and long fields (the eight-byte steps and the byte-wise rest),
    // quoted fields with separators, line breaks and escapes, non-ASCII text, and rarely a
    // byte that is not UTF-8.
    let pieces: [[UInt8]] = [
      [], Array("x".utf8), Array("a_longer_field_of_text".utf8), Array("\"q,uoted\"".utf8),
      Array("\"two\nlines\"".utf8), Array("\"esc\"\"aped\"".utf8), Array("café au lait".utf8), [0x41, 0xFF],
    ]
    let breaks: [[UInt8]] = [[10], [13, 10], [13]]
    let lineBreak = breaks[Int(seed) % 3]
    var bytes = Array("a,b,c,d,e".utf8) + lineBreak
    let rows = Int.random(in: 1...40, using: &generator)
    for r in 0..<rows {
      bytes += Array("\(r)".utf8)
      // Mostly five fields; now and then one too few or too many.
      let roll = Int.random(in: 0..<100, using: &generator)
      let fields = roll < 2 ? 4 : roll < 4 ? 6 : 5
      for _ in 1..<fields {
        var piece = Int.random(in: 0..<(pieces.count - 1), using: &generator)
        if Int.random(in: 0..<150, using: &generator) == 0 { piece = pieces.count - 1 }
        bytes += [UInt8(ascii: ",")] + pieces[piece]
      }
      if r < rows - 1 || Bool.random(using: &generator) { bytes += lineBreak }
    }
    for chunkBytes in [64, 4_096, Int.max] {
      var counted = CSVReader(selectedColumns: ["a"])
      var split = CSVReader(selectedColumns: ["a", "e"])
      counted.chunkBytes = chunkBytes
      split.chunkBytes = chunkBytes
      let expected = Result { () throws -> DataTable in
        let table = try split.read(bytes: bytes)
        return try DataTable(columns: [try table.column(named: "a")])
      }
      expectSameOutcome(Result { try counted.read(bytes: bytes) }, expected, "seed \(seed), \(chunkBytes)-byte chunks")
    }
  }

  @Test("a selected name the header lacks is an unknown column with suggestions, worded as the table's own")
  func unknownName() {
    let text = "score,school_id\n1,2\n"
    let error = CSVError.unknownColumn(name: "schol_id", suggestions: ["school_id"])
    #expect(throws: error) { try CSVReader(selectedColumns: ["score", "schol_id"]).read(string: text) }
    #expect(error.description == DataError.unknownColumn(name: "schol_id", suggestions: ["school_id"]).description)
  }

  @Test("an empty selection reads the rows and no column; a forced kind on an unselected column is not applied")
  func emptyAndForced() throws {
    let text = "a,b\n1,x\n2,y\n"
    let none = try CSVReader(selectedColumns: []).read(string: text)
    #expect(none.columnNames.isEmpty)
    let forced = try CSVReader(columnTypes: ["b": .int], selectedColumns: ["a"]).read(string: text)
    #expect(forced.columnNames == ["a"] && forced.rowCount == 2)
  }

  @Test("a file read from disk with a selection: the same columns as from its bytes")
  func fromDisk() throws {
    let text = file(rows: 20_000, strayText: false)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("causalkit-select-\(UInt64.random(in: 0...UInt64.max)).csv").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    var reader = CSVReader(selectedColumns: ["label", "x"])
    reader.chunkBytes = 16 << 10
    expectSameOutcome(Result { try reader.read(path: path) }, Result { try reader.read(bytes: Array(text.utf8)) }, "file")
  }
}

@testable import CausalCore
import Foundation
import Testing

/// The parallel reader on files large enough for many chunks: the same table and the same
/// errors as one chunk, whatever the chunk size.
@Suite("CSVReader: parallel chunks")
struct CSVParallelReaderTests {
  /// A seeded file of `rows` records: an id, a number with 17 significant digits, an integer
  /// code, a text level, and (when `quoted`) a note that is quoted, sometimes over two lines
  /// and with `""` escapes, so that cuts must skip line feeds inside quotes.
  func file(rows: Int, quoted: Bool, lineEnd: String = "\n", seed: UInt64 = 7) -> String {
    var generator = SeededGenerator(seed: seed)
    var lines = [quoted ? "id,x,code,school,note" : "id,x,code,school"]
    for r in 1...rows {
      let x = Double(Int64.random(in: -1_000_000_000...1_000_000_000, using: &generator)) / 1e7 + 1e-9
      var line = "\(r),\(x),\(Int.random(in: 0..<50, using: &generator)),s\(Int.random(in: 0..<30, using: &generator))"
      if quoted {
        switch r % 5 {
        case 0: line += ",\"two\(lineEnd)lines, \"\"quoted\"\"\""
        case 1: line += ",\"\""
        case 2: line += ",plain"
        case 3: line += ",\"\(lineEnd)\(lineEnd)\""
        default: line += ",NA"
        }
      }
      lines.append(line)
    }
    return lines.joined(separator: lineEnd) + lineEnd
  }

  /// Reads with one chunk and with each chunk size, and expects identical outcomes; returns the
  /// one-chunk outcome.
  @discardableResult
  func expectChunkSizesAgree(_ text: String, _ reader: CSVReader = CSVReader(), sizes: [Int] = [17, 256, 4096])
    -> Result<DataTable, any Error>
  {
    var single = reader
    single.chunkBytes = Int.max
    let whole = Result { try single.read(bytes: Array(text.utf8)) }
    for size in sizes {
      var chunked = reader
      chunked.chunkBytes = size
      expectSameOutcome(Result { try chunked.read(bytes: Array(text.utf8)) }, whole, "\(size)-byte chunks")
    }
    return whole
  }

  @Test("the plan cuts only at record boundaries: after a line feed outside quotes")
  func cutsAtRecordBoundaries() throws {
    let text = file(rows: 2_000, quoted: true)
    let bytes = Array(text.utf8)
    let cuts = bytes.withUnsafeBufferPointer { CSVChunkPlan.cuts($0, range: 21..<bytes.count - 1, chunkBytes: 1_000) }
    #expect(cuts.count > 40)
    for cut in cuts.dropFirst().dropLast() {
      #expect(bytes[cut - 1] == UInt8(ascii: "\n"))
      // Outside quotes: an even number of quotes before the cut.
      #expect(bytes[..<cut].filter { $0 == UInt8(ascii: "\"") }.count % 2 == 0)
    }
  }

  @Test("the quote parity of any stretch of bytes is that of a plain count")
  func quoteParityMatchesCount() {
    var random = SplitMix64(seed: 11)
    let alphabet = Array("\"a,\n\u{E9}\"\"1".utf8)
    let bytes = (0..<4_099).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
    bytes.withUnsafeBufferPointer { all in
      for start in [0, 1, 3, 7, 8, 9] {
        for end in [start, start + 1, start + 7, start + 8, start + 63, 2_048, 4_099] where end >= start {
          let stretch = UnsafeBufferPointer(rebasing: all[start..<end])
          let count = stretch.filter { $0 == UInt8(ascii: "\"") }.count
          #expect(CSVChunkPlan.quoteParity(stretch) == UInt8(count % 2), "\(start)..<\(end)")
        }
      }
    }
  }

  @Test("quoted fields with line breaks and escapes across many chunks: the same table", arguments: ["\n", "\r\n"])
  func quotedAcrossChunks(lineEnd: String) throws {
    let table = try expectChunkSizesAgree(file(rows: 3_000, quoted: true, lineEnd: lineEnd)).get()
    #expect(table.rowCount == 3_000)
    #expect(table["note"]?.kind == .categorical)
    #expect(table["note"]?.missingCount == 1_200)
    #expect(table["x"]?.kind == .double)
    #expect(table["code"]?.kind == .int)
  }

  @Test("a literal quote inside unquoted fields misleads the plan; the reader notices and reads one chunk")
  func strayQuotes() throws {
    var lines = ["id,size,label"]
    for r in 1...2_000 { lines.append("\(r),\(r % 7)\" screen,\(r % 3 == 0 ? "\"a\nb\"" : "x")") }
    let text = lines.joined(separator: "\n") + "\n"
    let table = try expectChunkSizesAgree(text).get()
    #expect(table.rowCount == 2_000)
    #expect(table["size"]?.levels.count == 7)
  }

  @Test("errors deep in a many-chunk file carry the same line and column as one chunk")
  func errorsDeepInFile() throws {
    let plain = file(rows: 3_000, quoted: false).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var lines = plain
    // Physical line 2,501 is record 2,500: make it ragged.
    lines[2_500] += ",extra"
    let raggedText = lines.joined(separator: "\n")
    let outcome = expectChunkSizesAgree(raggedText)
    #expect(throws: CSVError.self) { try outcome.get() }
    if case .failure(let error as CSVError) = outcome, case .raggedRow(let line, _, _) = error {
      #expect(line == 2_501)
    } else {
      Issue.record("expected a ragged row, got \(outcome)")
    }
    // An unterminated quote near the end, a forced kind violated, and invalid UTF-8.
    var open = file(rows: 3_000, quoted: true).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    open[open.count - 30] += ",\"never closed"
    expectChunkSizesAgree(open.joined(separator: "\n"))
    var forced = CSVReader()
    forced.columnTypes = ["code": .int]
    var text = plain
    text[2_000] = "2000,1.5,3.5,s1"
    expectChunkSizesAgree(text.joined(separator: "\n"), forced)
    let invalid = Array(plain.joined(separator: "\n").utf8).enumerated().map { $0.offset == 60_000 ? 0xFF : $0.element }
    var single = CSVReader()
    single.chunkBytes = Int.max
    var chunked = CSVReader()
    chunked.chunkBytes = 512
    expectSameOutcome(Result { try chunked.read(bytes: invalid) }, Result { try single.read(bytes: invalid) }, "invalid UTF-8")
  }

  @Test("stray text deep in a numeric column: the first offending cell in file order, its line across chunks")
  func strayTextAcrossChunks() throws {
    var lines = ["id,x,y"]
    for r in 1...4_000 { lines.append("\(r),\(r == 3_333 ? "n/a" : "\(r).5"),\(r == 3_900 ? "oops" : "\(r)")") }
    let outcome = expectChunkSizesAgree(lines.joined(separator: "\n"))
    #expect(throws: CSVError.invalidValue(
      line: 3_334, column: 2, name: "x", text: "n/a", expected: .inferredNumber(numericCount: 3_999, nonMissingCount: 4_000))) {
      try outcome.get()
    }
  }

  @Test("categorical levels seen first in later chunks, and integer columns with missing cells")
  func levelsAndMissingAcrossChunks() throws {
    var lines = ["g,k,b"]
    for r in 0..<5_000 {
      let level = "L\((r * 7919) % (1 + r / 50))"
      lines.append("\(level),\(r % 11 == 0 ? "NA" : String(r)),\(r % 13 == 0 ? "" : (r % 2 == 0 ? "true" : "false"))")
    }
    let table = try expectChunkSizesAgree(lines.joined(separator: "\n"), sizes: [64, 1_000]).get()
    #expect(table["g"]?.kind == .categorical)
    #expect(table["k"]?.kind == .int)
    #expect(table["k"]?.missingCount == 455)
    #expect(table["b"]?.kind == .bool)
  }

  @Test("unquoted fields of every length split eight bytes at a time: separators, CR, LF and non-ASCII at every offset")
  func wordAtATimeSplitting() throws {
    var generator = SeededGenerator(seed: 11)
    let alphabet = Array("abcdefgh0123456789-xyzé".unicodeScalars).map(String.init)
    for lineEnd in ["\n", "\r\n", "\r"] {
      var rows: [[String]] = []
      for r in 0..<400 {
        rows.append((0..<3).map { c in
          let length = (r * 7 + c * 5) % 23 + 1
          return (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }.joined()
        })
      }
      let text = "a,b,c" + lineEnd + rows.map { $0.joined(separator: ",") }.joined(separator: lineEnd) + lineEnd
      var reader = CSVReader(columnTypes: ["a": .categorical, "b": .categorical, "c": .categorical])
      reader.chunkBytes = 97
      let table = try reader.read(bytes: Array(text.utf8))
      #expect(table.rowCount == 400)
      for (j, name) in ["a", "b", "c"].enumerated() {
        #expect(texts(table, name) == rows.map { $0[j] }, "\(name), line end \(lineEnd.debugDescription)")
      }
      // A byte that is not UTF-8 at each offset of a 20-byte field is found, on its line and column.
      for offset in 0..<20 {
        var bytes = Array("a,b,c\n1,2,3\nx,\(String(repeating: "q", count: 20)),z\n".utf8)
        bytes[12 + 2 + offset] = 0xFF
        #expect(throws: CSVError.invalidUTF8(line: 3, column: 2)) { try reader.read(bytes: bytes) }
      }
    }
  }

  @Test("a file of more than 8 MB is read from disk in concurrent pieces: the same table as from its bytes")
  func fileReadInPieces() throws {
    let text = file(rows: 320_000, quoted: false)
    #expect(text.utf8.count > 8 << 20)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("causalkit-pieces-\(UInt64.random(in: 0...UInt64.max)).csv").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    expectSameOutcome(Result { try CSVReader().read(path: path) }, Result { try CSVReader().read(bytes: Array(text.utf8)) }, "file")
  }
}

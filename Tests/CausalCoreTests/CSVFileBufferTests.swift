@testable import CausalCore
import Foundation
import Testing

/// Reading a CSV file whose chunks' memory is handed back as soon as they are read: the pages
/// really go, the rare second readings get the bytes back from the file, and a file that
/// changed in between is an error, not a wrong table.
@Suite("CSVReader: file pages released after reading")
struct CSVFileBufferTests {
  /// Writes `text` to a new temporary file and returns its path.
  func temporaryFile(_ text: String) throws -> String {
    let name = "causalkit-buffer-\(UInt64.random(in: 0...UInt64.max)).csv"
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Reads the file in 16 KB chunks (many whole pages each) and its bytes as one chunk, and
  /// expects the same outcome.
  func expectFileAgreesWithBytes(_ text: String) throws {
    let path = try temporaryFile(text)
    defer { try? FileManager.default.removeItem(atPath: path) }
    var chunked = CSVReader()
    chunked.chunkBytes = 16 << 10
    var single = CSVReader()
    single.chunkBytes = Int.max
    expectSameOutcome(
      Result { try chunked.read(path: path) }, Result { try single.read(bytes: Array(text.utf8)) }, "file in chunks")
  }

  @Test("released pages read as zeros and are read back from the file on restore")
  func releaseAndRestore() throws {
    let text = String(repeating: "0123456789abcdef\n", count: 4_000)
    let path = try temporaryFile(text)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try #require(try CSVFileBuffer.load(path: path))
    let original = Array(text.utf8)
    #expect(firstDifference(file.bytes, original) == nil)
    file.release(100..<60_000)
    #if os(Linux)
    #expect(file.bytes[8_192..<57_344].allSatisfy { $0 == 0 })
    #endif
    #expect(firstDifference(file.bytes, original, in: 0..<4_096) == nil)
    try file.restore(100..<60_000)
    #expect(firstDifference(file.bytes, original) == nil)
  }

  /// The first offset in `range` (default: all) where the buffer's bytes differ from the
  /// file's, or `nil`: a test that fails says where, without a slow diff of whole arrays.
  func firstDifference(_ bytes: UnsafeBufferPointer<UInt8>, _ original: [UInt8], in range: Range<Int>? = nil) -> Int? {
    guard bytes.count == original.count else { return -1 }
    return (range ?? 0..<original.count).first { bytes[$0] != original[$0] }
  }

  /// A temporary file of `count` lines of scrambled numbers, its bytes, and the file loaded
  /// lazily (its first `prefix` and last `suffix` bytes) with page moves on or off.
  func lazyNumberLines(_ count: Int, prefix: Int, suffix: Int, movesPages: Bool) throws
    -> (path: String, bytes: [UInt8], file: CSVFileBuffer)
  {
    let text = (0..<count).map { "\($0 * 7919 % 100_003)" }.joined(separator: "\n")
    let path = try temporaryFile(text)
    let file = try #require(try CSVFileBuffer.load(path: path, prefix: prefix, suffix: suffix))
    file.movesPages = movesPages
    return (path, Array(text.utf8), file)
  }

  @Test("recycled pages moved (or not) under the next bytes read: every byte is the file's, before and after",
        arguments: [true, false])
  func recycleAndRestore(movesPages: Bool) throws {
    let (path, original, file) = try lazyNumberLines(40_000, prefix: 30_000, suffix: 5_000, movesPages: movesPages)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(!file.isComplete)
    #expect(firstDifference(file.bytes, original, in: 0..<30_000) == nil)
    try file.restore(30_000..<90_000)
    #expect(firstDifference(file.bytes, original, in: 0..<90_000) == nil)
    // The first window's pages go under the second window's bytes.
    file.recycle(100..<89_000)
    try file.restore(90_000..<150_000)
    #expect(firstDifference(file.bytes, original, in: 89_000..<150_000) == nil)
    // A restore over spare pages (a second reading) and one past them.
    file.recycle(89_000..<150_000)
    try file.restore(120_000..<160_000)
    #expect(firstDifference(file.bytes, original, in: 120_000..<160_000) == nil)
    file.releaseSpare()
    try file.restore(0..<file.count)
    #expect(firstDifference(file.bytes, original) == nil)
  }

  @Test("restores of disjoint ranges on several threads at once, over spare pages moved (or not): every byte is the file's",
        arguments: [true, false])
  func concurrentRestores(movesPages: Bool) throws {
    let (path, original, file) = try lazyNumberLines(120_000, prefix: 200_000, suffix: 4_096, movesPages: movesPages)
    defer { try? FileManager.default.removeItem(atPath: path) }
    // Spare pages from the first bytes, then many restores at once (as pass 2 does), some over
    // the spare pages and most over bytes never read.
    file.recycle(0..<200_000)
    let pieces = 24, step = (file.count + pieces - 1) / pieces
    let outcomes = ParallelMap.values(pieces) { k in
      Result { () throws(CSVError) in try file.restore(k * step..<min(file.count, (k + 1) * step)) }
    }
    #expect(outcomes.count == pieces)
    for outcome in outcomes { _ = try outcome.get() }
    file.releaseSpare()
    #expect(firstDifference(file.bytes, original) == nil)
  }

  @Test("a file that changed after it was loaded is an error on restore")
  func changedFile() throws {
    let path = try temporaryFile(String(repeating: "1,2\n", count: 5_000))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try #require(try CSVFileBuffer.load(path: path))
    try Data(String(repeating: "3,4\n", count: 6_000).utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: CSVError.self) { try file.restore(0..<file.count) }
  }

  @Test("a column whose kind the first records guess wrongly: the second pass reads the released chunks back")
  func secondPassFromFile() throws {
    var lines = ["id,x,school"]
    for r in 1...40_000 {
      let x = r <= 30_000 ? "\(r % 1_000)" : "\(r % 1_000).25"
      lines.append("\(r),\(x),s\(r % 37)")
    }
    try expectFileAgreesWithBytes(lines.joined(separator: "\n") + "\n")
  }

  @Test("literal quotes mislead the chunk plan: the single-chunk re-read gets the released bytes back")
  func misalignedFromFile() throws {
    var lines = ["id,size,label"]
    for r in 1...40_000 { lines.append("\(r),\(r % 7)\" screen,\(r % 3 == 0 ? "\"a\nb\"" : "x")") }
    try expectFileAgreesWithBytes(lines.joined(separator: "\n") + "\n")
  }

  @Test("errors deep in a file read in released chunks keep their line and column")
  func errorFromFile() throws {
    var lines = ["id,x"]
    for r in 1...30_000 { lines.append(r == 27_000 ? "\(r),1,extra" : "\(r),\(r)") }
    try expectFileAgreesWithBytes(lines.joined(separator: "\n") + "\n")
  }

  @Test("columns joined window by window: missing cells, 64-bit integers, a spoiled guess and new levels only in late windows")
  func lateWindowsJoin() throws {
    var lines = ["id,k,big,x,g,b"]
    for r in 1...40_000 {
      let k = r > 30_000 && r % 7 == 0 ? "NA" : "\(r % 100)"
      let big = r > 35_000 ? "\((1 << 40) + r)" : "\(r)"
      let x = r > 38_000 ? "\(r).5" : "\(r % 1_000)"
      let b = r > 25_000 && r % 5 == 0 ? "" : (r % 2 == 0 ? "true" : "false")
      lines.append("\(r),\(k),\(big),\(x),L\(r / 1_000),\(b)")
    }
    let text = lines.joined(separator: "\n") + "\n"
    try expectFileAgreesWithBytes(text)
    let path = try temporaryFile(text)
    defer { try? FileManager.default.removeItem(atPath: path) }
    var reader = CSVReader()
    reader.chunkBytes = 16 << 10
    let table = try reader.read(path: path)
    #expect(table["k"]?.kind == .int && table["big"]?.kind == .int && table["b"]?.kind == .bool)
    #expect(table["x"]?.kind == .double)
    #expect(table["k"]?.missingCount == (30_001...40_000).filter { $0 % 7 == 0 }.count)
    #expect(table["b"]?.missingCount == (25_001...40_000).filter { $0 % 5 == 0 }.count)
    #expect(try table.column(named: "big").doubles().last == Double((1 << 40) + 40_000))
    #expect(try table.column(named: "x").doubles().last == 40_000.5)
    #expect(table["g"]?.levels.count == 41)
  }

  /// Rows of `a,b,c` numbers, `count` of them, each line ending with `lineEnd`.
  func rows(_ count: Int, lineEnd: String = "\n") -> String {
    (1...count).map { "\($0),\(Double($0) / 4),s\($0 % 9)" }.joined(separator: lineEnd) + lineEnd
  }

  @Test("a header longer than the bytes read first: the file is read whole and the table is the same")
  func longHeader() throws {
    let names = (0..<12_000).map { "column_\($0)" }
    let header = names.joined(separator: ",")
    let row = (0..<12_000).map { "\($0 % 10)" }.joined(separator: ",")
    #expect(header.utf8.count > 64 << 10)
    try expectFileAgreesWithBytes(header + "\n" + Array(repeating: row, count: 40).joined(separator: "\n") + "\n")
  }

  @Test("more blank lines at the end than the bytes read from the end: the same table")
  func longBlankTail() throws {
    try expectFileAgreesWithBytes("a,b,c\n" + rows(30_000) + String(repeating: "\n", count: 100_000))
    try expectFileAgreesWithBytes("a,b,c\n" + rows(30_000) + String(repeating: "\r\n", count: 40_000))
  }

  @Test("long first records: separator detection reads past the first bytes, and the file is read whole")
  func longFirstRecords() throws {
    let wide = (0..<40).map { r in (0..<2_000).map { "\(($0 + r) % 7)" }.joined(separator: ";") }
    try expectFileAgreesWithBytes(
      (0..<2_000).map { "v\($0)" }.joined(separator: ";") + "\n" + wide.joined(separator: "\n") + "\n"
        + Array(repeating: wide[0], count: 200).joined(separator: "\n") + "\n")
  }

  @Test("a record longer than a window (a quoted field of 600 KB) and lone-CR line ends: windows widen")
  func widenedWindows() throws {
    let note = "\"" + String(repeating: "x\ny,", count: 120_000) + "\""
    try expectFileAgreesWithBytes("a,b,note\n" + rows(10_000).replacingOccurrences(of: ",s", with: ",1,s")
      .split(separator: "\n").map { String($0.split(separator: ",").prefix(2).joined(separator: ",")) + ",n" }
      .joined(separator: "\n") + "\n1,2," + note + "\n" + "3,4,z\n")
    try expectFileAgreesWithBytes("a,b,c\r" + rows(30_000, lineEnd: "\r"))
  }

  @Test("a byte-order mark, quoted fields across windows, and missing cells: the same table")
  func bomAndQuotes() throws {
    var lines = ["\u{FEFF}id,text,x"]
    for r in 1...30_000 { lines.append("\(r),\(r % 4 == 0 ? "\"a, \"\"b\"\"\nc\"" : "plain"),\(r % 11 == 0 ? "NA" : "\(r)")") }
    try expectFileAgreesWithBytes(lines.joined(separator: "\n") + "\n")
  }
}

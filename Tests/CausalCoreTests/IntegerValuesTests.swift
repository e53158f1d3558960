import CausalCore
import Testing

@Suite("Integer columns: 32-bit storage when the values fit, the same results either way")
struct IntegerValuesTests {
  @Test("Values within the 32-bit range are stored compactly; one value outside makes all 64-bit")
  func representation() {
    let small = IntegerValues([0, -5, Int(Int32.max), Int(Int32.min)])
    #expect(small.isCompact)
    #expect(Array(small) == [0, -5, Int(Int32.max), Int(Int32.min)])
    let large = IntegerValues([0, Int(Int32.max) + 1])
    #expect(!large.isCompact)
    #expect(large[1] == 2_147_483_648)
    let negative = IntegerValues([Int(Int32.min) - 1])
    #expect(!negative.isCompact && negative[0] == -2_147_483_649)
    #expect(IntegerValues([Int]()).isCompact && IntegerValues([Int]()).isEmpty)
    #expect(IntegerValues([Int32(7), -3]) == [7, -3])
  }

  @Test("The representation is canonical: equal values compare and hash equal however they were made")
  func canonical() {
    let fromInts = IntegerValues([1, 2, 3])
    let fromNarrow = IntegerValues([Int32(1), 2, 3])
    let fromSequence = IntegerValues((1...3).lazy.map { $0 })
    #expect(fromInts == fromNarrow && fromNarrow == fromSequence)
    #expect(fromInts.hashValue == fromNarrow.hashValue)
    #expect(Column(name: "a", ints: [1, 2, 3]) == Column(name: "a", integers: fromNarrow))
  }

  @Test("Selecting rows and converting keep the values, and the storage follows the selected values")
  func selecting() throws {
    let column = Column(name: "id", ints: [10, nil, Int.max, -4])
    guard case .int(let values) = column.storage else {
      Issue.record("an integer column")
      return
    }
    #expect(!values.isCompact)
    let picked = column.selecting(rows: [3, 0, 1])
    guard case .int(let pickedValues) = picked.storage else {
      Issue.record("an integer column")
      return
    }
    #expect(pickedValues.isCompact && Array(pickedValues) == [-4, 10, 0])
    #expect(picked.missing == [false, false, true])
    #expect(try picked.doubles().map { $0.isNaN ? -1 : $0 } == [-4, 10, -1])
    #expect(column.text(at: 2) == String(Int.max))
    #expect(values.wideArray == [10, 0, Int.max, -4])
  }

  @Test("A missing mask of the wrong length is an error naming the column")
  func maskLength() {
    #expect(throws: DataError.lengthMismatch(column: "g", expected: 2, found: 3)) {
      try Column(name: "g", integers: [1, 2], missing: [false, true, false])
    }
    let allPresent = try? Column(name: "g", integers: [1, 2], missing: [false, false])
    #expect(allPresent?.missing == [])
  }

  @Test("Factor codes are identical from 32-bit and 64-bit storage, with and without a row list")
  func factorCodes() throws {
    let raw = [30, 10, 30, 20, -5, 10]
    let compact = Column(name: "firm", ints: raw)
    // The same codes shifted by 2^40 force 64-bit storage; their order is unchanged.
    let shift = 1 << 40
    let wide = Column(name: "firm", ints: raw.map { $0 + shift })
    let a = try FactorCodes(column: compact)
    let b = try FactorCodes(column: wide)
    #expect(a.codes == b.codes && a.levelCount == b.levelCount)
    #expect(a.codes == [3, 1, 3, 2, 0, 1])
    let rows = [5, 1, 4]
    let c = try FactorCodes(column: compact, rows: rows)
    let d = try FactorCodes(column: wide, rows: rows)
    #expect(c.codes == d.codes && c.codes == [1, 1, 0])
  }

  @Test("The CSV reader stores integer columns in 32 bits when they fit, with missing cells flagged")
  func csvColumns() throws {
    let text = "id,big,with_missing\n1,3000000000,4\n2,1,NA\n3,-3000000000,6\n"
    let table = try CSVReader().read(string: text)
    func values(_ name: String) throws -> IntegerValues? {
      if case .int(let v) = try table.column(named: name).storage { return v }
      return nil
    }
    #expect(try values("id")?.isCompact == true)
    #expect(try values("big")?.isCompact == false)
    #expect(try values("big").map(Array.init) == [3_000_000_000, 1, -3_000_000_000])
    #expect(try values("with_missing")?.isCompact == true)
    #expect(try table.column(named: "with_missing").missing == [false, true, false])
  }

  @Test("Chunks of a many-chunk CSV join into 32-bit storage, or 64-bit when a late chunk needs it")
  func csvChunks() throws {
    var text = "g\n"
    for i in 0..<2_000 { text += "\(i % 97)\n" }
    var reader = CSVReader()
    reader.chunkBytes = 64
    let compact = try reader.read(string: text)
    guard case .int(let small) = try compact.column(named: "g").storage else {
      Issue.record("an integer column")
      return
    }
    #expect(small.isCompact && small.count == 2_000 && small[1_999] == 1_999 % 97)
    let wide = try reader.read(string: text + "5000000000\n")
    guard case .int(let large) = try wide.column(named: "g").storage else {
      Issue.record("an integer column")
      return
    }
    #expect(!large.isCompact && large[2_000] == 5_000_000_000 && large[1_998] == 1_998 % 97)
    #expect(Array(large.prefix(2_000)) == Array(small))
  }

  @Test("An accumulator widens at the first value beyond 32 bits, keeping every value before it")
  func accumulator() {
    var a = IntegerAccumulator(capacity: 2)
    var b = IntegerAccumulator(capacity: 0)
    for x in [5, -7, Int(Int32.max)] { a.append(x) }
    for x in [1, Int(Int32.min) - 1, 2] { b.append(x) }
    #expect(a.count == 3 && b.count == 3)
    let narrow = IntegerValues(joining: [a])
    #expect(narrow.isCompact && Array(narrow) == [5, -7, Int(Int32.max)])
    let joined = IntegerValues(joining: [a, b, a])
    #expect(!joined.isCompact)
    #expect(Array(joined) == [5, -7, Int(Int32.max), 1, Int(Int32.min) - 1, 2, 5, -7, Int(Int32.max)])
    #expect(IntegerValues(joining: [a, a]) == IntegerValues([5, -7, Int(Int32.max), 5, -7, Int(Int32.max)]))
    #expect(IntegerValues(joining: []).isEmpty)
  }
}

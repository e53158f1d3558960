import CausalCore
import Foundation
import Testing

/// Reads CSV text with the given reader, and checks that the parallel reader gives the same
/// table or the same error (with the same line and column) when the records are cut into
/// chunks of 1, 2, 3, 7 and 64 bytes, from `String` and from bytes (which validates UTF-8).
func readCSV(_ text: String, _ reader: CSVReader = CSVReader()) throws -> DataTable {
  let whole = Result { try reader.read(string: text) }
  for chunkBytes in [1, 2, 3, 7, 64] {
    var chunked = reader
    chunked.chunkBytes = chunkBytes
    expectSameOutcome(Result { try chunked.read(string: text) }, whole, "string, \(chunkBytes)-byte chunks")
    var single = reader
    single.chunkBytes = Int.max
    expectSameOutcome(
      Result { try chunked.read(bytes: Array(text.utf8)) }, Result { try single.read(bytes: Array(text.utf8)) },
      "bytes, \(chunkBytes)-byte chunks")
  }
  return try whole.get()
}

/// Expects two reads to give bit-identical tables (NaN included) or equal errors.
func expectSameOutcome(
  _ got: Result<DataTable, any Error>, _ expected: Result<DataTable, any Error>, _ label: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  switch (got, expected) {
  case (.success(let a), .success(let b)):
    #expect(a.columnNames == b.columnNames, "\(label)", sourceLocation: sourceLocation)
    for (x, y) in zip(a.columns, b.columns) {
      #expect(sameBits(x, y), "\(label): column \(x.name)", sourceLocation: sourceLocation)
    }
  case (.failure(let a), .failure(let b)):
    #expect(a as? CSVError == b as? CSVError, "\(label)", sourceLocation: sourceLocation)
    #expect("\(a)" == "\(b)", "\(label)", sourceLocation: sourceLocation)
  default:
    Issue.record("\(label): \(got) but one chunk gives \(expected)", sourceLocation: sourceLocation)
  }
}

/// Whether two columns have the same name, kind, values (doubles compared bit for bit) and
/// missing cells.
private func sameBits(_ a: Column, _ b: Column) -> Bool {
  guard a.name == b.name, a.kind == b.kind, a.count == b.count, a.levels == b.levels else { return false }
  if case .double(let x) = a.storage, case .double(let y) = b.storage {
    return x.map(\.bitPattern) == y.map(\.bitPattern)
  }
  return a == b && (0..<a.count).allSatisfy { a.isMissing($0) == b.isMissing($0) }
}

/// The column's values as text (`nil` where missing), for compact comparisons.
func texts(_ table: DataTable, _ name: String) -> [String?] {
  guard let column = table[name] else { return [] }
  return (0..<column.count).map { column.text(at: $0) }
}

@Suite("CSVReader: format")
struct CSVReaderFormatTests {
  @Test("quoted fields hold separators, doubled quotes and line breaks")
  func quoting() throws {
    let text = "name,note\n\"Smith, J\",\"he said \"\"hi\"\"\"\n\"two\nlines\",plain\n\"\",\"a\"\"\"\n"
    let table = try readCSV(text)
    #expect(table.rowCount == 3)
    #expect(texts(table, "name") == ["Smith, J", "two\nlines", nil])
    #expect(texts(table, "note") == ["he said \"hi\"", "plain", "a\""])
    #expect(table["note"]?.kind == .categorical)
  }

  @Test("quoted header names and a quote inside an unquoted field")
  func quotedHeader() throws {
    let table = try readCSV("\"a,b\",\"c\"\"d\",e\n1,2,5\"x\n")
    #expect(table.columnNames == ["a,b", "c\"d", "e"])
    #expect(texts(table, "e") == ["5\"x"])
  }

  @Test("CRLF line endings, inside and outside quotes")
  func crlf() throws {
    let table = try readCSV("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n")
    #expect(table.columnNames == ["a", "b"])
    #expect(table["a"] == Column(name: "a", ints: [1, 2]))
    #expect(texts(table, "b") == ["x\r\ny", "z"])
  }

  @Test("final line with or without a line break, blank trailing lines ignored", arguments: [
    "a,b\n1,2\n3,4", "a,b\n1,2\n3,4\n", "a,b\n1,2\n3,4\n\n\n", "a,b\r\n1,2\r\n3,4\r\n\r\n",
  ])
  func finalLine(text: String) throws {
    let table = try readCSV(text)
    #expect(table.rowCount == 2)
    #expect(table["b"] == Column(name: "b", ints: [2, 4]))
  }

  @Test("an empty last field before the end of input")
  func emptyLastField() throws {
    let table = try readCSV("a,b\n1,")
    #expect(table.rowCount == 1)
    #expect(table["b"]?.missingCount == 1)
  }

  @Test("UTF-8 byte-order mark is skipped")
  func bom() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,city\n1,Zürich\n2,Genève\n".utf8)
    let table = try CSVReader().read(bytes: bytes)
    #expect(table.columnNames == ["id", "city"])
    #expect(texts(table, "city") == ["Zürich", "Genève"])
    let fromString = try readCSV("\u{FEFF}id\n7\n")
    #expect(fromString.columnNames == ["id"])
  }

  @Test("semicolon and tab separators")
  func separators() throws {
    // "1,5" looks like a number with a decimal comma: an error unless the column is text.
    let semi = try readCSV("a;b\n1,5;\"x;y\"\n", CSVReader(separator: ";", columnTypes: ["a": .categorical]))
    #expect(texts(semi, "a") == ["1,5"])
    #expect(texts(semi, "b") == ["x;y"])
    let tab = try readCSV("a\tb\n1\t2.5\n", CSVReader(separator: "\t"))
    #expect(tab["b"] == Column(name: "b", doubles: [2.5]))
  }

  @Test("column names given instead of a header row")
  func givenNames() throws {
    let table = try readCSV("1,x\n2,y\n", CSVReader(columnNames: ["n", "s"]))
    #expect(table.rowCount == 2)
    #expect(table["n"] == Column(name: "n", ints: [1, 2]))
    let empty = try readCSV("", CSVReader(columnNames: ["n"]))
    #expect(empty.columnNames == ["n"])
    #expect(empty.rowCount == 0)
  }

  @Test("reading from a path, a URL and Data")
  func sources() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-sources-\(UUID()).csv")
    let text = "x,y\n1,a\n2,b\n"
    try Data(text.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let expected = try readCSV(text)
    #expect(try CSVReader().read(path: url.path) == expected)
    #expect(try CSVReader().read(contentsOf: url) == expected)
    #expect(try CSVReader().read(data: Data(text.utf8)) == expected)
    #expect(try CSVReader().read(bytes: Array(text.utf8)) == expected)
  }
}

@Suite("CSVReader: missing values and types")
struct CSVReaderTypeTests {
  @Test("empty, NA and quoted empty fields are missing in every kind")
  func missingTokens() throws {
    let text = "i,d,b,c\n1,1.5,true,x\n,NA,\"\",\"\"\nNA,,NA,NA\n\"NA\",2,false,y\n"
    let table = try readCSV(text)
    #expect(table["i"] == Column(name: "i", ints: [1, nil, nil, nil]))
    #expect(table["b"] == Column(name: "b", bools: [true, nil, nil, false]))
    #expect(table["c"] == Column(name: "c", strings: ["x", nil, nil, "y"]))
    let d = try #require(table["d"]).doubles()
    #expect(d[0] == 1.5 && d[1].isNaN && d[2].isNaN && d[3] == 2)
  }

  @Test("custom missing tokens replace the defaults")
  func customMissing() throws {
    let table = try readCSV("x,y\n-,NA\n3,.\n", CSVReader(missingTokens: ["-", "."]))
    #expect(table["x"] == Column(name: "x", ints: [nil, 3]))
    #expect(table["y"] == Column(name: "y", strings: ["NA", nil]))
  }

  @Test("integers infer as int, including signs and the Int64 limits")
  func inferInt() throws {
    let table = try readCSV("n\n-3\n+4\n007\n9223372036854775807\n-9223372036854775808\n")
    #expect(table["n"] == Column(name: "n", ints: [-3, 4, 7, Int.max, Int.min]))
  }

  @Test("numbers infer as double; Inf and -Inf are infinite; NaN is missing; too-large integers are doubles")
  func inferDouble() throws {
    let table = try readCSV("x,big\n1,9223372036854775808\n2.5,1\n-1e-3,2\nInf,3\n-Inf,4\nNaN,5\n.5,6\n")
    let x = try #require(table["x"]).doubles()
    #expect(Array(x.prefix(5)) == [1, 2.5, -0.001, .infinity, -.infinity])
    #expect(x[5].isNaN && x[6] == 0.5)
    #expect(table["x"]?.kind == .double)
    #expect(table["big"]?.kind == .double)
    #expect(try #require(table["big"]).doubles()[0] == 9223372036854775808.0)
  }

  @Test("all six logical spellings infer as bool")
  func inferBool() throws {
    let table = try readCSV("b\ntrue\nFALSE\nTrue\nfalse\nTRUE\nFalse\n")
    #expect(table["b"] == Column(name: "b", bools: [true, false, true, false, true, false]))
  }

  @Test("text infers as categorical with sorted levels; an all-missing column is double")
  func inferCategorical() throws {
    let table = try readCSV("s,m,t\npear,NA,yes\napple,,1\npear,NA,true\n")
    let s = try #require(table["s"])
    #expect(s.levels == ["apple", "pear"])
    #expect(texts(table, "s") == ["pear", "apple", "pear"])
    #expect(table["m"]?.kind == .double)
    #expect(table["m"]?.missingCount == 3)
    #expect(table["t"]?.levels == ["1", "true", "yes"])
  }

  @Test("forced kinds override inference")
  func forcedTypes() throws {
    let reader = CSVReader(columnTypes: ["zip": .categorical, "n": .double, "flag": .bool])
    let table = try readCSV("zip,n,flag\n02134,1,true\n10001,2,NA\n", reader)
    #expect(table["zip"] == Column(name: "zip", strings: ["02134", "10001"]))
    #expect(table["n"] == Column(name: "n", doubles: [1, 2]))
    #expect(table["flag"] == Column(name: "flag", bools: [true, nil]))
  }

  @Test("a forced kind rejects a cell that does not parse, with its line and column")
  func forcedTypeError() throws {
    let text = "a,b\n1,\"x\ny\"\n2.5,z\n"
    #expect(throws: CSVError.invalidValue(line: 4, column: 1, name: "a", text: "2.5", expected: .forced(.int))) {
      try readCSV(text, CSVReader(columnTypes: ["a": .int]))
    }
    #expect(throws: CSVError.invalidValue(line: 2, column: 2, name: "b", text: "x\ny", expected: .forced(.double))) {
      try readCSV(text, CSVReader(columnTypes: ["b": .double]))
    }
  }

  @Test("canonically equivalent spellings become one level")
  func canonicalLevels() throws {
    let table = try readCSV("s\nCaf\u{E9}\nCafe\u{301}\nabc\n")
    #expect(table["s"]?.levels == ["Caf\u{E9}", "abc"])
    #expect(table["s"]?.missingCount == 0)
  }

  @Test("numbers convert exactly as Double(String) does")
  func numberExactness() throws {
    var generator = SystemRandomNumberGenerator()
    var lines = ["x"]
    var expected: [Double] = []
    let fixed = ["0.1", "1e-300", "-0.0", "0.3333333333333333", "9007199254740993", "2.2250738585072011e-308",
                 "4.9406564584124654e-324", "1.7976931348623157e308", "1e400", "123456789012345678901234567890",
                 "0.000000000000000000000000000001", "1E22", "1e23", "8.589973e9", "-.5e+2", "1."]
    for text in fixed {
      lines.append(text)
      expected.append(try #require(Double(text)))
    }
    for k in 0..<20_000 {
      let value = Double(bitPattern: UInt64.random(in: 0...0x7FEF_FFFF_FFFF_FFFF, using: &generator))
      let digits = k % 4 == 0 ? value.description : String(format: "%.\(k % 19)g", value)
      lines.append(digits)
      expected.append(try #require(Double(digits)))
    }
    let column = try #require(try readCSV(lines.joined(separator: "\n"))["x"]).doubles()
    #expect(column.map(\.bitPattern) == expected.map(\.bitPattern))
  }
}

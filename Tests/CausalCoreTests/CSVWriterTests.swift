import CausalCore
import Foundation
import Testing

/// Expects two tables to hold the same columns, comparing doubles bit for bit (any NaN
/// matches any NaN, since NaN marks a missing value).
func expectIdentical(_ a: DataTable, _ b: DataTable, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(a.columnNames == b.columnNames, sourceLocation: sourceLocation)
  #expect(a.rowCount == b.rowCount, sourceLocation: sourceLocation)
  for (x, y) in zip(a.columns, b.columns) {
    #expect(x.kind == y.kind, "column \(x.name)", sourceLocation: sourceLocation)
    if case .double(let u) = x.storage, case .double(let v) = y.storage {
      let same = u.count == v.count && zip(u, v).allSatisfy { $0.isNaN ? $1.isNaN : $0.bitPattern == $1.bitPattern }
      #expect(same, "column \(x.name)", sourceLocation: sourceLocation)
    } else {
      #expect(x == y, sourceLocation: sourceLocation)
    }
  }
}

@Suite("CSVWriter")
struct CSVWriterTests {
  @Test("fields with separators, quotes, CR or LF are quoted; missing is NA")
  func quoting() throws {
    let table = try DataTable(columns: [
      Column(name: "a,b", strings: ["plain", "x,y", "say \"hi\"", "two\nlines", "cr\rhere", nil]),
      Column(name: "n", ints: [1, 2, nil, 4, 5, 6]),
    ])
    let text = try CSVWriter().string(from: table)
    #expect(text == "\"a,b\",n\nplain,1\n\"x,y\",2\n\"say \"\"hi\"\"\",NA\n\"two\nlines\",4\n\"cr\rhere\",5\nNA,6\n")
  }

  @Test("separator, missing token and line ending options")
  func options() throws {
    let table = try DataTable(columns: [
      Column(name: "x", doubles: [1.5, .nan]), Column(name: "s", strings: ["a;b", "c"]),
    ])
    let writer = CSVWriter(separator: ";", missingToken: ".", lineEnding: .crlf)
    #expect(try writer.string(from: table) == "x;s\r\n1.5;\"a;b\"\r\n.;c\r\n")
  }

  @Test("doubles keep a decimal point or exponent so that the column stays double")
  func doubleFormatting() throws {
    let table = try DataTable(columns: [
      Column(name: "x", doubles: [3, -0.0, 1e16, .infinity, -.infinity, 0.1, 1e-300]),
    ])
    let text = try CSVWriter().string(from: table)
    #expect(text == "x\n3.0\n-0.0\n1e+16\nInf\n-Inf\n0.1\n1e-300\n")
    #expect(try readCSV(text)["x"]?.kind == .double)
  }

  @Test("round trip: every kind, with missing values, through a string")
  func roundTrip() throws {
    let table = try DataTable(columns: [
      Column(name: "d", doubles: [0.1, 1e-300, -0.0, 1.0 / 3, .nan, 3, .infinity, -.infinity, .leastNonzeroMagnitude,
                                  .greatestFiniteMagnitude, 2.2250738585072014e-308, 123456.789]),
      Column(name: "i", ints: [1, nil, -5, Int.min, Int.max, 0, 7, nil, 9, 10, 11, 12]),
      Column(name: "b", bools: [true, nil, false, true, false, nil, true, true, false, false, true, nil]),
      Column(name: "c", strings: ["a,b", nil, "say \"hi\"", "line\nbreak", "Zürich", "x", "x", "  padded ",
                                  "crlf\r\nend", "NAN", "y", nil]),
      Column(name: "odd \"name\"", ints: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    ])
    let text = try CSVWriter().string(from: table)
    let back = try readCSV(text)
    expectIdentical(table, back)
    let d = try #require(back["d"]).doubles()
    #expect(d[2] == 0 && d[2].sign == .minus, "-0.0 reads back as negative zero")
  }

  @Test("round trip through a file, with semicolons and CRLF")
  func roundTripFile() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-roundtrip-\(UUID()).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    var generator = SystemRandomNumberGenerator()
    let n = 5_000
    let doubles = (0..<n).map { k -> Double in
      k % 97 == 0 ? .nan : Double(bitPattern: UInt64.random(in: 0...0xFFEF_FFFF_FFFF_FFFF, using: &generator))
    }
    let table = try DataTable(columns: [
      Column(name: "d", doubles: doubles),
      Column(name: "i", ints: (0..<n).map { $0 % 13 == 0 ? nil : Int.random(in: .min ... .max, using: &generator) }),
      Column(name: "c", strings: (0..<n).map { $0 % 11 == 0 ? nil : "level;\($0 % 7)" }),
    ])
    let writer = CSVWriter(separator: ";", lineEnding: .crlf)
    try writer.write(table, to: url)
    expectIdentical(table, try CSVReader(separator: ";").read(contentsOf: url))
    try writer.write(table, toPath: url.path)
    expectIdentical(table, try CSVReader(separator: ";").read(path: url.path))
  }

  @Test("writing to a missing folder is an error")
  func unwritable() throws {
    let table = try DataTable(columns: [Column(name: "x", ints: [1])])
    #expect(throws: CSVError.fileUnwritable(path: "/nonexistent/dir/x.csv", reason: "No such file or directory")) {
      try CSVWriter().write(table, toPath: "/nonexistent/dir/x.csv")
    }
  }
}

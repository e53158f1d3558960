import CausalCore
import Foundation
import Testing

@Suite("CSVReader: errors")
struct CSVReaderErrorTests {
  /// Ten numeric rows in column `x`, with a two-line quoted note in row 2 (lines 3–4), and
  /// "n/a" in `x` on the given data row (1-based).
  func strayText(row: Int) -> String {
    var lines = ["id,note,x"]
    for r in 1...10 {
      let note = r == 2 ? "\"two\nlines\"" : "n\(r)"
      let x = r == row ? "n/a" : "\(Double(r) / 4)"
      lines.append("\(r),\(note),\(x)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test("a mostly numeric column with stray text throws at the first text cell")
  func strayTextGuard() throws {
    // Data row 7 starts on line 9: header is line 1, row 2 spans lines 3-4.
    let expected = CSVError.invalidValue(
      line: 9, column: 3, name: "x", text: "n/a",
      expected: .inferredNumber(numericCount: 9, nonMissingCount: 10))
    #expect(throws: expected) { try readCSV(strayText(row: 7)) }
    let message = expected.description
    #expect(message.contains("Line 9, column 3 ('x')"))
    #expect(message.contains("looks numeric"))
    #expect(message.contains("columnTypes[\"x\"] = .categorical"))
  }

  @Test("forcing the column to categorical, or marking the text missing, avoids the guard")
  func strayTextResolved() throws {
    let categorical = try readCSV(strayText(row: 7), CSVReader(columnTypes: ["x": .categorical]))
    #expect(categorical["x"]?.kind == .categorical)
    let missing = try readCSV(strayText(row: 7), CSVReader(missingTokens: ["", "NA", "n/a"]))
    #expect(missing["x"]?.kind == .double)
    #expect(missing["x"]?.missingCount == 1)
  }

  @Test("the guard reports the earliest offending cell across columns")
  func strayTextEarliest() throws {
    var lines = ["a,b"]
    for r in 1...10 { lines.append("\(r == 8 ? "oops" : "\(r)"),\(r == 5 ? "bad" : "\(r).5")") }
    #expect(throws: CSVError.invalidValue(
      line: 6, column: 2, name: "b", text: "bad",
      expected: .inferredNumber(numericCount: 9, nonMissingCount: 10))) {
      try readCSV(lines.joined(separator: "\n"))
    }
  }

  @Test("numbers mixed with many distinct texts, or a minority of numbers, stay categorical; a threshold above 1 turns the guard off")
  func notNumericLooking() throws {
    // 6 numbers of 10, but 4 distinct texts: identifiers, not a numeric column.
    let ids = try readCSV("id\n101\n102\nA7\n103\nB2\n104\nC9\n105\nD4\n106\n")
    #expect(ids["id"]?.kind == .categorical)
    #expect(ids["id"]?.levels.count == 10)
    // 2 numbers of 5: text with a few numbers.
    let words = try readCSV("x\n1\nfour\nfive\n2\nsix\n")
    #expect(words["x"]?.kind == .categorical)
    let off = try readCSV(strayText(row: 3), CSVReader(looksNumericThreshold: 1.5))
    #expect(off["x"]?.kind == .categorical)
    let offFew = try readCSV("x\n1\n2\n3\nfour\n", CSVReader(looksNumericThreshold: 1.5))
    #expect(offFew["x"]?.kind == .categorical)
  }

  @Test("numbers with one stray word in a quarter of the cells (1, 2, 3, four) are an error, no longer categorical")
  func oneWordInFourCells() throws {
    #expect(throws: CSVError.invalidValue(
      line: 5, column: 1, name: "x", text: "four", expected: .inferredNumber(numericCount: 3, nonMissingCount: 4))) {
      try readCSV("x\n1\n2\n3\nfour\n")
    }
  }

  @Test("ragged rows report the physical line and field counts")
  func raggedRow() throws {
    #expect(throws: CSVError.raggedRow(line: 5, expected: 2, found: 3)) {
      try readCSV("a,b\n1,\"x\ny\"\n2,z\n3,4,5\n6,7\n")
    }
    #expect(throws: CSVError.raggedRow(line: 3, expected: 2, found: 1)) {
      try readCSV("a,b\n1,2\n3\n")
    }
    #expect(throws: CSVError.raggedRow(line: 3, expected: 2, found: 1)) {
      try readCSV("a,b\n1,2\n\n3,4\n")
    }
  }

  @Test("an unterminated quote names the line where it opened")
  func unterminatedQuote() throws {
    #expect(throws: CSVError.unterminatedQuote(line: 3, column: 2)) {
      try readCSV("a,b\n1,2\n3,\"open\n4,5\n6,7\n")
    }
  }

  @Test("text after a closing quote is an error")
  func textAfterQuote() throws {
    #expect(throws: CSVError.textAfterClosingQuote(line: 2, column: 1)) {
      try readCSV("a,b\n\"x\"y,2\n")
    }
  }

  @Test("invalid UTF-8 reports its line and column")
  func invalidUTF8() throws {
    let bytes = Array("a,b\n1,ok\n2,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
    #expect(throws: CSVError.invalidUTF8(line: 3, column: 2)) { try CSVReader().read(bytes: bytes) }
    let inQuotes = Array("a,b\n1,\"x\ny".utf8) + [0xFF] + Array("\"\n".utf8)
    #expect(throws: CSVError.invalidUTF8(line: 3, column: 2)) { try CSVReader().read(bytes: inQuotes) }
    let surrogate = Array("a\n".utf8) + [0xED, 0xA0, 0x80]
    #expect(throws: CSVError.invalidUTF8(line: 2, column: 1)) { try CSVReader().read(bytes: surrogate) }
  }

  @Test("empty input is an error", arguments: [[], [0xEF, 0xBB, 0xBF], Array("\n\r\n".utf8)] as [[UInt8]])
  func emptyInput(bytes: [UInt8]) throws {
    #expect(throws: CSVError.emptyInput) { try CSVReader().read(bytes: bytes) }
  }

  @Test("duplicate and empty column names are errors")
  func badHeader() throws {
    #expect(throws: CSVError.duplicateColumnName(line: 1, name: "x", firstColumn: 1, secondColumn: 3)) {
      try readCSV("x,y,x\n1,2,3\n")
    }
    #expect(throws: CSVError.emptyColumnName(line: 1, column: 2)) { try readCSV("x,,z\n1,2,3\n") }
    #expect(throws: CSVError.duplicateColumnName(line: nil, name: "n", firstColumn: 1, secondColumn: 2)) {
      try readCSV("1,2\n", CSVReader(columnNames: ["n", "n"]))
    }
  }

  @Test("unknown forced column, bad separator and missing file are errors")
  func badOptions() throws {
    #expect(throws: CSVError.unknownColumnType(name: "agee", suggestions: ["age"])) {
      try readCSV("age\n1\n", CSVReader(columnTypes: ["agee": .int]))
    }
    #expect(throws: CSVError.invalidOption(
      reason: "the separator must be one ASCII character other than a quote, CR or LF")) {
      try readCSV("a\n1\n", CSVReader(separator: "\""))
    }
    #expect(throws: CSVError.fileUnreadable(path: "/nonexistent/x.csv", reason: "No such file or directory")) {
      try CSVReader().read(path: "/nonexistent/x.csv")
    }
  }

  @Test("every error description says where and what to do")
  func descriptions() {
    let errors: [CSVError] = [
      .raggedRow(line: 4, expected: 2, found: 3), .unterminatedQuote(line: 2, column: 1),
      .invalidUTF8(line: 3, column: 2), .emptyInput, .textAfterClosingQuote(line: 2, column: 1),
      .invalidValue(line: 5, column: 1, name: "a", text: "x", expected: .forced(.int)),
    ]
    for error in errors {
      #expect(error.description.count > 40)
    }
    #expect(CSVError.raggedRow(line: 4, expected: 2, found: 3).description.hasPrefix("Line 4:"))
    #expect(CSVError.invalidValue(line: 5, column: 1, name: "a", text: "x", expected: .forced(.int))
      .description.contains("columnTypes[\"a\"] = .int"))
  }
}

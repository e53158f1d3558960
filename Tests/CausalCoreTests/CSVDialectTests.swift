import CausalCore
import Foundation
import Testing
import TestSupport

/// Files as other programs write them: R's `write.csv` (row names under an empty header
/// cell), classic Mac OS CR-only line ends, and the fixtures `generate_csv_dialects.R` wrote.
@Suite("CSVReader: R write.csv row names and CR line endings")
struct CSVDialectTests {
  @Test("R write.csv output (r_write_csv.csv, first header cell \"\") reads the row names as column 'rowname'")
  func rWriteCSV() throws {
    let table = try CSVReader().read(path: FixtureFiles.data("r_write_csv.csv"))
    #expect(table.columnNames == ["rowname", "id", "x", "g", "z", "y", "note"])
    #expect(table.rowCount == 12)
    #expect(table["rowname"] == Column(name: "rowname", ints: Array(1...12)))
    #expect(table["id"] == Column(name: "id", ints: Array(101...112)))
    let x = try #require(table["x"]).doubles()
    #expect(x[0] == -0.569 && x[2] == 1.556 && x[3].isNaN && x[11] == 0.436)
    #expect(try #require(table["z"]).doubles() == [4.81, 4.06, 2.16, 1.84, 4.57, .infinity, 3.81, 4.3, -.infinity, 1.84, 2.1, 3.16])
    #expect(try #require(table["y"]).doubles() == [
      -0.056, 3.343, 3.738, -0.84, 1.411, 4.296, 1.184, 1.497, 3.495, 2.338, 3.072, 1.866,
    ])
    #expect(texts(table, "g") == ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"])
    #expect(Array(texts(table, "note").prefix(5)) == ["plain", "Smith, J", "he said \"hi\"", "plain", "two\nlines"])
  }

  @Test("pandas to_csv output with its index (',a,b': first header cell empty, unquoted) names it 'rowname'")
  func pandasIndex() throws {
    let table = try readCSV(",a,b\n0,1.5,x\n1,2.5,y\n")
    #expect(table.columnNames == ["rowname", "a", "b"])
    #expect(table["rowname"] == Column(name: "rowname", ints: [0, 1]))
  }

  @Test("an empty first header cell beside a column already named 'rowname' becomes 'rowname_2'")
  func rowNameTaken() throws {
    let table = try readCSV("\"\",rowname,rowname_2,x\n1,a,b,2\n")
    #expect(table.columnNames == ["rowname_3", "rowname", "rowname_2", "x"])
  }

  @Test("empty header names other than the first stay errors: '\"\",\"\"', 'x,,z', a lone '\"\"', given names")
  func otherEmptyNames() throws {
    #expect(throws: CSVError.emptyColumnName(line: 1, column: 2)) { try readCSV("\"\",\"\"\n1,2\n") }
    #expect(throws: CSVError.emptyColumnName(line: 1, column: 2)) { try readCSV("x,,z\n1,2,3\n") }
    #expect(throws: CSVError.emptyColumnName(line: 1, column: 1)) { try readCSV("\"\"\n1\n2\n") }
    #expect(throws: CSVError.emptyColumnName(line: nil, column: 1)) {
      try readCSV("1,2\n", CSVReader(columnNames: ["", "a"]))
    }
    #expect(CSVError.emptyColumnName(line: 1, column: 2).description.contains("column 2: the column name is empty"))
  }

  @Test("R write.table(eol = \"\\r\") output (r_cr_line_endings.csv): CR-only records, LF and CRLF inside quotes")
  func rCarriageReturns() throws {
    let table = try CSVReader().read(path: FixtureFiles.data("r_cr_line_endings.csv"))
    #expect(table.columnNames == ["y", "x", "label"])
    #expect(table.rowCount == 25)
    #expect(table["x"] == Column(name: "x", ints: Array(1...25)))
    #expect(Array(try #require(table["y"]).doubles().prefix(3)) == [0.738, 0.163, 2.056])
    let labels = texts(table, "label")
    #expect(labels[2] == "line\nbreak")
    #expect(labels[6] == "windows\r\nbreak")
    #expect(labels[24] == "item25")
  }

  @Test("a CR-only file of 26 digit-named columns (was: 'columns 11 and 27 are both named 9') reads 30 rows")
  func carriageReturnDigitHeader() throws {
    var lines = ["id," + (0..<25).map(String.init).joined(separator: ",")]
    for r in 0..<30 { lines.append((0..<26).map { String(($0 * 7 + r) % 10) }.joined(separator: ",")) }
    let table = try readCSV(lines.joined(separator: "\r") + "\r")
    #expect(table.columns.count == 26)
    #expect(table.rowCount == 30)
    #expect(table["24"] == Column(name: "24", ints: (0..<30).map { (25 * 7 + $0) % 10 }))
  }

  @Test("CR, LF and CRLF line ends mixed in one file ('a,b\\r1,2\\n3,4\\r\\n5,6\\r')")
  func mixedLineEnds() throws {
    let table = try readCSV("a,b\r1,2\n3,4\r\n5,6\r")
    #expect(table["a"] == Column(name: "a", ints: [1, 3, 5]))
    #expect(table["b"] == Column(name: "b", ints: [2, 4, 6]))
  }

  @Test("a quoted field holding a lone CR ('\"x\\ry\"') keeps it; trailing CRs are blank lines")
  func quotedCarriageReturn() throws {
    let table = try readCSV("a,b\r\"x\ry\",2\r\r\r")
    #expect(texts(table, "a") == ["x\ry"])
    #expect(table.rowCount == 1)
  }

  @Test("line numbers count a lone CR as a line break, inside quotes too, and CRLF as one")
  func carriageReturnLineNumbers() throws {
    #expect(throws: CSVError.raggedRow(line: 3, expected: 2, found: 1)) { try readCSV("a,b\r1,2\r3\r") }
    #expect(throws: CSVError.raggedRow(line: 4, expected: 2, found: 1)) { try readCSV("a,b\r\"x\ry\",2\r3\r") }
    #expect(throws: CSVError.raggedRow(line: 4, expected: 2, found: 3)) { try readCSV("a,b\r\n\"x\r\ny\",2\r\n3,4,5\r\n") }
    #expect(throws: CSVError.invalidUTF8(line: 3, column: 2)) {
      try CSVReader().read(bytes: Array("a,b\r1,\"x\r".utf8) + [0xFF] + Array("\"\r".utf8))
    }
  }

  @Test("text after a closing quote followed by CR is fine; by other text, an error")
  func closingQuoteBeforeCarriageReturn() throws {
    #expect(texts(try readCSV("a\r\"x\"\r\"y\""), "a") == ["x", "y"])
    #expect(throws: CSVError.textAfterClosingQuote(line: 2, column: 1)) { try readCSV("a\r\"x\"z\r") }
  }
}

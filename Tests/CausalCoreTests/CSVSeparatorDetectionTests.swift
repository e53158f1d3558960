import CausalCore
import Foundation
import Testing
import TestSupport

@Suite("CSVReader: separator detection")
struct CSVSeparatorDetectionTests {
  @Test("R write.table(sep = \";\") output (r_semicolon.csv) is detected as semicolon-separated")
  func rSemicolon() throws {
    let table = try CSVReader().read(path: FixtureFiles.data("r_semicolon.csv"))
    #expect(table.columnNames == ["y", "x", "region"])
    #expect(try #require(table["y"]).doubles() == [10.22, 9.33, 9.71, 10.58, 9.41, 10.22, 10.11, 8.21])
    #expect(table["x"] == Column(name: "x", ints: Array(1...8)))
    #expect(texts(table, "region") == Array(repeating: ["north;east", "south, west"], count: 4).flatMap { $0 })
  }

  @Test("a semicolon file ('y;x;g', was: Unknown column 'y') is detected; a comma forces one column")
  func semicolonHeader() throws {
    let text = "y;x;g\n1.5;2;a\n2.5;3;b\n"
    let table = try readCSV(text)
    #expect(table.columnNames == ["y", "x", "g"])
    #expect(try #require(table["y"]).doubles() == [1.5, 2.5])
    let forced = try readCSV(text, CSVReader(separator: ","))
    #expect(forced.columnNames == ["y;x;g"])
  }

  @Test("tab-, pipe- and colon-separated files: tab and pipe detected, any ASCII byte when given", arguments: [
    ("a\tb\n1\t2\n3\t4\n", nil), ("a|b\n1|2\n3|4\n", nil), ("a:b\n1:2\n3:4\n", ":" as Unicode.Scalar),
  ] as [(String, Unicode.Scalar?)])
  func otherSeparators(text: String, separator: Unicode.Scalar?) throws {
    let table = try readCSV(text, CSVReader(separator: separator))
    #expect(table.columnNames == ["a", "b"])
    #expect(table["b"] == Column(name: "b", ints: [2, 4]))
  }

  @Test("comma wins a tie with semicolon ('a,b;c' and '1,2;3': 2 fields each)")
  func commaWinsTies() throws {
    let table = try readCSV("a,b;c\n1,2;3\n4,5;6\n")
    #expect(table.columnNames == ["a", "b;c"])
  }

  @Test("the consistent separator with more fields wins ('id;amount, EUR;note': semicolon 3 > comma 2)")
  func mostFieldsWins() throws {
    let table = try readCSV("id;amount, EUR;note\n1;2, x;y\n2;3, z;w\n")
    #expect(table.columnNames == ["id", "amount, EUR", "note"])
  }

  @Test("decimal commas in a semicolon file ('1,5;2'): semicolon detected, and the column is an error, not text")
  func decimalCommas() throws {
    #expect(throws: CSVError.invalidValue(
      line: 2, column: 1, name: "y", text: "1,5", expected: .numberWithCommas(numericCount: 2, nonMissingCount: 2))) {
      try readCSV("y;x\n1,5;2\n2,25;3\n")
    }
    let text = try readCSV("y;x\n1,5;2\n2,25;3\n", CSVReader(columnTypes: ["y": .categorical]))
    #expect(texts(text, "y") == ["1,5", "2,25"])
    #expect(text["x"] == Column(name: "x", ints: [2, 3]))
  }

  @Test("separators inside quotes do not count ('\"a;b\",c')")
  func quotedSeparators() throws {
    let table = try readCSV("\"a;b\",c\n\"1;2\",3\n\"4;5\",6\n")
    #expect(table.columnNames == ["a;b", "c"])
    #expect(texts(table, "a;b") == ["1;2", "4;5"])
  }

  @Test("a one-column file without separators reads as one column")
  func singleColumn() throws {
    let table = try readCSV("score\n1\n2\n")
    #expect(table.columnNames == ["score"])
  }

  @Test("a semicolon file with a ragged row or a blank line is still semicolon, and the row is reported")
  func inconsistentSemicolon() throws {
    #expect(throws: CSVError.raggedRow(line: 4, expected: 3, found: 4)) {
      try readCSV("y;x;g\n1;2;a\n2;3;b\n3;4;c;d\n")
    }
    #expect(throws: CSVError.raggedRow(line: 3, expected: 2, found: 1)) { try readCSV("a;b\n1;2\n\n3;4\n") }
  }

  @Test("detection looks at the first 50 records only; later rows are checked by reading")
  func sampleLimit() throws {
    var lines = ["a;b"] + (1...60).map { "\($0);\($0 * 2)" }
    lines[55] = "x;y;z"
    #expect(throws: CSVError.raggedRow(line: 56, expected: 2, found: 3)) { try readCSV(lines.joined(separator: "\n")) }
  }

  @Test("every comma-separated fixture file reads the same with detection as with ','")
  func fixturesUnchanged() throws {
    let folder = FixtureFiles.root.appendingPathComponent("data")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".csv") && $0 != "r_semicolon.csv" }.sorted()
    #expect(files.count >= 13)
    for file in files {
      let path = folder.appendingPathComponent(file).path
      let detected = try CSVReader().read(path: path)
      let comma = try CSVReader(separator: ",").read(path: path)
      #expect(detected.columnNames == comma.columnNames, "\(file)")
      #expect(detected.columns.map(\.kind) == comma.columns.map(\.kind), "\(file)")
      #expect(detected.columns.count > 1, "\(file)")
    }
  }

  @Test("a quote or line break is refused as a separator")
  func badSeparator() throws {
    for bad: Unicode.Scalar in ["\"", "\r", "\n", "é"] {
      #expect(throws: CSVError.invalidOption(
        reason: "the separator must be one ASCII character other than a quote, CR or LF")) {
        try readCSV("a\n1\n", CSVReader(separator: bad))
      }
    }
  }
}

import CausalCore
import Foundation
import Testing
import TestSupport

/// Missing-value codes (Stata's `.`, `n/a`) and the rule that a numeric-looking column never
/// silently becomes categorical.
@Suite("CSVReader: missing-value codes and numeric-looking columns")
struct CSVMissingCodeTests {
  /// The 1-based rows of `x` that `generate_csv_dialects.R` wrote as `.` in r_stata_dot.csv.
  static let dotRows = [
    10, 17, 18, 23, 25, 26, 38, 49, 52, 66, 69, 70, 72, 73, 76, 84, 87, 93, 127, 130, 133, 134, 143, 148,
    163, 165, 168, 184, 193, 197,
  ]

  @Test("R write.csv(na = \".\") output (r_stata_dot.csv, '.' in 15% of x) reads x as double with 30 missing")
  func stataDotFifteenPercent() throws {
    let table = try CSVReader().read(path: FixtureFiles.data("r_stata_dot.csv"))
    let x = try #require(table["x"])
    #expect(x.kind == .double)
    #expect(x.missingCount == 30)
    let values = try x.doubles()
    #expect(values.indices.filter { values[$0].isNaN }.map { $0 + 1 } == Self.dotRows)
    #expect(Set(values.filter { !$0.isNaN }).count == 165)
    #expect(relativeDifference(values.filter { !$0.isNaN }.reduce(0, +), 8514.74) < 1e-12)
    #expect(table["firm"]?.kind == .int)
  }

  @Test("without '.' among the missing tokens, r_stata_dot.csv is an error at the first '.' (line 11)")
  func stataDotNotMissing() throws {
    let reader = CSVReader(missingTokens: ["", "NA"])
    #expect(throws: CSVError.invalidValue(
      line: 11, column: 2, name: "x", text: ".", expected: .inferredNumber(numericCount: 170, nonMissingCount: 200))) {
      try reader.read(path: FixtureFiles.data("r_stata_dot.csv"))
    }
  }

  /// 100 rows of `y,x` where every `step`-th x is `code`.
  func column(code: String, every step: Int) -> String {
    (["y,x"] + (1...100).map { "\(Double($0) / 8),\($0 % step == 0 ? code : String(Double($0) * 1.5))" })
      .joined(separator: "\n")
  }

  @Test("'n/a' in 14%, 20% or 33% of a numeric column is an error naming the column, value and line", arguments: [7, 5, 3])
  func strayCodeShare(every step: Int) throws {
    let text = column(code: "n/a", every: step)
    let codes = 100 / step
    #expect(throws: CSVError.invalidValue(
      line: step + 1, column: 2, name: "x", text: "n/a",
      expected: .inferredNumber(numericCount: 100 - codes, nonMissingCount: 100))) {
      try readCSV(text)
    }
    let fixed = try readCSV(text, CSVReader(missingTokens: CSVReader.defaultMissingTokens + ["n/a"]))
    #expect(fixed["x"]?.kind == .double)
    #expect(fixed["x"]?.missingCount == codes)
  }

  /// Missing-value codes an export might use.
  static let codes = ["n/a", "-", "missing", "?"]

  @Test("three distinct codes ('n/a', '-', 'missing') are still stray text; four are a text column")
  func distinctCodes() throws {
    let three = ["x"] + (1...20).map { (r: Int) -> String in r % 4 == 1 ? Self.codes[(r / 4) % 3] : String(r) }
    #expect(throws: CSVError.invalidValue(
      line: 2, column: 1, name: "x", text: "n/a", expected: .inferredNumber(numericCount: 15, nonMissingCount: 20))) {
      try readCSV(three.joined(separator: "\n"))
    }
    let four = ["x"] + (1...20).map { (r: Int) -> String in r % 4 == 1 ? Self.codes[(r / 4) % 4] : String(r) }
    #expect(try readCSV(four.joined(separator: "\n"))["x"]?.kind == .categorical)
  }

  @Test("numbers with commas ('\"1,234\"', '-0,5', '1,234,567.5') make a column numeric-looking; the error says so")
  func commaNumbers() throws {
    let expected = CSVError.invalidValue(
      line: 3, column: 2, name: "amount", text: "1,234", expected: .numberWithCommas(numericCount: 4, nonMissingCount: 4))
    #expect(throws: expected) { try readCSV("id,amount\n1,12\n2,\"1,234\"\n3,\"-0,5\"\n4,\"1,234,567.5\"\n") }
    #expect(expected.description.contains("is a number written with a comma"))
    #expect(expected.description.contains("columnTypes[\"amount\"] = .categorical"))
    // With a code among them, the earliest offending cell is reported, whatever its kind.
    #expect(throws: CSVError.invalidValue(
      line: 2, column: 1, name: "x", text: "n/a", expected: .inferredNumber(numericCount: 3, nonMissingCount: 4))) {
      try readCSV("x\nn/a\n\"2,5\"\n3\n4\n")
    }
    // Not numbers with commas: text around the digits, a trailing comma, an empty group.
    let text = try readCSV("s\n\"a1,5\"\n\"1,\"\n\",5\"\n\"1,,5\"\n\"1,5.\"\n")
    #expect(text["s"]?.kind == .categorical)
  }

  @Test("a logical among numbers ('1, 0, TRUE, 1, 0') is stray text too")
  func logicalAmongNumbers() throws {
    #expect(throws: CSVError.invalidValue(
      line: 4, column: 1, name: "x", text: "TRUE", expected: .inferredNumber(numericCount: 4, nonMissingCount: 5))) {
      try readCSV("x\n1\n0\nTRUE\n1\n0\n")
    }
  }

  @Test("text and code columns ('A1', 'B2', words, yes/no) read as categorical as before")
  func textColumnsUnchanged() throws {
    let table = try readCSV("code,word,flag\nA1,pear,yes\nB2,apple,no\nA1,fig,yes\nC3,pear,no\n")
    #expect(table["code"]?.levels == ["A1", "B2", "C3"])
    #expect(table["word"]?.levels == ["apple", "fig", "pear"])
    #expect(table["flag"]?.levels == ["no", "yes"])
  }

  @Test("'.' is missing in every kind of column by default, quoted or not; '.5' and '5.' stay numbers")
  func dotMissingEverywhere() throws {
    let table = try readCSV("d,i,s,b\n.5,1,a,true\n.,.,\".\",.\n5.,3,b,false\n")
    #expect(try #require(table["d"]).doubles().map { $0.isNaN ? -1 : $0 } == [0.5, -1, 5])
    #expect(table["i"] == Column(name: "i", ints: [1, nil, 3]))
    #expect(table["s"] == Column(name: "s", strings: ["a", nil, "b"]))
    #expect(table["b"] == Column(name: "b", bools: [true, nil, false]))
    #expect(CSVReader.defaultMissingTokens == ["", "NA", "."])
    #expect(CSVReader().missingTokens == ["", "NA", "."])
  }

  @Test("inf, -inf, Inf, -Inf, infinity read as infinite doubles")
  func infinitySpellings() throws {
    let x = try #require(try readCSV("x\ninf\n-inf\nInf\n-Inf\ninfinity\n+INF\n2\n")["x"]).doubles()
    #expect(x == [.infinity, -.infinity, .infinity, -.infinity, .infinity, .infinity, 2])
  }
}

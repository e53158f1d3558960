import Testing

@testable import CausalCore

/// Control characters in user text (formulas, column names, option values) are shown escaped
/// in messages (`VisibleText`), never printed raw to the terminal.
@Suite("Messages escape control characters in the text they echo")
struct VisibleTextTests {
  @Test("tab, line feed, carriage return, escape, bell, NUL and DEL are spelled out")
  func controlCharacters() {
    #expect(VisibleText.escape("a\tb") == "a\\tb")
    #expect(VisibleText.escape("a\nb\r") == "a\\nb\\r")
    #expect(VisibleText.escape("x1\u{1B}[31m") == "x1\\u{1B}[31m")
    #expect(VisibleText.escape("zz\u{07}") == "zz\\u{7}")
    #expect(VisibleText.escape("\u{0}\u{7F}\u{85}") == "\\u{0}\\u{7F}\\u{85}")
    #expect(VisibleText.escape("x1\t+ x2\u{7}").count == 13)
  }

  @Test("invisible formatting characters are spelled out; joiners, accents and emoji are kept")
  func formatCharacters() {
    #expect(VisibleText.escape("ab\u{202E}cd") == "ab\\u{202E}cd")
    #expect(VisibleText.escape("a\u{200B}b\u{FEFF}") == "a\\u{200B}b\\u{FEFF}")
    #expect(VisibleText.escape("a\u{2028}b") == "a\\u{2028}b")
    #expect(VisibleText.escape("revenu_année 👩‍👩‍👧 x\\y") == "revenu_année 👩‍👩‍👧 x\\y")
  }

  @Test("escaping twice changes nothing more, and lines stay lines with escapeLines")
  func idempotent() {
    let once = VisibleText.escape("a\t\u{1B}b")
    #expect(VisibleText.escape(once) == once)
    #expect(VisibleText.escapeLines("line 1\t\nline 2\u{1B}") == "line 1\\t\nline 2\\u{1B}")
  }

  @Test("formula 'y ~ x1 \\u{1B}[31m+ x2': the escape is shown and the caret stays under it")
  func formulaEscape() throws {
    let error = #expect(throws: FormulaError.self) { try Formula("y ~ x1 \u{1B}[31m+ x2") }
    #expect(
      error?.description == """
        Invalid formula: unexpected character '\\u{1B}'
          y ~ x1 \\u{1B}[31m+ x2
                 ^
        """)
  }

  @Test("formula 'y ~ x1\\t+ x2 + zz\\u{7}': the tab and the bell are escaped, the caret under the bell")
  func formulaTabAndBell() throws {
    let error = #expect(throws: FormulaError.self) { try Formula("y ~ x1\t+ x2 + zz\u{7}") }
    let lines = (error?.description.split(separator: "\n", omittingEmptySubsequences: false) ?? []).map(String.init)
    #expect(lines == [
      "Invalid formula: unexpected character '\\u{7}'", "  y ~ x1\\t+ x2 + zz\\u{7}", String(repeating: " ", count: 2 + 17) + "^",
    ])
  }

  @Test("unknown column 'x1\\u{1B}[31m' is shown escaped, suggestions too")
  func unknownColumn() {
    let error = DataError.unknownColumn(name: "x1\u{1B}[31m", suggestions: ["x1", "x\t2"])
    #expect(error.description == "Unknown column 'x1\\u{1B}[31m'. Did you mean 'x1', 'x\\t2'?")
    #expect(!error.description.unicodeScalars.contains { VisibleText.needsEscaping($0) })
  }

  @Test("an option value with a line feed is shown escaped")
  func optionValue() {
    let error = OptionError.invalid(option: "vcov", value: "cluster:\nfirm", expected: "iid")
    #expect(error.description == "Invalid value 'cluster:\\nfirm' for vcov; expected iid.")
  }

  @Test("a model-frame error naming a column with a tab escapes it")
  func modelFrame() throws {
    let table = try DataTable(columns: [Column(name: "y", doubles: [1, 2, 3])])
    let thrown = #expect(throws: (any Error).self) {
      try ModelFrame("y ~ `a\tb`", data: table)
    }
    let text = thrown.map { "\($0)" } ?? ""
    #expect(text.contains("a\\tb"), "\(text)")
    #expect(!text.contains("\t"))
  }
}

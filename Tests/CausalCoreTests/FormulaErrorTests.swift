import CausalCore
import Testing

@Suite("Formula errors")
struct FormulaErrorTests {
  /// The error thrown by parsing `text`, or `nil`.
  func parseError(_ text: String) -> FormulaError? {
    do {
      _ = try Formula(text)
      return nil
    } catch {
      return error
    }
  }

  @Test(
    "Error offsets",
    arguments: [
      // missing ~
      ("y x1", 2),
      ("y", 1),
      ("~ x", 0),
      ("", 0),
      // unbalanced parentheses
      ("y ~ log(x", 7),
      ("y ~ x)", 5),
      ("y ~ I((x + 1)", 5),
      ("y ~ log(x))", 10),
      // empty terms
      ("y ~ x1 + + x2", 9),
      ("y ~ x1 +", 8),
      ("y ~ + x1", 4),
      ("y ~ x1 : + x2", 9),
      // unknown function
      ("y ~ foo(x)", 4),
      ("y ~ log(bar(x))", 8),
      // trailing |
      ("y ~ x |", 6),
      ("y ~ x | fe +", 12),
      // other
      ("y ~ | fe", 4),
      ("y ~", 3),
      ("y ~ x^2", 5),
      ("y ~ x / 2", 6),
      ("y ~ 2", 4),
      ("y ~ 0", 3),
      ("y ~ x | fe | z", 11),
      ("y ~ x | log(fe)", 8),
      ("y ~ x | a:b", 9),
      ("y ~ x ~ z", 6),
      ("y ~ x $ z", 6),
      ("y ~ x z", 6),
      ("y ~ log()", 8),
      ("y ~ log(x, 2)", 9),
      ("y ~ i()", 6),
      ("y ~ i(rel, ref = )", 17),
      ("y ~ i(rel, foo = 1)", 11),
      ("y ~ i(rel, ref = 1, ref = 2)", 20),
      ("y ~ i(rel, ref = c())", 19),
      ("y ~ i(rel):x", 4),
      ("y ~ i(rel) * x", 4),
      ("y ~ log(i(rel))", 8),
      ("y ~ i(rel, ref = -1", 5),
      ("y ~ (x1 + x2)", 4),
      ("y ~ \"x\"", 4),
      ("y ~ `x", 4),
      ("y ~ i(rel, \"x\")", 11),
    ])
  func offsets(text: String, offset: Int) {
    let error = parseError(text)
    #expect(error != nil, "expected an error for \(text)")
    #expect(error?.offset == offset, "\(text): \(error.map(\.description) ?? "no error")")
    #expect(error?.formula == text)
  }

  @Test("Messages name the problem")
  func messages() {
    #expect(parseError("y x1")?.message.contains("'~'") == true)
    #expect(parseError("y ~ log(x")?.message.contains("never closed") == true)
    #expect(parseError("y ~ x1 + + x2")?.message.contains("empty term") == true)
    #expect(parseError("y ~ foo(x)")?.message.contains("unknown function 'foo'") == true)
    #expect(parseError("y ~ factor(x)")?.message.contains("i(var)") == true)
    #expect(parseError("y ~ x |")?.message.contains("trailing '|'") == true)
    #expect(parseError("y ~ x^2")?.message.contains("I(") == true)
  }

  @Test("Description shows the formula and a caret under the offset")
  func caret() {
    let error = FormulaError.syntax(formula: "y ~ x1 + + x2", offset: 9, message: "empty term; expected a variable before '+'")
    #expect(
      error.description == """
        Invalid formula: empty term; expected a variable before '+'
          y ~ x1 + + x2
                   ^
        """)
    let thrown = parseError("y ~ x1 + + x2")
    #expect(thrown == error)
    let lines = thrown.map { $0.description.split(separator: "\n", omittingEmptySubsequences: false) } ?? []
    #expect(lines.count == 3)
    if lines.count == 3 {
      #expect(lines[1] == "  y ~ x1 + + x2")
      #expect(lines[2] == "           ^")
    }
  }

  @Test("Caret at the end of the formula for a missing part")
  func caretAtEnd() {
    let error = parseError("y ~ x1 +")
    #expect(error?.description.hasSuffix("\n          ^") == true)
  }
}

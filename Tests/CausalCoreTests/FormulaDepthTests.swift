import CausalCore
import Testing

/// Formulas nested thousands of levels deep are refused with a syntax error instead of
/// overflowing the stack (issue 11: `log(log(...))`, nested `I(`, tens of thousands of unary
/// minus signs, `I(x1+x1+...)` with 35,000 terms all crashed the parser or the evaluator).
@Suite("Formula nesting depth")
struct FormulaDepthTests {
  static let deep: [(String, String)] = [
    ("nested log", "y ~ " + String(repeating: "log(", count: 9_000) + "x" + String(repeating: ")", count: 9_000)),
    ("nested I", "y ~ " + String(repeating: "I(", count: 9_000) + "x" + String(repeating: ")", count: 9_000)),
    ("unary minus in I", "y ~ I(" + String(repeating: "-", count: 40_000) + "x)"),
    ("unary minus in the response", String(repeating: "-", count: 40_000) + "y ~ x"),
    ("long chain", "y ~ I(" + Array(repeating: "x1", count: 35_000).joined(separator: "+") + ")"),
    ("long product", "y ~ log(" + Array(repeating: "x1", count: 35_000).joined(separator: "*") + ")"),
    ("parentheses", "y ~ I" + String(repeating: "(", count: 20_000) + "x" + String(repeating: ")", count: 20_000)),
  ]

  @Test("deep expressions throw a syntax error that says what to do", arguments: deep)
  func refused(name: String, formula: String) {
    do {
      _ = try Formula(formula)
      Issue.record("\(name) parsed")
    } catch {
      #expect(error.description.contains("nests too deeply"), "\(name): \(error.description.prefix(200))")
    }
  }

  @Test("crossing more than 10 factors with '*' is refused instead of expanding to 2^k - 1 terms")
  func crossingLimit() throws {
    let ten = try Formula("y ~ " + (1...10).map { "x\($0)" }.joined(separator: " * "))
    #expect(ten.terms.count == 1_023)
    do {
      // Found by scripts/fuzz.sh: 15 crossed factors took 16 s under the sanitizer.
      _ = try Formula("y ~ " + (1...40).map { "x\($0)" }.joined(separator: "*"))
      Issue.record("40 crossed factors parsed")
    } catch {
      #expect(error.description.contains("cross at most 10 factors"), "\(error.description)")
    }
  }

  @Test("a right-hand side expanding to more than 4,096 terms is refused (five 10-factor crossings, 5,115 terms)")
  func termLimit() throws {
    let crossing = { (k: Int) in (1...10).map { "x\(k)_\($0)" }.joined(separator: "*") }
    let four = try Formula("y ~ " + (1...4).map(crossing).joined(separator: " + "))
    #expect(four.terms.count == 4 * 1_023)
    do {
      // Found by scripts/fuzz.sh: formulas of a few crossings were the fuzzer's slowest inputs.
      _ = try Formula("y ~ " + (1...5).map(crossing).joined(separator: " + "))
      Issue.record("5,115 terms parsed")
    } catch {
      #expect(error.description.contains("more than 4096 terms"), "\(error.description)")
    }
  }

  @Test("removing and re-adding terms keeps R's order: y ~ a + b + a:b - a + a - a:b gives b, a")
  func removeAndReAdd() throws {
    let f = try Formula("y ~ a + b + a:b - a + a - a:b")
    #expect(f.terms.map(\.description) == ["b", "a"])
  }

  @Test("crossings added and removed over and over are refused past 16,384 expanded terms (found by the fuzzer: 2.4 s)")
  func churnLimit() throws {
    let crossing = (1...10).map { "x\($0)" }.joined(separator: "*")
    let churn = { (k: Int) in "y ~ " + Array(repeating: "\(crossing) - \(crossing)", count: k).joined(separator: " + ") }
    #expect(try Formula(churn(8) + " + z").terms.map(\.description) == ["z"])
    do {
      _ = try Formula(churn(9))
      Issue.record("18,414 expanded terms parsed")
    } catch {
      #expect(error.description.contains("more than 4096 terms"), "\(error.description)")
    }
  }

  @Test("real formulas are far from the limit: 60 nested calls and a 150-term chain parse")
  func accepted() throws {
    _ = try Formula("y ~ " + String(repeating: "log(", count: 60) + "x" + String(repeating: ")", count: 60))
    _ = try Formula("y ~ I(" + Array(repeating: "x1", count: 150).joined(separator: " + ") + ")")
    let wide = try Formula("y ~ " + (1...3_000).map { "x\($0)" }.joined(separator: " + "))
    #expect(wide.terms.count == 3_000)
  }
}

import CausalCore
import Testing

@Suite("Formula parsing")
struct FormulaParserTests {
  @Test("Response, regressors and fixed effects")
  func basic() throws {
    let f = try Formula("y ~ x1 + x2 | fe1 + fe2")
    #expect(f.response == .column("y"))
    #expect(f.terms == [.expression(.column("x1")), .expression(.column("x2"))])
    #expect(f.hasIntercept)
    #expect(f.fixedEffects == [FixedEffectTerm(variables: ["fe1"]), FixedEffectTerm(variables: ["fe2"])])
    #expect(f.variables == ["y", "x1", "x2", "fe1", "fe2"])
  }

  @Test("The full example from the specification")
  func fullExample() throws {
    let f = try Formula(
      "y ~ x1 + x2 + x1:x2 + x3*x4 + i(rel, ref = -1) + i(rel, x, ref = c(-1, -1000)) + log(x5) + I(x6^2) - 1 | fe1 + fe2 + fe3^fe4")
    #expect(
      f.terms.map(\.name) == [
        "x1", "x2", "x1:x2", "x3", "x4", "x3:x4", "i(rel,ref=-1)", "i(rel,x,ref=c(-1,-1000))", "log(x5)", "I(x6^2)",
      ])
    #expect(!f.hasIntercept)
    #expect(f.fixedEffects.map(\.name) == ["fe1", "fe2", "fe3^fe4"])
    #expect(f.fixedEffects[2].variables == ["fe3", "fe4"])
    #expect(f.variables == ["y", "x1", "x2", "x3", "x4", "rel", "x", "x5", "x6", "fe1", "fe2", "fe3", "fe4"])
  }

  @Test("Interactions of two and three factors")
  func interactions() throws {
    let f = try Formula("y ~ a:b + a:b:c")
    #expect(f.terms == [.interaction([.column("a"), .column("b")]), .interaction([.column("a"), .column("b"), .column("c")])])
    #expect(f.terms.map(\.name) == ["a:b", "a:b:c"])
  }

  @Test("a*b expands to a + b + a:b; a*b*c to all terms by degree")
  func crossing() throws {
    #expect(try Formula("y ~ a*b").terms.map(\.name) == ["a", "b", "a:b"])
    #expect(try Formula("y ~ a*b*c").terms.map(\.name) == ["a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"])
    #expect(try Formula("y ~ a:b*c").terms.map(\.name) == ["a:b", "c", "a:b:c"])
  }

  @Test("Repeated terms are kept once; a:b equals b:a")
  func deduplication() throws {
    #expect(try Formula("y ~ x1 + x1*x2 + x2:x1").terms.map(\.name) == ["x1", "x2", "x1:x2"])
    #expect(try Formula("y ~ a:a").terms == [.expression(.column("a"))])
  }

  @Test("- term removes an earlier term")
  func removal() throws {
    #expect(try Formula("y ~ a*b - a:b").terms.map(\.name) == ["a", "b"])
    #expect(try Formula("y ~ a*b*c - b:a - c:a:b - a:a").terms.map(\.name) == ["b", "c", "a:c", "b:c"])
    // A column named `a:b` is its own term, not the interaction of a and b.
    #expect(try Formula("y ~ a:b + `a:b` - b:a").terms == [.expression(.column("a:b"))])
    #expect(try Formula("y ~ i(g) + g - i(g)").terms.map(\.name) == ["g"])
    // Beyond 128 distinct factors the identity is kept as a sorted list: the same rules hold.
    let many = (1...140).map { "v\($0)" }
    let f = try Formula("y ~ " + many.joined(separator: " + ") + " + v139:v140:v2 + v140*v139 - v2:v139:v140:v2 - v140:v139 - v1")
    #expect(f.terms.map(\.name) == Array(many.dropFirst()))
  }

  @Test("Intercept: default, - 1, + 0, 0 +, explicit 1")
  func intercept() throws {
    #expect(try Formula("y ~ x").hasIntercept)
    #expect(try !Formula("y ~ x - 1").hasIntercept)
    #expect(try !Formula("y ~ x + 0").hasIntercept)
    #expect(try !Formula("y ~ 0 + x").hasIntercept)
    #expect(try !Formula("y ~ -1 + x").hasIntercept)
    #expect(try Formula("y ~ 1 + x").hasIntercept)
    let only = try Formula("y ~ 1")
    #expect(only.hasIntercept && only.terms.isEmpty && only.fixedEffects.isEmpty)
  }

  @Test("Only fixed effects: y ~ 1 | fe and y ~ 0 | fe")
  func onlyFixedEffects() throws {
    let one = try Formula("y ~ 1 | fe")
    #expect(one.terms.isEmpty && one.fixedEffects.map(\.name) == ["fe"])
    let zero = try Formula("y ~ 0 | fe")
    #expect(zero.terms.isEmpty && !zero.hasIntercept)
  }

  @Test("i() with one reference, several references, no reference, a numeric partner and keep")
  func indicators() throws {
    let f = try Formula(#"y ~ i(rel, ref = -1) + i(rel, x, ref = c(-1, -1000)) + i(g, ref = "b") + i(h) + i(k, keep = c(1, 2)) + i(t, ref = TRUE)"#)
    #expect(f.terms[0] == .indicator(IndicatorTerm(variable: "rel", reference: [.number(-1)])))
    #expect(f.terms[1] == .indicator(IndicatorTerm(variable: "rel", interaction: .column("x"), reference: [.number(-1), .number(-1000)])))
    #expect(f.terms[2] == .indicator(IndicatorTerm(variable: "g", reference: [.text("b")])))
    #expect(f.terms[3] == .indicator(IndicatorTerm(variable: "h")))
    #expect(f.terms[4] == .indicator(IndicatorTerm(variable: "k", keep: [.number(1), .number(2)])))
    #expect(f.terms[5] == .indicator(IndicatorTerm(variable: "t", reference: [.logical(true)])))
    #expect(f.terms[2].name == #"i(g,ref="b")"#)
    #expect(IndicatorTerm(variable: "h").dropsFirstValueByDefault)
    #expect(!IndicatorTerm(variable: "h", interaction: .column("x")).dropsFirstValueByDefault)
  }

  @Test("Expressions: functions, I() arithmetic, precedence, normalized names")
  func expressions() throws {
    let f = try Formula("log(y) ~ log(x5) + log1p(a) + exp(b) + sqrt(c) + abs(d) + I(x6 ^ 2) + I((x + 1) * 2.50) + I(-x^2 / 3 - 1)")
    #expect(f.response == .function(.log, .column("y")))
    #expect(
      f.terms.map(\.name) == ["log(x5)", "log1p(a)", "exp(b)", "sqrt(c)", "abs(d)", "I(x6^2)", "I((x+1)*2.5)", "I(-x^2/3-1)"])
    #expect(f.terms[5] == .expression(.function(.identity, .binary(.power, .column("x6"), .number(2)))))
    // -x^2 is -(x^2); / binds tighter than -.
    #expect(
      f.terms[7]
        == .expression(
          .function(
            .identity,
            .binary(.subtract, .binary(.divide, .negation(.binary(.power, .column("x"), .number(2))), .number(3)), .number(1)))))
    #expect(f.variables == ["y", "x5", "a", "b", "c", "d", "x6", "x"])
  }

  @Test("Arithmetic response")
  func arithmeticResponse() throws {
    let f = try Formula("y / 100 ~ x")
    #expect(f.response == .binary(.divide, .column("y"), .number(100)))
    #expect(f.response.name == "y/100")
  }

  @Test("Backtick names")
  func backticks() throws {
    let f = try Formula("`my y` ~ `a b` + log(`c d`) | `fe 1`")
    #expect(f.response == .column("my y"))
    #expect(f.terms.map(\.name) == ["a b", "log(`c d`)"])
    #expect(f.fixedEffects.map(\.name) == ["fe 1"])
  }

  @Test("Combined fixed effects with three columns")
  func combinedFixedEffects() throws {
    let f = try Formula("y ~ x | a^b^c + d")
    #expect(f.fixedEffects == [FixedEffectTerm(variables: ["a", "b", "c"]), FixedEffectTerm(variables: ["d"])])
    #expect(f.fixedEffects[0].name == "a^b^c")
  }

  @Test("Equality ignores spacing; description is normalized")
  func equalityAndDescription() throws {
    #expect(try Formula("y~x1+log( x2 )|fe") == Formula("y ~ x1 + log(x2) | fe"))
    #expect(try Formula("y ~ x1") != Formula("y ~ x1 - 1"))
    #expect(try Formula("y ~ x1 + x2 - 1 | fe1 + a^b").description == "y ~ 0 + x1 + x2 | fe1 + a^b")
    #expect(try Formula("y ~ 1 | fe").description == "y ~ 1 | fe")
  }

  @Test("Dotted and underscored names")
  func names() throws {
    let f = try Formula("y.1 ~ x_a + .b + x.2")
    #expect(f.variables == ["y.1", "x_a", ".b", "x.2"])
  }
}

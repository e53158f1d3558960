import CausalCore
import Reporting
import Testing

@Suite("Regression table options and errors")
struct RegressionTableOptionTests {
  @Test("terms select and order rows; drop patterns hide them; anchors work")
  func termsAndDrop() throws {
    var table = RegressionTable(ReportingFixtures.twoModels())
    #expect(try table.shownTerms() == ["(Intercept)", "x", "z"])
    table.drop = ["^(Intercept)$"]
    #expect(try table.shownTerms() == ["x", "z"])
    table.drop = ["^z"]
    #expect(try table.shownTerms() == ["(Intercept)", "x"])
    table.drop = ["ept)$"]
    #expect(try table.shownTerms() == ["x", "z"])
    table.drop = []
    table.terms = ["z", "x"]
    #expect(try table.shownTerms() == ["z", "x"])
  }

  @Test("an unknown term, no models, a short extra row and negative digits throw typed errors")
  func errors() {
    var table = RegressionTable(ReportingFixtures.twoModels())
    table.terms = ["w"]
    #expect(throws: ReportingError.unknownTerm("w")) { try table.render(.text) }
    #expect(throws: ReportingError.empty(what: "the list of models")) { try RegressionTable([]).render(.text) }
    table.terms = nil
    table.extraRows = [.init("Controls", ["Yes"])]
    #expect(throws: ReportingError.lengthMismatch(what: "extra row 'Controls'", expected: 2, found: 1)) {
      try table.render(.markdown)
    }
    table.extraRows = []
    table.digits = -1
    #expect(throws: ReportingError.self) { try table.render(.latex) }
  }

  @Test("confidence intervals, no stars, extra rows")
  func intervalsWithoutStars() throws {
    var table = RegressionTable([ReportingFixtures.twoModels()[0]])
    table.uncertainty = .confidenceInterval
    table.stars = nil
    table.digits = 2
    table.extraRows = [.init("Controls", ["Yes"])]
    let out = try table.render(.text)
    #expect(out.contains("[1.04; 1.43]"))
    #expect(!out.contains("*"))
    #expect(out.contains("Controls") && out.contains("Yes"))
    #expect(out.contains("Confidence intervals in brackets."))
  }

  @Test("LaTeX escapes its special characters in labels, headers and notes")
  func latexEscaping() throws {
    var model = ReportingFixtures.twoModels()[0]
    model.title = "A & B"
    var table = RegressionTable([model])
    table.labels = ["x": "x_1 (50% of $, #1) {a} ~b^c\\"]
    table.notes = ["R² 100%"]
    let out = try table.render(.latex)
    #expect(out.contains("\\ A \\& B \\\\") || out.contains(" & A \\& B \\\\"))
    #expect(out.contains("x\\_1 (50\\% of \\$, \\#1) \\{a\\} \\textasciitilde{}b\\textasciicircum{}c\\textbackslash{} & 1.235$^{***}$ \\\\"))
    #expect(out.contains("R\\textsuperscript{2} 100\\%"))
  }

  @Test("Markdown escapes pipes and stars")
  func markdownEscaping() throws {
    var table = RegressionTable([ReportingFixtures.twoModels()[0]])
    table.labels = ["x": "a|b"]
    let out = try table.render(.markdown)
    #expect(out.contains("| a\\|b | 1.235\\*\\*\\* |"))
  }

  @Test("significance stars: etable's default convention, custom levels validated")
  func stars() throws {
    let s = SignificanceStars.conventional
    #expect(s.symbol(for: 0.009) == "***")
    #expect(s.symbol(for: 0.01) == "**")
    #expect(s.symbol(for: 0.049) == "**")
    #expect(s.symbol(for: 0.099) == "*")
    #expect(s.symbol(for: 0.1) == "")
    #expect(s.symbol(for: .nan) == "")
    let r = try SignificanceStars(levels: [(0.05, "*"), (0.001, "***"), (0.01, "**")])
    #expect(r.symbol(for: 0.0005) == "***")
    #expect(r.legend == "Signif. codes: *** 0.001, ** 0.01, * 0.05")
    #expect(throws: ReportingError.self) { try SignificanceStars(levels: [(1.5, "*")]) }
    #expect(throws: ReportingError.self) { try SignificanceStars(levels: [(0.1, "*"), (0.1, "+")]) }
    #expect(throws: ReportingError.self) { try SignificanceStars(levels: []) }
  }
}

@Suite("Regression table header rows")
struct RegressionTableHeaderTests {
  @Test("a dependent-variable row appears when a model names one; t statistics replace SEs on request")
  func dependentVariable() throws {
    var models = ReportingFixtures.twoModels()
    models[0].dependentVariable = "score"
    var table = RegressionTable(models)
    table.uncertainty = .statistic
    table.terms = ["x"]
    let lines = try table.render(.text).split(separator: "\n").map(String.init)
    #expect(lines[3].hasPrefix("Dependent var.") && lines[3].contains("score"))
    #expect(lines.contains { $0.contains("(12.35)") && $0.contains("(-1.67)") })
    #expect(lines.contains("t (or z) statistics in parentheses."))
  }
}

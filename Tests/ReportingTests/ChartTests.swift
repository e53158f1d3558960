import CausalCore
import FixedEffects
import Foundation
import Reporting
import TestSupport
import Testing

@Suite("SVG charts")
struct ChartTests {
  static func parsed(_ svg: String) -> SVGWellFormedness? {
    let parser = SVGWellFormedness()
    return parser.parse(svg) ? parser : nil
  }

  static func eventStudyRows() -> [CoefficientRow] {
    [-4, -3, -2, 0, 1, 2, 3].map { t in
      let effect = t < 0 ? 0.05 * t : 0.4 + 0.1 * t
      return ReportingFixtures.row("rel::\(Int(t))", effect, 0.12, p: 0.05)
    }
  }

  @Test("event-study plot: well-formed SVG with the reference line, axis titles and a point per period")
  func eventStudy() throws {
    let plot = try CoefficientPlot.eventStudy(Self.eventStudyRows(), termPrefix: "rel::", reference: -1, title: "Event study <test> & co")
    let svg = try plot.svg()
    let doc = try #require(Self.parsed(svg))
    #expect(doc.elements.first == "svg")
    #expect(doc.texts.contains("Event study <test> & co"))
    #expect(doc.texts.contains("Period relative to treatment"))
    #expect(svg.contains("stroke-dasharray"))
    #expect(doc.elements.filter { $0 == "circle" }.count == 8)  // 7 estimates + the reference
    try plot.write(to: ReportingFixtures.outputFolder() + "/event-study.svg")
  }

  @Test("terms plot and bar chart are well-formed and keep every label")
  func termsAndBars() throws {
    let rows = ReportingFixtures.twoModels().flatMap(\.coefficients)
    let plot = CoefficientPlot.terms(rows, labels: ["x": "Treated × post"], title: "Coefficients")
    let doc = try #require(Self.parsed(try plot.svg()))
    #expect(doc.texts.contains("Treated × post"))
    let chart = BarChart(
      bars: [
        .init(category: "Teacher quality and experience", group: "Treated", value: 0.42, low: 0.1, high: 0.74),
        .init(category: "Teacher quality and experience", group: "Control", value: 0.35, low: 0.02, high: 0.68),
        .init(category: "Class size", group: "Treated", value: -0.08, low: -0.3, high: 0.14),
        .init(category: "Class size", group: "Control", value: 0.05, low: -0.2, high: 0.3),
        .init(category: "Peer effects", group: "Treated", value: 0.2),
        .init(category: "Peer effects", group: "Control", value: .nan),
      ], text: ChartText(title: "Proportion mediated by channel", yTitle: "Proportion mediated"))
    let svg = try chart.svg()
    let bars = try #require(Self.parsed(svg))
    #expect(bars.texts.contains("Class size"))
    #expect(bars.texts.contains("1 bar with a non-finite value omitted."))
    try chart.write(to: ReportingFixtures.outputFolder() + "/bar-chart.svg")
    try plot.write(to: ReportingFixtures.outputFolder() + "/coefficients.svg")
  }

  @Test("empty and all-NaN inputs throw typed errors; partly NaN inputs draw with a note")
  func degenerateInputs() throws {
    #expect(throws: ReportingError.empty(what: "the coefficient plot's estimates")) {
      try CoefficientPlot(estimates: [], layout: .terms).svg()
    }
    let nan = CoefficientPlot.Estimate(label: "a", estimate: .nan, low: .nan, high: .nan)
    #expect(throws: ReportingError.noFiniteValues(chart: "coefficient plot")) {
      try CoefficientPlot(estimates: [nan], layout: .terms).svg()
    }
    let partly = CoefficientPlot(
      estimates: [nan, .init(label: "b", estimate: 1, low: .nan, high: 2)], layout: .terms)
    let doc = try #require(Self.parsed(try partly.svg()))
    #expect(doc.texts.contains("1 estimate with a non-finite value omitted."))
    #expect(throws: ReportingError.self) { try BarChart(bars: []).svg() }
    #expect(throws: ReportingError.noFiniteValues(chart: "bar chart")) {
      try BarChart(bars: [.init(category: "a", value: .infinity)]).svg()
    }
    #expect(throws: ReportingError.self) { try LovePlot(covariates: []).svg() }
    #expect(throws: ReportingError.noFiniteValues(chart: "love plot")) {
      try LovePlot(covariates: [.init(name: "age", before: .nan, after: nil)]).svg()
    }
    #expect(throws: ReportingError.self) { try OverlapPlot(score: [], treated: []).svg() }
    #expect(throws: ReportingError.lengthMismatch(what: "treatment", expected: 2, found: 1)) {
      try OverlapPlot(score: [0.1, 0.2], treated: [true]).svg()
    }
    #expect(throws: ReportingError.noFiniteValues(chart: "overlap plot")) {
      try OverlapPlot(score: [.nan, .nan], treated: [true, false]).svg()
    }
    #expect(throws: ReportingError.self) { try OverlapPlot(score: [0.2, 0.4], treated: [true, true]).svg() }
    #expect(throws: ReportingError.self) {
      try CoefficientPlot.eventStudy(Self.eventStudyRows(), termPrefix: "lead::")
    }
  }

  @Test("write(to:) reports an unwritable path as a typed error")
  func writeFailure() {
    let chart = BarChart(bars: [.init(category: "a", value: 1)])
    #expect(throws: ReportingError.self) { try chart.write(to: "/nonexistent-folder/x/chart.svg") }
  }

  @Test("love plot: signed differences get two threshold lines; labels are escaped")
  func lovePlot() throws {
    let plot = LovePlot(
      covariates: [
        .init(name: "age", before: 0.31, after: -0.03), .init(name: "re74 < 1000 & black", before: -0.72, after: 0.05),
        .init(name: "married", before: 0.12, after: .nan),
      ], absolute: false, text: ChartText(title: "Balance"))
    let svg = try plot.svg()
    let doc = try #require(Self.parsed(svg))
    #expect(doc.texts.contains("re74 < 1000 & black"))
    #expect(svg.components(separatedBy: "stroke-dasharray=\"5,4\"").count - 1 == 3)  // two lines + legend
    #expect(doc.texts.contains("1 non-finite or missing difference not drawn."))
    try plot.write(to: ReportingFixtures.outputFolder() + "/love-signed.svg")
  }
}

@Suite("Figures and tables from real fits")
struct RealFitFigureTests {
  @Test("an EventStudy fit plots one point per period plus the reference, and tabulates with its FE block")
  func eventStudyFit() throws {
    let data = try CSVReader().read(path: FixtureFiles.data("sim_event.csv"))
    let result = try EventStudy(
      outcome: "y", unit: "unit", time: "period", treatmentStart: "first_treat", covariates: ["x"]
    ).fit(data)
    let plot = try CoefficientPlot.eventStudy(result, title: "Simulated event study (sim_event.csv)")
    #expect(plot.referencePosition == -1)
    #expect(plot.estimates.count == result.estimates.count - 1)
    let svg = try plot.svg()
    #expect(ChartTests.parsed(svg) != nil)
    try plot.write(to: ReportingFixtures.outputFolder() + "/event-study-fit.svg")
    var table = RegressionTable([RegressionTableModel(result.fit, title: "Event study")])
    table.drop = ["^rel::"]
    let text = try table.render(.text)
    #expect(text.contains("Fixed effects"))
    #expect(text.contains("unit") && text.contains("Yes"))
    #expect(!text.contains("rel::"))
  }
}

@Suite("Chart layout with long text")
struct ChartLayoutTests {
  @Test("a long title wraps, long labels are shortened, long notes wrap; the SVG stays well-formed")
  func longText() throws {
    let long = "Standardized mean differences of every pre-treatment covariate between the treated and the comparison group"
    let plot = LovePlot(
      covariates: [
        .init(name: "Real earnings in 1974 in 1982 US dollars, topcoded at the 99th percentile of the CPS", before: 2.4, after: 0.05),
        .init(name: "age", before: 1.0, after: 0.04),
      ], text: ChartText(title: long,
      note: "A note long enough to need two lines: " + String(repeating: "the denominator is the treated SD; ", count: 4)))
    let svg = try plot.svg()
    let doc = try #require(ChartTests.parsed(svg))
    #expect(!doc.texts.contains(long))
    #expect(doc.texts.contains { $0.hasSuffix("…") })
    #expect(doc.texts.filter { $0.contains("denominator") }.count >= 2)
    try plot.write(to: ReportingFixtures.outputFolder() + "/long-text.svg")
  }
}

import CausalCore
import Foundation
import Matching
import Reporting
import TestSupport
import Testing

@Suite("Balance reports and figures from a matching")
struct BalanceReportTests {
  static func matching() throws -> (PropensityScoreMatchingResult, DataTable) {
    let data = try CSVReader().read(path: FixtureFiles.data("lalonde.csv"))
    let result = try PropensityScoreMatching(
      treatment: "treat", covariates: ["age", "educ", "race", "married", "nodegree", "re74", "re75"]
    ).fit(data)
    return (result, data)
  }

  @Test("the compact table carries BalanceTable's numbers, in every format")
  func compactTable() throws {
    let (result, _) = try Self.matching()
    let report = try BalanceReport(result.balance, labels: ["re74": "Earnings 1974"], digits: 4)
    let text = report.render(.text)
    let black = try #require(result.balance["race::black"])
    let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("race::black") })
    let cells = line.split(separator: " ").map(String.init)
    // Name; treated and control means (all, then matched); SMD (all, matched); variance ratios (none: binary).
    #expect(cells.count == 9)
    #expect(cells[1] == String(format: "%.4f", black.before.meanTreated))
    #expect(cells[5] == String(format: "%.4f", try #require(black.before.standardizedMeanDifference)))
    #expect(cells[6] == String(format: "%.4f", try #require(black.after?.standardizedMeanDifference)))
    #expect(cells[7] == "." && cells[8] == ".")
    #expect(text.contains("Earnings 1974"))
    #expect(text.contains("treated SD (unmatched sample)"))
    #expect(text.contains("Matched: 185 treated, 185 control."))
    let latex = report.render(.latex)
    #expect(latex.contains("race::black &"))
    #expect(latex.hasPrefix("\\begin{tabular}{lrrrrrrrr}"))
    #expect(report.render(.markdown).contains("| :--- | ---: |"))
    #expect(throws: ReportingError.self) { try BalanceReport(result.balance, digits: 11) }
  }

  @Test("love plot and overlap plot of a real matching are well-formed")
  func figures() throws {
    let (result, _) = try Self.matching()
    let love = try LovePlot(result.balance, title: "Lalonde (MatchIt sample)")
    let overlap = OverlapPlot(result, title: "Propensity score overlap")
    for (chart, name) in [(love as any SVGChart, "love.svg"), (overlap, "overlap.svg")] {
      let svg = try chart.svg()
      #expect(ChartTests.parsed(svg) != nil, "\(name)")
      try chart.write(to: ReportingFixtures.outputFolder() + "/" + name)
    }
  }

  @Test("a regression table column from a FixedEffectsFit carries N, R², FE and the clustering")
  func fromFit() throws {
    let (result, data) = try Self.matching()
    let effect = try result.effect(outcome: "re78", in: data)
    let model = RegressionTableModel(effect.fit, title: "Matched")
    #expect(model.observationCount == effect.fit.observationCount)
    #expect(model.varianceLabel == "Clustered (matching_subclass)")
    #expect(model.coefficients.contains { $0.term == "treat" })
    let table = RegressionTable([model])
    #expect(try table.render(.text).contains("Observations"))
  }
}

@Suite("Regression-table columns of matching estimates")
struct MatchingColumnTests {
  @Test("a matched-sample effect's column carries its row, N, R², the pair clustering and the estimand")
  func matchedEffect() throws {
    let (result, data) = try BalanceReportTests.matching()
    let effect = try result.effect(outcome: "re78", in: data)
    let model = RegressionTableModel(effect, title: "Matched")
    #expect(model.coefficients == [effect.row])
    #expect(model.observationCount == effect.fit.observationCount && model.r2 == effect.fit.r2)
    #expect(model.varianceLabel == "Clustered (pair)")
    #expect(model.extraStatistics.map(\.label) == ["Estimand"] && model.extraStatistics.map(\.value) == ["ATT"])
  }

  @Test("an Abadie-Imbens column renames its estimand row to line up with the regressions")
  func abadieImbens() throws {
    let (_, data) = try BalanceReportTests.matching()
    let ai = try AbadieImbensEstimator(outcome: "re78", treatment: "treat", matchOn: .covariates(["age", "educ", "re75"]))
      .fit(data)
    let model = RegressionTableModel(ai, title: "Abadie-Imbens", renaming: ["ATT": "treat"])
    #expect(model.coefficients == [ai.row.renamed("treat")])
    #expect(model.observationCount == ai.observationCount)
    #expect(model.varianceLabel == "Abadie-Imbens" && model.r2 == nil)
    #expect(model.extraStatistics.map(\.value) == ["ATT"])
  }
}

import CausalCore
import Foundation
import Reporting
import Testing

// Results made by hand, conforming only to CausalCore's protocols: Reporting must draw them
// without knowing any estimator module.

/// A result with tidy rows only.
private struct PlainResult: EstimationResult {
  var coefficients: [CoefficientRow]
  var observationCount: Int
  var drops: DropReport { DropReport() }
  func summary() -> String { "plain" }
  func encode(to encoder: any Encoder) throws {}
}

/// A regression with fixed effects.
private struct HandRegression: RegressionSummary {
  var coefficients: [CoefficientRow]
  var observationCount: Int
  var drops: DropReport { DropReport() }
  var varianceType: VarianceType
  var absorbedFixedEffects: [String]
  var r2: Double
  var withinR2: Double?
  func summary() -> String { "regression" }
  func encode(to encoder: any Encoder) throws {}
}

/// A regression-based treatment effect, as a matched-sample effect is.
private struct HandEffect: RegressionSummary, TreatmentEffectSummary {
  var coefficients: [CoefficientRow]
  var observationCount: Int
  var drops: DropReport { DropReport() }
  var varianceType: VarianceType { .cluster(["subclass"]) }
  var absorbedFixedEffects: [String] { [] }
  var r2: Double { 0.02 }
  var withinR2: Double? { nil }
  var estimandName: String { "ATE" }
  var standardErrorLabel: String { "Clustered (pair)" }
  func summary() -> String { "effect" }
  func encode(to encoder: any Encoder) throws {}
}

/// An event study with a reference period.
private struct HandEventStudy: EventStudySummary {
  var eventTimeEstimates: [EventTimeEstimate]
  var coefficients: [CoefficientRow] { eventTimeEstimates.filter { !$0.isReference }.map(\.row) }
  var observationCount: Int { 100 }
  var drops: DropReport { DropReport() }
  func summary() -> String { "event study" }
  func encode(to encoder: any Encoder) throws {}
}

/// A weighting's balance and scores.
private struct HandWeighting: BalanceSummary, PropensityOverlapSummary {
  var balanceRows: [BalanceSummaryRow]
  var balanceSampleSizes: BalanceSampleSizeSummary
  var estimandName: String { "ATE" }
  var smdDenominatorDescription: String { "pooled SD" }
  var standardizesBinaryCovariates: Bool { true }
  var propensityScores: [Double]
  var treatmentStatus: [Bool]
  var adjustmentWeights: [Double]?
}

@Suite("Reporting from CausalCore's result protocols")
struct ResultProtocolTests {
  static func row(_ term: String, _ estimate: Double, _ se: Double, p: Double) -> CoefficientRow {
    ReportingFixtures.row(term, estimate, se, p: p)
  }

  @Test("any result fills a column with its rows and N only; renaming lines its rows up")
  func plainColumn() throws {
    let plain = PlainResult(coefficients: [Self.row("ATT", 1.5, 0.5, p: 0.01)], observationCount: 40)
    let model = RegressionTableModel(plain, title: "Plain", renaming: ["ATT": "treat"])
    #expect(model.coefficients.map(\.term) == ["treat"])
    #expect(model.coefficients[0].estimate == 1.5)
    #expect(model.observationCount == 40)
    #expect(model.r2 == nil && model.withinR2 == nil && model.varianceLabel == nil)
    #expect(model.fixedEffects.isEmpty && model.extraStatistics.isEmpty)
  }

  @Test("a regression summary adds fixed effects, R², within R² and the variance label")
  func regressionColumn() throws {
    let fit = HandRegression(
      coefficients: [Self.row("x", 1, 0.5, p: 0.04)], observationCount: 1234, varianceType: .cluster(["school id"]),
      absorbedFixedEffects: ["school id", "year"], r2: 0.5, withinR2: 0.25)
    let model = RegressionTableModel(fit, title: "(1)", dependentVariable: "y")
    #expect(model.fixedEffects == ["school id", "year"])
    #expect(model.r2 == 0.5 && model.withinR2 == 0.25)
    #expect(model.varianceLabel == "Clustered (school id)")
    #expect(model.dependentVariable == "y" && model.observationCount == 1234)
    // The same through an existential, as a heterogeneous list of results would give it.
    let results: [any EstimationResult] = [fit, PlainResult(coefficients: [], observationCount: 3)]
    let models = results.map { RegressionTableModel($0, title: "m") }
    #expect(models[0].varianceLabel == "Clustered (school id)" && models[1].varianceLabel == nil)
    let text = try RegressionTable(models).render(.text)
    #expect(text.contains("Within R²") && text.contains("school id"))
  }

  @Test("a treatment effect's standard-error label replaces the variance type and adds the estimand")
  func effectColumn() throws {
    let effect = HandEffect(coefficients: [Self.row("treat", 2, 1, p: 0.05)], observationCount: 370)
    let model = RegressionTableModel(effect, title: "Matched")
    #expect(model.varianceLabel == "Clustered (pair)")
    #expect(model.r2 == 0.02)
    #expect(model.extraStatistics.count == 1)
    #expect(model.extraStatistics.first?.label == "Estimand" && model.extraStatistics.first?.value == "ATE")
  }

  @Test("an event-study summary plots its estimated periods with the reference period marked")
  func eventStudyPlot() throws {
    let periods = [-3, -2, -1, 0, 1].map { t in
      EventTimeEstimate(
        relativeTime: t,
        row: t == -1
          ? CoefficientRow(term: "k::-1", estimate: 0, standardError: 0, statistic: .nan, pValue: .nan, confLow: 0, confHigh: 0)
          : Self.row("k::\(t)", 0.1 * Double(t), 0.05, p: 0.1),
        isReference: t == -1)
    }
    let plot = try CoefficientPlot.eventStudy(HandEventStudy(eventTimeEstimates: periods), title: "Hand-made")
    #expect(plot.referencePosition == -1)
    #expect(plot.estimates.map(\.position) == [-3, -2, 0, 1])
    #expect(ChartTests.parsed(try plot.svg()) != nil)
    #expect(throws: ReportingError.self) {
      try CoefficientPlot.eventStudy(HandEventStudy(eventTimeEstimates: periods.filter(\.isReference)))
    }
  }

  @Test("a balance summary fills the balance report and the love plot with its conventions; scores fill the overlap plot")
  func balanceAndOverlap() throws {
    let moments = { (t: Double, c: Double, smd: Double?) in
      BalanceMomentSummary(meanTreated: t, meanControl: c, standardizedMeanDifference: smd, varianceRatio: nil)
    }
    let weighting = HandWeighting(
      balanceRows: [
        BalanceSummaryRow(covariate: "prior score", before: moments(0.6, 0.4, 0.5), after: moments(0.52, 0.5, 0.05))
      ],
      balanceSampleSizes: BalanceSampleSizeSummary(
        treated: 1200, control: 3400, adjustedTreated: 1200, adjustedControl: 3000, adjustedEffectiveControl: 2100.4),
      propensityScores: [0.2, 0.4, 0.6, 0.8], treatmentStatus: [false, false, true, true],
      adjustmentWeights: [1, 0.5, 1, 1])
    let text = try BalanceReport(weighting, labels: ["prior score": "Prior score"]).render(.text)
    #expect(text.contains("Prior score"))
    #expect(text.contains("SMD: difference in means over the pooled SD (estimand ATE)."))
    #expect(text.contains("Binary covariates standardized by sqrt(p(1 - p))"))
    #expect(text.contains("All: 1,200 treated, 3,400 control. Matched: 1,200 treated, 3,000 control (effective 2100.4)."))
    let love = try LovePlot(weighting)
    #expect(love.covariates == [LovePlot.Covariate(name: "prior score", before: 0.5, after: 0.05)])
    #expect(love.text.note == "SMD denominator: pooled SD.")
    let overlap = OverlapPlot(weighting, bins: 4)
    #expect(overlap.score == [0.2, 0.4, 0.6, 0.8] && overlap.treated == [false, false, true, true])
    #expect(overlap.matchingWeights == [1, 0.5, 1, 1])
    #expect(ChartTests.parsed(try overlap.svg()) != nil)
    let empty = HandWeighting(
      balanceRows: [], balanceSampleSizes: BalanceSampleSizeSummary(treated: 1, control: 1), propensityScores: [],
      treatmentStatus: [], adjustmentWeights: nil)
    #expect(throws: ReportingError.self) { try BalanceReport(empty) }
    #expect(throws: ReportingError.self) { try LovePlot(empty) }
  }
}

import CausalCore
import Foundation
import Matching
import Testing
import TestSupport

/// The Matching results expose their numbers through CausalCore's summary protocols exactly as
/// they hold them (Reporting reads nothing else).
@Suite("Matching results as CausalCore summaries")
struct ResultSummaryConformanceTests {
  static let covariates: Covariates = ["age", "educ", "race", "married", "nodegree", "re74", "re75"]

  @Test("a matched balance table's summary rows, sizes and conventions are its own numbers")
  func balanceTable() throws {
    let data = try CSVReader().read(path: FixtureFiles.data("lalonde.csv"))
    let matching = try PropensityScoreMatching(treatment: "treat", covariates: Self.covariates).fit(data)
    let table = matching.balance
    let summary = table.balanceRows
    #expect(summary.map(\.covariate) == table.rows.map(\.covariate))
    for (s, row) in zip(summary, table.rows) {
      #expect(s.before.meanTreated == row.before.meanTreated && s.before.meanControl == row.before.meanControl)
      #expect(s.before.standardizedMeanDifference == row.before.standardizedMeanDifference)
      #expect(s.before.varianceRatio == row.before.varianceRatio)
      #expect(s.after?.standardizedMeanDifference == row.after?.standardizedMeanDifference)
      #expect(s.after?.varianceRatio == row.after?.varianceRatio)
    }
    #expect(table.isAdjusted && table.isMatched)
    let sizes = table.balanceSampleSizes
    #expect(sizes.treated == table.sampleSizes.allTreated && sizes.control == table.sampleSizes.allControl)
    #expect(sizes.adjustedTreated == 185 && sizes.adjustedControl == 185)
    #expect(sizes.adjustedEffectiveControl == table.sampleSizes.matchedEffectiveControl)
    #expect(table.estimandName == "ATT")
    #expect(table.smdDenominatorDescription == "treated SD (unmatched sample)")
    #expect(!table.standardizesBinaryCovariates)

    let before = try BalanceAssessment(
      treatment: "treat", covariates: ["age", "race"], estimand: .ate, binaryDifference: .standardized
    ).fit(data)
    #expect(!before.isAdjusted && before.balanceRows.allSatisfy { $0.after == nil })
    #expect(before.balanceSampleSizes.adjustedControl == nil)
    #expect(before.estimandName == "ATE" && before.standardizesBinaryCovariates)
  }

  @Test("a matching's overlap summary is its propensity scores, treatment and matching weights")
  func overlap() throws {
    let data = try CSVReader().read(path: FixtureFiles.data("lalonde.csv"))
    let matching = try PropensityScoreMatching(treatment: "treat", covariates: Self.covariates).fit(data)
    #expect(matching.propensityScores == matching.propensity.fittedProbabilities)
    #expect(matching.treatmentStatus == matching.matched.treatment)
    #expect(matching.adjustmentWeights == matching.matched.weights)
    #expect(matching.propensityScores.count == matching.observationCount)
  }

  @Test("matched-sample and Abadie-Imbens effects name their estimand and standard error")
  func effects() throws {
    let data = try CSVReader().read(path: FixtureFiles.data("lalonde.csv"))
    let matching = try PropensityScoreMatching(treatment: "treat", covariates: Self.covariates).fit(data)
    let effect = try matching.effect(outcome: "re78", in: data)
    #expect(effect.estimandName == "ATT")
    #expect(effect.method == "wls-cluster-subclass" && effect.standardErrorLabel == "Clustered (pair)")
    #expect(effect.varianceType == effect.fit.varianceType && effect.r2 == effect.fit.r2)
    #expect(effect.absorbedFixedEffects.isEmpty && effect.withinR2 == effect.fit.withinR2)

    let replaced = try PropensityScoreMatching(
      treatment: "treat", covariates: Self.covariates, matcher: NearestNeighborMatcher(replace: true)
    ).fit(data)
    let withReplacement = try replaced.effect(outcome: "re78", in: data)
    #expect(withReplacement.method == "wls-hc3" && withReplacement.standardErrorLabel == "HC3")

    let ai = try AbadieImbensEstimator(outcome: "re78", treatment: "treat", matchOn: .covariates(["age", "educ", "re75"]))
      .fit(data)
    #expect(ai.estimandName == "ATT" && ai.standardErrorLabel == "Abadie-Imbens")
  }
}

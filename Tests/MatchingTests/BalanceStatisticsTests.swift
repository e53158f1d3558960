import CausalCore
import Foundation
import Matching
import Testing

/// Small examples checked against hand computation with MatchIt's formulas.
@Suite("Balance statistics by hand")
struct BalanceStatisticsTests {
  // Treated x = 1, 2, 6; controls x = 2, 4, 4, 8.
  static let x: [Double] = [1, 2, 6, 2, 4, 4, 8]
  static let treatment = [true, true, true, false, false, false, false]

  static func covariates() throws -> BalanceCovariates {
    try BalanceCovariates([try BalanceCovariate(name: "x", values: x)])
  }

  @Test("unweighted SMD denominators: treated, control, pooled")
  func denominators() throws {
    // Means 3 and 4.5; variances (n − 1): treated (4 + 1 + 9) / 2 = 7, control (6.25 + 0.25 + 0.25 + 12.25) / 3 = 19/3.
    let vt = 7.0
    let vc = 19.0 / 3
    for (estimand, sd) in [(MatchingEstimand.att, vt.squareRoot()), (.atc, vc.squareRoot()), (.ate, ((vt + vc) / 2).squareRoot())] {
      let row = try #require(try BalanceTable(covariates: Self.covariates(), treatment: Self.treatment, estimand: estimand).rows.first)
      #expect(row.before.meanTreated == 3)
      #expect(row.before.meanControl == 4.5)
      let smd = try #require(row.before.standardizedMeanDifference)
      #expect(abs(smd - (-1.5 / sd)) < 1e-14)
      let ratio = try #require(row.before.varianceRatio)
      #expect(abs(ratio - vt / vc) < 1e-14)
    }
  }

  @Test("eCDF statistics over the distinct values")
  func ecdf() throws {
    // Distinct values 1, 2, 4, 6, 8: F_t = 1/3, 2/3, 2/3, 1, 1; F_c = 0, 1/4, 3/4, 3/4, 1.
    let differences = [1.0 / 3, 2.0 / 3 - 0.25, 0.75 - 2.0 / 3, 0.25, 0]
    let row = try #require(try BalanceTable(covariates: Self.covariates(), treatment: Self.treatment, estimand: .att).rows.first)
    #expect(abs(try #require(row.before.ecdfMax) - 5.0 / 12) < 1e-14)
    #expect(abs(try #require(row.before.ecdfMean) - differences.reduce(0, +) / 5) < 1e-14)
  }

  @Test("after matching: weighted means and variances, the SMD keeps the unmatched denominator")
  func weighted() throws {
    // Controls 2, 4, 4, 8 with weights 1, 0.5, 0.5, 0: mean (2 + 2 + 2) / 2 = 3.
    let weights: [Double] = [1, 1, 1, 1, 0.5, 0.5, 0]
    let table = try BalanceTable(covariates: Self.covariates(), treatment: Self.treatment, estimand: .att, matchingWeights: weights)
    let row = try #require(table.rows.first)
    let after = try #require(row.after)
    #expect(after.meanControl == 3)
    // |difference| 0 ≤ √ε: the raw difference is reported.
    #expect(after.standardizedMeanDifference == 0)
    // Control variance with v = (1/2, 1/4, 1/4, 0): Σv(x − 3)² = 0.5 + 0.25 + 0.25 = 1, over 1 − Σv² = 1 − 3/8.
    let vc = 1 / (1 - 0.375)
    #expect(abs(try #require(after.varianceRatio) - 7 / vc) < 1e-14)
    #expect(table.sampleSizes.matchedControl == 3)
    #expect(table.sampleSizes.unmatchedControl == 1)
    #expect(abs(try #require(table.sampleSizes.matchedEffectiveControl) - 4 / 1.5) < 1e-14)
    // Improvement: SMD goes from |−1.5/√7| to 0, so 100 %.
    #expect(try #require(row.improvement?.standardizedMeanDifference) == 100)
  }

  @Test("binary covariates, standardized (MatchIt): p(1 − p) denominator, no variance ratio, eCDF = |difference|")
  func binary() throws {
    let b: [Double] = [1, 1, 0, 0, 1, 0, 0]
    let covariates = try BalanceCovariates([try BalanceCovariate(name: "b", values: b)])
    let row = try #require(
      try BalanceTable(covariates: covariates, treatment: Self.treatment, estimand: .att, binaryDifference: .standardized)
        .rows.first)
    #expect(row.type == .binary)
    let p = 2.0 / 3
    #expect(abs(try #require(row.before.standardizedMeanDifference) - (p - 0.25) / (p * (1 - p)).squareRoot()) < 1e-14)
    #expect(row.before.varianceRatio == nil)
    #expect(row.before.ecdfMax == abs(p - 0.25))
    #expect(row.before.ecdfMean == abs(p - 0.25))
  }

  @Test("binary covariates by default (cobalt): the raw difference in proportions")
  func binaryRaw() throws {
    let b: [Double] = [1, 1, 0, 0, 1, 0, 0]
    let covariates = try BalanceCovariates([try BalanceCovariate(name: "b", values: b)])
    let table = try BalanceTable(covariates: covariates, treatment: Self.treatment, estimand: .att)
    let row = try #require(table.rows.first)
    #expect(table.binaryDifference == .raw)
    #expect(abs(try #require(row.before.standardizedMeanDifference) - (2.0 / 3 - 0.25)) < 1e-15)
  }

  @Test("a covariate constant in both groups has an infinite SMD and a NaN variance ratio")
  func degenerate() throws {
    let c: [Double] = [3, 3, 3, 2, 2, 2, 2]
    let covariates = try BalanceCovariates([try BalanceCovariate(name: "c", values: c)])
    let row = try #require(try BalanceTable(covariates: covariates, treatment: Self.treatment, estimand: .att).rows.first)
    #expect(row.before.standardizedMeanDifference == .infinity)
    #expect(try #require(row.before.varianceRatio).isNaN)
    #expect(row.before.ecdfMax == 1)
  }

  @Test("one unit of positive weight per group: MatchIt's NA")
  func tooSmall() throws {
    let weights: [Double] = [1, 0, 0, 0, 1, 0, 0]
    let row = try #require(
      try BalanceTable(covariates: Self.covariates(), treatment: Self.treatment, estimand: .att, matchingWeights: weights).rows.first)
    let after = try #require(row.after)
    #expect(after.meanTreated == 1)
    #expect(after.meanControl == 4)
    #expect(after.standardizedMeanDifference == nil)
    #expect(after.varianceRatio == nil)
    #expect(after.ecdfMax == nil)
    #expect(row.improvement?.standardizedMeanDifference == nil)
  }

  @Test("base weights enter both samples and the denominator")
  func baseWeights() throws {
    let s: [Double] = [2, 1, 1, 1, 1, 1, 1]
    let row = try #require(try BalanceTable(covariates: Self.covariates(), treatment: Self.treatment, estimand: .att, baseWeights: s).rows.first)
    // Treated mean (2 + 2 + 6) / 4 = 2.5; v = (1/2, 1/4, 1/4): Σv(x − 2.5)² = 1.125 + 0.0625 + 3.0625 = 4.25, over 1 − 3/8.
    #expect(row.before.meanTreated == 2.5)
    let vt = 4.25 / 0.625
    #expect(abs(try #require(row.before.standardizedMeanDifference) - (2.5 - 4.5) / vt.squareRoot()) < 1e-14)
  }
}

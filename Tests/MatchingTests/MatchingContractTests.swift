import CausalCore
import Foundation
import LinearAlgebra
import Matching
import Testing
import TestSupport

/// The Matching estimators follow the estimator contract: configured by a validating
/// initializer, run by `fit(_:)` on a table, with immutable, encodable results that check the
/// table they index.
@Suite("Matching estimator contract")
struct MatchingContractTests {
  static let covariates: Covariates = ["age", "educ", "race", "married", "nodegree", "re74", "re75"]

  static func lalonde() throws -> DataTable {
    try CSVReader().read(path: FixtureFiles.data("lalonde.csv"))
  }

  /// Fits through the protocol only.
  static func fitAny<E: Estimator>(_ estimator: E, _ data: DataTable) throws -> E.Output { try estimator.fit(data) }

  /// Lalonde with copies of columns under names that need quoting.
  static func spacedLalonde() throws -> DataTable {
    var data = try lalonde()
    try data.append(Column(name: "prior score", doubles: try data.column(named: "re75").doubles()))
    try data.append(Column(name: "earnings 1978", doubles: try data.column(named: "re78").doubles()))
    try data.append(Column(name: "got treated", doubles: try data.column(named: "treat").doubles()))
    return data
  }

  @Test("effect(outcome:in:) throws tableMismatch for a shorter table instead of trapping")
  func shorterTable() throws {
    let data = try Self.lalonde()
    let result = try PropensityScoreMatching(treatment: "treat", covariates: Self.covariates).fit(data)
    let shorter = data.selecting(rows: Array(0..<100))
    #expect(throws: DataError.tableMismatch(expectedRows: data.rowCount, foundRows: 100)) {
      try result.effect(outcome: "re78", in: shorter)
    }
    #expect(throws: DataError.tableMismatch(expectedRows: data.rowCount, foundRows: 100)) {
      try result.units(in: shorter)
    }
  }

  @Test("effect(outcome:in:) throws tableMismatch for a different table of the same size")
  func sameSizeOtherTable() throws {
    let data = try Self.lalonde()
    let result = try PropensityScoreMatching(treatment: "treat", covariates: Self.covariates).fit(data)
    let reversed = data.selecting(rows: Array((0..<data.rowCount).reversed()))
    #expect(throws: DataError.tableMismatch(expectedRows: data.rowCount, foundRows: data.rowCount)) {
      try result.effect(outcome: "re78", in: reversed)
    }
    // The table it was fitted on still works.
    #expect(try result.effect(outcome: "re78", in: data).row.standardError > 0)
  }

  @Test("an outcome in the design gives the same effect as effect(outcome:in:)")
  func outcomeOption() throws {
    let data = try Self.lalonde()
    let design = try PropensityScoreMatching(treatment: "treat", covariates: Self.covariates, outcome: "re78")
    let result = try Self.fitAny(design, data)
    let effect = try #require(result.effect)
    #expect(effect.row == (try result.effect(outcome: "re78", in: data)).row)
    #expect(result.coefficients == [effect.row])
    #expect(result.observationCount == data.rowCount)
    #expect(result.summary().contains("Propensity-score matching (ATT)"))
    let none = try PropensityScoreMatching(treatment: "treat", covariates: Self.covariates).fit(data)
    #expect(none.coefficients.isEmpty)
  }

  @Test("column names with spaces work as treatment, covariate and outcome")
  func namesWithSpaces() throws {
    let data = try Self.spacedLalonde()
    let plain = try PropensityScoreMatching(
      treatment: "treat", covariates: ["age", "educ", "re75"], outcome: "re78"
    ).fit(data)
    let spaced = try PropensityScoreMatching(
      treatment: "got treated", covariates: ["age", "educ", "prior score"], outcome: "earnings 1978"
    ).fit(data)
    #expect(spaced.matched.weights == plain.matched.weights)
    #expect(spaced.balance["prior score"] != nil)
    let a = try #require(plain.effect?.row), b = try #require(spaced.effect?.row)
    #expect(a.estimate == b.estimate && a.standardError == b.standardError)
    #expect(b.term == "got treated")

    // The doubly-robust adjustment with a spaced covariate.
    let adjusted = try spaced.effect(outcome: "earnings 1978", in: data, covariates: ["prior score"])
    let reference = try plain.effect(outcome: "re78", in: data, covariates: ["re75"])
    #expect(abs(adjusted.row.estimate - reference.row.estimate) <= 1e-12 * abs(reference.row.estimate))
  }

  @Test("matched-sample regression and balance assessment take spaced names")
  func regressionAndBalanceWithSpaces() throws {
    let original = try Self.spacedLalonde()
    let matched = try PropensityScoreMatching(treatment: "treat", covariates: Self.covariates).fit(original)
    var data = original
    try data.append(Column(name: "match weight", doubles: matched.weightsByRow))
    try data.append(Column(name: "pair id", ints: matched.subclassByRow))
    let regression = try MatchedSampleRegression(
      outcome: "earnings 1978", treatment: "got treated", weights: "match weight", subclass: "pair id",
      covariates: ["prior score"]
    ).fit(data)
    let reference = try matched.effect(outcome: "re78", in: original, covariates: ["re75"])
    #expect(abs(regression.row.estimate - reference.row.estimate) <= 1e-10 * abs(reference.row.estimate))
    #expect(abs(regression.row.standardError - reference.row.standardError) <= 1e-10 * reference.row.standardError)
    #expect(regression.drops.observationCount(.zeroWeight) == data.rowCount - regression.observationCount)

    let balance = try BalanceAssessment(
      treatment: "got treated", covariates: ["age", "prior score"], weights: "match weight"
    ).fit(data)
    #expect(balance.isMatched)
    #expect(balance.terms == ["age", "prior score"])
    #expect(balance["prior score"]?.after?.standardizedMeanDifference == matched.balance["re75"]?.after?.standardizedMeanDifference)
    #expect(balance.coefficients.allSatisfy { $0.standardError.isNaN })
  }

  @Test("Abadie-Imbens on a table equals the array form, and takes a spaced score column")
  func abadieImbensTable() throws {
    let data = try Self.spacedLalonde()
    let byTable = try AbadieImbensEstimator(
      outcome: "earnings 1978", treatment: "got treated", matchOn: .covariates(["age", "educ", "prior score"]), estimand: .ate
    ).fit(data)
    let x = try Matrix(columns: ["age", "educ", "re75"].map { try data.column(named: $0).doubles() })
    let byArrays = try AbadieImbensEstimator(estimand: .ate).estimate(
      outcome: try data.column(named: "re78").doubles(),
      treatment: try data.column(named: "treat").doubles().map { $0 == 1 }, covariates: x)
    #expect(byTable.estimate == byArrays.estimate)
    #expect(byTable.standardError == byArrays.standardError)
    #expect(byTable.rows == Array(0..<data.rowCount))

    var scored = data
    let matching = try PropensityScoreMatching(treatment: "treat", covariates: Self.covariates).fit(data)
    try scored.append(Column(name: "p score", doubles: matching.propensity.fittedProbabilities))
    let onScore = try AbadieImbensEstimator(outcome: "re78", treatment: "treat", matchOn: .score(column: "p score")).fit(scored)
    let reference = try AbadieImbensEstimator().estimate(
      outcome: try data.column(named: "re78").doubles(), treatment: matching.matched.treatment,
      score: matching.propensity.fittedProbabilities)
    #expect(onScore.estimate == reference.estimate && onScore.standardError == reference.standardError)
    #expect(onScore.coefficients == [onScore.row])
  }

  @Test("rows with a missing outcome are dropped and counted by the Abadie-Imbens fit")
  func abadieImbensDrops() throws {
    var data = try Self.lalonde()
    var y = try data.column(named: "re78").doubles()
    y[3] = .nan
    try data.set(Column(name: "re78", doubles: y))
    let result = try AbadieImbensEstimator(outcome: "re78", treatment: "treat", matchOn: .covariates(["age", "educ"])).fit(data)
    #expect(result.observationCount == data.rowCount - 1)
    #expect(result.drops.observationCount(.missingValue) == 1)
    #expect(!result.rows.contains(3))
  }

  @Test("the matching result's encoding holds every key causalkit match prints")
  func matchingEncoding() throws {
    let data = try Self.lalonde()
    let result = try PropensityScoreMatching(
      treatment: "treat", covariates: Self.covariates, matcher: NearestNeighborMatcher(caliper: Caliper(0.2)),
      outcome: "re78"
    ).fit(data)
    let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
    let counts = try #require(object["counts"] as? [String: Any])
    for key in [
      "treated_matched", "control_matched", "treated_unmatched", "control_unmatched", "treated_discarded",
      "control_discarded", "missing_dropped",
    ] {
      #expect(counts[key] is Int, "counts.\(key)")
    }
    let caliper = try #require(object["caliper"] as? [String: Any])
    #expect(caliper["value"] as? Double == 0.2)
    #expect(caliper["scale"] as? String == "sd")
    let width = try #require(result.matched.caliperWidth)
    #expect(abs((caliper["raw_width"] as? Double ?? .nan) - width) <= 1e-14 * width)
    #expect(object["smd_denominator"] as? String == result.balance.smdDenominator.description)
    #expect(object["binary_covariates"] as? String == "raw difference in proportions")
    let balance = try #require(object["balance"] as? [[String: Any]])
    #expect(balance.count == result.balance.rows.count)
    for key in ["covariate", "smd_before", "smd_after", "variance_ratio_before", "variance_ratio_after", "ks_before", "ks_after"] {
      #expect(balance.allSatisfy { $0.keys.contains(key) }, "balance[].\(key)")
    }
    let effect = try #require(object["effect"] as? [String: Any])
    for key in ["estimand", "estimate", "std_error", "conf_low", "conf_high", "p_value", "method"] {
      #expect(effect[key] != nil, "effect.\(key)")
    }
    let se = try #require(result.effect?.row.standardError)
    #expect(abs((effect["std_error"] as? Double ?? .nan) - se) <= 1e-14 * se)

    // Without a caliper the caliper object holds nulls.
    let plain = try PropensityScoreMatching(treatment: "treat", covariates: Self.covariates).fit(data)
    let plainObject = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(plain)) as? [String: Any])
    let none = try #require(plainObject["caliper"] as? [String: Any])
    #expect(none["value"] is NSNull && none["scale"] is NSNull && none["raw_width"] is NSNull)
    #expect(plainObject["effect"] == nil)
  }

  @Test("matched sets, kernel weights and Abadie-Imbens results encode, NaN as null")
  func otherEncodings() throws {
    let treated = [true, false, false, true, false]
    let score = [0.6, 0.5, 0.55, 0.7, 0.2]
    let matched = try NearestNeighborMatcher().match(treatment: treated, distance: .score(score))
    let decoded = try JSONDecoder().decode(MatchedSet.self, from: JSONEncoder().encode(matched))
    #expect(decoded == matched)
    let kernel = try KernelMatcher(bandwidth: 0.2).match(treatment: treated, score: score)
    #expect(try JSONDecoder().decode(KernelMatchedSet.self, from: JSONEncoder().encode(kernel)) == kernel)

    let y: [Double] = [5, 6, 20, 1, 3, 7, 2]
    let d = [true, true, true, false, false, false, false]
    let x: [Double] = [0, 0.5, 10, 1, 9, 20, 30]
    let ai = try AbadieImbensEstimator().estimate(outcome: y, treatment: d, score: x)
    let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(ai)) as? [String: Any])
    for key in ["estimand", "estimate", "std_error", "coefficients", "pairs", "nobs", "dropped"] {
      #expect(object[key] != nil, "\(key)")
    }
  }

  @Test("invalid configurations throw at init")
  func initValidation() {
    #expect(throws: OptionError.self) { try PropensityScoreMatching(treatment: "treat", covariates: []) }
    #expect(throws: OptionError.self) {
      try PropensityScoreMatching(treatment: "treat", covariates: ["age"], exact: ["treat"])
    }
    #expect(throws: OptionError.self) { try BalanceAssessment(treatment: "treat", covariates: []) }
    #expect(throws: OptionError.self) {
      try PropensityMatchedDifferenceInDifferences(
        outcome: "y", unit: "u", time: "t", treated: "g", post: "p", covariates: [])
    }
  }
}

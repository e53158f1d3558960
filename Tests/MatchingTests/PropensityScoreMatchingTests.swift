import CausalCore
import Foundation
import Matching
import Testing
import TestSupport

/// The one-call workflow (propensity model → matching → balance) reproduces the matcher's
/// reference matched sets on the Lalonde data: CausalKit's logit scores agree with R's glm to
/// ~1e-13, so the matches must be identical to the fixture's (`generate_matching.R`).
@Suite("Propensity-score matching workflow")
struct PropensityScoreMatchingTests {
  struct Reference: Decodable {
    struct Case: Decodable {
      var name: String
      var weights: [Double]
    }
    var cases: [Case]
  }

  static let root = FixtureFiles.root
  static let covariates: Covariates = ["age", "educ", "race", "married", "nodegree", "re74", "re75"]

  static func lalonde() throws -> DataTable {
    try CSVReader().read(path: root.appendingPathComponent("data/lalonde.csv").path)
  }

  static func reference(_ name: String) throws -> Reference.Case {
    let data = try Data(contentsOf: root.appendingPathComponent("expected/matching.json"))
    let file = try JSONDecoder().decode(Reference.self, from: data)
    return try #require(file.cases.first { $0.name == name })
  }

  @Test("1:1 nearest neighbour on the logit score gives the reference weights")
  func oneToOne() throws {
    let result = try PropensityScoreMatching(treatment: "treat", covariates: Self.covariates).fit(Self.lalonde())
    let reference = try Self.reference("nearest_1to1_largest")
    #expect(result.matched.weights == reference.weights)
    #expect(result.missingDropped == 0)
    #expect(result.matched.counts.treated.matched == 185)
    // Balance improves for the score's main confounder.
    let race = try #require(result.balance["race::black"])
    let before = try #require(race.before.standardizedMeanDifference), after = try #require(race.after?.standardizedMeanDifference)
    #expect(abs(after) < abs(before))
  }

  @Test("a caliper of 0.1 SD reproduces the reference and leaves treated units unmatched")
  func caliper() throws {
    let design = try PropensityScoreMatching(
      treatment: "treat", covariates: Self.covariates, matcher: NearestNeighborMatcher(caliper: Caliper(0.1)))
    let result = try design.fit(Self.lalonde())
    #expect(result.matched.weights == (try Self.reference("nearest_1to1_caliper_0.1sd")).weights)
    #expect(result.matched.counts.treated.unmatched > 0)
  }

  @Test("the matched-sample effect uses pair clustering without replacement")
  func effect() throws {
    let data = try Self.lalonde()
    let result = try PropensityScoreMatching(treatment: "treat", covariates: Self.covariates).fit(data)
    let effect = try result.effect(outcome: "re78", in: data)
    #expect(effect.method == "wls-cluster-subclass")
    #expect(effect.row.standardError > 0)
    #expect(result.weightsByRow.count == data.rowCount)
  }

  @Test("a treatment that is not 0/1 is a typed error")
  func badTreatment() throws {
    #expect(throws: (any Error).self) {
      try PropensityScoreMatching(treatment: "educ", covariates: Covariates(formula: "age + re74")).fit(Self.lalonde())
    }
  }
}

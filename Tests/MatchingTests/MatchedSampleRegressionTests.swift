import CausalCore
import Foundation
import Matching
import Testing
import TestSupport

/// The matched-sample effect agrees with `lm(..., weights)` plus `sandwich::vcovCL` (by
/// subclass) or `vcovHC(type = "HC3")` on MatchIt's own matched sets
/// (`Tests/Fixtures/generate_matched_effect.R`).
@Suite("Matched-sample regression")
struct MatchedSampleRegressionTests {
  struct Case: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var rhs: String
    var variance: String
    var weights: [Double]
    var subclass: [Int?]
    var estimate: Double
    var std_error: Double
    var testDescription: String { name }
  }

  static let root = FixtureFiles.root

  static let cases: [Case] = FixtureFiles.cases("matched_effect.json")

  @Test("fixtures are present")
  func present() { #expect(Self.cases.count == 3) }

  @Test("estimate and standard error match R", arguments: cases)
  func agrees(with reference: Case) throws {
    let data = try CSVReader().read(path: Self.root.appendingPathComponent("data/lalonde.csv").path)
    let covariates = reference.rhs.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0 != "treat" }
    let clustered = reference.variance == "cluster"
    var table = data
    try table.append(Column(name: "w", doubles: reference.weights))
    if clustered { try table.append(Column(name: "pair", ints: reference.subclass)) }
    let effect = try MatchedSampleRegression(
      outcome: "re78", treatment: "treat", weights: "w", subclass: clustered ? "pair" : nil,
      covariates: Covariates(columns: covariates)
    ).fit(table)
    #expect(abs(effect.row.estimate - reference.estimate) <= 1e-8 * abs(reference.estimate))
    #expect(abs(effect.row.standardError - reference.std_error) <= 1e-6 * reference.std_error)
    #expect(effect.method == (reference.variance == "cluster" ? "wls-cluster-subclass" : "wls-hc3"))
  }

  @Test("weights of the wrong length are rejected")
  func lengths() throws {
    let data = try CSVReader().read(path: Self.root.appendingPathComponent("data/lalonde.csv").path)
    #expect(throws: DataError.lengthMismatch(column: "matching weights", expected: data.rowCount, found: 2)) {
      try MatchedSampleRegression(outcome: "re78", treatment: "treat").fit(data, weights: [1, 1], subclass: nil)
    }
    var zero = data
    try zero.append(Column(name: "w", doubles: [Double](repeating: 0, count: data.rowCount)))
    #expect(throws: MatchingError.noMatches(unmatched: data.rowCount)) {
      try MatchedSampleRegression(outcome: "re78", treatment: "treat", weights: "w").fit(zero)
    }
    #expect(throws: OptionError.self) { try MatchedSampleRegression(outcome: "re78", treatment: "treat", confidenceLevel: 0) }
  }
}

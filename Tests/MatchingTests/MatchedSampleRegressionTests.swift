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
    let effect = try MatchedSampleRegression(outcome: "re78", covariates: covariates).estimate(
      data, treatment: "treat", weights: reference.weights,
      subclass: reference.variance == "cluster" ? reference.subclass : nil, estimand: .att)
    #expect(abs(effect.row.estimate - reference.estimate) <= 1e-8 * abs(reference.estimate))
    #expect(abs(effect.row.standardError - reference.std_error) <= 1e-6 * reference.std_error)
    #expect(effect.method == (reference.variance == "cluster" ? "wls-cluster-subclass" : "wls-hc3"))
  }

  @Test("weights of the wrong length are rejected")
  func lengths() throws {
    let data = try CSVReader().read(path: Self.root.appendingPathComponent("data/lalonde.csv").path)
    #expect(throws: MatchingError.self) {
      try MatchedSampleRegression(outcome: "re78").estimate(data, treatment: "treat", weights: [1, 1], subclass: nil, estimand: .att)
    }
  }
}

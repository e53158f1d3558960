import Foundation
import StaggeredDiD
import Testing
import TestSupport

/// Gardner's two-stage DiD (the imputation estimates): the pooled ATT and the event study,
/// clustered by state and by unit, with and without weights.
///
/// Two references: the exact definitional values of `expected/did2s_exact.json` (dense least
/// squares and Gardner's GMM formula, `generate_did2s_exact.py`), within 1e-8 (estimates) and
/// 1e-6 (standard errors), relative; and pyfixest 0.60.0's `did2s` (`expected/did2s.json`),
/// whose iterative first stage stops at its default tolerance, so it is checked to within
/// 2e-5 relative (estimates; absolute below 1) and 1e-5 relative (standard errors).
@Suite("Two-stage DiD against pyfixest's did2s")
struct TwoStageDiDFixtureTests {
  struct Coefficient: Decodable {
    let name: String
    let estimate: Double
    let std_error: Double
    let event_time: Int?
  }

  struct Case: Decodable, CustomTestStringConvertible {
    let name: String
    let data: String
    let cluster: String
    let weights: String?
    let n_obs: Int
    let coefficients: [Coefficient]
    var testDescription: String { name }
  }

  struct ExactCoefficient: Decodable {
    let estimate: Double
    let std_error: Double
  }

  struct ExactCase: Decodable {
    let name: String
    let coefficients: [ExactCoefficient]
  }

  static let cases = FixtureFiles.cases("did2s.json", as: Case.self)
  static let exact = FixtureFiles.cases("did2s_exact.json", as: ExactCase.self)

  static func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(abs(b), 1e-4)
  }

  @Test("the fixture file has every case")
  func caseCount() { #expect(Self.cases.count == 5 && Self.exact.count == 11) }

  @Test("pooled ATT and event-study coefficients", arguments: cases)
  func agreement(_ c: Case) throws {
    let data = try CSVReader().read(path: FixtureFiles.data(c.data))
    let eventStudy = c.coefficients.contains { $0.event_time != nil }
    let model = try TwoStageDiD(
      outcome: "y", unit: "id", time: "year", cohort: "cohort",
      secondStage: eventStudy ? .eventStudy(referencePeriods: [-1]) : .pooled, cluster: c.cluster, weights: c.weights)
    let result = try model.fit(data)
    #expect(result.observationCount == c.n_obs)
    #expect(result.coefficients.count == c.coefficients.count)
    let exact = try #require(Self.exact.first { $0.name == c.name })
    for (got, want) in zip(result.coefficients, exact.coefficients) {
      #expect(Self.close(got.estimate, want.estimate, 1e-8), "\(got.term)")
      #expect(Self.close(got.standardError, want.std_error, 1e-6), "SE \(got.term)")
    }
    for (got, want) in zip(result.coefficients, c.coefficients) {
      #expect(abs(got.estimate - want.estimate) < 2e-5 * max(abs(want.estimate), 1), "pyfixest \(want.name)")
      #expect(abs(got.standardError / want.std_error - 1) < 1e-5, "pyfixest SE \(want.name)")
    }
  }
}

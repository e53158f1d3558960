import Foundation
import StaggeredDiD
import Testing
import TestSupport

/// Sun-Abraham against pyfixest 0.60.0's saturated event study (`Tests/Fixtures/expected/
/// sun_abraham.json`, from `generate_pyfixest_did.py`): every cohort × event-time coefficient
/// and the share-weighted event-time aggregation, clustered by unit and by state. Estimates
/// within 1e-8, standard errors within 1e-6 (relative).
@Suite("Sun-Abraham against pyfixest's saturated event study")
struct SunAbrahamFixtureTests {
  struct Coefficient: Decodable {
    let estimate: Double
    let std_error: Double
    let event_time: Int
    let cohort: Int
  }

  struct ByRow: Decodable {
    let event_time: Int
    let estimate: Double
    let std_error: Double
  }

  struct Aggregate: Decodable { let by: [ByRow] }

  struct Case: Decodable, CustomTestStringConvertible {
    let name: String
    let data: String
    let cluster: String
    let n_obs: Int
    let coefficients: [Coefficient]
    let aggregate: Aggregate
    var testDescription: String { name }
  }

  static let cases = FixtureFiles.cases("sun_abraham.json", as: Case.self)

  static func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(abs(b), 1e-4)
  }

  @Test("the fixture file has both cases")
  func caseCount() { #expect(Self.cases.count == 2) }

  @Test("cohort effects and event-time aggregation", arguments: cases)
  func agreement(_ c: Case) throws {
    let data = try CSVReader().read(path: FixtureFiles.data(c.data))
    let result = try SunAbraham(outcome: "y", unit: "id", time: "year", cohort: "cohort", vcov: .cluster([c.cluster]))
      .fit(data)
    #expect(result.observationCount == c.n_obs)
    #expect(result.cohortEffects.count == c.coefficients.count)
    for want in c.coefficients {
      let got = try #require(result.cohortEffects.first { $0.cohort == want.cohort && $0.relativeTime == want.event_time })
      #expect(Self.close(got.row.estimate, want.estimate, 1e-8), "CATT(\(want.cohort), \(want.event_time))")
      #expect(Self.close(got.row.standardError, want.std_error, 1e-6), "SE(\(want.cohort), \(want.event_time))")
    }
    let estimated = result.eventTimeEstimates.filter { !$0.isReference }
    #expect(estimated.map(\.relativeTime) == c.aggregate.by.map(\.event_time))
    for (got, want) in zip(estimated, c.aggregate.by) {
      #expect(Self.close(got.row.estimate, want.estimate, 1e-8), "e = \(want.event_time)")
      #expect(Self.close(got.row.standardError, want.std_error, 1e-6), "SE e = \(want.event_time)")
    }
  }
}

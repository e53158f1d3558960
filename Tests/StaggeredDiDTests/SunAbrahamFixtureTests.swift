import Foundation
import StaggeredDiD
import Testing
import TestSupport

/// Sun-Abraham against pyfixest 0.60.0's saturated event study (`Tests/Fixtures/expected/
/// sun_abraham.json`, from `generate_pyfixest_did.py`): every cohort × event-time coefficient
/// and the share-weighted event-time aggregation, clustered by unit and by state; and the same
/// saturated regression with a time-varying covariate (`x1t = x1 × (year − 2000)`), without and
/// with sampling weights, against pyfixest's `feols` with fixest's share aggregation (shares are
/// the cells' total weights). Estimates within 1e-8, standard errors within 1e-6 (relative).
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

  struct Estimate: Decodable {
    let estimate: Double
    let std_error: Double
  }

  struct Case: Decodable, CustomTestStringConvertible {
    let name: String
    let data: String
    let cluster: String
    let n_obs: Int
    let covariates: [String]?
    let weights: String?
    let covariate: Estimate?
    let coefficients: [Coefficient]
    let aggregate: Aggregate
    var testDescription: String { name }
  }

  static let cases = FixtureFiles.cases("sun_abraham.json", as: Case.self)

  static func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(abs(b), 1e-4)
  }

  @Test("the fixture file has the four cases")
  func caseCount() { #expect(Self.cases.count == 4) }

  /// The fixture table with the derived covariate `x1t = x1 × (year − 2000)`.
  static func table(_ file: String) throws -> DataTable {
    var data = try CSVReader().read(path: FixtureFiles.data(file))
    let x1 = try data.column(named: "x1").doubles(), year = try data.column(named: "year").doubles()
    try data.append(Column(name: "x1t", doubles: zip(x1, year).map { $0 * ($1 - 2000) }))
    return data
  }

  @Test("cohort effects and event-time aggregation", arguments: cases)
  func agreement(_ c: Case) throws {
    let data = try Self.table(c.data)
    let result = try SunAbraham(
      outcome: "y", unit: "id", time: "year", cohort: "cohort", covariates: Covariates(columns: c.covariates ?? []),
      vcov: .cluster([c.cluster]), weights: c.weights
    ).fit(data)
    if let want = c.covariate {
      let got = try #require(result.regression.coefficients.first { $0.term == "x1t" })
      #expect(Self.close(got.estimate, want.estimate, 1e-8), "x1t")
      #expect(Self.close(got.standardError, want.std_error, 1e-6), "SE x1t")
    }
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

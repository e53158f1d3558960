import Foundation
import StaggeredDiD
import Testing
import TestSupport

/// Borusyak, Jaravel and Spiess's conservative variance (`variance: .imputation(...)`) against
/// the dense definitional values of `expected/bjs_imputation.json` (`generate_bjs_imputation.py`:
/// the estimator's weights `v` from explicit projections, equation (8)'s group averages, the
/// cluster sums): pooled ATT and event studies, clustered by unit and by state, with and
/// without sampling weights and leave-out, every grouping, balanced and unbalanced panels, and
/// with first-stage covariates (time-varying, and ones the first stage must drop).
/// Estimates within 1e-8, standard errors and covariances within 1e-6, relative.
@Suite("Two-stage DiD: Borusyak-Jaravel-Spiess variance against definitional values")
struct TwoStageDiDImputationFixtureTests {
  struct Coefficient: Decodable {
    let name: String
    let estimate: Double
    let std_error: Double
  }

  struct Case: Decodable, CustomTestStringConvertible {
    let name: String
    let data: String
    let second_stage: String
    let cluster: String
    let weights: String?
    let groups: String
    let leave_out: Bool
    let covariates: String?
    let dropped: [TwoStageDiDCovariateTests.Dropped]?
    let n_obs: Int
    let coefficients: [Coefficient]
    let covariance: [[Double]]
    var testDescription: String { name }
  }

  static let cases = FixtureFiles.cases("bjs_imputation.json", as: Case.self)

  @Test("the fixture file has every case")
  func caseCount() { #expect(Self.cases.count == 23 && Self.cases.filter { $0.covariates != nil }.count == 6) }

  @Test("estimates, standard errors and covariances", arguments: cases)
  func agreement(_ c: Case) throws {
    let data = try TwoStageDiDCovariateTests.table(c.data)
    let groups = try #require(TwoStageDiD.ImputationGroups(rawValue: c.groups))
    let model = try TwoStageDiD(
      outcome: "y", unit: "id", time: "year", cohort: "cohort", covariates: try Covariates(formula: c.covariates ?? ""),
      secondStage: c.second_stage == "event" ? .eventStudy(referencePeriods: [-1]) : .pooled, cluster: c.cluster,
      weights: c.weights, variance: .imputation(groups: groups, leaveOut: c.leave_out))
    let result = try model.fit(data)
    #expect(result.variance == .imputation(groups: groups, leaveOut: c.leave_out))
    try TwoStageDiDCovariateTests.expectAgreement(
      result, observations: c.n_obs, dropped: c.dropped,
      coefficients: c.coefficients.map { ($0.name, $0.estimate, $0.std_error) })
    let k = c.coefficients.count
    for a in 0..<k {
      for b in 0..<k {
        let scale = (c.covariance[a][a] * c.covariance[b][b]).squareRoot()
        #expect(abs(result.covariance[a * k + b] - c.covariance[a][b]) <= 1e-6 * scale, "covariance \(a), \(b)")
      }
    }
  }
}

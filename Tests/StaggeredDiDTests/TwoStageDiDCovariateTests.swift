import Foundation
import StaggeredDiD
import Testing
import TestSupport

/// Covariates in the two-stage DiD's first stage (`y ~ covariates | unit + time` on the
/// untreated rows): Gardner's GMM variance against the dense definitional values of
/// `expected/did2s_exact.json` (`generate_did2s_exact.py`, whose docstring records the
/// agreement with pyfixest 0.60.0's `did2s(first_stage = "~ x1t | id + year")`), within 1e-8
/// (estimates) and 1e-6 (standard errors), relative, with the covariate columns the first stage
/// must drop; and the removals: time-constant covariates, missing values, the pre-trend test.
@Suite("Two-stage DiD: first-stage covariates")
struct TwoStageDiDCovariateTests {
  /// A coefficient (named in the covariate cases only).
  struct Coefficient: Decodable {
    let name: String?
    let estimate: Double
    let std_error: Double
  }

  /// A covariate column the first stage drops, and why (`DropReason`'s raw value).
  struct Dropped: Decodable {
    let name: String
    let reason: String
  }

  struct Case: Decodable, CustomTestStringConvertible {
    let name: String
    let covariates: String?
    let second_stage: String?
    let cluster: String?
    let weights: String?
    let n_obs: Int?
    let dropped: [Dropped]?
    let coefficients: [Coefficient]
    var testDescription: String { name }
  }

  static let cases = FixtureFiles.cases("did2s_exact.json", as: Case.self).filter { $0.covariates != nil }

  /// The simulated panel (or another fixture file) with `x1t = x1 × (year − 2000)`.
  static func table(_ file: String = "did_sim_panel.csv") throws -> DataTable { try SunAbrahamFixtureTests.table(file) }

  /// Checks a fit against a fixture case: the observations, exactly the expected dropped
  /// covariate columns, and each coefficient's name, estimate (1e-8) and standard error (1e-6).
  static func expectAgreement(
    _ result: TwoStageDiDResult, observations: Int?, dropped: [Dropped]?,
    coefficients: [(name: String?, estimate: Double, standardError: Double)]
  ) throws {
    #expect(result.observationCount == observations)
    #expect(result.drops.terms.map(\.variables) == (dropped ?? []).map { [$0.name] })
    #expect(result.drops.terms.map(\.reason.rawValue) == (dropped ?? []).map(\.reason))
    try #require(result.coefficients.count == coefficients.count)
    for (got, want) in zip(result.coefficients, coefficients) {
      #expect(got.term == want.name)
      #expect(relativeDifference(got.estimate, want.estimate, floor: 1e-4) < 1e-8, "\(got.term)")
      #expect(relativeDifference(got.standardError, want.standardError) < 1e-6, "SE \(got.term)")
    }
  }

  @Test("the fixture file has the six covariate cases")
  func caseCount() { #expect(Self.cases.count == 6) }

  @Test("estimates and GMM standard errors with covariates", arguments: cases)
  func agreement(_ c: Case) throws {
    let model = try TwoStageDiD(
      outcome: "y", unit: "id", time: "year", cohort: "cohort", covariates: try Covariates(formula: c.covariates ?? ""),
      secondStage: c.second_stage == "event" ? .eventStudy(referencePeriods: [-1]) : .pooled, cluster: c.cluster,
      weights: c.weights)
    try Self.expectAgreement(
      try model.fit(try Self.table()), observations: c.n_obs, dropped: c.dropped,
      coefficients: c.coefficients.map { ($0.name, $0.estimate, $0.std_error) })
  }

  @Test("a time-constant covariate is absorbed, reported, and changes nothing", arguments: [false, true])
  func timeConstant(_ imputation: Bool) throws {
    let data = try Self.table()
    func fit(_ covariates: Covariates) throws -> TwoStageDiDResult {
      try TwoStageDiD(
        outcome: "y", unit: "id", time: "year", cohort: "cohort", covariates: covariates,
        secondStage: .eventStudy(referencePeriods: [-1]), cluster: "state", weights: "w",
        variance: imputation ? .imputation : .gmm
      ).fit(data)
    }
    for (with, without) in [(["x1"], []), (["x1", "x1t"], ["x1t"]), (["x1t", "x2"], ["x1t"])] as [(Covariates, Covariates)] {
      let a = try fit(with)
      let b = try fit(without)
      let absorbed = with.terms.filter { !without.terms.contains($0) }
      #expect(a.drops.terms.map(\.reason) == absorbed.map { _ in DropReason.absorbedByFixedEffects })
      #expect(a.drops.droppedTerms == absorbed)
      #expect(b.drops.terms.isEmpty)
      #expect(a.summary().contains("removed: absorbed by the fixed effects"))
      for (x, y) in zip(a.coefficients, b.coefficients) {
        #expect(relativeDifference(x.estimate, y.estimate, floor: 1e-4) < 1e-10, "\(x.term)")
        #expect(relativeDifference(x.standardError, y.standardError) < 1e-9, "SE \(x.term)")
      }
    }
  }

  @Test("rows with a missing covariate are removed and counted")
  func missingCovariate() throws {
    var data = try Self.table()
    let x1t = try data.column(named: "x1t").doubles()
    let id = try data.column(named: "id").doubles()
    let missing = Set(x1t.indices.filter { id[$0] <= 4 && $0 % 3 == 0 })
    try data.set(Column(name: "x1t", doubles: x1t.indices.map { missing.contains($0) ? .nan : x1t[$0] }))
    let result = try TwoStageDiD(outcome: "y", unit: "id", time: "year", cohort: "cohort", covariates: ["x1t"]).fit(data)
    #expect(!missing.isEmpty)
    #expect(result.drops.observationCount(.missingValue) == missing.count)
    #expect(result.drops.observations.first { $0.reason == .missingValue }?.variables == ["x1t"])
    #expect(result.observationCount == x1t.count - missing.count)
    let complete = try TwoStageDiD(outcome: "y", unit: "id", time: "year", cohort: "cohort", covariates: ["x1t"])
      .fit(data.selecting(rows: x1t.indices.filter { !missing.contains($0) }))
    #expect(result.coefficients == complete.coefficients)
  }

  @Test("the pre-trend test includes the covariates")
  func preTrendTest() throws {
    let data = try Self.table()
    func test(_ covariates: Covariates) throws -> (statistic: Double, terms: [String], pValue: Double) {
      let test = try #require(
        try TwoStageDiD(outcome: "y", unit: "id", time: "year", cohort: "cohort", covariates: covariates, preTrendLeads: 3)
          .fit(data).preTrendTest)
      return (test.statistic, test.terms, test.pValue)
    }
    let plain = try test([])
    let absorbed = try test(["x1"])
    let adjusted = try test(["x1t"])
    #expect(relativeDifference(absorbed.statistic, plain.statistic) < 1e-8)
    #expect(relativeDifference(adjusted.statistic, plain.statistic) > 1e-6)
    #expect(adjusted.terms.count == 3 && adjusted.pValue > 0.01)
  }

  @Test("covariates that do not resolve are errors")
  func badCovariates() throws {
    let data = try Self.table()
    #expect(throws: DiDError.self) {
      try TwoStageDiD(outcome: "y", unit: "id", time: "year", cohort: "cohort", covariates: ["nope"]).fit(data)
    }
  }
}

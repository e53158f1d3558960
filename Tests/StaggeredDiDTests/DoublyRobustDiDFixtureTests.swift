import CausalCore
import Foundation
import StaggeredDiD
import Testing
import TestSupport

/// One case of `expected/drdid.json` (written by `Tests/Fixtures/generate_drdid.py`: moderndid,
/// cross-checked with the drdid port, with R DRDID's conventions).
struct DRDIDCase: Decodable, Sendable, CustomTestStringConvertible {
  let name: String
  let data: String
  let panel: Bool
  let outcome: String
  let time: String
  let unit: String?
  let treatment: String
  let covariates: [String]
  let weights: String?
  let method: String
  let estimate: Double
  let std_error: Double
  let n: Int
  let trimmed: Int
  let treated: Int

  var testDescription: String { name }
}

/// Every fixture case through the public estimator: estimates within 1e-8 and standard errors
/// within 1e-6 (relative) of the reference, and the sample counts equal.
@Suite struct DoublyRobustDiDFixtureTests {
  static let cases = FixtureFiles.cases("drdid.json", as: DRDIDCase.self)

  @Test func allCasesPresent() {
    #expect(Self.cases.count == 52)
  }

  @Test(arguments: cases)
  func matchesDRDID(_ c: DRDIDCase) throws {
    let table = try CSVReader().read(path: FixtureFiles.data(c.data))
    let method = try #require(TwoByTwoMethod(rawValue: c.method))
    let fit = try DoublyRobustDiD(
      outcome: c.outcome, time: c.time, treatment: c.treatment, unit: c.panel ? c.unit : nil,
      covariates: Covariates(columns: c.covariates), method: method, weights: c.weights
    ).fit(table)
    #expect(relativeDifference(fit.estimate, c.estimate) < 1e-8, "estimate \(fit.estimate) vs \(c.estimate)")
    #expect(relativeDifference(fit.standardError, c.std_error) < 1e-6, "se \(fit.standardError) vs \(c.std_error)")
    #expect(fit.sampleSize == c.n)
    #expect(fit.treatedCount == c.treated)
    #expect(fit.trimmedCount == c.trimmed)
    #expect(fit.isPanel == c.panel)
    #expect(fit.coefficients.map(\.term) == ["ATT"])
  }
}

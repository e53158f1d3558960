import CausalCore
import FixedEffects
import Foundation
import Testing
import TestSupport

/// A case of `Tests/Fixtures/expected/wald.json` (`Tests/Fixtures/generate_wald.py`, pyfixest
/// 0.60 `wald_test` on the wage panel, F p-values from scipy).
struct WaldFixtureCase: Decodable, Sendable, CustomStringConvertible {
  var name: String
  var formula: String
  var vcov: String
  var terms: [String]
  var wald: Double
  var chi2_p_value: Double
  var f: Double
  var f_p_value: Double
  var df1: Int
  var df2: Int
  var description: String { name }
}

@Suite("Joint Wald tests against pyfixest")
struct WaldTestTests {
  static let cases: [WaldFixtureCase] = FixtureFiles.cases("wald.json")

  @Test("fixtures load")
  func loaded() {
    #expect(Self.cases.count == 3)
  }

  @Test("W, F, degrees of freedom and both p-values", arguments: cases)
  func agreement(_ c: WaldFixtureCase) throws {
    let data = try CSVReader().read(path: FixtureFiles.data("wage_panel.csv"))
    let fit = try FixedEffectsModel(formula: c.formula, vcov: try VarianceType(parsing: c.vcov)).fit(data)
    let test = try fit.waldTest(terms: c.terms)
    #expect(relativeDifference(test.waldStatistic, c.wald) < 1e-8)
    #expect(relativeDifference(test.statistic, c.f) < 1e-8)
    #expect(test.numeratorDegreesOfFreedom == c.df1)
    #expect(test.denominatorDegreesOfFreedom == Double(c.df2))
    #expect(relativeDifference(test.pValue, c.f_p_value) < 1e-6)
    #expect(relativeDifference(test.chiSquaredPValue, c.chi2_p_value) < 1e-6)
  }

  @Test("one coefficient: F is the squared t statistic and the p-values agree")
  func singleTerm() throws {
    let data = try CSVReader().read(path: FixtureFiles.data("wage_panel.csv"))
    let fit = try FixedEffectsModel(formula: "lwage ~ expersq + union | nr + year", vcov: .cluster(["nr"])).fit(data)
    let row = try #require(fit.coefficient("union"))
    let test = try fit.waldTest(terms: ["union"])
    #expect(relativeDifference(test.statistic, row.statistic * row.statistic) < 1e-12)
    #expect(relativeDifference(test.pValue, row.pValue) < 1e-9)
  }

  @Test("unknown, repeated and missing terms are typed errors")
  func badInput() throws {
    let data = try CSVReader().read(path: FixtureFiles.data("wage_panel.csv"))
    let fit = try FixedEffectsModel(formula: "lwage ~ expersq + union | nr + year").fit(data)
    #expect(throws: FixedEffectsError.self) { try fit.waldTest(terms: []) }
    #expect(throws: FixedEffectsError.self) { try fit.waldTest(terms: ["union", "union"]) }
    #expect(throws: FixedEffectsError.self) { try fit.waldTest(terms: ["educ"]) }
  }
}

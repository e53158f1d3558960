import CausalCore
import FixedEffects
import Testing
import TestSupport

/// The demeaning solvers agree with each other and recover fixed effects.
@Suite("Demeaning solvers")
struct DemeaningTests {
  @Test("alternating projections and conjugate gradient give the same slopes", arguments: [
    "y ~ x1 + x2 | firm + year", "y ~ x1 + x2 | firm + year + region",
  ])
  func solversAgree(formula: String) throws {
    let data = try Fixtures.table("sim_fe.csv")
    let ap = try FixedEffectsModel(formula: formula, demeaning: DemeaningOptions(method: .alternatingProjections)).fit(data)
    let cg = try FixedEffectsModel(formula: formula, demeaning: DemeaningOptions(method: .conjugateGradient)).fit(data)
    #expect(ap.demeaning.methods.allSatisfy { $0 == "alternating-projections" })
    #expect(cg.demeaning.methods.allSatisfy { $0 == "conjugate-gradient" })
    for (a, c) in zip(ap.coefficients, cg.coefficients) {
      #expect(relativeDifference(a.estimate, c.estimate) < 1e-9)
      #expect(relativeDifference(a.standardError, c.standardError) < 1e-8)
    }
  }

  @Test("estimated fixed effects reproduce the fitted values")
  func fixedEffectValues() throws {
    let data = try Fixtures.table("sim_fe.csv")
    let fit = try FixedEffectsModel(formula: "y ~ x1 + x2 | firm + year", computeFixedEffects: true).fit(data)
    let fe = try #require(fit.fixedEffects)
    #expect(fe.map(\.name) == ["firm", "year"])
    #expect(fe[1].values[0] == 0)  // first level of the second dimension is the reference
    let x1 = try data.column(named: "x1").doubles(), x2 = try data.column(named: "x2").doubles()
    let firm = try data.column(named: "firm"), year = try data.column(named: "year")
    let b1 = try #require(fit.coefficient("x1")).estimate, b2 = try #require(fit.coefficient("x2")).estimate
    var worst = 0.0
    for (k, row) in fit.observationRows.enumerated() {
      let f = try #require(fe[0].levels.firstIndex(of: firm.text(at: row) ?? ""))
      let y = try #require(fe[1].levels.firstIndex(of: year.text(at: row) ?? ""))
      let fitted = b1 * x1[row] + b2 * x2[row] + fe[0].values[f] + fe[1].values[y]
      worst = max(worst, abs(fitted - fit.fittedValues[k]))
    }
    #expect(worst < 1e-8)
  }
}

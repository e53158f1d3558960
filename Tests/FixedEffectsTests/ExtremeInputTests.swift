import CausalCore
import FixedEffects
import Testing
import TestSupport

/// Extreme and degenerate inputs of issue "Robustness", against what R (lm + sandwich) and
/// statsmodels return on the same numbers (`Tests/Fixtures/generate_extremes.py`). Where a
/// reference is wrong (overflow, a column dropped, NaN from `1 − h` rounding to 0) the test
/// checks CausalKit against the exact answer instead: the base fit, rescaled.
@Suite("Extreme and degenerate inputs")
struct ExtremeInputTests {
  func fit(_ name: String, _ formula: String = "y ~ x1 + x2", vcov: VarianceType) throws -> FixedEffectsFit {
    let reference = try ExtremeInputs.reference(name)
    return try FixedEffectsModel(formula: formula, vcov: vcov).fit(ExtremeInputs.table(reference.transform))
  }

  func close(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { relativeDifference($0, $1) <= tolerance }
  }

  @Test("the fixture has every case")
  func fixtureCases() {
    #expect(ExtremeInputs.cases.count == 21)
  }

  @Test("x2 × 1e100: coefficients and standard errors as R's lm and sandwich")
  func regressorScaledBy1e100MatchesR() throws {
    let r = try ExtremeInputs.reference("regressorScaledBy1e100").r
    for (type, vcov) in [("iid", VarianceType.iid), ("hc1", .hetero)] {
      let f = try fit("regressorScaledBy1e100", vcov: vcov)
      #expect(f.coefficients.map(\.term) == ["(Intercept)", "x1", "x2"])
      #expect(close(f.coefficients.map(\.estimate), r.estimates, 1e-8))
      #expect(close(f.coefficients.map(\.standardError), r.se(type), 1e-8))
    }
  }

  /// The base fit's rows with x2's estimate and standard error divided by `c`.
  func expectRescaled(_ name: String, by c: Double) throws {
    let base = try ExtremeInputs.reference("base").r
    for (type, vcov) in [("iid", VarianceType.iid), ("hc1", .hetero)] {
      let f = try fit(name, vcov: vcov)
      #expect(f.drops.droppedTerms.isEmpty)
      #expect(f.coefficients.map(\.term) == ["(Intercept)", "x1", "x2"])
      let scale = [1, 1, 1 / c]
      #expect(close(f.coefficients.map(\.estimate), zip(base.estimates, scale).map { $0 * $1 }, 1e-8))
      #expect(close(f.coefficients.map(\.standardError), zip(base.se(type), scale).map { $0 * $1 }, 1e-8))
      #expect(close(f.coefficients.map(\.statistic), base.t(type), 1e-8))
    }
  }

  @Test("x2 × 1e160 is kept, with the base fit's t statistics (R's HC1 overflows to Inf)")
  func regressorScaledBy1e160IsNotDropped() throws {
    try expectRescaled("regressorScaledBy1e160", by: 1e160)
    let reference = try ExtremeInputs.reference("regressorScaledBy1e160")
    #expect(reference.r.se("hc1").allSatisfy { $0 == .infinity })
    // statsmodels' pinv zeroes the intercept and x1 instead.
    #expect(reference.statsmodels.estimates[1] == 0)
  }

  @Test("x2 × 1e-170 is kept; its standard error is finite although its variance (1e340) is not")
  func regressorScaledBy1eMinus170IsNotDropped() throws {
    try expectRescaled("regressorScaledBy1e-170", by: 1e-170)
    let f = try fit("regressorScaledBy1e-170", vcov: .iid)
    #expect(f.variance.matrix[2, 2] == .infinity)
    #expect(try ExtremeInputs.reference("regressorScaledBy1e-170").r.se("iid")[2] == .infinity)
  }

  @Test("x2 × 1e160 and × 1e-170 with a fixed effect and clustering: the unscaled fit, rescaled")
  func regressorScaledBy1e160WithFixedEffectsIsNotDropped() throws {
    let base = try FixedEffectsModel(formula: "y ~ x1 + x2 | firm", vcov: .cluster(["g"])).fit(ExtremeInputs.table("none"))
    for c in [1e160, 1e-170] {
      let f = try FixedEffectsModel(formula: "y ~ x1 + x2 | firm", vcov: .cluster(["g"]))
        .fit(ExtremeInputs.table("scale:x2:\(c)"))
      #expect(f.coefficients.map(\.term) == ["x1", "x2"])
      #expect(relativeDifference(f.coefficients[1].estimate * c, base.coefficients[1].estimate) < 1e-10)
      #expect(relativeDifference(f.coefficients[1].standardError * c, base.coefficients[1].standardError) < 1e-10)
      #expect(relativeDifference(f.coefficients[0].statistic, base.coefficients[0].statistic) < 1e-10)
      #expect(relativeDifference(f.r2, base.r2) < 1e-12)
    }
  }

  @Test("Wald test of x1 and x2 with x2 × 1e160 or × 1e-170: the unscaled statistic")
  func waldTestWithRegressorScaledBy1eMinus170() throws {
    let base = try fit("base", vcov: .hetero).waldTest(terms: ["x1", "x2"])
    for name in ["regressorScaledBy1e160", "regressorScaledBy1e-170"] {
      let w = try fit(name, vcov: .hetero).waldTest(terms: ["x1", "x2"])
      #expect(relativeDifference(w.waldStatistic, base.waldStatistic) < 1e-9)
    }
    #expect(throws: FixedEffectsError.self) { try fit("leverageX1Is1e10", vcov: .hc3).waldTest(terms: ["x1", "x2"]) }
  }

  @Test("x1 = 1e4 in one row (1 − h ≈ 3e-7): HC1, HC2, HC3 as sandwich and statsmodels")
  func leverageX1Is1e4MatchesSandwich() throws {
    let reference = try ExtremeInputs.reference("leverageX1Is1e4")
    for (type, vcov) in [("hc1", VarianceType.hetero), ("hc2", .hc2), ("hc3", .hc3)] {
      let f = try fit("leverageX1Is1e4", vcov: vcov)
      #expect(close(f.coefficients.map(\.standardError), reference.r.se(type), 1e-6))
      #expect(close(f.coefficients.map(\.standardError), reference.statsmodels.se(type), 1e-6))
      #expect(f.notes.isEmpty)
    }
  }

  @Test(
    "x1 = 1e6 … 1e12 in one row: leverage 1 within 1.5e-8, HC2/HC3 NaN with a note naming row 1",
    arguments: ["leverageX1Is1e6", "leverageX1Is1e9", "leverageX1Is1e10", "leverageX1Is1e12"])
  func leverageOneIsReported(_ name: String) throws {
    let reference = try ExtremeInputs.reference(name)
    for vcov in [VarianceType.hc2, .hc3] {
      let f = try fit(name, vcov: vcov)
      #expect(f.coefficients.allSatisfy { $0.standardError.isNaN && $0.statistic.isNaN && $0.pValue.isNaN })
      #expect(f.notes.contains { $0.contains("data row 1 (1 − h = ") && $0.contains("leverage 1") })
      #expect(f.coefficients[1].estimate > 0)
    }
    let hc1 = try fit(name, vcov: .hetero)
    #expect(close(hc1.coefficients.map(\.standardError), reference.r.se("hc1"), 1e-6))
  }

  @Test("a constant outcome: intercept 3 and slopes 0 exactly, standard errors 0, no t, p or F")
  func constantOutcomeIsAnExactFit() throws {
    let reference = try ExtremeInputs.reference("constantOutcome")
    #expect(reference.r.t("iid")[0] > 1e15)  // R: t = 1.04e16 from round-off, with a warning
    for vcov in [VarianceType.iid, .hetero] {
      let f = try fit("constantOutcome", vcov: vcov)
      #expect(f.coefficients.map(\.estimate) == [3, 0, 0])
      #expect(f.coefficients.allSatisfy { $0.standardError == 0 && $0.statistic.isNaN && $0.pValue.isNaN })
      #expect(f.coefficients.allSatisfy { $0.confLow == $0.estimate && $0.confHigh == $0.estimate })
      #expect(f.r2.isNaN)
      #expect(f.fTest?.statistic.isNaN == true)
      #expect(f.notes.contains { $0.hasPrefix("The outcome is constant") })
    }
  }

  @Test("a constant outcome with a fixed effect: slopes 0 exactly, residuals 0")
  func constantOutcomeWithFixedEffectsIsAnExactFit() throws {
    let f = try FixedEffectsModel(formula: "y ~ x1 + x2 | firm", vcov: .iid).fit(ExtremeInputs.table("const:y:3"))
    #expect(f.coefficients.map(\.estimate) == [0, 0])
    #expect(f.residuals.allSatisfy { $0 == 0 })
    #expect(f.coefficients.allSatisfy { $0.standardError == 0 && $0.statistic.isNaN })
  }

  @Test("y = 1 + 2·x1 − x2: the exact coefficients, standard errors 0, no t statistics")
  func perfectFitHasNoTStatistics() throws {
    let f = try fit("perfectFit", vcov: .iid)
    #expect(close(f.coefficients.map(\.estimate), [1, 2, -1], 1e-13))
    #expect(f.coefficients.allSatisfy { $0.standardError == 0 && $0.statistic.isNaN })
    #expect(relativeDifference(f.r2, 1) < 1e-13)
    #expect(f.notes.contains { $0.hasPrefix("Essentially perfect fit") })
    #expect(try ExtremeInputs.reference("perfectFit").r.t("iid")[1] > 1e15)
  }

  @Test("y ~ y: a perfect fit with coefficient 1, reported as such")
  func outcomeOnItselfIsAPerfectFit() throws {
    let f = try fit("outcomeOnItself", "y ~ y", vcov: .iid)
    #expect(f.coefficients.map(\.term) == ["(Intercept)", "y"])
    #expect(abs(f.coefficients[1].estimate - 1) < 1e-14)
    #expect(f.coefficients.allSatisfy { $0.statistic.isNaN })
    #expect(f.notes.contains { $0.contains("is also a regressor") })
  }

  /// The base fit with every estimate and standard error multiplied by `c`.
  func expectOutcomeRescaled(_ name: String, by c: Double) throws {
    let base = try ExtremeInputs.reference("base").r
    let baseFit = try fit("base", vcov: .iid)
    for (type, vcov) in [("iid", VarianceType.iid), ("hc1", .hetero)] {
      let f = try fit(name, vcov: vcov)
      #expect(close(f.coefficients.map(\.estimate), base.estimates.map { $0 * c }, 1e-8))
      #expect(close(f.coefficients.map(\.standardError), base.se(type).map { $0 * c }, 1e-8))
      #expect(close(f.coefficients.map(\.statistic), base.t(type), 1e-8))
      #expect(relativeDifference(f.r2, baseFit.r2) < 1e-12)
      #expect(relativeDifference(f.rmse, baseFit.rmse * c) < 1e-12)
    }
  }

  @Test("y × 1e-300: the base fit, rescaled (R and statsmodels: standard errors 0, t = ±Inf)")
  func outcomeScaledBy1eMinus300() throws {
    try expectOutcomeRescaled("outcomeScaledBy1e-300", by: 1e-300)
    #expect(try ExtremeInputs.reference("outcomeScaledBy1e-300").r.se("iid") == [0, 0, 0])
  }

  @Test("y × 1e200: the base fit, rescaled (R and statsmodels: standard errors Inf)")
  func outcomeScaledBy1e200() throws {
    try expectOutcomeRescaled("outcomeScaledBy1e200", by: 1e200)
    let f = try fit("outcomeScaledBy1e200", vcov: .iid)
    #expect(f.residualSumOfSquares == .infinity)  // about 1.6e401: beyond the double range
  }

  @Test("y = −1.797e308 everywhere: a constant outcome, not NaN (R: an error)")
  func outcomeAllMinusMaxDouble() throws {
    let f = try fit("outcomeAllMinusMaxDouble", vcov: .hetero)
    #expect(f.coefficients.map(\.estimate) == [-1.797e308, 0, 0])
    #expect(f.coefficients.allSatisfy { $0.standardError == 0 && $0.statistic.isNaN })
    #expect(f.r2.isNaN)
    #expect(try ExtremeInputs.reference("outcomeAllMinusMaxDouble").r.errors?.isEmpty == false)
  }
}

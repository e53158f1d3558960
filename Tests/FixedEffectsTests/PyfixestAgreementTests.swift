import CausalCore
import FixedEffects
import Testing
import TestSupport

/// Agreement with pyfixest 0.60.0 on real (wage_panel, Vella and Verbeek 1998) and simulated
/// data: coefficients within 1e-8 relative, standard errors within 1e-6 relative, for iid,
/// hetero, HC0/HC2/HC3, one- and two-way clustering, weights, 1-3 fixed effects, singletons
/// dropped or kept, small-sample variants, and an event study.
@Suite("pyfixest agreement")
struct PyfixestAgreementTests {
  @Test("fixture file is present and complete")
  func fixturesLoaded() {
    #expect(Fixtures.feolsCases.count >= 40)
  }

  @Test("coefficients, standard errors, inference and fit statistics", arguments: Fixtures.feolsCases)
  func agrees(with reference: FeolsCase) throws {
    let data = try Fixtures.table(reference.data)
    let model = try FixedEffectsModel(
      formula: reference.formula, weights: reference.weights, vcov: VarianceType(parsing: reference.vcov),
      smallSample: reference.smallSample, singletons: reference.singletons == "keep" ? .keep : .drop)
    let fit = try model.fit(data)

    #expect(fit.observationCount == reference.nobs)
    #expect(fit.drops.observationCount(.singleton) == reference.singletons_dropped)
    #expect(fit.drops.observationCount(.missingValue) == reference.missing_dropped)
    #expect(Set(fit.drops.droppedTerms) == Set(reference.collinear))
    #expect(fit.coefficients.map(\.term) == reference.coefficients.map(\.term))
    #expect(fit.tDegreesOfFreedom == reference.df_t)

    // CausalKit's HC2/HC3 are the textbook estimators (as R's sandwich, statsmodels and Stata);
    // pyfixest multiplies them by N/(N − k) unless k_adj is off. Undo that factor here.
    var seScale = 1.0
    if ["hc2", "hc3"].contains(reference.vcov) && reference.ssc.k_adj {
      let n = Double(reference.nobs), k = Double(reference.coefficients.count)
      seScale = (n / (n - k)).squareRoot()
    }
    for (row, expected) in zip(fit.coefficients, reference.coefficients) {
      #expect(relativeDifference(row.estimate, expected.estimate) < 1e-8, "estimate \(row.term)")
      #expect(relativeDifference(row.standardError * seScale, expected.standardError) < 1e-6, "std_error \(row.term)")
      guard seScale == 1 else { continue }
      #expect(relativeDifference(row.statistic, expected.statistic) < 1e-6, "statistic \(row.term)")
      // pyfixest computes p = 2(1 − F(|t|)), which cancels to 0 below about 1e-16.
      #expect(abs(row.pValue - expected.pValue) < 1e-10, "p_value \(row.term)")
      #expect(relativeDifference(row.confLow, expected.confLow, floor: 1e-8) < 1e-6, "conf_low \(row.term)")
      #expect(relativeDifference(row.confHigh, expected.confHigh, floor: 1e-8) < 1e-6, "conf_high \(row.term)")
    }
    let k = reference.coefficients.count
    for i in 0..<k {
      for j in 0..<k {
        let scale = (reference.vcov_matrix[i][i] * reference.vcov_matrix[j][j]).squareRoot()
        let ours = fit.variance.matrix[i, j] * seScale * seScale
        #expect(abs(ours - reference.vcov_matrix[i][j]) < 2e-6 * scale, "vcov[\(i),\(j)]")
      }
    }
    #expect(relativeDifference(fit.residualSumOfSquares, reference.rss) < 1e-9)
    #expect(relativeDifference(fit.r2, reference.r2) < 1e-9)
    #expect(relativeDifference(fit.adjustedR2, reference.adj_r2) < 1e-9)
    if let w = reference.r2_within {
      #expect(relativeDifference(fit.withinR2 ?? .nan, w) < 1e-8)
    } else {
      #expect(fit.withinR2 == nil)
    }
  }
}

import CausalCore
import Propensity
import Testing
import TestSupport

/// The largest differences over all fixture fits, printed so they can be quoted, and held to
/// tighter bounds than the per-case tests.
@Suite("Agreement summary")
struct AgreementSummaryTests {
  struct Maxima: CustomStringConvertible {
    var coefficient = 0.0, standardError = 0.0, fitted = 0.0, logLikelihood = 0.0
    var description: String {
      "coef \(coefficient), se \(standardError), fitted (abs) \(fitted), loglik \(logLikelihood)"
    }
  }

  @Test("maximum differences from R and statsmodels")
  func maxima() throws {
    var r = Maxima(), s = Maxima()
    for reference in PropensityFixtures.fitCases {
      let fit = try reference.model().fit(PropensityFixtures.table(reference.data))
      for (row, e) in zip(fit.coefficients, reference.r.coefficients) {
        r.coefficient = max(r.coefficient, relativeDifference(row.estimate, e.estimate))
        r.standardError = max(r.standardError, relativeDifference(row.standardError, e.standardError))
      }
      for (i, p) in reference.r.fitted_head.enumerated() { r.fitted = max(r.fitted, abs(fit.fittedProbabilities[i] - p)) }
      if reference.r.loglik_comparable {
        r.logLikelihood = max(r.logLikelihood, relativeDifference(fit.logLikelihood, reference.r.loglik))
      }
      for sm in reference.statsmodels {
        for (row, e) in zip(fit.coefficients, sm.coefficients) {
          s.coefficient = max(s.coefficient, relativeDifference(row.estimate, e.estimate))
          if sm.se_comparable { s.standardError = max(s.standardError, relativeDifference(row.standardError, e.standardError)) }
        }
        for (i, p) in sm.fitted_head.enumerated() { s.fitted = max(s.fitted, abs(fit.fittedProbabilities[i] - p)) }
        if fit.coefficient("(Intercept)") != nil {
          s.logLikelihood = max(s.logLikelihood, relativeDifference(fit.logLikelihood, sm.loglik))
        }
      }
    }
    print("Propensity max differences vs R: \(r)")
    print("Propensity max differences vs statsmodels: \(s)")
    #expect(r.coefficient < 1e-10)
    #expect(r.standardError < 1e-10)
    #expect(r.fitted < 1e-11)
    #expect(s.coefficient < 1e-10)
    #expect(s.standardError < 1e-10)
    #expect(s.fitted < 1e-11)
  }
}

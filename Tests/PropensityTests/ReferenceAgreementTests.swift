import CausalCore
import Propensity
import Testing
import TestSupport

/// Agreement with R (glm + sandwich) and statsmodels on the Lalonde data and a simulated data
/// set: logit and probit, iid, HC0-HC3, one- and two-way clustering, integer and real prior
/// weights, a model without intercept.
@Suite("R and statsmodels agreement")
struct ReferenceAgreementTests {
  @Test("fixture file is present and complete")
  func fixturesLoaded() {
    #expect(PropensityFixtures.fitCases.count >= 20)
    #expect(PropensityFixtures.separationCases.count >= 2)
  }

  @Test("coefficients, variances, inference and fit statistics match R", arguments: PropensityFixtures.fitCases)
  func agreesWithR(_ reference: PropensityCase) throws {
    let fit = try reference.model().fit(PropensityFixtures.table(reference.data))
    let r = reference.r
    #expect(fit.observationCount == reference.nobs)
    #expect(fit.coefficients.map(\.term) == reference.terms)
    #expect(fit.converged)
    for (row, expected) in zip(fit.coefficients, r.coefficients) {
      #expect(relativeDifference(row.estimate, expected.estimate) < 1e-8, "estimate \(row.term)")
      #expect(relativeDifference(row.standardError, expected.standardError) < 1e-7, "std_error \(row.term)")
      #expect(relativeDifference(row.statistic, expected.statistic) < 1e-7, "statistic \(row.term)")
      #expect(relativeDifference(row.pValue, expected.pValue, floor: 1e-12) < 1e-6, "p_value \(row.term)")
      // Interval ends can be near 0: compare on the scale of the standard error.
      #expect(abs(row.confLow - expected.confLow) < 1e-7 * expected.standardError, "conf_low \(row.term)")
      #expect(abs(row.confHigh - expected.confHigh) < 1e-7 * expected.standardError, "conf_high \(row.term)")
    }
    let k = reference.terms.count
    for i in 0..<k {
      for j in 0..<k {
        let scale = (r.vcov_matrix[i][i] * r.vcov_matrix[j][j]).squareRoot()
        #expect(abs(fit.variance.matrix[i, j] - r.vcov_matrix[i][j]) < 2e-7 * scale, "vcov[\(i),\(j)]")
      }
    }
    #expect(relativeDifference(fit.deviance, r.deviance) < 1e-11)
    #expect(relativeDifference(fit.nullDeviance, r.null_deviance) < 1e-12)
    #expect(relativeDifference(fit.pseudoR2, r.mcfadden) < 1e-10)
    if r.loglik_comparable {
      #expect(relativeDifference(fit.logLikelihood, r.loglik) < 1e-11)
      #expect(relativeDifference(fit.aic, r.aic) < 1e-11)
    } else {
      // R's logLik() rounds non-integer weights inside dbinom(); CausalKit keeps −deviance/2.
      #expect(relativeDifference(fit.logLikelihood, -r.deviance / 2) < 1e-11)
    }
    for (i, p) in r.fitted_head.enumerated() {
      #expect(abs(fit.fittedProbabilities[i] - p) < 1e-9, "fitted[\(i)]")
      #expect(abs(fit.linearPredictor[i] - r.eta_head[i]) < 1e-8 * max(1, abs(r.eta_head[i])), "eta[\(i)]")
    }
    #expect(relativeDifference(fit.fittedProbabilities.reduce(0, +), r.fitted_sum) < 1e-10)
  }

  @Test("coefficients, comparable standard errors and likelihoods match statsmodels", arguments: PropensityFixtures.fitCases)
  func agreesWithStatsmodels(_ reference: PropensityCase) throws {
    let fit = try reference.model().fit(PropensityFixtures.table(reference.data))
    for s in reference.statsmodels {
      for (row, expected) in zip(fit.coefficients, s.coefficients) {
        #expect(row.term == expected.term)
        #expect(relativeDifference(row.estimate, expected.estimate) < 1e-7, "\(s.model) estimate \(row.term)")
        if s.se_comparable {
          #expect(relativeDifference(row.standardError, expected.standardError) < 1e-7, "\(s.model) std_error \(row.term)")
        }
      }
      for (i, p) in s.fitted_head.enumerated() {
        #expect(abs(fit.fittedProbabilities[i] - p) < 1e-9, "\(s.model) fitted[\(i)]")
      }
      // statsmodels' llnull fits an intercept even when the model has none.
      if fit.coefficient("(Intercept)") != nil {
        #expect(relativeDifference(fit.logLikelihood, s.loglik) < 1e-10, "\(s.model) loglik")
        #expect(relativeDifference(fit.pseudoR2, s.mcfadden) < 1e-9, "\(s.model) McFadden")
      }
    }
  }

  @Test("separated outcomes throw, naming the separating variable", arguments: PropensityFixtures.separationCases)
  func separationThrows(_ reference: PropensityCase) throws {
    let data = try PropensityFixtures.table(reference.data)
    // R fits these with the warning "fitted probabilities numerically 0 or 1 occurred".
    #expect(reference.r.warnings.contains { $0.contains("numerically 0 or 1") })
    #expect(reference.r.fitted_at_bounds > 0)
    do {
      _ = try reference.model().fit(data)
      Issue.record("expected a separation error")
    } catch let PropensityError.separation(variables, atBounds) {
      #expect(variables == ["sep"])
      #expect(atBounds > 0)
    }
  }

  @Test("separated outcomes with allowSeparation return a finite fit with a warning", arguments: PropensityFixtures.separationCases)
  func separationAllowed(_ reference: PropensityCase) throws {
    let data = try PropensityFixtures.table(reference.data)
    let fit = try reference.model(allowSeparation: true).fit(data)
    let report = try #require(fit.separation)
    #expect(report.variables == ["sep"])
    #expect(!report.complete)
    #expect(report.observationsAtBounds > 0)
    #expect(fit.notes.contains { $0.contains("separation") })
    #expect(fit.coefficients.allSatisfy { $0.estimate.isFinite && $0.standardError.isFinite })
    #expect(fit.fittedProbabilities.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
    // The separating coefficient is large and its standard error larger still, as in R.
    let sep = try #require(fit.coefficient("sep"))
    #expect(sep.estimate > 5)
    #expect(sep.standardError > sep.estimate)
    // The other coefficients agree with R's (they converge even though `sep` diverges).
    for term in ["x1", "x2"] {
      let ours = try #require(fit.coefficient(term))
      let theirs = try #require(reference.r.coefficients.first { $0.term == term })
      #expect(relativeDifference(ours.estimate, theirs.estimate) < 1e-6, "\(term)")
    }
  }
}

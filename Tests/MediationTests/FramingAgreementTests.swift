import CausalCore
import Foundation
import Mediation
import Testing

/// Agreement with statsmodels' `Mediation` on the framing experiment
/// (`Tests/Fixtures/expected/mediation.json`, see `generate_mediation.py`).
@Suite struct FramingAgreementTests {
  @Test func fixtureHasThreeCases() {
    #expect(MediationFixtures.cases.map(\.name) == ["linear_linear", "linear_logit", "linear_probit"])
  }

  /// The closed form is the product of the OLS coefficients statsmodels reports.
  @Test func productOfCoefficientsMatchesOLS() throws {
    let reference = try #require(MediationFixtures.cases.first { $0.name == "linear_linear" })
    let result = try reference.analysis().using(.closedForm).fit(MediationFixtures.framing())
    #expect(result.observationCount == reference.nobs)
    let mediator = try #require(result.models[0].coefficients.first { $0.term == "treat" })
    let outcomeEmo = try #require(result.models[1].coefficients.first { $0.term == "emo" })
    let outcomeTreat = try #require(result.models[1].coefficients.first { $0.term == "treat" })
    #expect(abs(mediator.estimate - reference.mediator_coefficients["treat", default: .nan]) < 1e-10)
    #expect(abs(mediator.standardError - reference.mediator_std_errors["treat", default: .nan]) < 1e-10)
    #expect(abs(outcomeEmo.estimate - reference.outcome_coefficients["emo", default: .nan]) < 1e-10)
    #expect(abs(outcomeTreat.estimate - reference.outcome_coefficients["treat", default: .nan]) < 1e-10)
    #expect(abs(result.effects.acmeAverage.estimate - reference.product) < 1e-10)
    #expect(abs(result.effects.adeAverage.estimate - reference.outcome_coefficients["treat", default: .nan]) < 1e-10)
    #expect(abs(result.models[0].sigma - reference.mediator_sigma) < 1e-10)
    // Sobel: se(ab) = sqrt(a² se_b² + b² se_a²).
    let a = mediator.estimate, b = outcomeEmo.estimate
    let sobel = (a * a * outcomeEmo.standardError * outcomeEmo.standardError + b * b * mediator.standardError * mediator.standardError).squareRoot()
    #expect(abs(result.effects.acmeControl.standardError - sobel) < 1e-9)
  }

  /// Quasi-Bayesian estimates agree with statsmodels within Monte Carlo error.
  @Test(arguments: MediationFixtures.cases)
  func quasiBayesianMatchesStatsmodels(_ reference: FramingCase) throws {
    let simulations = 10_000
    let result = try reference.analysis().using(.quasiBayesian(simulations: simulations), seed: 11).fit(MediationFixtures.framing())
    let rows = result.effects.rows
    #expect(rows.count == reference.summary.count)
    let report = ProcessInfo.processInfo.environment["MEDIATION_REPORT"] == "1"
    for (row, expected) in zip(rows, reference.summary) {
      #expect(row.term == expected.term)
      if report {
        print(reference.name, row.term, row.estimate, expected.estimate, row.confLow, expected.lower, row.confHigh, expected.upper, row.pValue, expected.p_value, separator: "\t")
      }
      // Monte Carlo standard error of the difference of two means (1.25× for medians).
      let factor = row.term.hasPrefix("Prop.") ? 1.25 : 1.0
      let mcError = factor * (expected.sd * expected.sd / Double(reference.n_rep) + row.standardError * row.standardError / Double(simulations)).squareRoot()
      #expect(abs(row.estimate - expected.estimate) <= 4 * mcError, "\(reference.name) \(row.term): \(row.estimate) vs \(expected.estimate), MC error \(mcError)")
      // Interval ends: the Monte Carlo standard error of a 2.5% or 97.5% quantile is about
      // 2.7 sd/√S; four of those for the difference of the two programs' quantiles.
      let tolerance = 4 * 2.7 * expected.sd * (1 / Double(reference.n_rep) + 1 / Double(simulations)).squareRoot()
      #expect(abs(row.confLow - expected.lower) <= tolerance, "\(reference.name) \(row.term) lower: \(row.confLow) vs \(expected.lower)")
      #expect(abs(row.confHigh - expected.upper) <= tolerance, "\(reference.name) \(row.term) upper: \(row.confHigh) vs \(expected.upper)")
    }
  }
}

/// With one mediator the interventional effects are the natural ones: the joint indirect effect
/// is the ACME under treatment, the interventional direct effect the ADE under control.
@Suite struct OneMediatorInterventionalAgreementTests {
  @Test("one mediator: InterventionalMediation's joint indirect, direct and total effects are statsmodels' ACME (treated), ADE (control) and total, within Monte Carlo error", arguments: MediationFixtures.cases)
  func matchesStatsmodels(_ reference: FramingCase) throws {
    let simulations = 1_000
    let result = try InterventionalMediation(
      treatment: "treat", mediators: ["emo"], outcomes: ["cong_mesg"], covariates: ["age", "educ", "gender", "income"],
      outcomeFamily: MediationModelFamily(rawValue: reference.outcome_family) ?? .linear,
      method: .quasiBayesian(simulations: simulations), draws: 10, seed: 5
    ).fit(MediationFixtures.framing())
    let effects = try #require(result.outcomes.first)
    #expect(result.observationCount == reference.nobs)
    for (row, term) in [(effects.jointIndirect, "ACME (treated)"), (effects.interventionalDirect, "ADE (control)"), (effects.total, "Total effect")] {
      let expected = try #require(reference.summary.first { $0.term == term })
      // Both programs' Monte Carlo errors, plus the g-computation's own draws (10 per student).
      let mcError = (expected.sd * expected.sd / Double(reference.n_rep) + row.standardError * row.standardError / Double(simulations)).squareRoot()
      #expect(abs(row.estimate - expected.estimate) <= 4 * mcError + 0.002, "\(reference.name) \(term): \(row.estimate) vs \(expected.estimate)")
      #expect(abs(row.standardError - expected.sd) <= 0.15 * expected.sd, "\(reference.name) \(term) sd: \(row.standardError) vs \(expected.sd)")
    }
    #expect(abs(effects.mediatorDependence.estimate) < 1e-12)
  }
}

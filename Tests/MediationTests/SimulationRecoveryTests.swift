import CausalCore
import Foundation
import Mediation
import Testing

/// Known effects are recovered from simulated data (truths derived in `SimulatedData`).
@Suite struct SimulationRecoveryTests {
  static func within(_ effect: CoefficientRow, _ truth: Double, sigmas: Double = 3) -> Bool {
    abs(effect.estimate - truth) <= sigmas * effect.standardError
  }

  @Test func interactionClosedFormRecoversTruth() throws {
    let data = try SimulatedData.interaction(n: 4_000, seed: 1)
    let analysis = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", covariates: ["x"], interaction: true)
    let e = try analysis.using(.closedForm).fit(data).effects
    #expect(Self.within(e.acmeControl, 0.8))
    #expect(Self.within(e.acmeTreated, 1.2))
    #expect(Self.within(e.adeControl, 0.7))
    #expect(Self.within(e.adeTreated, 1.1))
    #expect(Self.within(e.total, 1.9))
    // total = ACME(1) + ADE(0) = ACME(0) + ADE(1) exactly in the closed form.
    #expect(abs(e.total.estimate - (e.acmeTreated.estimate + e.adeControl.estimate)) < 1e-12)
    #expect(abs(e.total.estimate - (e.acmeControl.estimate + e.adeTreated.estimate)) < 1e-12)
  }

  /// With many draws the quasi-Bayesian mean converges to the closed form (the effects are
  /// linear in each model's coefficients, and the models are drawn independently).
  @Test func quasiBayesianConvergesToClosedForm() throws {
    let data = try SimulatedData.interaction(n: 2_000, seed: 2)
    let analysis = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", covariates: ["x"], interaction: true)
    let closed = try analysis.using(.closedForm).fit(data)
    let s = 100_000
    let simulated = try analysis.using(.quasiBayesian(simulations: s), seed: 5).fit(data)
    for (c, q) in zip(closed.effects.rows, simulated.effects.rows) where !c.term.hasPrefix("Prop.") {
      #expect(abs(q.estimate - c.estimate) <= 4 * q.standardError / Double(s).squareRoot(), "\(c.term)")
      // The delta method omits the V_a·V_b term of a product's variance: close, not equal.
      #expect(abs(q.standardError / c.standardError - 1) < 0.03, "\(c.term): \(q.standardError) vs \(c.standardError)")
    }
  }

  @Test func twoMediatorsRecoverEachAndJointEffect() throws {
    let data = try SimulatedData.twoMediators(n: 5_000, seed: 3)
    let analysis = try MediationAnalysis(treatment: "t", mediators: ["m1", "m2"], outcome: "y", covariates: ["x"])
    let result = try analysis.using(.closedForm).fit(data)
    #expect(Self.within(result.mediatorEffects[0].acmeAverage, 0.48))
    #expect(Self.within(result.mediatorEffects[1].acmeAverage, -0.45))
    #expect(Self.within(result.effects.acmeAverage, 0.03))
    #expect(Self.within(result.effects.adeAverage, 0.3))
    let sum = result.mediatorEffects[0].acmeAverage.estimate + result.mediatorEffects[1].acmeAverage.estimate
    #expect(abs(result.effects.acmeAverage.estimate - sum) < 1e-12)
    #expect(result.rows.count == 10 + 12)
    let simulated = try analysis.using(.quasiBayesian(simulations: 2_000), seed: 3).fit(data)
    #expect(Self.within(simulated.mediatorEffects[0].acmeTreated, 0.48))
    #expect(Self.within(simulated.mediatorEffects[1].acmeTreated, -0.45))
  }

  @Test func logitOutcomeRecoversProbabilityScaleEffects() throws {
    let data = try SimulatedData.twoMediators(n: 6_000, seed: 4)
    let truth = SimulatedData.binaryTruth(draws: 400_000)
    for family in [MediationModelFamily.logit] {
      let analysis = try MediationAnalysis(
        treatment: "t", mediators: ["m1"], outcome: "yb", covariates: ["x"], outcomeFamily: family)
      let e = try analysis.using(.quasiBayesian(simulations: 400), seed: 8).fit(data).effects
      #expect(Self.within(e.acmeControl, truth.acme0), "\(e.acmeControl.estimate) vs \(truth.acme0)")
      #expect(Self.within(e.acmeTreated, truth.acme1), "\(e.acmeTreated.estimate) vs \(truth.acme1)")
      #expect(Self.within(e.adeControl, truth.ade0), "\(e.adeControl.estimate) vs \(truth.ade0)")
      #expect(Self.within(e.adeTreated, truth.ade1), "\(e.adeTreated.estimate) vs \(truth.ade1)")
    }
  }

  @Test func quasiBayesianIsDeterministicForASeed() throws {
    let data = try SimulatedData.twoMediators(n: 500, seed: 6)
    let analysis = try MediationAnalysis(
      treatment: "t", mediators: ["m1"], outcome: "yb", covariates: ["x"], outcomeFamily: .probit)
    let a = try analysis.using(.quasiBayesian(simulations: 64), seed: 21).fit(data)
    let b = try analysis.using(.quasiBayesian(simulations: 64), seed: 21).fit(data)
    let c = try analysis.using(.quasiBayesian(simulations: 64), seed: 22).fit(data)
    #expect(a == b)
    #expect(a.draws != c.draws)
  }

  @Test func treatmentValuesOtherThanZeroOneScaleTheEffects() throws {
    let data = try SimulatedData.interaction(n: 1_000, seed: 7)
    let unit = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", covariates: ["x"])
    let scaled = try MediationAnalysis(
      treatment: "t", mediators: ["m"], outcome: "y", covariates: ["x"], controlValue: 0, treatedValue: 2)
    let a = try unit.using(.closedForm).fit(data).effects.acmeAverage.estimate
    let b = try scaled.using(.closedForm).fit(data).effects.acmeAverage.estimate
    #expect(abs(b - 2 * a) < 1e-12)
  }

  /// Coverage of the 95% intervals over many simulated data sets; slow, so it runs only with
  /// `MEDIATION_COVERAGE=1` in the environment and prints the rates.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["MEDIATION_COVERAGE"] == "1"))
  func coverageStudy() throws {
    let analysis = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", covariates: ["x"], interaction: true)
    let replications = 500
    var delta = 0, simulation = 0
    for r in 0..<replications {
      let data = try SimulatedData.interaction(n: 400, seed: 10_000 + UInt64(r))
      let closed = try analysis.using(.closedForm).fit(data).effects.acmeTreated
      let sim = try analysis.using(.quasiBayesian(simulations: 1_000), seed: UInt64(r)).fit(data).effects.acmeTreated
      if closed.confLow <= 1.2, 1.2 <= closed.confHigh { delta += 1 }
      if sim.confLow <= 1.2, 1.2 <= sim.confHigh { simulation += 1 }
    }
    print("coverage of ACME(treated), \(replications) data sets: delta \(Double(delta) / Double(replications)), quasi-Bayesian \(Double(simulation) / Double(replications))")
    #expect(abs(Double(delta) / Double(replications) - 0.95) < 0.03)
    #expect(abs(Double(simulation) / Double(replications) - 0.95) < 0.03)
  }
}

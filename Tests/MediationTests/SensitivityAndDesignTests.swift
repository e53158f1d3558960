import CausalCore
import Foundation
import Mediation
import Testing

/// Sensitivity analysis, the DiD wrapper and the bootstrap.
@Suite struct SensitivityAndDesignTests {
  @Test func sensitivityCurveIsConsistentWithTheClosedForm() throws {
    let data = try SimulatedData.interaction(n: 1_500, seed: 12)
    let analysis = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", covariates: ["x"])
    let closed = try analysis.using(.closedForm).fit(data).effects.acmeAverage.estimate
    let s = try analysis.sensitivity(data, replicates: 200, seed: 3)
    #expect(s.rho.count == 181)
    #expect(s.acme.count == 181 && s.band.count == 181)
    let zero = try #require(s.rho.firstIndex { abs($0) < 1e-12 })
    // At ρ = 0 the curve is the product of coefficients.
    #expect(abs(s.acme[zero] - closed) < 1e-10)
    #expect(s.band[zero].lower < closed && closed < s.band[zero].upper)
    // The ACME vanishes at ρ̃, and the R² products follow ρ̃.
    let curveAtZero = try analysis.sensitivity(data, rhoGrid: [s.rhoAtZero], replicates: 2, seed: 1).acme[0]
    #expect(abs(curveAtZero) < 1e-10)
    #expect(abs(s.r2StarProductAtZero - s.rhoAtZero * s.rhoAtZero) < 1e-15)
    #expect(abs(s.r2TildeProductAtZero - s.r2StarProductAtZero * (1 - s.mediatorR2) * (1 - s.outcomeR2)) < 1e-15)
    // The ACME decreases in ρ when ρ̃ > 0 and the treatment effect on M is positive.
    #expect(s.mediatorTreatmentCoefficient > 0)
    #expect(zip(s.acme, s.acme.dropFirst()).allSatisfy { $0 > $1 })
  }

  @Test func sensitivityRejectsUnsupportedSpecifications() throws {
    let data = try SimulatedData.interaction(n: 200, seed: 1)
    let interacted = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", interaction: true)
    #expect(throws: MediationError.self) { try interacted.sensitivity(data, replicates: 10) }
    let plain = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y")
    #expect(
      throws: MediationError.invalidOption(
        .invalid(option: "rhoGrid", value: "[1.0]", expected: "values strictly between -1 and 1"))
    ) {
      try plain.sensitivity(data, rhoGrid: [1], replicates: 10)
    }
  }

  @Test func differenceInDifferencesMediationRecoversIndirectEffect() throws {
    let panel = try SimulatedData.panel(schools: 60, perCell: 8, seed: 5)
    func did(_ method: MediationMethod = .closedForm, sensitivity: MediationSensitivityOptions? = nil, seed: UInt64 = 0)
      throws -> DifferenceInDifferencesMediation
    {
      try DifferenceInDifferencesMediation(
        outcome: "y", mediator: "m", treated: "treated", post: "post", unit: "school", time: "year", covariates: ["x"],
        method: method, sensitivity: sensitivity, seed: seed)
    }
    let closed = try did().fit(panel)
    #expect(abs(closed.effects.acmeAverage.estimate - 0.3) <= 3 * closed.effects.acmeAverage.standardError)
    #expect(abs(closed.effects.adeAverage.estimate - 0.2) <= 3 * closed.effects.adeAverage.standardError)
    let boot = try did(.bootstrap(replicates: 99), seed: 4).fit(panel)
    #expect(abs(boot.effects.acmeAverage.estimate - closed.effects.acmeAverage.estimate) < 1e-12)
    #expect(boot.effects.acmeAverage.confLow < 0.3 && 0.3 < boot.effects.acmeAverage.confHigh)
    #expect(boot.draws.count == 99)
    let again = try did(.bootstrap(replicates: 99), seed: 4).fit(panel)
    #expect(again == boot)
    let design = try did(.bootstrap(replicates: 99), seed: 4)
    let viaAnalysis = try design.analysis.fit(design.prepared(panel))
    #expect(viaAnalysis == boot)
    #expect(design.analysis.method == .bootstrap(replicates: 99, cluster: "school"))
    let sensitivity = try #require(try did(sensitivity: MediationSensitivityOptions(replicates: 50), seed: 2).fit(panel).sensitivity)
    let zero = try #require(sensitivity.rho.firstIndex { abs($0) < 1e-12 })
    #expect(abs(sensitivity.acme[zero] - closed.effects.acmeAverage.estimate) < 1e-10)
  }

  @Test func differenceInDifferencesNeedsBinaryIndicators() throws {
    var panel = try SimulatedData.panel(schools: 10, perCell: 2, seed: 1)
    try panel.set(Column(name: "post", doubles: (0..<panel.rowCount).map { Double($0 % 3) }))
    let did = try DifferenceInDifferencesMediation(
      outcome: "y", mediator: "m", treated: "treated", post: "post", unit: "school", time: "year")
    #expect(throws: MediationError.treatmentNotBinary(variable: "post", values: [0, 1, 2])) { try did.fit(panel) }
  }

  @Test func bootstrapPercentileAndBCaOnFraming() throws {
    let analysis = try MediationAnalysis(
      treatment: "treat", mediators: ["emo"], outcome: "cong_mesg", covariates: ["age", "educ", "gender", "income"])
    let data = try MediationFixtures.framing()
    let closed = try analysis.using(.closedForm).fit(data)
    let percentile = try analysis.using(.bootstrap(replicates: 200), seed: 9).fit(data)
    let bca = try analysis.using(.bootstrap(replicates: 200, interval: .bca), seed: 9).fit(data)
    for (c, p) in zip(closed.effects.rows, percentile.effects.rows) {
      #expect(abs(c.estimate - p.estimate) < 1e-12, "\(c.term)")
    }
    #expect(percentile.draws == bca.draws)
    let acme = percentile.effects.acmeAverage
    #expect(acme.confLow < acme.estimate && acme.estimate < acme.confHigh)
    #expect(abs(acme.standardError / closed.effects.acmeAverage.standardError - 1) < 0.35)
    #expect(bca.effects.acmeAverage.confLow != acme.confLow)
  }
}

import CausalCore
import Foundation
import Mediation
import Testing

/// Weights act as frequency weights on the effects; clustered variances feed the draws.
@Suite struct WeightsAndVarianceTests {
  /// Integer weights give the same point estimates as duplicating rows (weighted means and
  /// WLS coefficients), for the closed form with interaction and a logit mediator.
  @Test func integerWeightsEqualDuplicatedRows() throws {
    let base = try SimulatedData.interaction(n: 300, seed: 31)
    let w = (0..<base.rowCount).map { Double(1 + $0 % 3) }
    var weighted = base
    try weighted.append(Column(name: "w", doubles: w))
    let duplicated = base.selecting(rows: (0..<base.rowCount).flatMap { Array(repeating: $0, count: Int(w[$0])) })
    let plain = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", covariates: ["x"], interaction: true)
    let withWeights = try MediationAnalysis(
      treatment: "t", mediators: ["m"], outcome: "y", covariates: ["x"], interaction: true, weights: "w")
    let a = try withWeights.using(.closedForm).fit(weighted).effects.rows
    let b = try plain.using(.closedForm).fit(duplicated).effects.rows
    for (x, y) in zip(a, b) { #expect(abs(x.estimate - y.estimate) < 1e-10, "\(x.term)") }
  }

  @Test func clusteredVarianceWidensTheDraws() throws {
    let panel = try SimulatedData.panel(schools: 40, perCell: 5, seed: 8)
    let did = try DifferenceInDifferencesMediation(
      outcome: "y", mediator: "m", treated: "treated", post: "post", unit: "school", time: "year")
    let prepared = try did.prepared(panel)
    let a = did.analysis
    let iid = try MediationAnalysis(
      treatment: a.treatment, mediators: a.mediators, outcome: a.outcome, covariates: a.covariates,
      fixedEffects: a.fixedEffects, vcov: .iid)
    let clustered = try did.analysis.using(.quasiBayesian(simulations: 2_000), seed: 2).fit(prepared)
    let plain = try iid.using(.quasiBayesian(simulations: 2_000), seed: 2).fit(prepared)
    let closed = try did.analysis.using(.closedForm).fit(prepared)
    #expect(abs(clustered.effects.acmeAverage.standardError / closed.effects.acmeAverage.standardError - 1) < 0.1)
    #expect(clustered.effects.adeAverage.standardError != plain.effects.adeAverage.standardError)
  }
}

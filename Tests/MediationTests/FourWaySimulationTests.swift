import CausalCore
import Foundation
import Mediation
import TestSupport
import Testing

@Suite("Four-way decomposition by g-computation: binary models, bootstrap and simulation")
struct FourWaySimulationTests {
  static func framing() throws -> DataTable { try MediationFixtures.framing() }

  static func decomposition(
    mediatorValue: Double = 5, outcomeFamily: MediationModelFamily = .linear, method: MediationMethod,
    draws: Int = 10
  ) throws -> FourWayDecomposition {
    try FourWayDecomposition(
      treatment: "treat", mediator: "emo", outcome: "cong_mesg", covariates: ["age", "educ", "gender", "income"],
      mediatorValue: mediatorValue, outcomeFamily: outcomeFamily, method: method, draws: draws, seed: 4)
  }

  @Test("linear models: the bootstrap's estimates are the closed form (exact g-computation)")
  func linearBootstrapEqualsClosedForm() throws {
    let closed = try Self.decomposition(method: .closedForm).fit(Self.framing())
    let boot = try Self.decomposition(method: .bootstrap(replicates: 30)).fit(Self.framing())
    for (a, b) in zip(boot.rows, closed.rows) {
      #expect(abs(a.estimate - b.estimate) <= 1e-10 * max(1, abs(b.estimate)), "\(a.term)")
    }
    #expect(boot.drawsPerObservation == 1)
    #expect(abs(boot.expectedMediatorAtControl - closed.expectedMediatorAtControl) < 1e-10)
    // Thirty replicates: the standard errors are in the delta method's neighbourhood.
    #expect(boot.pureIndirect.standardError > 0.4 * closed.pureIndirect.standardError)
    #expect(boot.pureIndirect.standardError < 2.5 * closed.pureIndirect.standardError)
  }

  @Test("a probit outcome: the components add up to the total, CDE + INT_ref is MediationAnalysis' ADE (control) and INT_med + PIE its ACME (treated), within Monte Carlo error")
  func probitAgreesWithNaturalEffects() throws {
    let four = try Self.decomposition(outcomeFamily: .probit, method: .quasiBayesian(simulations: 400), draws: 20)
      .fit(Self.framing())
    let natural = try MediationAnalysis(
      treatment: "treat", mediators: ["emo"], outcome: "cong_mesg", covariates: ["age", "educ", "gender", "income"],
      outcomeFamily: .probit, interaction: true, method: .quasiBayesian(simulations: 400), seed: 4
    ).fit(Self.framing())
    let parts = four.rows[0..<4].reduce(0) { $0 + $1.estimate }
    #expect(abs(parts - four.total.estimate) < 0.01)
    let direct = four.controlledDirect.estimate + four.referenceInteraction.estimate
    let indirect = four.mediatedInteraction.estimate + four.pureIndirect.estimate
    let tolerance = 4 * (natural.effects.adeControl.standardError / 20 + 0.005)
    #expect(abs(direct - natural.effects.adeControl.estimate) < tolerance, "\(direct) vs \(natural.effects.adeControl.estimate)")
    #expect(abs(indirect - natural.effects.acmeTreated.estimate) < tolerance, "\(indirect) vs \(natural.effects.acmeTreated.estimate)")
    #expect(four.method == .quasiBayesian(simulations: 400) && four.drawsPerObservation == 20)
  }

  @Test("a logit outcome with a binary mediator: the true components within 3 standard errors")
  func binaryRecovery() throws {
    // M ~ Bernoulli(expit(−0.5 + 1.2 T + 0.4 x)); P(Y = 1) = expit(−1 + 0.5 T + 0.8 M + 0.6 T·M + 0.3 x).
    func expit(_ v: Double) -> Double { 1 / (1 + exp(-v)) }
    func pm(_ t: Double, _ x: Double) -> Double { expit(-0.5 + 1.2 * t + 0.4 * x) }
    func py(_ t: Double, _ m: Double, _ x: Double) -> Double { expit(-1 + 0.5 * t + 0.8 * m + 0.6 * t * m + 0.3 * x) }
    var rng = SeededGenerator(seed: 17)
    var t = [Double](), x = [Double](), m = [Double](), y = [Double]()
    for _ in 0..<6_000 {
      let ti: Double = rng.nextUniform() < 0.5 ? 1 : 0, xi = rng.nextNormal()
      let mi: Double = rng.nextUniform() < pm(ti, xi) ? 1 : 0
      t.append(ti)
      x.append(xi)
      m.append(mi)
      y.append(rng.nextUniform() < py(ti, mi, xi) ? 1 : 0)
    }
    let table = try DataTable(columns: [
      Column(name: "t", doubles: t), Column(name: "x", doubles: x), Column(name: "m", doubles: m),
      Column(name: "y", doubles: y),
    ])
    // The truth: averages over x ~ N(0, 1) of the exact expectations over the binary mediator.
    var truth = [Double](repeating: 0, count: 4)
    var grid = SeededGenerator(seed: 3)
    let draws = 200_000
    for _ in 0..<draws {
      let xi = grid.nextNormal()
      let p0 = pm(0, xi), p1 = pm(1, xi)
      func e(_ tt: Double, _ p: Double) -> Double { p * py(tt, 1, xi) + (1 - p) * py(tt, 0, xi) }
      let cde = py(1, 0, xi) - py(0, 0, xi)
      truth[0] += cde
      truth[1] += (e(1, p0) - e(0, p0)) - cde
      truth[3] += e(0, p1) - e(0, p0)
      truth[2] += (e(1, p1) - e(1, p0)) - (e(0, p1) - e(0, p0))
    }
    truth = truth.map { $0 / Double(draws) }
    let result = try FourWayDecomposition(
      treatment: "t", mediator: "m", outcome: "y", covariates: ["x"], mediatorValue: 0, mediatorFamily: .logit,
      outcomeFamily: .logit, method: .quasiBayesian(simulations: 200), draws: 5, seed: 9
    ).fit(table)
    for (row, value) in zip(result.rows.prefix(4), truth) {
      #expect(abs(row.estimate - value) < 3 * row.standardError, "\(row.term): \(row.estimate) vs \(value) (se \(row.standardError))")
    }
  }

  @Test("the delta method needs linear models; draws must be positive")
  func badOptions() {
    #expect(throws: MediationError.self) { try Self.decomposition(outcomeFamily: .logit, method: .closedForm) }
    #expect(throws: MediationError.self) { try Self.decomposition(method: .bootstrap(), draws: 0) }
  }
}

import CausalCore
import Foundation
import Mediation
import Testing

/// Logit and probit mediator models.
@Suite struct BinaryMediatorTests {
  /// `M ~ Bernoulli(logistic(−0.2 + T + 0.5x))`, `Y = 0.3T + 0.8M + 0.2x + e`, and a binary
  /// outcome `yb = 1[−0.5 + 0.4T + 1.0M + L > 0]`.
  static func data(n: Int, seed: UInt64) throws -> DataTable {
    var rng = SeededGenerator(seed: seed)
    var cols = [[Double]](repeating: [], count: 5)
    for _ in 0..<n {
      let t: Double = rng.nextUniform() < 0.5 ? 1 : 0
      let x = rng.nextNormal()
      let m: Double = rng.nextUniform() < 1 / (1 + exp(-(-0.2 + t + 0.5 * x))) ? 1 : 0
      let y = 0.3 * t + 0.8 * m + 0.2 * x + rng.nextNormal()
      let u = rng.nextUniformOpen()
      let yb: Double = -0.5 + 0.4 * t + m + log(u / (1 - u)) > 0 ? 1 : 0
      for (k, v) in [t, x, m, y, yb].enumerated() { cols[k].append(v) }
    }
    return try DataTable(columns: zip(["t", "x", "m", "y", "yb"], cols).map { Column(name: $0, doubles: $1) })
  }

  /// `E[p(1, x) − p(0, x)]` for the mediator model, by Monte Carlo over x.
  static var mediatorShift: Double {
    var rng = SeededGenerator(seed: 5)
    var s = 0.0
    let draws = 400_000
    for _ in 0..<draws {
      let x = rng.nextNormal()
      s += 1 / (1 + exp(-(0.8 + 0.5 * x))) - 1 / (1 + exp(-(-0.2 + 0.5 * x)))
    }
    return s / Double(draws)
  }

  @Test func logitMediatorWithLinearOutcomeRecoversTruth() throws {
    let data = try Self.data(n: 5_000, seed: 1)
    let analysis = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", covariates: ["x"], mediatorFamily: .logit)
    let e = try analysis.using(.quasiBayesian(simulations: 500), seed: 3).fit(data).effects
    let truth = 0.8 * Self.mediatorShift
    #expect(abs(e.acmeAverage.estimate - truth) <= 3 * e.acmeAverage.standardError, "\(e.acmeAverage.estimate) vs \(truth)")
    #expect(abs(e.adeAverage.estimate - 0.3) <= 3 * e.adeAverage.standardError)
  }

  @Test func probitMediatorAndLogitOutcomeRunAndAreDeterministic() throws {
    let data = try Self.data(n: 800, seed: 2)
    let analysis = try MediationAnalysis(
      treatment: "t", mediators: ["m"], outcome: "yb", covariates: ["x"], mediatorFamily: .probit, outcomeFamily: .logit)
    let a = try analysis.using(.quasiBayesian(simulations: 200), seed: 4).fit(data)
    let b = try analysis.using(.quasiBayesian(simulations: 200), seed: 4).fit(data)
    #expect(a == b)
    #expect(a.effects.acmeAverage.estimate > 0)
    #expect(a.models.map(\.family) == [.probit, .logit])
    let boot = try analysis.using(.bootstrap(replicates: 50), seed: 4).fit(data)
    #expect(boot.draws.count == 50)
    #expect(boot.effects.acmeAverage.confLow < boot.effects.acmeAverage.confHigh)
  }
}

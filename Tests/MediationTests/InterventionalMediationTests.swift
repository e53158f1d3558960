import CausalCore
import Foundation
import Mediation
import TestSupport
import Testing

@Suite("Interventional mediation by g-computation: several mediators and outcomes")
struct InterventionalMediationTests {
  static func data() throws -> DataTable { try SequentialMediationTests.data() }

  static let mediators = ["lead", "teach", "peer"]

  @Test("linear models: the g-computation equals SequentialMediation's closed forms (1e-10), the dependence is zero")
  func linearEqualsClosedForm() throws {
    let data = try Self.data()
    let closed = try SequentialMediation(
      treatment: "strong", mediators: Self.mediators, outcome: "score", covariates: ["prior", "female"]
    ).fit(data)
    let result = try InterventionalMediation(
      treatment: "strong", mediators: Self.mediators, outcomes: ["score"], covariates: ["prior", "female"],
      method: .bootstrap(replicates: 20), seed: 3
    ).fit(data)
    let effects = try #require(result.outcomes.first)
    #expect(result.drawsPerObservation == 1)
    for (mine, theirs) in zip(effects.interventionalIndirect, closed.interventionalIndirect) {
      #expect(mine.mediator == theirs.mediator)
      #expect(SequentialMediationTests.close(mine.row.estimate, theirs.row.estimate), "\(mine.mediator)")
    }
    #expect(SequentialMediationTests.close(effects.jointIndirect.estimate, closed.jointIndirect.estimate))
    #expect(SequentialMediationTests.close(effects.interventionalDirect.estimate, closed.interventionalDirect.estimate))
    #expect(SequentialMediationTests.close(effects.total.estimate, closed.total.estimate))
    #expect(abs(effects.mediatorDependence.estimate) < 1e-12)
    // The path-specific effect from each mediator: the sum of the paths whose first mediator it is.
    for (k, effect) in effects.pathSpecific.enumerated() {
      let paths = closed.paths.filter { $0.mediators.first == Self.mediators[k] }
      #expect(paths.count == 1 << (Self.mediators.count - 1 - k))
      let sum = paths.map(\.row.estimate).reduce(0, +)
      #expect(SequentialMediationTests.close(effect.row.estimate, sum), "\(effect.mediator): \(effect.row.estimate) vs \(sum)")
    }
    // The bootstrap standard errors are in the closed form's neighbourhood (20 replicates).
    #expect(effects.jointIndirect.standardError > 0.3 * closed.jointIndirect.standardError)
    #expect(effects.jointIndirect.standardError < 3 * closed.jointIndirect.standardError)
  }

  @Test("linear models with treatment × mediator terms: the closed forms in the fitted coefficients")
  func linearInteractionClosedForm() throws {
    let data = try Self.data()
    let result = try InterventionalMediation(
      treatment: "strong", mediators: ["lead", "peer"], outcomes: ["score"], covariates: ["prior"], interaction: true,
      method: .bootstrap(replicates: 10)
    ).fit(data)
    // Coefficients by term: lead ~ strong + prior; peer ~ strong + lead + prior; the outcome.
    func coef(_ model: Int, _ term: String) throws -> Double {
      try #require(result.models[model].coefficients.first { $0.term == term }).estimate
    }
    let prior = try data.column(named: "prior").doubles()
    let meanPrior = prior.reduce(0, +) / Double(prior.count)
    // E[lead | a, C] and E[peer | a, C] averaged over the sample (linear, so the mean covariate).
    func lead(_ a: Double) throws -> Double { try coef(0, "(Intercept)") + coef(0, "strong") * a + coef(0, "prior") * meanPrior }
    func peer(_ a: Double) throws -> Double {
      try coef(1, "(Intercept)") + coef(1, "strong") * a + coef(1, "lead") * lead(a) + coef(1, "prior") * meanPrior
    }
    let (thetaA, thetaL, thetaP) = (try coef(2, "strong"), try coef(2, "lead"), try coef(2, "peer"))
    let (iotaL, iotaP) = (try coef(2, "strong_x_lead"), try coef(2, "strong_x_peer"))
    let effects = try #require(result.outcomes.first)
    let expectedLead = (thetaL + iotaL) * (try lead(1) - lead(0))
    let expectedPeer = (thetaP + iotaP) * (try peer(1) - peer(0))
    let expectedDirect = thetaA + iotaL * (try lead(0)) + iotaP * (try peer(0))
    #expect(SequentialMediationTests.close(effects.interventionalIndirect[0].row.estimate, expectedLead))
    #expect(SequentialMediationTests.close(effects.interventionalIndirect[1].row.estimate, expectedPeer))
    #expect(SequentialMediationTests.close(effects.jointIndirect.estimate, expectedLead + expectedPeer))
    #expect(SequentialMediationTests.close(effects.interventionalDirect.estimate, expectedDirect))
  }

  @Test("several outcomes in one call equal one call per outcome (shared mediator fits and replicates)")
  func severalOutcomes() throws {
    var data = try Self.data()
    let score = try data.column(named: "score").doubles()
    let prior = try data.column(named: "prior").doubles()
    try data.append(Column(name: "math", doubles: zip(score, prior).map { 0.5 * $0 + 0.2 * $1 }))
    func run(_ outcomes: [String]) throws -> InterventionalMediationResult {
      try InterventionalMediation(
        treatment: "strong", mediators: Self.mediators, outcomes: outcomes, covariates: ["prior"],
        method: .bootstrap(replicates: 30, cluster: "school"), seed: 9
      ).fit(data)
    }
    let both = try run(["score", "math"])
    #expect(both.outcomes.map(\.outcome) == ["score", "math"])
    #expect(both.models.count == 5)
    for (p, name) in ["score", "math"].enumerated() {
      let alone = try #require(try run([name]).outcomes.first)
      for (a, b) in zip(both.outcomes[p].rows, alone.rows) {
        #expect(abs(a.estimate - b.estimate) < 1e-12 && abs(a.standardError - b.standardError) < 1e-12, "\(name) \(b.term)")
      }
    }
    #expect(both.coefficients.first?.term == "score: Interventional indirect (lead)")
  }

  @Test("a logit mediator, a mediator it affects and a logit outcome with interaction: the true effects within 3 standard errors")
  func nonlinearRecovery() throws {
    let truth = NonlinearSystem()
    let data = try truth.sample(n: 5_000, seed: 21)
    let result = try InterventionalMediation(
      treatment: "t", mediators: ["m1", "m2"], outcomes: ["y"], covariates: ["x"], mediatorFamilies: ["m1": .logit],
      outcomeFamily: .logit, interaction: true, method: .quasiBayesian(simulations: 100), draws: 2, seed: 5
    ).fit(data)
    let effects = try #require(result.outcomes.first)
    let expected = truth.effects()
    let rows = effects.rows
    for (j, value) in expected.enumerated() {
      #expect(abs(rows[j].estimate - value) < 3 * rows[j].standardError + 2e-3, "\(rows[j].term): \(rows[j].estimate) vs \(value)")
    }
    #expect(result.drawsPerObservation == 2)
  }

  @Test("one linear mediator: the dependence is zero in every replicate, a degenerate interval with a note (percentile, BCa, quasi-Bayesian)")
  func constantStatistic() throws {
    let data = try Self.data()
    for method: MediationMethod in [
      .bootstrap(replicates: 49), .bootstrap(replicates: 49, cluster: "school", interval: .bca),
      .quasiBayesian(simulations: 49),
    ] {
      let result = try InterventionalMediation(
        treatment: "strong", mediators: ["peer"], outcomes: ["score"], covariates: ["prior"], method: method, seed: 3
      ).fit(data)
      let dependence = try #require(result.outcomes.first).mediatorDependence
      #expect(dependence.estimate == 0 && dependence.standardError == 0, "\(method)")
      #expect(dependence.confLow == 0 && dependence.confHigh == 0 && dependence.pValue.isNaN, "\(method)")
      let joint = try #require(result.outcomes.first).jointIndirect
      #expect(joint.standardError > 0 && joint.confLow < joint.confHigh, "\(method)")
      if case .bootstrap = method {
        #expect(result.notes.contains { $0.contains("Mediator dependence: the same value in every bootstrap replicate") })
      }
    }
  }

  @Test("the same seed gives bit-identical results; another seed moves only the Monte Carlo part")
  func reproducible() throws {
    let data = try NonlinearSystem().sample(n: 1_500, seed: 2)
    func run(_ seed: UInt64) throws -> InterventionalMediationResult {
      try InterventionalMediation(
        treatment: "t", mediators: ["m1", "m2"], outcomes: ["y"], covariates: ["x"], mediatorFamilies: ["m1": .logit],
        outcomeFamily: .logit, method: .bootstrap(replicates: 40), draws: 2, seed: seed
      ).fit(data)
    }
    #expect(try run(4) == run(4))
    #expect(try run(4).coefficients != run(5).coefficients)
  }

  @Test("bad input: repeated outcomes, an outcome that is a mediator, the closed form, zero draws, separation")
  func badInput() throws {
    func make(outcomes: [String] = ["score"], method: MediationMethod = .bootstrap(), draws: Int = 10) throws {
      _ = try InterventionalMediation(
        treatment: "strong", mediators: Self.mediators, outcomes: outcomes, method: method, draws: draws)
    }
    #expect(throws: MediationError.self) { try make(outcomes: ["score", "score"]) }
    #expect(throws: MediationError.self) { try make(outcomes: []) }
    #expect(throws: MediationError.self) { try make(outcomes: ["score", "peer"]) }
    #expect(throws: MediationError.self) { try make(method: .closedForm) }
    #expect(throws: MediationError.self) { try make(draws: 0) }
    do {
      try make(outcomes: ["score", "score"])
    } catch {
      #expect("\(error)".contains("score") && "\(error)".contains("twice"))
    }
    // A binary mediator that the treatment separates perfectly: the logit fit fails, typed.
    let t = (0..<200).map { Double($0 % 2) }
    let table = try DataTable(columns: [
      Column(name: "t", doubles: t), Column(name: "m", doubles: t),
      Column(name: "m2", doubles: (0..<200).map { Double(($0 / 2) % 2) }),
      Column(name: "y", doubles: (0..<200).map { sin(Double($0)) }),
    ])
    #expect(throws: MediationError.self) {
      _ = try InterventionalMediation(
        treatment: "t", mediators: ["m2", "m"], outcomes: ["y"], mediatorFamily: .logit,
        method: .bootstrap(replicates: 10)
      ).fit(table)
    }
  }

  @Test("JSON: one effects row per outcome and effect with the issue's keys")
  func json() throws {
    let result = try InterventionalMediation(
      treatment: "strong", mediators: ["lead", "peer"], outcomes: ["score"], covariates: ["prior"],
      method: .bootstrap(replicates: 10)
    ).fit(try Self.data())
    let object = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
    let effects = try #require(object["effects"] as? [[String: Any]])
    #expect(effects.count == 2 + 5 + 2)
    #expect(effects.map { $0["effect"] as? String } == [
      "interventional_indirect", "interventional_indirect", "mediator_dependence", "interventional_direct",
      "joint_indirect", "total", "prop_mediated", "path_specific", "path_specific",
    ])
    #expect(effects.compactMap { $0["path"] as? String } == [
      "strong -> lead (-> later mediators) -> score", "strong -> peer -> score",
    ])
    for key in ["outcome", "mediator", "estimate", "std_error", "conf_low", "conf_high"] {
      #expect(effects[0][key] != nil, "\(key)")
    }
  }
}

/// A system with a logit mediator: `M1 ~ Bernoulli(expit(−0.3 + 1.0 T + 0.5 x))`,
/// `M2 = 0.2 + 0.6 T + 0.8 M1 + 0.3 x + N(0, 1)`, and a logit outcome with interaction
/// `P(Y = 1) = expit(−0.5 + 0.4 T + 0.7 M1 + 0.5 M2 + 0.3 T·M2 + 0.2 x)`, `T ~ Bernoulli(½)`,
/// `x ~ N(0, 1)`. ``effects()`` computes the true interventional effects by brute-force
/// simulation of the definitions with the true parameters (independent of the library's code).
struct NonlinearSystem {
  func expit(_ v: Double) -> Double { 1 / (1 + exp(-v)) }
  func m1Probability(_ t: Double, _ x: Double) -> Double { expit(-0.3 + 1.0 * t + 0.5 * x) }
  func m2Mean(_ t: Double, _ m1: Double, _ x: Double) -> Double { 0.2 + 0.6 * t + 0.8 * m1 + 0.3 * x }
  func yProbability(_ t: Double, _ m1: Double, _ m2: Double, _ x: Double) -> Double {
    expit(-0.5 + 0.4 * t + 0.7 * m1 + 0.5 * m2 + 0.3 * t * m2 + 0.2 * x)
  }

  func sample(n: Int, seed: UInt64) throws -> DataTable {
    var rng = SeededGenerator(seed: seed)
    var t = [Double](), x = [Double](), m1 = [Double](), m2 = [Double](), y = [Double]()
    for _ in 0..<n {
      let ti: Double = rng.nextUniform() < 0.5 ? 1 : 0
      let xi = rng.nextNormal()
      let a: Double = rng.nextUniform() < m1Probability(ti, xi) ? 1 : 0
      let b = m2Mean(ti, a, xi) + rng.nextNormal()
      t.append(ti)
      x.append(xi)
      m1.append(a)
      m2.append(b)
      y.append(rng.nextUniform() < yProbability(ti, a, b, xi) ? 1 : 0)
    }
    return try DataTable(columns: [
      Column(name: "t", doubles: t), Column(name: "x", doubles: x), Column(name: "m1", doubles: m1),
      Column(name: "m2", doubles: m2), Column(name: "y", doubles: y),
    ])
  }

  /// The true `[IIE(m1), IIE(m2), dependence, direct, joint, total, proportion, path-specific
  /// from m1 (A → M1 → Y and A → M1 → M2 → Y), path-specific from m2 (A → M2 → Y)]` by
  /// simulating the definitions on 400,000 draws of `x`.
  func effects() -> [Double] {
    var rng = SeededGenerator(seed: 99)
    let draws = 400_000
    // μ(1,J1), μ(0,J0), μ(1,J0), μ(1,R), μ(1,R1), μ(1,R2), μ(1, M1(0), M2(1, M1(0)))
    var s = [Double](repeating: 0, count: 7)
    func joint(_ t: Double, _ x: Double, _ rng: inout SeededGenerator) -> (Double, Double) {
      let a: Double = rng.nextUniform() < m1Probability(t, x) ? 1 : 0
      return (a, m2Mean(t, a, x) + rng.nextNormal())
    }
    for _ in 0..<draws {
      let x = rng.nextNormal()
      let j1 = joint(1, x, &rng), j0 = joint(0, x, &rng)
      let r1a = joint(0, x, &rng).0, r1b = joint(1, x, &rng).0  // marginal M1 at 0 and at 1
      let r2a = joint(0, x, &rng).1, r2b = joint(1, x, &rng).1  // marginal M2 at 0 and at 1
      s[0] += yProbability(1, j1.0, j1.1, x)
      s[1] += yProbability(0, j0.0, j0.1, x)
      s[2] += yProbability(1, j0.0, j0.1, x)
      s[3] += yProbability(1, r1a, r2a, x)
      s[4] += yProbability(1, r1b, r2a, x)
      s[5] += yProbability(1, r1a, r2b, x)
      let m1 = joint(0, x, &rng).0
      s[6] += yProbability(1, m1, m2Mean(1, m1, x) + rng.nextNormal(), x)
    }
    let m = s.map { $0 / Double(draws) }
    let iie = [m[4] - m[3], m[5] - m[3]]
    let joint = m[0] - m[2], total = m[0] - m[1]
    return iie + [joint - iie[0] - iie[1], m[2] - m[1], joint, total, joint / total, m[0] - m[6], m[6] - m[2]]
  }
}

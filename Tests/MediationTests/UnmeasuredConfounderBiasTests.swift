import CausalCore
import Foundation
import Mediation
import Testing

/// VanderWeele's bias formula on data with a known unmeasured confounder `U` of mediator and
/// outcome: the corrected effects at the true `γ` and `δ` recover the true effects.
@Suite("Bias-formula sensitivity to an unmeasured mediator-outcome confounder")
struct UnmeasuredConfounderBiasTests {
  /// `A ~ Bernoulli(½)`, `U ~ N(0, 1)`, `M1 = 0.5 A + 0.6 U + e`, `M2 = 0.3 A + 0.4 M1 + e`,
  /// `Y = 0.3 A + 0.4 M1 + 0.2 A·M1 + 0.3 M2 + 0.5 U + e`, all errors standard normal. `U` is
  /// left out of the analysis.
  static func data(n: Int = 40_000, seed: UInt64 = 11) throws -> DataTable {
    var rng = SeededGenerator(seed: seed)
    var a = [Double](), m1 = [Double](), m2 = [Double](), y = [Double]()
    for _ in 0..<n {
      let t: Double = rng.nextUniform() < 0.5 ? 1 : 0
      let u = rng.nextNormal()
      let first = 0.5 * t + 0.6 * u + rng.nextNormal()
      let second = 0.3 * t + 0.4 * first + rng.nextNormal()
      a.append(t)
      m1.append(first)
      m2.append(second)
      y.append(0.3 * t + 0.4 * first + 0.2 * t * first + 0.3 * second + 0.5 * u + rng.nextNormal())
    }
    return try DataTable(columns: [
      Column(name: "a", doubles: a), Column(name: "m1", doubles: m1), Column(name: "m2", doubles: m2),
      Column(name: "y", doubles: y),
    ])
  }

  /// `γ = 0.5`; `δ = E[U | a, m1] − E[U | a*, m1] = −0.6 × 0.5 / (0.6² + 1)` (U and M1 jointly
  /// normal given A; M2 carries no further information on U).
  static let gamma = 0.5
  static let delta = -0.6 * 0.5 / (0.36 + 1)

  @Test("one mediator with exposure-mediator interaction: ADE(0) and ACME(1) corrected at the true γ, δ are the truths")
  func naturalEffectsWithInteraction() throws {
    // Truths with M1 only (M2 is left out, so Y's M1 slope includes 0.3 × 0.4 through M2):
    // NDE = 0.3 + 0.2 E[M1(0)] + 0.3 × 0.3 (the path A → M2 → Y is direct here) = 0.39;
    // NIE(treated) = (0.4 + 0.2 + 0.12) × 0.5 = 0.36.
    let result = try MediationAnalysis(
      treatment: "a", mediators: ["m1"], outcome: "y", interaction: true, method: .quasiBayesian(simulations: 400), seed: 2
    ).fit(try Self.data())
    let bias = try result.confounderBias(confounderEffects: [0, Self.gamma], imbalances: [0, Self.delta])
    let observedGap = bias.observedIndirect.estimate - 0.36
    #expect(abs(observedGap + Self.gamma * Self.delta) < 3 * bias.observedIndirect.standardError, "the observed ACME is biased by −γδ")
    let atTruth = try #require(bias.scenarios.last)
    #expect(atTruth.bias == Self.gamma * Self.delta)
    #expect(abs(atTruth.indirect.estimate - 0.36) < 3 * atTruth.indirect.standardError, "\(atTruth.indirect.estimate)")
    #expect(abs(atTruth.direct.estimate - 0.39) < 3 * atTruth.direct.standardError, "\(atTruth.direct.estimate)")
    #expect(atTruth.indirect.confLow < 0.36 && 0.36 < atTruth.indirect.confHigh)
    // γ = 0 or δ = 0: the observed effects.
    for s in bias.scenarios.prefix(3) {
      #expect(s.indirect.estimate == bias.observedIndirect.estimate && s.direct.estimate == bias.observedDirect.estimate)
    }
    #expect(bias.biasExplainingAwayEstimate == -bias.observedIndirect.estimate)
    #expect(bias.biasExplainingAwayInterval == -bias.observedIndirect.confLow)
    #expect(abs(atTruth.proportionMediated - atTruth.indirect.estimate / bias.total.estimate) < 1e-15)
  }

  @Test("two dependent mediators: the interventional direct and joint indirect effects corrected at the true γ, δ")
  func interventionalJointEffects() throws {
    // Truths: direct 0.3 + 0.2 E[M1(0)] = 0.3; joint indirect = total − direct with
    // total = 0.3 + 0.5 × (0.4 + 0.2 + 0.3 × 0.4) + 0.3 × 0.3 = 0.75, so 0.45.
    let result = try InterventionalMediation(
      treatment: "a", mediators: ["m1", "m2"], outcomes: ["y"], interaction: true,
      method: .bootstrap(replicates: 99), seed: 4
    ).fit(try Self.data())
    let effects = try #require(result.outcomes.first)
    let bias = try effects.confounderBias(confounderEffects: [Self.gamma], imbalances: [Self.delta])
    let s = try #require(bias.scenarios.first)
    #expect(abs(s.indirect.estimate - 0.45) < 3 * s.indirect.standardError, "\(s.indirect.estimate)")
    #expect(abs(s.direct.estimate - 0.3) < 3 * s.direct.standardError, "\(s.direct.estimate)")
    #expect(abs(bias.observedDirect.estimate - 0.3) > 3 * bias.observedDirect.standardError, "without correction the direct effect is off")
    let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(bias)) as? [String: Any]
    #expect((encoded?["scenarios"] as? [[String: Any]])?.first?["prop_mediated"] != nil)
  }

  @Test("an empty or non-finite grid is a typed error")
  func badGrid() throws {
    let result = try SequentialMediation(treatment: "a", mediators: ["m1", "m2"], outcome: "y").fit(try Self.data(n: 500))
    #expect(throws: MediationError.self) { try result.confounderBias(confounderEffects: [], imbalances: [0.1]) }
    #expect(throws: MediationError.self) { try result.confounderBias(confounderEffects: [0.1], imbalances: [.nan]) }
  }
}

import CausalKit
import Foundation

/// The `nonlinear` coverage design: a binary (logit) mediator that affects a continuous one,
/// and a binary (logit) outcome, estimated by ``InterventionalMediation`` (Monte Carlo
/// g-computation, pairs bootstrap, percentile intervals). The logistic outcome and the
/// dependence of `m2` on `m1` make the mediator-dependence part non-zero.
///
/// With `x ~ N(0, 1)` and `P(t = 1 | x) = expit(0.3 x)`:
///
///     P(m1 = 1) = expit(−0.5 + 1.0 t + 0.5 x)
///     m2        = 0.5 t + 0.8 m1 + 0.3 x + e2,     e2 ~ N(0, 1)
///     P(y = 1)  = expit(−1 + 0.4 t + 0.8 m1 + 0.6 m2 + 0.5 x)
///
/// The truths (probability scale, population averages over `x`) follow the library's
/// definitions (``InterventionalMediation``): with `μ(t, m1, m2)` the outcome probability,
/// `J(t, s) = E[μ(t, M1(s), M2(s, M1(s)))]` (mediators drawn jointly at `s`) and
/// `R(t; s1, s2) = E[μ(t, M1(s1), M2(s2, M1'(s2)))]` (each mediator from its own marginal at
/// `s1`, `s2`, independently):
/// total `J(1,1) − J(0,0)`, direct `J(1,0) − J(0,0)`, joint indirect `J(1,1) − J(1,0)`,
/// indirect through `m1` `R(1;1,0) − R(1;0,0)`, through `m2` `R(1;0,1) − R(1;0,0)`; path-specific
/// from `m1` `J(1,1) − ψ` and from `m2` `ψ − J(1,0)` with `ψ = E[μ(1, M1(0), M2(1, M1(0)))]`. Each is a
/// sum over the binary mediator(s) of two nested normal expectations (over `x` and `e2`),
/// computed by ``NormalQuadrature``.
struct NonlinearDesign: CoverageDesign {
  let name = "nonlinear"
  /// Observations per data set.
  var observations: Int
  /// Bootstrap replicates.
  var bootstrap: Int
  /// Monte Carlo draws per observation of the g-computation.
  var draws: Int

  var summary: String {
    "n = \(observations) individuals; InterventionalMediation (m1 logit, m2 linear, y logit), g-computation with "
      + "\(draws) draws per observation, pairs bootstrap B = \(bootstrap), percentile intervals"
  }

  /// `P(m1 = 1 | t, x)`.
  static func mediatorOne(_ t: Double, _ x: Double) -> Double { expit(-0.5 + 1.0 * t + 0.5 * x) }
  /// `E[m2 | t, m1, x]`.
  static func mediatorTwoMean(_ t: Double, _ m1: Double, _ x: Double) -> Double { 0.5 * t + 0.8 * m1 + 0.3 * x }
  /// `P(y = 1 | t, m1, m2, x)`.
  static func outcome(_ t: Double, _ m1: Double, _ m2: Double, _ x: Double) -> Double {
    expit(-1 + 0.4 * t + 0.8 * m1 + 0.6 * m2 + 0.5 * x)
  }

  /// The seven effects (indirect m1, indirect m2, direct, joint indirect, total, path-specific
  /// from m1, path-specific from m2) by quadrature.
  static func effects(_ rule: NormalQuadrature) -> [Double] {
    // E over e2 of μ(t, m1, mean + e2), at covariate x.
    func smoothed(_ t: Double, _ m1: Double, _ mean: Double, _ x: Double) -> Double {
      rule.expectation { outcome(t, m1, mean + $0, x) }
    }
    func probabilities(_ s: Double, _ x: Double) -> [(m1: Double, p: Double)] {
      let p = mediatorOne(s, x)
      return [(0, 1 - p), (1, p)]
    }
    func joint(_ t: Double, _ s: Double) -> Double {
      rule.expectation { x in
        probabilities(s, x).reduce(0) { $0 + $1.p * smoothed(t, $1.m1, mediatorTwoMean(s, $1.m1, x), x) }
      }
    }
    func marginal(_ t: Double, _ s1: Double, _ s2: Double) -> Double {
      rule.expectation { x in
        var sum = 0.0
        for first in probabilities(s1, x) {
          for second in probabilities(s2, x) {
            sum += first.p * second.p * smoothed(t, first.m1, mediatorTwoMean(s2, second.m1, x), x)
          }
        }
        return sum
      }
    }
    // ψ = E[μ(1, M1(0), M2(1, M1(0)))]: the chain at a* for m1 and at a for m2.
    let psi = rule.expectation { x in
      probabilities(0, x).reduce(0) { $0 + $1.p * smoothed(1, $1.m1, mediatorTwoMean(1, $1.m1, x), x) }
    }
    let r0 = marginal(1, 0, 0)
    let j11 = joint(1, 1), j10 = joint(1, 0), j00 = joint(0, 0)
    return [marginal(1, 1, 0) - r0, marginal(1, 0, 1) - r0, j10 - j00, j11 - j10, j11 - j00, j11 - psi, psi - j10]
  }

  /// The effects with the default rule, computed once.
  static let trueEffects = effects(NormalQuadrature())

  var truths: [EffectTruth] {
    let e = Self.trueEffects
    let joint = e[3], total = e[4]
    return [
      EffectTruth(name: "interventional: indirect (m1)", value: e[0]),
      EffectTruth(name: "interventional: indirect (m2)", value: e[1]),
      EffectTruth(name: "interventional: mediator dependence", value: joint - e[0] - e[1]),
      EffectTruth(name: "interventional: direct", value: e[2]),
      EffectTruth(name: "interventional: joint indirect", value: joint),
      EffectTruth(name: "interventional: total", value: total),
      EffectTruth(name: "interventional: proportion mediated", value: joint / total),
      EffectTruth(name: "interventional: path-specific from m1", value: e[5]),
      EffectTruth(name: "interventional: path-specific from m2", value: e[6]),
    ]
  }

  var truthNote: String {
    let coarse = Self.effects(.halfStep)
    let difference = zip(coarse, Self.trueEffects).map { abs($0 - $1) }.max() ?? .nan
    return String(
      format: "trapezoidal quadrature over x and e2 (step 0.05 on [−10, 10]); step 0.1 changes no effect by more than %.1e",
      difference)
  }

  /// One simulated data set: columns `t`, `m1`, `m2`, `y`, `x`.
  func table(using generator: inout SeededGenerator) throws -> DataTable {
    var columns = [[Double]](repeating: [], count: 5)
    for _ in 0..<observations {
      let x = generator.nextNormal()
      let t = generator.nextBernoulli(expit(0.3 * x))
      let m1 = generator.nextBernoulli(Self.mediatorOne(t, x))
      let m2 = Self.mediatorTwoMean(t, m1, x) + generator.nextNormal()
      let y = generator.nextBernoulli(Self.outcome(t, m1, m2, x))
      for (j, v) in [t, m1, m2, y, x].enumerated() { columns[j].append(v) }
    }
    return try DataTable(columns: zip(["t", "m1", "m2", "y", "x"], columns).map { Column(name: $0, doubles: $1) })
  }

  func estimates(using generator: inout SeededGenerator) throws -> [EffectEstimate] {
    let data = try table(using: &generator)
    let seed = generator.next()
    let result = try InterventionalMediation(
      treatment: "t", mediators: ["m1", "m2"], outcomes: ["y"], covariates: ["x"], mediatorFamilies: ["m1": .logit],
      outcomeFamily: .logit, method: .bootstrap(replicates: bootstrap), draws: draws, seed: seed
    ).fit(data)
    guard let effects = result.outcomes.first else { throw BenchError("no interventional effects") }
    return effects.rows.map(EffectEstimate.init)
  }
}

import CausalKit
import Foundation

/// The `four-way` and `four-way-binary` coverage designs: one mediator with an exposure ×
/// mediator interaction in the outcome model, estimated by ``FourWayDecomposition`` at
/// `m* = 0`, `a* = 0`, `a = 1` (all twelve rows: the four components, the total and the seven
/// proportions).
///
/// With `x ~ N(0, 1)` and `P(t = 1 | x) = expit(0.3 x)`:
///
/// - `four-way` (linear; closed form, delta method, normal intervals):
///   `m = 0.5 + 0.6 t + 0.4 x + e`, `y = 0.3 + 0.4 t + 0.5 m + 0.3 t·m + 0.5 x + ε`, errors
///   `N(0, 1)`. Exact truths (VanderWeele 2014): `CDE = 0.4`, `INT_ref = 0.3 × E[m(0)] = 0.15`
///   (`E[x] = 0`), `INT_med = 0.3 × 0.6 = 0.18`, `PIE = 0.6 × 0.5 = 0.3`, total `1.03`.
/// - `four-way-binary` (logit mediator and outcome; g-computation, pairs bootstrap, percentile
///   intervals): `P(m = 1) = expit(−0.3 + 0.8 t + 0.5 x)`,
///   `P(y = 1) = expit(−1 + 0.5 t + 0.7 m + 0.5 t·m + 0.5 x)`. Truths on the probability scale,
///   population averages over `x` of sums over `m ∈ {0, 1}` (``NormalQuadrature``).
struct FourWayDesign: CoverageDesign {
  /// Logit mediator and outcome (g-computation) instead of linear models (closed form).
  var binary: Bool
  /// Observations per data set.
  var observations: Int
  /// Bootstrap replicates (binary case).
  var bootstrap: Int
  /// Monte Carlo draws per observation (binary case).
  var draws: Int

  var name: String { binary ? "four-way-binary" : "four-way" }

  var summary: String {
    binary
      ? "n = \(observations) individuals; FourWayDecomposition (logit mediator and outcome), g-computation with "
        + "\(draws) draws per observation, pairs bootstrap B = \(bootstrap), percentile intervals"
      : "n = \(observations) individuals; FourWayDecomposition (linear mediator and outcome), closed form, delta method, "
        + "normal intervals"
  }

  var truthNote: String {
    guard binary else { return "exact (regression-based closed forms at the data-generating coefficients)" }
    let difference = zip(Self.binaryComponents(.halfStep), Self.binaryTruth).map { abs($0 - $1) }.max() ?? .nan
    return String(
      format: "trapezoidal quadrature over x (step 0.05 on [−10, 10]); step 0.1 changes no component by more than %.1e",
      difference)
  }

  /// `P(m = 1 | t, x)` (binary case).
  static func mediatorProbability(_ t: Double, _ x: Double) -> Double { expit(-0.3 + 0.8 * t + 0.5 * x) }
  /// `P(y = 1 | t, m, x)` (binary case).
  static func outcomeProbability(_ t: Double, _ m: Double, _ x: Double) -> Double {
    expit(-1 + 0.5 * t + 0.7 * m + 0.5 * t * m + 0.5 * x)
  }

  /// CDE, INT_ref, INT_med, PIE of the binary case by quadrature over `x`.
  static func binaryComponents(_ rule: NormalQuadrature) -> [Double] {
    func mean(_ f: (Double) -> Double) -> Double { rule.expectation(f) }
    let cde = mean { x in outcomeProbability(1, 0, x) - outcomeProbability(0, 0, x) }
    let pureDirect = mean { x in
      let p = mediatorProbability(0, x)
      return (1 - p) * (outcomeProbability(1, 0, x) - outcomeProbability(0, 0, x))
        + p * (outcomeProbability(1, 1, x) - outcomeProbability(0, 1, x))
    }
    func indirect(_ t: Double) -> Double {
      mean { x in
        (mediatorProbability(1, x) - mediatorProbability(0, x)) * (outcomeProbability(t, 1, x) - outcomeProbability(t, 0, x))
      }
    }
    let pie = indirect(0)
    return [cde, pureDirect - cde, indirect(1) - pie, pie]
  }

  static let binaryTruth = binaryComponents(NormalQuadrature())

  /// The four components: CDE, INT_ref, INT_med, PIE.
  var components: [Double] { binary ? Self.binaryTruth : [0.4, 0.3 * 0.5, 0.3 * 0.6, 0.6 * 0.5] }

  var truths: [EffectTruth] {
    let c = components
    let total = c.reduce(0, +)
    let values = c + [total] + c.map { $0 / total } + [
      (c[2] + c[3]) / total, (c[1] + c[2]) / total, (c[1] + c[2] + c[3]) / total,
    ]
    return zip(FourWayDecompositionResult.effectNames, values).map { EffectTruth(name: "four-way: \($0)", value: $1) }
  }

  /// One simulated data set: columns `t`, `m`, `y`, `x`.
  func table(using generator: inout SeededGenerator) throws -> DataTable {
    var columns = [[Double]](repeating: [], count: 4)
    for _ in 0..<observations {
      let x = generator.nextNormal()
      let t = generator.nextBernoulli(expit(0.3 * x))
      let m: Double, y: Double
      if binary {
        m = generator.nextBernoulli(Self.mediatorProbability(t, x))
        y = generator.nextBernoulli(Self.outcomeProbability(t, m, x))
      } else {
        m = 0.5 + 0.6 * t + 0.4 * x + generator.nextNormal()
        y = 0.3 + 0.4 * t + 0.5 * m + 0.3 * t * m + 0.5 * x + generator.nextNormal()
      }
      for (j, v) in [t, m, y, x].enumerated() { columns[j].append(v) }
    }
    return try DataTable(columns: zip(["t", "m", "y", "x"], columns).map { Column(name: $0, doubles: $1) })
  }

  func estimates(using generator: inout SeededGenerator) throws -> [EffectEstimate] {
    let data = try table(using: &generator)
    let seed = generator.next()
    let family: MediationModelFamily = binary ? .logit : .linear
    let result = try FourWayDecomposition(
      treatment: "t", mediator: "m", outcome: "y", covariates: ["x"], mediatorValue: 0, mediatorFamily: family,
      outcomeFamily: family, method: binary ? .bootstrap(replicates: bootstrap) : .closedForm, draws: draws, seed: seed
    ).fit(data)
    guard result.rows.count == FourWayDecompositionResult.effectNames.count else {
      throw BenchError("FourWayDecomposition returned \(result.rows.count) rows")
    }
    return result.rows.map(EffectEstimate.init)
  }
}

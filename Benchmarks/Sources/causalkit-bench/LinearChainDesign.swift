import CausalKit
import Foundation

/// The `linear-chain` coverage design: three ordered, dependent mediators `m1 → m2 → m3` with
/// linear models, estimated by ``SequentialMediation`` (path-specific and interventional
/// effects, delta method) and by ``InterventionalMediation`` (exact g-computation, pairs
/// bootstrap, percentile intervals).
///
/// With `x ~ N(0, 1)` and `P(t = 1 | x) = expit(0.5 x)` (confounded treatment):
///
///     m1 = 0.5 t                      + 0.3 x + e1
///     m2 = 0.4 t + 0.5 m1             + 0.2 x + e2
///     m3 = 0.3 t + 0.4 m1 + 0.3 m2    + 0.1 x + e3
///     y  = 0.2 t + 0.3 m1 + 0.25 m2 + 0.35 m3 + 0.5 x + e,   all errors N(0, 1).
///
/// The truths are exact: each path's effect is the product of its coefficients, each
/// mediator's interventional indirect effect its outcome coefficient times the treatment's total
/// effect on it, and the mediator dependence is identically zero in this linear system.
struct LinearChainDesign: CoverageDesign {
  let name = "linear-chain"
  /// Observations per data set.
  var observations: Int
  /// Bootstrap replicates of ``InterventionalMediation``.
  var bootstrap: Int

  /// `alpha[k]`: the treatment's coefficient in mediator `k`'s model.
  static let alpha = [0.5, 0.4, 0.3]
  /// `gamma[k][j]`: mediator `j`'s coefficient in mediator `k`'s model (`j < k`).
  static let gamma: [[Double]] = [[], [0.5], [0.4, 0.3]]
  /// The covariate's coefficient in each mediator's model.
  static let covariate = [0.3, 0.2, 0.1]
  /// The outcome's coefficients on the treatment, the mediators and the covariate.
  static let theta = (treatment: 0.2, mediators: [0.3, 0.25, 0.35], covariate: 0.5)
  static let mediators = ["m1", "m2", "m3"]

  var summary: String {
    "n = \(observations) individuals; SequentialMediation with the delta method (normal intervals); "
      + "InterventionalMediation exact (linear) g-computation with the pairs bootstrap, B = \(bootstrap), percentile intervals"
  }

  var truthNote: String { "exact (products of the data-generating coefficients)" }

  /// The path through the mediators `subset` (in order): its name as the library prints it and its effect.
  static func path(_ subset: [Int]) -> (name: String, effect: Double) {
    let name = (["t"] + subset.map { mediators[$0] } + ["y"]).joined(separator: " -> ")
    guard let first = subset.first, let last = subset.last else { return (name, theta.treatment) }
    var effect = alpha[first]
    for (previous, next) in zip(subset, subset.dropFirst()) { effect *= gamma[next][previous] }
    return (name, effect * theta.mediators[last])
  }

  /// Every subset of the mediators, in order.
  static var subsets: [[Int]] { (0..<(1 << 3)).map { mask in (0..<3).filter { mask & (1 << $0) != 0 } } }

  /// The treatment's total effect on each mediator.
  static var totalOnMediators: [Double] {
    var total: [Double] = []
    for k in 0..<3 { total.append(alpha[k] + (0..<k).reduce(0.0) { $0 + gamma[k][$1] * total[$1] }) }
    return total
  }

  var truths: [EffectTruth] {
    let paths = Self.subsets.map(Self.path)
    let indirect = (0..<3).map { Self.theta.mediators[$0] * Self.totalOnMediators[$0] }
    let joint = indirect.reduce(0, +), direct = Self.theta.treatment, total = joint + direct
    var out = paths.map { EffectTruth(name: "sequential: path \($0.name)", value: $0.effect) }
    out += (0..<3).map { EffectTruth(name: "sequential: interventional indirect (\(Self.mediators[$0]))", value: indirect[$0]) }
    out += [
      EffectTruth(name: "sequential: interventional direct", value: direct),
      EffectTruth(name: "sequential: joint indirect", value: joint),
      EffectTruth(name: "sequential: total", value: total),
      EffectTruth(name: "sequential: proportion mediated", value: joint / total),
    ]
    out += (0..<3).map { EffectTruth(name: "interventional: indirect (\(Self.mediators[$0]))", value: indirect[$0]) }
    out += [
      EffectTruth(name: "interventional: mediator dependence", value: 0, identicallyZero: true),
      EffectTruth(name: "interventional: direct", value: direct),
      EffectTruth(name: "interventional: joint indirect", value: joint),
      EffectTruth(name: "interventional: total", value: total),
      EffectTruth(name: "interventional: proportion mediated", value: joint / total),
    ]
    // The path-specific effect from each mediator: the paths whose first mediator it is.
    out += (0..<3).map { k in
      let from = Self.subsets.filter { $0.first == k }.map { Self.path($0).effect }.reduce(0, +)
      return EffectTruth(name: "interventional: path-specific from \(Self.mediators[k])", value: from)
    }
    return out
  }

  /// One simulated data set: columns `t`, `m1`, `m2`, `m3`, `y`, `x`.
  func table(using generator: inout SeededGenerator) throws -> DataTable {
    var columns = [[Double]](repeating: [], count: 6)
    for _ in 0..<observations {
      let x = generator.nextNormal()
      let t = generator.nextBernoulli(expit(0.5 * x))
      var m: [Double] = []
      for k in 0..<3 {
        var value = Self.alpha[k] * t + Self.covariate[k] * x + generator.nextNormal()
        for j in 0..<k { value += Self.gamma[k][j] * m[j] }
        m.append(value)
      }
      var y = Self.theta.treatment * t + Self.theta.covariate * x + generator.nextNormal()
      for k in 0..<3 { y += Self.theta.mediators[k] * m[k] }
      for (j, v) in [t, m[0], m[1], m[2], y, x].enumerated() { columns[j].append(v) }
    }
    return try DataTable(columns: zip(["t", "m1", "m2", "m3", "y", "x"], columns).map { Column(name: $0, doubles: $1) })
  }

  func estimates(using generator: inout SeededGenerator) throws -> [EffectEstimate] {
    let data = try table(using: &generator)
    let seed = generator.next()
    let sequential = try SequentialMediation(
      treatment: "t", mediators: Self.mediators, outcome: "y", covariates: ["x"]
    ).fit(data)
    let interventional = try InterventionalMediation(
      treatment: "t", mediators: Self.mediators, outcomes: ["y"], covariates: ["x"],
      method: .bootstrap(replicates: bootstrap), seed: seed
    ).fit(data)
    var out: [EffectEstimate] = []
    for subset in Self.subsets {
      let name = Self.path(subset).name
      guard let row = sequential.paths.first(where: { $0.path == name })?.row else {
        throw BenchError("SequentialMediation reported no path \(name)")
      }
      out.append(EffectEstimate(row))
    }
    out += sequential.interventionalIndirect.map { EffectEstimate($0.row) }
    out += [sequential.interventionalDirect, sequential.jointIndirect, sequential.total, sequential.proportionMediated]
      .map(EffectEstimate.init)
    guard let effects = interventional.outcomes.first else { throw BenchError("no interventional effects") }
    out += effects.rows.map(EffectEstimate.init)
    return out
  }
}

import CausalCore
import LinearAlgebra

/// A statistic of a linear recursive system that is a sum of products of coefficients (the
/// effect along a set of paths), with its delta-method gradient.
struct PathProducts {
  /// One coefficient: the model (mediators in order, then the outcome) and its position.
  struct Coefficient: Hashable {
    let model: Int
    let index: Int
  }

  /// The products summed, each a list of coefficients along one path.
  var paths: [[Coefficient]]
  /// The factor every product is multiplied by (`treated − control`).
  var scale: Double

  /// `scale × Σ_paths Π coefficients`.
  func value(_ estimates: [[Double]]) -> Double {
    scale * paths.reduce(0) { sum, path in sum + path.reduce(1) { $0 * estimates[$1.model][$1.index] } }
  }

  /// The gradient with respect to every model's coefficients: for each product, the product
  /// of the other factors.
  func gradient(_ estimates: [[Double]]) -> [[Double]] {
    var g = estimates.map { [Double](repeating: 0, count: $0.count) }
    for path in paths {
      for (f, c) in path.enumerated() {
        var others = scale
        for (h, d) in path.enumerated() where h != f { others *= estimates[d.model][d.index] }
        g[c.model][c.index] += others
      }
    }
    return g
  }
}

/// The paths of a sequential mediation fit (mediators in causal order) and the statistics
/// built from them, with delta-method standard errors.
struct SequentialPaths {
  /// The fit.
  let fit: MediationFit
  /// The subsets of mediators a path runs through, in order: the direct path (no mediator),
  /// then by length, then by the mediators' positions.
  let subsets: [[Int]]

  /// Enumerates the paths of a fit.
  init(fit: MediationFit) {
    self.fit = fit
    let k = fit.mediatorModels.count
    var masks = Array(0..<(1 << k))
    masks.sort { a, b in
      a.nonzeroBitCount != b.nonzeroBitCount ? a.nonzeroBitCount < b.nonzeroBitCount : a.bitReversed(k) > b.bitReversed(k)
    }
    subsets = masks.map { mask in (0..<k).filter { mask & (1 << $0) != 0 } }
  }

  /// The coefficients along the path through `subset`: the treatment's effect on the first
  /// mediator, each mediator's effect on the next, the last one's effect on the outcome (the
  /// treatment's own coefficient in the outcome model for the direct path).
  func coefficients(_ subset: [Int]) -> [PathProducts.Coefficient] {
    let outcome = fit.mediatorModels.count
    guard let first = subset.first, let last = subset.last else {
      return [.init(model: outcome, index: fit.outcomeTreatmentIndex)]
    }
    var out: [PathProducts.Coefficient] = [.init(model: first, index: fit.mediatorTreatmentIndex[first])]
    for (previous, next) in zip(subset, subset.dropFirst()) {
      out.append(.init(model: next, index: fit.mediatorParentIndex[next][previous]))
    }
    out.append(.init(model: outcome, index: fit.outcomeMediatorIndex[last]))
    return out
  }

  /// The statistic summing the paths through the given subsets.
  func statistic(_ chosen: [[Int]]) -> PathProducts {
    PathProducts(paths: chosen.map(coefficients), scale: fit.analysis.treatedValue - fit.analysis.controlValue)
  }

  /// The name of a path: `treat -> m1 -> m2 -> y`.
  func name(_ subset: [Int]) -> String {
    let a = fit.analysis
    return ([a.treatment] + subset.map { a.mediators[$0] } + [a.outcome]).joined(separator: " -> ")
  }

  /// A tidy row of a statistic (or of the ratio of two), with its delta-method standard error
  /// (the models' estimates independent, as separately fitted equations of a recursive system).
  func row(_ term: String, _ statistic: PathProducts, over denominator: PathProducts? = nil) -> CoefficientRow {
    let estimates = (fit.mediatorModels + [fit.outcomeModel]).map(\.estimates)
    var value = statistic.value(estimates)
    var gradient = statistic.gradient(estimates)
    if let denominator {
      let d = denominator.value(estimates)
      let dg = denominator.gradient(estimates)
      let r = value / d
      gradient = zip(gradient, dg).map { zip($0, $1).map { ($0 - r * $1) / d } }
      value = r
    }
    let variances = (fit.mediatorModels + [fit.outcomeModel]).map(\.variance)
    let variance = zip(gradient, variances).reduce(0) { $0 + DeltaMethod.quadraticForm($1.0, $1.1) }
    return .normal(term: term, estimate: value, standardError: max(variance, 0).squareRoot(), level: fit.analysis.confidenceLevel)
  }
}

extension Int {
  /// The lowest `width` bits in reverse order: descending reversed masks list subsets of one
  /// size in the lexicographic order of their positions.
  func bitReversed(_ width: Int) -> Int {
    var out = 0
    for bit in 0..<width where self & (1 << bit) != 0 { out |= 1 << (width - 1 - bit) }
    return out
  }
}

import CausalCore
import LinearAlgebra

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

  /// One reported statistic: a sum of paths, or the ratio of two.
  struct Statistic {
    let term: String
    let numerator: PathProducts
    let denominator: PathProducts?

    /// The value at the given coefficients.
    func value(_ estimates: [[Double]]) -> Double {
      denominator.map { numerator.value(estimates) / $0.value(estimates) } ?? numerator.value(estimates)
    }
  }

  /// The statistics in the result's order: every path, each mediator's interventional indirect
  /// effect, the interventional direct, joint indirect and total effects, the proportion mediated.
  var statistics: [Statistic] {
    let a = fit.analysis
    let indirect = statistic(subsets.filter { !$0.isEmpty })
    let all = statistic(subsets)
    return subsets.map { Statistic(term: "Path " + name($0), numerator: statistic([$0]), denominator: nil) }
      + a.mediators.indices.map { k in
        Statistic(
          term: "Interventional indirect (\(a.mediators[k]))", numerator: statistic(subsets.filter { $0.last == k }),
          denominator: nil)
      }
      + [
        Statistic(term: "Interventional direct", numerator: statistic([[]]), denominator: nil),
        Statistic(term: "Joint indirect", numerator: indirect, denominator: nil),
        Statistic(term: "Total effect", numerator: all, denominator: nil),
        Statistic(term: "Prop. mediated", numerator: indirect, denominator: all),
      ]
  }

  /// Every model's estimates, mediators in order then the outcome.
  var estimates: [[Double]] { (fit.mediatorModels + [fit.outcomeModel]).map(\.estimates) }

  /// The delta-method rows of ``statistics``.
  func deltaRows() -> [CoefficientRow] {
    statistics.map { row($0.term, $0.numerator, over: $0.denominator) }
  }

  /// A tidy row of a statistic (or of the ratio of two), with its delta-method standard error
  /// (the models' estimates independent, as separately fitted equations of a recursive system).
  func row(_ term: String, _ statistic: PathProducts, over denominator: PathProducts? = nil) -> CoefficientRow {
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

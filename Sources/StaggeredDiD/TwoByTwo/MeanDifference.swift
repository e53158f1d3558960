import CausalCore

/// The 2x2 DiD without covariates: the difference of weighted mean outcome changes, which every
/// ``TwoByTwoMethod`` reduces to when the covariates are the intercept alone (the propensity
/// score is then the weighted treated share and the outcome regression the controls' mean).
///
/// Weights are normalised to mean 1 as DRDID does; the influence function is that of the
/// difference of the weighted means, in DRDID's scaling.
enum MeanDifference {
  /// The panel estimate: `mean_w(ΔY | treated) − mean_w(ΔY | control)`.
  ///
  /// - Throws: ``DiDError/noTreatedCohorts(reason:)`` when a group has no weight.
  /// - Complexity: O(n).
  static func estimate(_ data: PanelComparison) throws(DiDError) -> ComparisonEstimate {
    let n = data.outcomeChange.count
    let cells = data.treated.map { $0 ? 1 : 0 }
    let w = normalized(data.weights)
    let (means, shares) = try cellMeans(data.outcomeChange, cells: cells, weights: w, cellCount: 2)
    var influence = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let c = cells[i]
      let sign = c == 1 ? 1.0 : -1.0
      influence[i] = sign * w[i] * (data.outcomeChange[i] - means[c]) / shares[c]
    }
    return ComparisonEstimate(estimate: means[1] - means[0], influence: influence, trimmed: 0)
  }

  /// The repeated-cross-section estimate: `(ȳ₁₁ − ȳ₁₀) − (ȳ₀₁ − ȳ₀₀)` with weighted means by
  /// group (1 treated) and period (1 post).
  ///
  /// - Throws: ``DiDError/noTreatedCohorts(reason:)`` when a group-period cell has no weight.
  /// - Complexity: O(n).
  static func estimate(_ data: CrossSectionComparison) throws(DiDError) -> ComparisonEstimate {
    let n = data.outcome.count
    let cells = (0..<n).map { (data.treated[$0] ? 2 : 0) + (data.post[$0] ? 1 : 0) }
    let w = normalized(data.weights)
    let (means, shares) = try cellMeans(data.outcome, cells: cells, weights: w, cellCount: 4)
    let signs: [Double] = [1, -1, -1, 1]  // control pre, control post, treated pre, treated post
    var influence = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let c = cells[i]
      influence[i] = signs[c] * w[i] * (data.outcome[i] - means[c]) / shares[c]
    }
    let estimate = (means[3] - means[2]) - (means[1] - means[0])
    return ComparisonEstimate(estimate: estimate, influence: influence, trimmed: 0)
  }

  /// Weights divided by their mean.
  private static func normalized(_ weights: [Double]) -> [Double] {
    let mean = weights.reduce(0, +) / Double(max(weights.count, 1))
    return weights.map { $0 / mean }
  }

  /// Weighted means of `values` by cell and each cell's share `mean(w · 1{cell})`.
  private static func cellMeans(
    _ values: [Double], cells: [Int], weights: [Double], cellCount: Int
  ) throws(DiDError) -> (means: [Double], shares: [Double]) {
    var sums = [Double](repeating: 0, count: cellCount)
    var totals = [Double](repeating: 0, count: cellCount)
    for i in values.indices {
      sums[cells[i]] += weights[i] * values[i]
      totals[cells[i]] += weights[i]
    }
    guard totals.allSatisfy({ $0 > 0 }) else {
      throw .noTreatedCohorts(reason: "a group or period of the comparison has no observations")
    }
    let n = Double(values.count)
    return (zip(sums, totals).map { $0 / $1 }, totals.map { $0 / n })
  }
}

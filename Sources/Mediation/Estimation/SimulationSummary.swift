import CausalCore

/// Summaries of simulated or resampled values of one statistic.
enum SimulationSummary {
  /// The quantile of sorted values with linear interpolation between order statistics
  /// (R's type 7, NumPy's default `percentile`): position `(S − 1) p`.
  ///
  /// - Complexity: O(1) on sorted input.
  static func quantile(sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let h = Double(sorted.count - 1) * p
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
  }

  /// `2 · min(#{x > 0}, #{x < 0}) / S`, capped at 1 (statsmodels' `_pvalue`; R's
  /// `mediation` uses the same count).
  static func pValue(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let positive = values.filter { $0 > 0 }.count
    let negative = values.filter { $0 < 0 }.count
    // Every draw exactly zero (zero by construction): no sign to test.
    guard positive + negative > 0 else { return .nan }
    return min(1, 2 * Double(min(positive, negative)) / Double(values.count))
  }

  /// The mean.
  static func mean(_ values: [Double]) -> Double {
    values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
  }

  /// The sample standard deviation (divisor `S − 1`).
  static func standardDeviation(_ values: [Double]) -> Double {
    guard values.count > 1 else { return .nan }
    let m = mean(values)
    return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
  }

  /// The median (type 7 quantile at ½).
  static func median(sorted: [Double]) -> Double { quantile(sorted: sorted, 0.5) }

  /// Quasi-Bayesian rows: mean (median for proportions), standard deviation, percentile
  /// interval and p-value of each column of `draws`.
  ///
  /// - Parameter isProportion: Whether column `j` is a proportion mediated (default: the layout
  ///   of ``MediationAnalysis``'s statistics).
  /// - Complexity: O(columns × S log S).
  static func rows(
    draws: [[Double]], names: [String], level: Double,
    isProportion: (Int) -> Bool = MediationStatistics.isProportion
  ) -> [CoefficientRow] {
    names.indices.map { j in
      let column = draws.map { $0[j] }.filter(\.isFinite)
      let sorted = column.sorted()
      let estimate = isProportion(j) ? median(sorted: sorted) : mean(column)
      return CoefficientRow(
        term: names[j], estimate: estimate, standardError: standardDeviation(column), pValue: pValue(column),
        interval: ConfidenceInterval(
          lower: quantile(sorted: sorted, (1 - level) / 2), upper: quantile(sorted: sorted, (1 + level) / 2)))
    }
  }
}

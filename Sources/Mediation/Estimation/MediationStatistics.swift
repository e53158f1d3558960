/// The full statistic vector of a mediation analysis, derived from the raw effects of
/// `MediationEffectEvaluator`: the ten joint quantities, then six per mediator.
enum MediationStatistics {
  /// Names of the ten joint quantities (statsmodels' summary labels).
  static let jointNames = [
    "ACME (control)", "ACME (treated)", "ADE (control)", "ADE (treated)", "Total effect",
    "Prop. mediated (control)", "Prop. mediated (treated)", "ACME (average)", "ADE (average)",
    "Prop. mediated (average)",
  ]

  /// Names of all statistics for the given mediators.
  static func names(mediators: [String]) -> [String] {
    jointNames
      + mediators.flatMap { m in
        [
          "ACME [\(m)] (control)", "ACME [\(m)] (treated)", "ACME [\(m)] (average)",
          "Prop. mediated [\(m)] (control)", "Prop. mediated [\(m)] (treated)", "Prop. mediated [\(m)] (average)",
        ]
      }
  }

  /// Whether statistic `index` is a proportion mediated (summarised by the median of draws).
  static func isProportion(_ index: Int) -> Bool {
    if index < 10 { return [5, 6, 9].contains(index) }
    return (index - 10) % 6 >= 3
  }

  /// The full vector from raw effects `[A0, A1, D0, D1, A1_0, A1_1, …]`.
  ///
  /// - Complexity: O(J).
  static func derive(_ raw: [Double]) -> [Double] {
    let (a0, a1, d0, d1) = (raw[0], raw[1], raw[2], raw[3])
    let total = (a0 + a1 + d0 + d1) / 2
    let p0 = a0 / total, p1 = a1 / total
    var out = [a0, a1, d0, d1, total, p0, p1, (a0 + a1) / 2, (d0 + d1) / 2, (p0 + p1) / 2]
    var j = 4
    while j + 1 < raw.count {
      let (m0, m1) = (raw[j], raw[j + 1])
      out += [m0, m1, (m0 + m1) / 2, m0 / total, m1 / total, (m0 / total + m1 / total) / 2]
      j += 2
    }
    return out
  }
}

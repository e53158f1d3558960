import CausalCore

extension FixedEffectsFit {
  /// A readable regression table in the spirit of fixest's `summary()`: the sample, the
  /// variance type, the coefficient table with significance stars, fit statistics, and every
  /// note about removed observations or variables.
  ///
  /// - Parameter title: An optional first line, for example the formula.
  /// - Returns: Multi-line text.
  /// - Complexity: O(number of coefficients).
  public func summary(title: String? = nil) -> String {
    var lines = [String]()
    if let title { lines.append(title) }
    lines.append("Observations: \(observationCount)")
    if !fixedEffectLevels.isEmpty {
      lines.append("Fixed effects: " + fixedEffectLevels.map { "\($0.name) (\($0.levels))" }.joined(separator: ", "))
    }
    var vcovLine = "Standard errors: \(varianceLabel)"
    if !clusterCounts.isEmpty {
      vcovLine += " [" + clusterCounts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value) clusters" }.joined(separator: ", ") + "]"
    }
    lines.append(vcovLine)
    lines += SummaryFormat.coefficientTable(coefficients, statistic: "t")
    var stats = "RMSE: \(SummaryFormat.number(rmse))   R2: \(SummaryFormat.fixed(r2, 5))   Adj. R2: \(SummaryFormat.fixed(adjustedR2, 5))"
    if let withinR2 { stats += "   Within R2: \(SummaryFormat.fixed(withinR2, 5))" }
    lines.append(stats)
    if let f = fTest {
      lines.append("F-test (slopes = 0): \(SummaryFormat.fixed(f.statistic, 3)) on \(f.numeratorDegreesOfFreedom) and \(f.denominatorDegreesOfFreedom) DF, p \(f.pValue < 2.2e-16 ? "" : "= ")\(SummaryFormat.pValue(f.pValue))")
    }
    for note in notes { lines.append("Note: " + note) }
    return lines.joined(separator: "\n")
  }

  /// "IID", "Heteroskedasticity-robust (HC1)", "Clustered (firm)", …
  var varianceLabel: String { varianceType.summaryLabel(iid: "IID") }
}

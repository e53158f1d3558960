import CausalCore

extension BinaryRegressionFit {
  /// A readable table in the spirit of R's `summary.glm`: the model, the variance type, the
  /// coefficient table with z values and significance stars, deviances, AIC, McFadden's R²,
  /// convergence, and every note (removals, separation warnings).
  ///
  /// - Parameter title: An optional first line, for example the formula.
  /// - Returns: Multi-line text.
  /// - Complexity: O(number of coefficients).
  public func summary(title: String? = nil) -> String {
    var lines = [String]()
    if let title { lines.append(title) }
    lines.append("Binary regression (\(link == .logit ? "logit" : "probit") link), observations: \(observationCount), events: \(eventCount)")
    var vcovLine = "Standard errors: \(varianceLabel)"
    if !clusterCounts.isEmpty {
      vcovLine += " [" + clusterCounts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value) clusters" }.joined(separator: ", ") + "]"
    }
    lines.append(vcovLine)
    let header = ["", "Estimate", "Std. Error", "z value", "Pr(>|z|)", ""]
    var table = [header]
    for row in coefficients {
      table.append([
        row.term, SummaryFormat.number(row.estimate), SummaryFormat.number(row.stdError),
        SummaryFormat.fixed(row.statistic, 3), SummaryFormat.pValue(row.pValue), SummaryFormat.stars(row.pValue),
      ])
    }
    let widths = (0..<header.count).map { c in table.map { $0[c].count }.max() ?? 0 }
    for (r, row) in table.enumerated() {
      let cells = row.enumerated().map { c, cell in
        c == 0 || c == 5 ? SummaryFormat.pad(cell, widths[c]) : SummaryFormat.leftPad(cell, widths[c])
      }
      lines.append(SummaryFormat.trimTrailing(cells.joined(separator: "  ")))
      if r == 0 { lines.append(String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))) }
    }
    lines.append("---")
    lines.append("Signif. codes: 0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1")
    lines.append(
      "Null deviance: \(SummaryFormat.fixed(nullDeviance, 3)) on \(nullDegreesOfFreedom) degrees of freedom")
    lines.append(
      "Residual deviance: \(SummaryFormat.fixed(deviance, 3)) on \(residualDegreesOfFreedom) degrees of freedom")
    lines.append(
      "Log-likelihood: \(SummaryFormat.fixed(logLikelihood, 3))   AIC: \(SummaryFormat.fixed(aic, 3))   McFadden R2: \(SummaryFormat.fixed(pseudoR2, 5))")
    lines.append(
      "IRLS iterations: \(iterations)" + (converged ? "" : " (not converged)"))
    for note in notes { lines.append("Note: " + note) }
    return lines.joined(separator: "\n")
  }

  /// "IID (inverse Fisher information)", "Heteroskedasticity-robust (HC1)", "Clustered (id)", …
  var varianceLabel: String {
    switch varianceType {
    case .iid: return "IID (inverse Fisher information)"
    case .hetero: return "Heteroskedasticity-robust (HC1)"
    case .hc0: return "Heteroskedasticity-robust (HC0)"
    case .hc2: return "Heteroskedasticity-robust (HC2)"
    case .hc3: return "Heteroskedasticity-robust (HC3)"
    case .cluster(let names): return "Clustered (\(names.joined(separator: " & ")))"
    }
  }
}

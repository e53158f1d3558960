import CausalCore

extension BinaryRegressionFit {
  /// The summary without a title line; see ``summary(title:)``.
  public func summary() -> String { summary(title: nil) }

  /// A readable table in the spirit of R's `summary.glm`: the model, the variance type, the
  /// coefficient table with z values and significance stars, deviances, AIC, McFadden's R²,
  /// convergence, and every note (removals, separation warnings).
  ///
  /// - Parameter title: An optional first line, for example the formula.
  /// - Returns: Multi-line text.
  /// - Complexity: O(number of coefficients).
  public func summary(title: String?) -> String {
    var lines = [String]()
    if let title { lines.append(title) }
    lines.append("Binary regression (\(link == .logit ? "logit" : "probit") link), observations: \(observationCount), events: \(eventCount)")
    var vcovLine = "Standard errors: \(varianceLabel)"
    if !clusterCounts.isEmpty {
      vcovLine += " [" + clusterCounts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value) clusters" }.joined(separator: ", ") + "]"
    }
    lines.append(vcovLine)
    lines += SummaryFormat.coefficientTable(coefficients, statistic: "z")
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
  var varianceLabel: String { varianceType.summaryLabel(iid: "IID (inverse Fisher information)") }
}

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

/// Number formatting for printed summaries (no Foundation formatters, locale independent).
enum SummaryFormat {
  static func number(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    let a = abs(x)
    if a != 0 && (a < 1e-4 || a >= 1e6) { return scientific(x) }
    return fixed(x, a >= 100 ? 3 : 6)
  }

  static func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "\(x)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (abs(x) * scale).rounded()
    guard r < 9e18 else { return scientific(x) }
    let whole = Int64(r / scale)
    let frac = Int64(r - Double(whole) * scale)
    var fracText = String(frac)
    while fracText.count < digits { fracText = "0" + fracText }
    return (x < 0 && r != 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + fracText : "")
  }

  static func scientific(_ x: Double) -> String {
    guard x != 0, x.isFinite else { return "\(x)" }
    var e = 0
    var m = abs(x)
    while m >= 10 { m /= 10; e += 1 }
    while m < 1 { m *= 10; e -= 1 }
    if fixed(m, 3) == "10.000" { m /= 10; e += 1 }
    return (x < 0 ? "-" : "") + fixed(m, 3) + "e" + (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
  }

  static func pValue(_ p: Double) -> String {
    if p < 2.2e-16 { return "< 2.2e-16" }
    if p < 1e-4 { return scientific(p) }
    return fixed(p, 4)
  }

  static func stars(_ p: Double) -> String {
    p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : ""
  }

  static func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
  static func leftPad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
  static func trimTrailing(_ s: String) -> String {
    var t = Substring(s)
    while t.last == " " { t.removeLast() }
    return String(t)
  }
}

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
    let header = ["", "Estimate", "Std. Error", "t value", "Pr(>|t|)", ""]
    var table = [header]
    for row in coefficients {
      table.append([
        row.term, Self.number(row.estimate), Self.number(row.stdError), Self.fixed(row.statistic, 3),
        Self.pValue(row.pValue), Self.stars(row.pValue),
      ])
    }
    let widths = (0..<header.count).map { c in table.map { $0[c].count }.max() ?? 0 }
    for (r, row) in table.enumerated() {
      let cells = row.enumerated().map { c, cell in
        c == 0 || c == 5 ? cell.padding(widths[c]) : cell.leftPadding(widths[c])
      }
      lines.append(cells.joined(separator: "  ").trailingSpacesRemoved)
      if r == 0 { lines.append(String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))) }
    }
    lines.append("---")
    lines.append("Signif. codes: 0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1")
    var stats = "RMSE: \(Self.number(rmse))   R2: \(Self.fixed(r2, 5))   Adj. R2: \(Self.fixed(adjustedR2, 5))"
    if let withinR2 { stats += "   Within R2: \(Self.fixed(withinR2, 5))" }
    lines.append(stats)
    if let f = fTest {
      lines.append("F-test (slopes = 0): \(Self.fixed(f.statistic, 3)) on \(f.numeratorDF) and \(f.denominatorDF) DF, p \(f.pValue < 2.2e-16 ? "" : "= ")\(Self.pValue(f.pValue))")
    }
    for note in notes { lines.append("Note: " + note) }
    return lines.joined(separator: "\n")
  }

  /// "IID", "Heteroskedasticity-robust (HC1)", "Clustered (firm)", …
  var varianceLabel: String {
    switch varianceType {
    case .iid: return "IID"
    case .hetero: return "Heteroskedasticity-robust (HC1)"
    case .hc0: return "Heteroskedasticity-robust (HC0)"
    case .hc2: return "Heteroskedasticity-robust (HC2)"
    case .hc3: return "Heteroskedasticity-robust (HC3)"
    case .cluster(let names): return "Clustered (\(names.joined(separator: " & ")))"
    }
  }

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
}

extension String {
  func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
  func leftPadding(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
  var trailingSpacesRemoved: String {
    var s = Substring(self)
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}

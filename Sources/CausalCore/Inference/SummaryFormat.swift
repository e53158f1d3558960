/// Number formatting for printed summaries shared by every estimator: locale independent and
/// without Foundation formatters, in the style of R's `summary()` tables.
package enum SummaryFormat {
  package static func number(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    let a = abs(x)
    if a != 0 && (a < 1e-4 || a >= 1e6) { return scientific(x) }
    return fixed(x, a >= 100 ? 3 : 6)
  }

  package static func fixed(_ x: Double, _ digits: Int) -> String {
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

  package static func scientific(_ x: Double) -> String {
    guard x != 0, x.isFinite else { return "\(x)" }
    var e = 0
    var m = abs(x)
    while m >= 10 { m /= 10; e += 1 }
    while m < 1 { m *= 10; e -= 1 }
    if fixed(m, 3) == "10.000" { m /= 10; e += 1 }
    return (x < 0 ? "-" : "") + fixed(m, 3) + "e" + (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
  }

  package static func pValue(_ p: Double) -> String {
    if p < 2.2e-16 { return "< 2.2e-16" }
    if p < 1e-4 { return scientific(p) }
    return fixed(p, 4)
  }

  package static func stars(_ p: Double) -> String {
    p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : ""
  }

  /// An integer with thousands separators: `15,992`, `-1,794`.
  package static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }

  package static func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
  package static func leftPad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
  package static func trimTrailing(_ s: String) -> String {
    var t = Substring(s)
    while t.last == " " { t.removeLast() }
    return String(t)
  }

  /// The coefficient block of an R-style `summary()`: a header, a rule, one line per row with
  /// estimate, standard error, statistic, p-value and significance stars, then the legend.
  ///
  /// - Parameters:
  ///   - rows: The tidy rows.
  ///   - statistic: The statistic's letter, `"t"` or `"z"`.
  /// - Returns: The lines, without trailing spaces.
  /// - Complexity: O(rows).
  package static func coefficientTable(_ rows: [CoefficientRow], statistic: String) -> [String] {
    let header = ["", "Estimate", "Std. Error", "\(statistic) value", "Pr(>|\(statistic)|)", ""]
    var table = [header]
    for row in rows {
      table.append([
        row.term, number(row.estimate), number(row.standardError), fixed(row.statistic, 3), pValue(row.pValue),
        stars(row.pValue),
      ])
    }
    let widths = (0..<header.count).map { c in table.map { $0[c].count }.max() ?? 0 }
    var lines = [String]()
    for (r, row) in table.enumerated() {
      let cells = row.enumerated().map { c, cell in c == 0 || c == 5 ? pad(cell, widths[c]) : leftPad(cell, widths[c]) }
      lines.append(trimTrailing(cells.joined(separator: "  ")))
      if r == 0 { lines.append(String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))) }
    }
    lines.append("---")
    lines.append("Signif. codes: 0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1")
    return lines
  }
}

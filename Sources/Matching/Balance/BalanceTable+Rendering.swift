import Foundation

extension BalanceTable {
  /// The columns of MatchIt's balance tables.
  static let statisticHeaders = ["Means Treated", "Means Control", "Std. Mean Diff.", "Var. Ratio", "eCDF Mean", "eCDF Max"]
  /// The columns of MatchIt's improvement table.
  static let improvementHeaders = ["Std. Mean Diff.", "Var. Ratio", "eCDF Mean", "eCDF Max"]

  /// A text summary laid out like MatchIt's `print(summary(m, improvement = TRUE))`.
  ///
  /// Sections: a header naming the estimand and SMD denominator; "Summary of Balance for All
  /// Data"; "Summary of Balance for Matched Data" and "Percent Balance Improvement" when
  /// matched; "Sample Sizes". Statistics have `digits` decimals (MatchIt: 4), improvements 1.
  /// A `nil` value (MatchIt's `NA`) prints as `.`; NaN as `NaN`; ±∞ as `Inf`/`-Inf` (MatchIt
  /// prints `N/A` for infinite values).
  ///
  /// - Parameter digits: Decimals for statistics.
  /// - Returns: Lines separated by `\n`, ending with a newline.
  /// - Complexity: O(number of rows).
  public func summary(digits: Int) -> String {
    render(digits: digits, firstHeader: "", title: { "\n\($0):\n" }, table: Self.aligned)
  }

  /// The same tables in Markdown: one pipe table per section, covariates left-aligned, numbers
  /// right-aligned, with the same cell text as ``summary(digits:)``.
  ///
  /// - Parameter digits: Decimals for statistics.
  /// - Complexity: O(number of rows).
  public func markdown(digits: Int = 4) -> String {
    render(digits: digits, firstHeader: "Covariate", title: { "\n**\($0)**\n\n" }, table: Self.pipeTable)
  }

  /// The sections of both layouts: `title` formats a section title, `table` lays out cells.
  private func render(
    digits: Int, firstHeader: String, title: (String) -> String, table: ([String], [[String]]) -> String
  ) -> String {
    var out = "Covariate balance (estimand \(estimand.rawValue); SMD denominator: \(smdDenominator))\n"
    out += title("Summary of Balance for All Data")
    out += table([firstHeader] + Self.statisticHeaders, statisticCells(after: false, digits: digits))
    if isMatched {
      out += title("Summary of Balance for Matched Data")
      out += table([firstHeader] + Self.statisticHeaders, statisticCells(after: true, digits: digits))
      out += title("Percent Balance Improvement")
      out += table([firstHeader] + Self.improvementHeaders, improvementCells())
    }
    out += title("Sample Sizes")
    out += table(["", "Control", "Treated"], sampleSizeCells())
    return out
  }

  // MARK: - Cells

  /// One line of cells per covariate for the sample before or after matching.
  func statisticCells(after: Bool, digits: Int) -> [[String]] {
    rows.map { row in
      let s = after ? row.after : row.before
      return [row.covariate]
        + [
          s?.meanTreated, s?.meanControl, s?.standardizedMeanDifference, s?.varianceRatio,
          s?.ecdfMean, s?.ecdfMax,
        ].map { Self.cell($0, digits: digits) }
    }
  }

  /// One line of improvement cells per covariate.
  func improvementCells() -> [[String]] {
    rows.map { row in
      let i = row.improvement
      return [row.covariate]
        + [i?.standardizedMeanDifference, i?.varianceRatio, i?.ecdfMean, i?.ecdfMax]
        .map { Self.cell($0, digits: 1) }
    }
  }

  /// The sample-size lines; effective sizes appear only where they differ from the counts.
  func sampleSizeCells() -> [[String]] {
    let s = sampleSizes
    var body: [[String]] = []
    func count(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%.2f", v) }
    if s.allEffectiveControl != Double(s.allControl) || s.allEffectiveTreated != Double(s.allTreated) {
      body.append(["All (ESS)", count(s.allEffectiveControl), count(s.allEffectiveTreated)])
    }
    body.append(["All", String(s.allControl), String(s.allTreated)])
    if let mc = s.matchedControl, let mt = s.matchedTreated, let ec = s.matchedEffectiveControl,
      let et = s.matchedEffectiveTreated, let uc = s.unmatchedControl, let ut = s.unmatchedTreated
    {
      if ec != Double(mc) || et != Double(mt) {
        body.append(["Matched (ESS)", count(ec), count(et)])
      }
      body.append(["Matched", String(mc), String(mt)])
      body.append(["Unmatched", String(uc), String(ut)])
    }
    return body
  }

  /// Formats one number: fixed decimals, `.` for `nil`, `NaN`, `Inf`, `-Inf`.
  static func cell(_ value: Double?, digits: Int) -> String {
    guard let value else { return "." }
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
    return String(format: "%.\(max(0, digits))f", value)
  }

  // MARK: - Layout

  /// Lays out cells in columns: the first column left-aligned, the others right-aligned,
  /// separated by one space.
  static func aligned(_ header: [String], _ body: [[String]]) -> String {
    let lines = [header] + body
    var widths = [Int](repeating: 0, count: header.count)
    for line in lines {
      for (j, cell) in line.enumerated() where j < widths.count { widths[j] = max(widths[j], cell.count) }
    }
    var out = ""
    for line in lines {
      var parts: [String] = []
      for (j, cell) in line.enumerated() where j < widths.count {
        let pad = String(repeating: " ", count: widths[j] - cell.count)
        parts.append(j == 0 ? cell + pad : pad + cell)
      }
      out += parts.joined(separator: " ") + "\n"
    }
    return out
  }

  /// A Markdown pipe table: first column left-aligned, others right-aligned.
  static func pipeTable(_ header: [String], _ body: [[String]]) -> String {
    func line(_ cells: [String]) -> String {
      "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
    }
    let rule = "|" + header.indices.map { $0 == 0 ? " :--- |" : " ---: |" }.joined() + "\n"
    return line(header) + rule + body.map(line).joined()
  }
}

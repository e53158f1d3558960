import CausalCore

/// A compact before/after balance table for papers: covariate means, standardized mean
/// differences and variance ratios among all units and in the matched sample, side by side,
/// as text, Markdown or LaTeX.
///
/// It reads the numbers of any `BalanceSummary` (a matching's `BalanceTable`, say) and does
/// not recompute them; for MatchIt's full layout (eCDF statistics, percent improvement) use
/// `BalanceTable.summary()` or `BalanceTable.markdown()`.
///
/// ```swift
/// let report = try BalanceReport(matching.balance, labels: ["re74": "Earnings 1974"])
/// print(report.render(.markdown))
/// ```
///
/// ## Columns
///
/// Covariate; mean among the treated and the controls (all units, then matched); SMD (all,
/// matched); variance ratio (all, matched; continuous covariates only, `.` otherwise). A table
/// without an adjusted sample has only the "all" columns. The notes name the SMD denominator,
/// say how binary covariates are compared, and give the sample sizes.
public struct BalanceReport: Sendable {
  /// The balance assessment reported.
  public var balance: any BalanceSummary
  /// Display names by covariate row name; unlisted covariates print as they are.
  public var labels: [String: String]
  /// Decimals of every statistic.
  public var digits: Int
  /// A caption (a LaTeX `table` float's `\caption`).
  public var caption: String?

  /// Creates the report.
  ///
  /// - Parameters:
  ///   - balance: The balance assessment, e.g. a `BalanceTable`.
  ///   - labels: Display names by covariate.
  ///   - digits: Decimals, 0 to 10.
  ///   - caption: An optional caption.
  /// - Throws: ``ReportingError/empty(what:)`` for a table without covariates;
  ///   ``ReportingError/invalidOption(name:value:reason:)`` for digits outside 0...10.
  /// - Complexity: O(1).
  public init(
    _ balance: some BalanceSummary, labels: [String: String] = [:], digits: Int = 3, caption: String? = nil
  ) throws(ReportingError) {
    guard !balance.balanceRows.isEmpty else { throw .empty(what: "the balance table's covariates") }
    guard (0...10).contains(digits) else { throw .invalidOption(name: "digits", value: "\(digits)", reason: "must be in 0...10") }
    self.balance = balance
    self.labels = labels
    self.digits = digits
    self.caption = caption
  }

  /// Renders the report.
  ///
  /// - Parameter format: Text, Markdown or LaTeX.
  /// - Returns: The table, ending with a newline.
  /// - Complexity: O(covariates).
  public func render(_ format: TableFormat) -> String {
    grid().render(format)
  }

  /// The format-independent grid.
  func grid() -> TableGrid {
    let matched = balance.isAdjusted
    var header = ["Covariate", "Treated (all)", "Control (all)"]
    if matched { header += ["Treated (matched)", "Control (matched)"] }
    header += matched ? ["SMD (all)", "SMD (matched)", "Var. ratio (all)", "Var. ratio (matched)"] : ["SMD", "Var. ratio"]
    func cell(_ x: Double?) -> String { x.map { SummaryNumber.fixed($0, digits) } ?? "." }
    let body = balance.balanceRows.map { row -> TableGrid.Row in
      var cells = [labels[row.covariate] ?? row.covariate, cell(row.before.meanTreated), cell(row.before.meanControl)]
      if matched { cells += [cell(row.after?.meanTreated), cell(row.after?.meanControl)] }
      cells.append(cell(row.before.standardizedMeanDifference))
      if matched { cells.append(cell(row.after?.standardizedMeanDifference)) }
      cells.append(cell(row.before.varianceRatio))
      if matched { cells.append(cell(row.after?.varianceRatio)) }
      return TableGrid.Row(cells: cells, stars: Array(repeating: "", count: cells.count))
    }
    let sizes = balance.balanceSampleSizes
    var notes = [
      "SMD: difference in means over the \(balance.smdDenominatorDescription) (estimand \(balance.estimandName)).",
      balance.standardizesBinaryCovariates
        ? "Binary covariates standardized by sqrt(p(1 - p)); variance ratios for continuous covariates only."
        : "Binary covariates: raw difference in proportions in the SMD columns; variance ratios for continuous covariates only.",
    ]
    var sizeNote = "All: \(SummaryNumber.grouped(sizes.treated)) treated, \(SummaryNumber.grouped(sizes.control)) control."
    if let mt = sizes.adjustedTreated, let mc = sizes.adjustedControl {
      sizeNote += " Matched: \(SummaryNumber.grouped(mt)) treated, \(SummaryNumber.grouped(mc)) control"
      if let ec = sizes.adjustedEffectiveControl, ec != Double(mc) { sizeNote += " (effective \(SummaryNumber.fixed(ec, 1)))" }
      sizeNote += "."
    }
    notes.append(sizeNote)
    var grid = TableGrid(
      header: header, alignment: [.left] + Array(repeating: .right, count: header.count - 1), sections: [body],
      notes: notes)
    grid.caption = caption
    return grid
  }
}

import CausalKit

extension StudyTables {
  /// The causal-chain estimates as LaTeX (booktabs) tables, or `nil` when the stage did not
  /// run: the path-specific effects with the joint, direct and total effects, and the
  /// interventional and initiated effects per mediator, one column pair (estimate with its 95%
  /// interval, truth) per subject. Without a truth the truth columns show dashes.
  ///
  /// - Parameter truth: The simulation's truth, or `nil`.
  public func causalChainLatex(truth: SimulationTruth?) -> String? {
    guard let chain = results.chain, !chain.outcomes.isEmpty else { return nil }
    let comparison = CausalChainComparison(chain: chain, truth: truth)
    let first = chain.outcomes[0].outcome
    let pathRows = comparison.entries(outcome: first, kind: .path) + comparison.entries(outcome: first, kind: .joint)
      + comparison.entries(outcome: first, kind: .total)
    let mediatorRows = comparison.entries(outcome: first, kind: .interventional)
      + comparison.entries(outcome: first, kind: .dependence) + comparison.entries(outcome: first, kind: .initiated)
    let paths = table(
      comparison, outcomes: chain.outcomes.map(\.outcome), template: pathRows,
      caption: "Path-specific effects along leadership (L) $\\to$ teaching style (T) $\\to$ peer relationships (P)",
      note: "SequentialMediation with school and year fixed effects; delta-method 95\\% intervals clustered by school.")
    let mediators = table(
      comparison, outcomes: chain.outcomes.map(\.outcome), template: mediatorRows,
      caption: "Interventional effects and effects initiated at each mediator",
      note: "Interventional: InterventionalMediation on within-school data, cluster bootstrap over schools (B = \(chain.replicates)). "
        + "Initiated at M: the paths starting at M (the chain truncated after M; delta method).")
    return paths + "\n\n" + mediators
  }

  /// One booktabs table: a row per entry of `template` (matched by kind and mediators in each
  /// outcome), a column pair per outcome.
  private func table(
    _ comparison: CausalChainComparison, outcomes: [String], template: [CausalChainComparison.Entry], caption: String,
    note: String
  ) -> String {
    typealias F = NumberFormatting
    var lines = [
      "\\begin{table}[htbp]", "\\centering", "\\caption{\(caption)}", "\\begin{tabular}{l" + String(repeating: "cc", count: outcomes.count) + "}",
      "\\toprule",
      "Effect & " + outcomes.map { "\\multicolumn{2}{c}{\(StudyFigures.displayName($0))}" }.joined(separator: " & ") + " \\\\",
      " & " + outcomes.map { _ in "Estimate [95\\% CI] & True" }.joined(separator: " & ") + " \\\\", "\\midrule",
    ]
    for row in template {
      var cells = [Self.latexLabel(row.label)]
      for outcome in outcomes {
        let e = comparison.entries(outcome: outcome, kind: row.kind).first { $0.mediators == row.mediators }
        cells.append(e.map { "\(F.fixed($0.row.estimate)) [\(F.fixed($0.row.confLow)), \(F.fixed($0.row.confHigh))]" } ?? "--")
        cells.append(e?.truth.map { F.fixed($0) } ?? "--")
      }
      lines.append(cells.joined(separator: " & ") + " \\\\")
    }
    lines += ["\\bottomrule", "\\end{tabular}", "\\par\\smallskip\\footnotesize \(note)", "\\end{table}"]
    return lines.joined(separator: "\n")
  }

  /// A label with its arrows as LaTeX math.
  static func latexLabel(_ label: String) -> String {
    label.replacingOccurrences(of: " → ", with: " $\\to$ ").replacingOccurrences(of: "_", with: "\\_")
  }
}

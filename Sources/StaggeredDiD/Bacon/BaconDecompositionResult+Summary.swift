extension BaconDecompositionResult {
  /// A readable report in the style of R's bacondecomp: the panel, the totals by type
  /// (`bacon_summary()`: weight and weighted average estimate), the two-way fixed-effects
  /// coefficient next to the weighted sum of the 2×2 estimates, then every comparison
  /// (`bacon()`'s table: treated group, control group, estimate, weight, type).
  ///
  /// Control groups are printed as their first treated period, `never` or `always`.
  ///
  /// - Returns: Multi-line text without trailing spaces.
  /// - Complexity: O(comparisons).
  public func summary() -> String {
    var lines = ["Goodman-Bacon decomposition of the two-way fixed-effects coefficient"]
    lines.append("Outcome: \(outcome)   Treatment: \(treatment)   Unit: \(unit)   Time: \(time)")
    lines.append(
      "Panel: \(SummaryFormat.grouped(unitCount)) units x \(periodCount) periods (\(firstPeriod) to \(lastPeriod)), "
        + "\(SummaryFormat.grouped(observationCount)) observations")
    let groups = timingGroups.map { "\($0.firstTreated) (\($0.units))" }.joined(separator: ", ")
    lines.append("Timing groups (first treated period, units): \(groups)")
    lines.append("Never-treated units: \(neverTreatedUnits)   Always-treated units: \(alwaysTreatedUnits)")
    lines.append("")
    lines += Self.columns(
      ["type", "weight", "avg_est", "comparisons"],
      totals.map { [$0.type.label, Self.decimal($0.weight), Self.decimal($0.estimate), "\($0.comparisons)"] })
    lines.append("")
    lines.append("Two-way fixed effects, \(outcome) ~ \(treatment) | \(unit) + \(time), standard errors clustered by \(unit):")
    lines += SummaryFormat.coefficientTable([twoWayFixedEffects], statistic: "t")
    lines.append(
      "Weighted sum of the 2x2 estimates: \(SummaryFormat.number(weightedSum)) (minus the coefficient: "
        + "\(SummaryFormat.scientific(weightedSum - twoWayFixedEffects.estimate)))")
    lines.append("")
    lines.append("2x2 comparisons:")
    lines += Self.columns(
      ["treated", "untreated", "estimate", "weight", "type"],
      comparisons.map {
        ["\($0.treatedGroup)", Self.controlLabel($0), Self.decimal($0.estimate), Self.decimal($0.weight), $0.type.label]
      }, leftAligned: 4)
    return lines.joined(separator: "\n")
  }

  /// The control group as printed: its first treated period, `never` or `always`.
  private static func controlLabel(_ comparison: BaconComparison) -> String {
    if let group = comparison.controlGroup { return "\(group)" }
    return comparison.type == .treatedVsAlwaysTreated ? "always" : "never"
  }

  /// Five decimals, as `bacon_summary()` rounds.
  private static func decimal(_ x: Double) -> String { SummaryFormat.fixed(x, 5) }

  /// Columns under a header, two spaces apart, right-aligned as R prints a data frame except
  /// the column `leftAligned`.
  private static func columns(_ header: [String], _ body: [[String]], leftAligned: Int? = nil) -> [String] {
    let rows = [header] + body
    let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
    return rows.map { row in
      let cells = row.indices.map { c in
        c == leftAligned ? SummaryFormat.pad(row[c], widths[c]) : SummaryFormat.leftPad(row[c], widths[c])
      }
      return SummaryFormat.trimTrailing(cells.joined(separator: "  "))
    }
  }
}

import CausalKit

extension MarkdownReport {
  /// The HonestDiD subsection of the staggered-adoption section: the figure, a table with one
  /// column per outcome (the Callaway-Sant'Anna effect at event time 0, its original interval,
  /// the robust interval for each M̄ and the breakdown M̄) and how to read it; the reason for
  /// every outcome without an analysis; `nil` when the analysis did not run.
  ///
  /// - Parameter outcomes: The outcomes with Callaway-Sant'Anna estimates.
  /// - Returns: Markdown, starting with the subsection's heading.
  public func sensitivitySection(_ outcomes: [OutcomeAnalysis]) -> String? {
    let summaries = outcomes.compactMap(\.sensitivity)
    guard !summaries.isEmpty else { return nil }
    var out = "\n### Sensitivity to violations of parallel trends (HonestDiD)\n"
    let analysed = summaries.filter { $0.result != nil }
    if !analysed.isEmpty { out += figure("honest-did.svg") + "\n" + sensitivityTable(analysed) + "\n" + sensitivityReading(analysed) }
    for s in summaries where s.result == nil {
      out += "\(StudyFigures.displayName(s.outcome)): not computed (\(s.unavailable ?? "no result")).\n"
    }
    return out
  }

  /// One column per outcome: estimate, truth, the pre-period yardstick, the original and the
  /// robust intervals, and the breakdown M̄.
  func sensitivityTable(_ summaries: [SensitivityOutcome]) -> String {
    typealias F = NumberFormatting
    let results = summaries.compactMap(\.result)
    let interval = { (low: Double, high: Double) in
      low.isNaN || high.isNaN ? "empty" : "[\(F.fixed(low)), \(F.fixed(high))]"
    }
    var rows = [["CS effect at event time 0 (SE)"] + results.map { "\(F.fixed($0.estimate)) (\(F.fixed($0.standardError)))" }]
    if let truth {
      rows.append(["True effect"] + summaries.map { s in
        truth.truth(forOutcome: s.outcome)?.byEventTime[StudyPipeline.sensitivityEventTime].map { F.fixed($0) } ?? "—"
      })
    }
    rows.append(["Largest pre-period change"] + summaries.map { $0.largestPreTreatmentChange.map { F.fixed($0) } ?? "—" })
    rows.append(["Original 95% CI"] + results.map { interval($0.original.lower, $0.original.upper) })
    for (i, row) in (results.first?.robust ?? []).enumerated() {
      rows.append(["M̄ = \(F.compact(row.value))"] + results.map { r in
        guard i < r.robust.count else { return "—" }
        let robust = r.robust[i]
        return interval(robust.interval.lower, robust.interval.upper) + (robust.atGridEnd ? " †" : "")
      })
    }
    rows.append(["**Breakdown M̄**"] + summaries.map { "**\($0.breakdownText)**" })
    return Self.pipeTable(
      header: [""] + summaries.map { StudyFigures.displayName($0.outcome) }, rows: rows, leftAligned: 1)
  }

  /// How to read the table, and what was computed.
  func sensitivityReading(_ summaries: [SensitivityOutcome]) -> String {
    let first = summaries.compactMap(\.result).first
    let pre = first.map { $0.prePeriods.map(String.init).joined(separator: ", ") } ?? "—"
    var out = "Callaway-Sant'Anna refitted with a universal base period (every event time against the year before "
    out += "joining, `e = -1`; pre-periods \(pre)), aggregated by event time; its post-treatment estimates are those of the "
    out += "event-study table above. The original interval assumes parallel trends hold exactly after treatment. "
    out += "Row M̄ instead allows the treated-minus-control gap to drift after treatment, each year by up to M̄ times "
    out += "the largest year-to-year change of the pre-treatment estimates (the \"largest pre-period change\" row, the "
    out += "reference year's zero included): Rambachan and Roth's (2023) relative-magnitude restriction, "
    out += "conditional least-favourable hybrid 95% intervals (`ParallelTrendsSensitivity`"
    out += first.map { ", \($0.gridPoints ?? 0) grid points on ±20 standard errors around the estimate, seed \($0.seed ?? 0)" } ?? ""
    out += "). M̄ = 1: after treatment, trends diverge no more than they did at worst before it. The intervals do not "
    out += "simply widen by M̄ times the largest pre-period change: that change is estimated too, and they allow for its "
    out += "sampling error.\n\n"
    out += "**Breakdown M̄**: the largest post-treatment violation, relative to the largest pre-treatment one, at which "
    out += "the effect stays significant (the largest M̄ of the grid up to which every interval excludes 0; the exact "
    out += "value lies between it and the next M̄, \"≥\" when the whole grid passes). A breakdown M̄ well above 1 means "
    out += "the conclusion survives violations larger than any the pre-treatment years show.\n\n"
    out += "Target: the effect at event time 0, the joining year, not the mean of the post-treatment event times. Under "
    out += "this restriction the bias allowed at event time `e` grows as `(e + 1) M̄` times the largest pre-period change, "
    out += "so the mean over event times mixes different amounts of allowed drift and is driven by the latest event "
    out += "times (under staggered adoption estimated from the earliest cohort alone); the joining year is the period "
    out += "the pre-treatment trends speak to most directly, and HonestDiD's default.\n"
    if summaries.compactMap(\.result).contains(where: { $0.robust.contains(where: \.atGridEnd) }) {
      out += "† The interval reaches the end of the test-inversion grid (±20 standard errors): the true interval is longer.\n"
    }
    return out
  }
}

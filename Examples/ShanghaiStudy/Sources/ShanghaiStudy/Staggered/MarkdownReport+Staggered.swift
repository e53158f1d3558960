import CausalKit

extension MarkdownReport {
  /// The staggered-adoption section: the overall effect by every estimator against the truths,
  /// the TWFE and Callaway-Sant'Anna event studies side by side, the Goodman-Bacon
  /// decomposition of the TWFE DiD, and the HonestDiD sensitivity analysis of the
  /// Callaway-Sant'Anna event study (``sensitivitySection(_:)``); `nil` when the
  /// heterogeneity-robust estimators did not run.
  public func staggeredSection() -> String? {
    let outcomes = results.outcomes.filter { $0.callawaySantAnna != nil }
    guard !outcomes.isEmpty else { return nil }
    var out = adoptionSentence() + "\n\n"
    out += "### Overall effect\n\n" + overallTable(outcomes)
    out += "\n### Event study: TWFE and Callaway-Sant'Anna\n" + figure("staggered-event-study.svg") + "\n"
    out += eventTimeTable(outcomes)
    out += "\n### Goodman-Bacon decomposition of the TWFE DiD\n" + figure("bacon.svg") + "\n" + baconTable(outcomes)
    out += sensitivitySection(outcomes) ?? ""
    return out
  }

  /// When the treated units start treatment.
  func adoptionSentence() -> String {
    let periods = results.adoptionPeriods
    var text = periods.count > 1
      ? "Staggered adoption: treated units start in \(periods.map(String.init).joined(separator: ", ")). "
      : "All \(results.treatedUnits) treated units start in \(periods.first ?? results.firstTreatedPeriod), so TWFE, "
        + "Callaway-Sant'Anna and the doubly robust DiD estimate the same effect here; they part ways under staggered "
        + "adoption with effects that change with exposure (`ssp-study --staggered`). "
    text += "**Callaway-Sant'Anna** (CS): group-time effects of each adoption cohort against never-treated units, "
    text += "traditional doubly robust 2×2 comparisons with \(conditioning()), on the student rows as repeated "
    text += "cross-sections, standard errors from influence functions clustered by \(results.schema.unit). "
    text += "**DR DiD**: Sant'Anna-Zhao improved doubly robust 2×2 DiD with \(conditioning()) on the "
    text += "\(results.schema.unit) panel of pre- and post-period means (the modern PSM-DiD)."
    if let truth, truth.subjects.contains(where: \.growsWithExposure), let c = configuration {
      text += "\n\nTrue effect by event time `e` (years since a school joined): `τ(e) = total · (1 + "
      text += "\(NumberFormatting.fixed(c.exposureGrowth, 2)) (e − 1))`."
    }
    return text
  }

  /// "prior achievement" or the covariate list, or "no covariates".
  func conditioning() -> String {
    let names = results.schema.conditioningCovariates.map { StudyFigures.covariateLabels[$0]?.lowercased() ?? "`\($0)`" }
    return names.isEmpty ? "no covariates" : names.joined(separator: ", ")
  }

  /// Truths and every estimator's overall effect, one row per outcome.
  func overallTable(_ outcomes: [OutcomeAnalysis]) -> String {
    typealias F = NumberFormatting
    var rows = [[String]]()
    for a in outcomes {
      let t = truth?.truth(forOutcome: a.outcome)
      let cs = a.callawaySantAnna
      rows.append([
        StudyFigures.displayName(a.outcome), t.map { F.fixed($0.treatedAverage) } ?? "—", F.withInterval(a.difference.row),
        t.map { F.fixed($0.cohortWeightedAverage) } ?? "—", cs.map { F.withInterval($0.simple) } ?? "—",
        t.map { F.fixed($0.eventTimeAverage) } ?? "—", cs.map { F.withInterval($0.dynamic.overall) } ?? "—",
        a.matchedDifference.map { F.withInterval($0.row) } ?? "—", a.doublyRobust.map { F.withInterval($0.estimate.row) } ?? "—",
      ])
    }
    var out = Self.pipeTable(
      header: [
        "Subject", "True ATT", "TWFE DiD", "True (CS simple)", "CS simple ATT", "True (event-time mean)",
        "CS event-time mean", "PSM-DiD", "DR DiD",
      ], rows: rows, leftAligned: 1)
    out += "\nTrue ATT: the mean effect over every treated student-year (what a static DiD claims to estimate). "
    out += "CS simple ATT weights every post-treatment cohort-year cell by the cohort's share of the students; "
    out += "the CS event-time mean is the mean of the event-time effects `e ≥ 0` (each event time counts once). "
    out += "Without effects that change with exposure all truths are equal.\n"
    if let dr = outcomes.compactMap(\.doublyRobust).first {
      out += "DR DiD: \(dr.treatedSchools) treated and \(dr.comparisonSchools) comparison schools"
      out += dr.trimmedSchools > 0 ? ", \(dr.trimmedSchools) comparison schools trimmed (propensity score ≥ 0.995)" : ""
      out += dr.droppedRows > 0 ? ", \(dr.droppedRows) school-half rows removed (no pre- or post-period students)" : ""
      out += ".\n"
    }
    let notes = Set(outcomes.compactMap(\.callawaySantAnna).flatMap(\.notes)).sorted()
    if let cs = outcomes.compactMap(\.callawaySantAnna).first {
      out += "CS: \(cs.observations) students in \(cs.clusters) clusters, \(cs.groupTimeEffects.count) group-time cells"
      out += cs.trimmed > 0 ? ", \(cs.trimmed) comparison rows trimmed" : ""
      out += ".\(notes.isEmpty ? "" : " " + notes.joined(separator: " "))\n"
    }
    return out
  }

  /// TWFE event study against Callaway-Sant'Anna's dynamic aggregation, by subject and event
  /// time, with the true effect.
  func eventTimeTable(_ outcomes: [OutcomeAnalysis]) -> String {
    typealias F = NumberFormatting
    var rows = [[String]]()
    for a in outcomes {
      let t = truth?.truth(forOutcome: a.outcome)
      let twfe = Dictionary(a.eventStudy.estimates.map { ($0.relativeTime, $0) }, uniquingKeysWith: { x, _ in x })
      let cs = Dictionary((a.callawaySantAnna?.dynamic.breakdown ?? []).map { ($0.key, $0.row) }, uniquingKeysWith: { x, _ in x })
      for e in Set(twfe.keys).union(cs.keys).sorted() {
        let trueValue = t.map { e < 0 ? 0 : ($0.byEventTime[e] ?? .nan) }
        let twfeCell = twfe[e].map { $0.isReference ? "0 (reference)" : "\(F.fixed($0.row.estimate)) (\(F.fixed($0.row.standardError)))" }
        rows.append([
          StudyFigures.displayName(a.outcome), "\(e)", trueValue.map { F.fixed($0) } ?? "—", twfeCell ?? "—",
          cs[e].map { "\(F.fixed($0.estimate)) (\(F.fixed($0.standardError)))" } ?? "—",
        ])
      }
    }
    var out = Self.pipeTable(header: ["Subject", "Event time", "True", "TWFE event study (SE)", "CS dynamic (SE)"], rows: rows, leftAligned: 2)
    out += "\nEvent time: years since the school joined (0 in its first project year). TWFE: `y ~ i(event_time, ref = -1) | "
    out += "\(results.schema.unit) + \(results.schema.time)`, never-treated controls. CS: the dynamic aggregation of the "
    out += "group-time effects; its leads are placebo changes from the year before (varying base period), not "
    out += "differences from a reference year.\n"
    return out
  }

  /// The Bacon decomposition's weights and 2×2 estimates by comparison type, one estimate
  /// column per outcome.
  func baconTable(_ outcomes: [OutcomeAnalysis]) -> String {
    typealias F = NumberFormatting
    let decompositions = outcomes.compactMap { a in a.bacon?.result.map { (a.outcome, $0) } }
    var out = ""
    for a in outcomes { if let reason = a.bacon?.unavailable { out += "\(StudyFigures.displayName(a.outcome)): not computed (\(reason)).\n" } }
    guard let first = decompositions.first?.1 else { return out }
    var rows = [[String]]()
    for total in first.totals {
      var row = [total.type.label, F.fixed(total.weight), "\(total.comparisons)"]
      for (_, d) in decompositions { row.append(d.total(total.type).map { F.fixed($0.estimate) } ?? "—") }
      rows.append(row)
    }
    var twfe = ["TWFE DiD on school-year means (SE)", "1.000", "\(first.comparisons.count)"]
    var sum = ["Σ weight × 2×2 estimate", "", ""]
    for (_, d) in decompositions {
      twfe.append("\(F.fixed(d.twoWayFixedEffects.estimate)) (\(F.fixed(d.twoWayFixedEffects.standardError)))")
      sum.append(F.fixed(d.weightedSum))
    }
    rows += [twfe, sum]
    out += Self.pipeTable(
      header: ["Comparison", "Weight", "2×2s"] + decompositions.map { StudyFigures.displayName($0.0) }, rows: rows, leftAligned: 1)
    out += "\nThe TWFE DiD of `y ~ treat_post | \(results.schema.unit) + \(results.schema.time)` on the balanced panel of "
    out += "\(first.unitCount) \(results.schema.unit)s × \(first.periodCount) years of mean scores is the weighted average of "
    out += "these 2×2 DiDs (weights from treatment timing alone, so the same for every subject). "
    out += "\"Later vs Earlier Treated\" comparisons use schools already in the project as controls: when effects grow "
    out += "with exposure, the controls' growing effect is subtracted, which biases the TWFE DiD downwards.\n"
    return out
  }
}

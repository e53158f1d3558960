import CausalKit

extension MarkdownReport {
  /// The DiD shift of each mediator (the first stage of the mediation analysis) and, when a
  /// mediation stage ran, the indirect effects per outcome and channel against the truth, with
  /// the proportion mediated and the sensitivity analysis, and the mediation figure.
  public func mediatorSection() -> String {
    var rows = [[String]]()
    for shift in results.mediatorShifts {
      let trueShift = truth.flatMap { t in SimulationTruth.Mediator(rawValue: shift.outcome).flatMap { t.mediatorShifts[$0] } }
      rows.append([
        StudyFigures.channelName(shift.outcome), trueShift.map { NumberFormatting.fixed($0, 2) } ?? "—",
        NumberFormatting.withInterval(shift.row), NumberFormatting.pValue(shift.row.pValue),
      ])
    }
    var out = "DiD effect of the project on each mediator (`mediator ~ treat_post | unit + year`, CR1):\n\n"
    out += Self.pipeTable(header: ["Mediator", "True shift", "TWFE DiD [95% CI]", "p"], rows: rows, leftAligned: 1)
    let estimates = results.outcomes.flatMap(\.mediation)
    guard !estimates.isEmpty else {
      return out + "\nIndirect effects (mediator shift × mediator effect on scores) are estimated by the mediation stage, not run here.\n"
    }
    out += "\n### Indirect effects\n\n"
    if let method = results.mediationMethod { out += method + "\n\n" }
    out += mediationTable()
    out += "\nProportion mediated: the channel's indirect effect over the total (direct + all indirect) effect. "
    out += "ρ: the correlation between the errors of the mediator and outcome models at which the indirect effect would vanish; "
    out += "0 under sequential ignorability, which the data cannot test. A small ρ means a weak unobserved confounder of the "
    out += "mediator and the score would explain the channel away. A school-year mediator such as leadership explains little of "
    out += "the student-level variance of scores, so its ρ is small even when its indirect effect is large: a school-year "
    out += "shock that moved leadership and scores together could account for it.\n"
    out += figure("mediation.svg")
    return out
  }

  /// One row per outcome and channel: the estimated indirect effect with its 95% interval, the
  /// true indirect effect, the proportion mediated (estimated and true) and the `ρ` at which
  /// the indirect effect vanishes.
  public func mediationTable() -> String {
    typealias F = NumberFormatting
    var rows = [[String]]()
    for a in results.outcomes {
      let subjectTruth = truth?.truth(forOutcome: a.outcome)
      for e in a.mediation {
        let channel = SimulationTruth.Mediator(rawValue: e.mediator)
        let trueIndirect = channel.flatMap { subjectTruth?.indirect[$0] }
        let trueProportion = trueIndirect.flatMap { t in subjectTruth.map { t / $0.total } }
        rows.append([
          StudyFigures.displayName(a.outcome), StudyFigures.channelName(e.mediator), F.withInterval(e.indirect),
          trueIndirect.map { F.fixed($0) } ?? "—", e.proportion.map { F.fixed($0.estimate, 2) } ?? "—",
          trueProportion.map { F.fixed($0, 2) } ?? "—", e.rhoAtZero.map { F.fixed($0, 2) } ?? "—",
        ])
      }
    }
    return Self.pipeTable(
      header: [
        "Subject", "Channel", "Indirect effect [95% CI]", "True indirect", "Proportion mediated", "True proportion",
        "ρ at which indirect = 0",
      ], rows: rows, leftAligned: 2)
  }
}

import CausalKit

extension MarkdownReport {
  /// The causal-chain section: the design, the path-specific effects, the interventional
  /// effects and the comparison with the independent-mediator analysis, each against the truth
  /// for simulated data, with the chain figure; `nil` when the stage did not run.
  public func causalChainSection() -> String? {
    guard let chain = results.chain else { return nil }
    let comparison = CausalChainComparison(chain: chain, truth: truth)
    var out = "The mediators have a causal order: principal leadership (a school-year scale) affects teaching style and peer "
    out += "relationships, and teaching style affects peer relationships; the project acts on each. The effect of the project "
    out += "on a score then runs along 2³ = 8 paths: the direct one and seven through the mediators, each the product of the "
    out += "coefficients along it (L = leadership, T = teaching style, P = peer relationships).\n\n"
    out += chain.method + "\n\n"
    if let truth, let c = configuration {
      let s = truth.mediatorShifts
      out += "True chain: the project shifts L by \(NumberFormatting.fixed(c.leadershipShift, 2)), T by "
      out += "\(NumberFormatting.fixed(c.teachingShift, 2)) and P by \(NumberFormatting.fixed(c.peerShift, 2)) directly; L → T "
      out += "\(NumberFormatting.fixed(c.teachingOnLeadership, 2)), L → P \(NumberFormatting.fixed(c.peerOnLeadership, 2)), "
      out += "T → P \(NumberFormatting.fixed(c.peerOnTeaching, 2)). The total shifts are L \(NumberFormatting.fixed(s[.leadership] ?? 0, 2)), "
      out += "T \(NumberFormatting.fixed(s[.teaching] ?? 0, 2)) and P \(NumberFormatting.fixed(s[.peer] ?? 0, 2)).\n\n"
    }
    out += "### Path-specific effects\n\n" + chainPathTable(comparison)
    out += "\n### Interventional effects\n\n" + chainInterventionalTable(comparison)
    out += "\nInterventional indirect effect of M: shift M's distribution from its control to its treated distribution, the other "
    out += "mediators left at their control distributions; in this linear system it is the sum of the paths that end at M, "
    out += "θ_M × (the project's total effect on M). Mediator dependence: the joint indirect effect minus the sum of the three; "
    out += "it is exactly zero in a linear model without interactions (its truth is 0 and its estimate is 0 up to rounding), "
    out += "because the mediators' effects on each other are already inside each mediator's total shift. The path-specific "
    out += "fit gives the same interventional effects by the delta method (second column).\n"
    out += "\n### What the independent-mediator analysis gets wrong\n\n" + chainComparisonTable(comparison)
    out += "\nThe independent analysis (section above) estimates a × b for each mediator, its total DiD shift times its effect on "
    out += "the score. That is the mediator's interventional effect and it is estimated well: the paths that **end** at the "
    out += "mediator. Read as \"the project works through this mediator\", it is wrong in two ways. Its a × b for peer "
    out += "relationships includes the paths that start at leadership or teaching style and only pass through peers, so it "
    out += "credits peer relationships with effects the project sets off through leadership; and leadership's a × b keeps only "
    out += "the single path SSP → L → score. The effect the project **initiates** at a mediator (the sum of the paths that "
    out += "start there: leadership's own change and everything it passes on) is the chain's answer; leadership initiates far "
    out += "more than its a × b, peer relationships less. Both decompositions add up to the same joint indirect effect.\n"
    let (covered, checked) = comparison.coverage
    if checked > 0 {
      out += "\n\(covered) of \(checked) 95% intervals of the chain analysis cover their true values "
      out += "(the eight paths, the interventional and initiated effects, the dependence part, the joint indirect and total "
      out += "effects, four subjects). The total is the sum of all paths, which in least squares on one sample equals the TWFE "
      out += "DiD estimate (its delta-method interval is within 0.001 of the DiD's), so it misses where the DiD does.\n"
    }
    out += figure("causal-chain.svg")
    return out
  }

  /// Per subject, the eight path-specific effects and the joint indirect, direct and total
  /// effects, estimate [95% CI] against the truth.
  public func chainPathTable(_ comparison: CausalChainComparison) -> String {
    var rows = [[String]]()
    for o in results.chain?.outcomes ?? [] {
      let entries = comparison.entries(outcome: o.outcome, kind: .path) + comparison.entries(outcome: o.outcome, kind: .joint)
        + comparison.entries(outcome: o.outcome, kind: .total)
      for e in entries { rows.append([StudyFigures.displayName(o.outcome)] + Self.chainCells(e)) }
    }
    var out = Self.pipeTable(header: ["Subject", "Effect", "Estimate [95% CI]", "True", "Covers"], rows: rows, leftAligned: 2)
    out += "\nSequentialMediation with school and year fixed effects; delta-method standard errors clustered by school. "
    out += "SSP → score is the direct effect.\n"
    return out
  }

  /// Per subject and mediator, the interventional effect from the bootstrap and the delta
  /// method, then the dependence part, against the truth.
  public func chainInterventionalTable(_ comparison: CausalChainComparison) -> String {
    var rows = [[String]]()
    for o in results.chain?.outcomes ?? [] {
      for e in comparison.entries(outcome: o.outcome, kind: .interventional) {
        let delta = e.mediators.first.flatMap { o.mediator($0)?.interventionalDelta }
        var cells = Self.chainCells(e)
        cells.insert(delta.map { NumberFormatting.withInterval($0) } ?? "—", at: 2)
        rows.append([StudyFigures.displayName(o.outcome)] + cells)
      }
      for e in comparison.entries(outcome: o.outcome, kind: .dependence) {
        var cells = Self.chainCells(e)
        cells.insert("0 (linear)", at: 2)
        rows.append([StudyFigures.displayName(o.outcome)] + cells)
      }
    }
    return Self.pipeTable(
      header: ["Subject", "Effect", "InterventionalMediation, bootstrap [95% CI]", "SequentialMediation, delta [95% CI]", "True", "Covers"],
      rows: rows, leftAligned: 2)
  }

  /// Per subject and mediator: the independent analysis' a × b (if it ran), the true
  /// interventional effect it estimates, the single path through the mediator alone and the
  /// effect initiated at the mediator, with their truths.
  public func chainComparisonTable(_ comparison: CausalChainComparison) -> String {
    typealias F = NumberFormatting
    var rows = [[String]]()
    for o in results.chain?.outcomes ?? [] {
      let independent = results[o.outcome]?.mediation ?? []
      for m in o.mediators {
        let single = comparison.entries(outcome: o.outcome, kind: .path).first { $0.mediators == [m.mediator] }
        let initiated = comparison.entries(outcome: o.outcome, kind: .initiated).first { $0.mediators == [m.mediator] }
        let interventional = comparison.entries(outcome: o.outcome, kind: .interventional).first { $0.mediators == [m.mediator] }
        let ab = independent.first { $0.mediator == m.mediator }
        rows.append([
          StudyFigures.displayName(o.outcome), StudyFigures.channelName(m.mediator), ab.map { F.withInterval($0.indirect) } ?? "—",
          interventional?.truth.map { F.fixed($0) } ?? "—", single.map { F.withInterval($0.row) } ?? "—",
          single?.truth.map { F.fixed($0) } ?? "—", initiated.map { F.withInterval($0.row) } ?? "—",
          initiated?.truth.map { F.fixed($0) } ?? "—",
        ])
      }
    }
    return Self.pipeTable(
      header: [
        "Subject", "Mediator", "Independent a × b [95% CI]", "True (= interventional)", "Own path SSP → M → score",
        "True", "Initiated at M (paths starting at M)", "True",
      ], rows: rows, leftAligned: 2)
  }

  /// Label, estimate with interval, truth and a check mark when the interval covers it.
  static func chainCells(_ e: CausalChainComparison.Entry) -> [String] {
    [
      e.label, NumberFormatting.withInterval(e.row), e.truth.map { NumberFormatting.fixed($0) } ?? "—",
      e.covers.map { $0 ? "yes" : "**no**" } ?? "—",
    ]
  }
}

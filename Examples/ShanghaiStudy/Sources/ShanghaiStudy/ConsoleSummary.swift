import CausalKit

/// A short plain-text summary of a study for the terminal: one line per outcome with the true
/// effect (if known) and the estimates, then the pre-trend tests and the mediator shifts.
public struct ConsoleSummary: Sendable {
  /// The pipeline's results.
  public var results: StudyResults
  /// The true effects, for simulated data.
  public var truth: SimulationTruth?

  /// Creates a summary; parameters as the properties.
  public init(results: StudyResults, truth: SimulationTruth? = nil) {
    self.results = results
    self.truth = truth
  }

  /// The summary text, ending with a newline. The "true" effect of the first table is the mean
  /// effect over the treated student-years (the configured total unless the effect grows with
  /// exposure).
  public func text() -> String {
    typealias F = NumberFormatting
    var out = "\(results.observations) students in \(results.units) units (\(results.treatedUnits) treated), "
    out += "periods \(results.periods.first ?? 0)-\(results.periods.last ?? 0), first treated \(results.firstTreatedPeriod)\n\n"
    let width = max(8, results.outcomes.map(\.outcome.count).max() ?? 8)
    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    out += pad("outcome", width) + "  paper  true   naive    DiD (SE)         PSM-DiD  wild bootstrap CI\n"
    for a in results.outcomes {
      let paper = Subject(rawValue: a.outcome).flatMap(PaperFigures.reportedEffect).map { F.fixed($0, 2) } ?? "  — "
      let t = truth?.truth(forOutcome: a.outcome).map { F.fixed($0.treatedAverage, 3) } ?? "  —  "
      var line = pad(a.outcome, width) + "  " + pad(paper, 5) + "  " + pad(t, 5) + "  " + pad(F.fixed(a.naive.row.estimate), 7)
      line += "  " + pad("\(F.fixed(a.difference.row.estimate)) (\(F.fixed(a.difference.row.standardError)))", 15)
      line += "  " + pad(a.matchedDifference.map { F.fixed($0.row.estimate) } ?? "—", 7)
      line += "  " + (a.bootstrap.map { F.interval($0.interval) } ?? "—")
      out += line + "\n"
    }
    out += staggeredLines(width: width)
    out += "\npre-trend F test p-values: "
    out += results.outcomes.map { "\($0.outcome) \($0.eventStudy.preTrendTest.map { F.pValue($0.pValue) } ?? "—")" }.joined(separator: ", ")
    if !results.mediatorShifts.isEmpty {
      out += "\nmediator DiD shifts: "
      out += results.mediatorShifts.map { "\($0.outcome) \(F.fixed($0.row.estimate)) (SE \(F.fixed($0.row.standardError)))" }.joined(separator: ", ")
    }
    let mediation = results.outcomes.filter { !$0.mediation.isEmpty }
    if !mediation.isEmpty {
      out += "\nindirect effects [95% CI] (true):\n"
      for a in mediation {
        let subjectTruth = truth?.truth(forOutcome: a.outcome)
        let cells = a.mediation.map { e -> String in
          let t = SimulationTruth.Mediator(rawValue: e.mediator).flatMap { subjectTruth?.indirect[$0] }
          return "\(e.mediator) \(F.withInterval(e.indirect))" + (t.map { " (\(F.fixed($0)))" } ?? "")
        }
        out += "  " + pad(a.outcome, width) + "  " + cells.joined(separator: ", ") + "\n"
      }
    }
    out += chainLines(width: width)
    return out + "\n"
  }

  /// The causal-chain analysis per outcome: the joint indirect effect, the interventional
  /// effects and the effects initiated at each mediator, estimate (truth), and how many
  /// intervals cover the truth; "" when not run.
  func chainLines(width: Int) -> String {
    typealias F = NumberFormatting
    guard let chain = results.chain else { return "" }
    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    let comparison = CausalChainComparison(chain: chain, truth: truth)
    func cell(_ e: CausalChainComparison.Entry) -> String {
      F.fixed(e.row.estimate) + (e.truth.map { " (\(F.fixed($0)))" } ?? "")
    }
    let letters = chain.order.map(CausalChainComparison.letter).joined(separator: " → ")
    var out = "causal chain \(letters), estimate (true): joint indirect; interventional by mediator; initiated at each mediator\n"
    for o in chain.outcomes {
      let joint = comparison.entries(outcome: o.outcome, kind: .joint).map(cell).joined()
      let interventional = comparison.entries(outcome: o.outcome, kind: .interventional).map {
        "\($0.mediators.map(CausalChainComparison.letter).joined()) \(cell($0))"
      }
      let initiated = comparison.entries(outcome: o.outcome, kind: .initiated).map {
        "\($0.mediators.map(CausalChainComparison.letter).joined()) \(cell($0))"
      }
      out += "  " + pad(o.outcome, width) + "  joint \(joint); int. " + interventional.joined(separator: ", ")
      out += "; init. " + initiated.joined(separator: ", ") + "\n"
    }
    let (covered, checked) = comparison.coverage
    if checked > 0 { out += "causal-chain 95% intervals covering the truth: \(covered) of \(checked)\n" }
    return out
  }

  /// Callaway-Sant'Anna, the DR DiD and the Bacon weights per outcome, with the truths of
  /// simulated data (by event time when the effect grows with exposure), and the HonestDiD
  /// breakdown M̄; "" when not run.
  func staggeredLines(width: Int) -> String {
    typealias F = NumberFormatting
    let outcomes = results.outcomes.filter { $0.callawaySantAnna != nil }
    guard !outcomes.isEmpty else { return "" }
    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    var out = "\n" + pad("outcome", width) + "  true ATT  TWFE DiD  CS ATT (SE)      true  CS e-mean  true  DR DiD (SE)      Bacon later-vs-earlier weight\n"
    for a in outcomes {
      let t = truth?.truth(forOutcome: a.outcome)
      var line = pad(a.outcome, width) + "  " + pad(t.map { F.fixed($0.treatedAverage) } ?? "—", 8)
      line += "  " + pad(F.fixed(a.difference.row.estimate), 8)
      line += "  " + pad(a.callawaySantAnna.map { "\(F.fixed($0.simple.estimate)) (\(F.fixed($0.simple.standardError)))" } ?? "—", 15)
      line += "  " + pad(t.map { F.fixed($0.cohortWeightedAverage) } ?? "—", 5)
      line += "  " + pad(a.callawaySantAnna.map { F.fixed($0.dynamic.overall.estimate) } ?? "—", 9)
      line += "  " + pad(t.map { F.fixed($0.eventTimeAverage) } ?? "—", 5)
      line += "  " + pad(a.doublyRobust.map { "\(F.fixed($0.estimate.row.estimate)) (\(F.fixed($0.estimate.row.standardError)))" } ?? "—", 15)
      let later = a.bacon?.result.map { F.fixed($0.total(.laterVsEarlierTreated)?.weight ?? 0) } ?? "—"
      out += line + "  " + later + "\n"
    }
    let sensitivity = outcomes.compactMap(\.sensitivity)
    if !sensitivity.isEmpty {
      out += "HonestDiD breakdown M̄ (CS effect at event time 0, relative magnitudes): "
      out += sensitivity.map { "\($0.outcome) \($0.breakdownText)" }.joined(separator: ", ") + "\n"
    }
    let growing = outcomes.filter { a in truth?.truth(forOutcome: a.outcome)?.growsWithExposure ?? false }
    if !growing.isEmpty {
      out += "event study by years since joining, truth / TWFE / CS:\n"
      for a in growing {
        guard let t = truth?.truth(forOutcome: a.outcome) else { continue }
        let cells = t.byEventTime.keys.sorted().map { e -> String in
          let twfe = a.eventStudy.estimates.first { $0.relativeTime == e }.map { F.fixed($0.row.estimate) } ?? "—"
          let cs = a.callawaySantAnna?.eventTime(e).map { F.fixed($0.estimate) } ?? "—"
          return "e=\(e) \(F.fixed(t.byEventTime[e] ?? .nan)) / \(twfe) / \(cs)"
        }
        out += "  " + pad(a.outcome, width) + "  " + cells.joined(separator: ",  ") + "\n"
      }
    }
    return out
  }

  /// The wall-clock time of each pipeline step, one per line.
  public func timings() -> String {
    results.timings.map { "\(NumberFormatting.fixed($0.seconds, 3)) s  \($0.step)" }.joined(separator: "\n") + "\n"
  }
}

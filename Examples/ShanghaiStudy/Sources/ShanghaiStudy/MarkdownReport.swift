import CausalKit
import Foundation

/// The study's report as Markdown: the main comparison table, the true effects, the event
/// study, covariate balance and the mediator shifts.
///
/// Each section is its own method so that a later phase can replace one (for instance with the
/// `Reporting` module's regression tables) or add figures without touching the others;
/// ``document()`` assembles them.
///
/// ```swift
/// let report = MarkdownReport(results: results, truth: panel.truth, configuration: panel.configuration)
/// print(report.mainTable())
/// ```
public struct MarkdownReport: Sendable {
  /// The pipeline's results.
  public var results: StudyResults
  /// The true effects, for simulated data; `nil` for a user's panel.
  public var truth: SimulationTruth?
  /// The generator's parameters, for simulated data.
  public var configuration: SchoolPanelConfiguration?
  /// The data file written beside the report (a path relative to it), if any.
  public var dataFile: String?
  /// The LaTeX tables written beside the report (a path relative to it), if any.
  public var latexFile: String?
  /// The figures written beside the report, embedded by file name.
  public var figures: [StudyFigures.Figure] = []

  /// Creates a report; parameters as the properties.
  public init(results: StudyResults, truth: SimulationTruth? = nil, configuration: SchoolPanelConfiguration? = nil, dataFile: String? = nil) {
    self.results = results
    self.truth = truth
    self.configuration = configuration
    self.dataFile = dataFile
  }

  /// The whole report.
  public func document() -> String {
    var sections = [header(), "## Main results\n\n" + mainTable()]
    if truth != nil { sections.append("## True effects of the simulation\n\n" + trueEffectsTable()) }
    sections.append("## Regression tables\n\n" + regressionTables())
    sections.append("## Event study\n" + figure("event-study.svg") + "\n" + eventStudyTable())
    if let staggered = staggeredSection() { sections.append("## Staggered adoption: Callaway-Sant'Anna, DR DiD and the Bacon decomposition\n\n" + staggered) }
    if let balance = balanceSection() { sections.append("## Propensity-score matching\n\n" + balance) }
    if !results.schema.mediators.isEmpty { sections.append("## Mediators\n\n" + mediatorSection()) }
    if let chain = causalChainSection() { sections.append("## Mediators in causal order\n\n" + chain) }
    return sections.joined(separator: "\n\n") + "\n"
  }

  /// Title, data description and the estimators' definitions.
  public func header() -> String {
    let s = results.schema
    var out = "# Strong School Project: effect of school-to-school collaboration on Grade 9 scores\n\n"
    if let c = configuration {
      out += "Synthetic panel (seed \(c.seed)): \(c.schoolCount) schools, \(c.sspSchoolCount) in the project, "
      out += "Grade 9 cohorts \(c.firstYear)–\(c.lastYear), project from \(c.firstProjectYear), "
      out += "\(c.minimumStudents)–\(c.maximumStudents) students per school-year. "
      out += "SSP schools were selected on low prior achievement, size, district, migrant share and teacher experience. "
      out += "Scores are centred within year and scaled by the pooled pre-project SD, so effects are in SD units.\n\n"
    }
    out += "\(results.observations) students, \(results.units) units (`\(s.unit)`), \(results.treatedUnits) treated; "
    out += "periods \(results.periods.first ?? 0)–\(results.periods.last ?? 0), first treated period \(results.firstTreatedPeriod).\n\n"
    if let dataFile { out += "Data: [`\(dataFile)`](\(dataFile)).\n\n" }
    out += "Estimators (95% intervals; standard errors clustered by \(s.unit), CR1):\n\n"
    out += "- **Naive**: treated minus control units in treated periods, `y ~ treated`.\n"
    out += "- **TWFE DiD**: `y ~ treat_post | \(s.unit) + \(s.time)`.\n"
    out += "- **PSM-DiD**: the same DiD on schools matched 1:1 (nearest neighbour on a logit propensity score, without replacement, caliper) on pre-project characteristics.\n"
    if results.outcomes.contains(where: { $0.doublyRobust != nil }) {
      out += "- **DR DiD**: Sant'Anna-Zhao doubly robust 2×2 DiD with \(conditioning()) on the \(s.unit) panel of pre- and post-period means.\n"
    }
    if results.outcomes.contains(where: { $0.callawaySantAnna != nil }) {
      out += "- **CS ATT**: Callaway-Sant'Anna, doubly robust group-time effects against never-treated units with \(conditioning()), simple aggregation.\n"
    }
    out += "- **Wild bootstrap**: WCR wild cluster bootstrap of the TWFE DiD coefficient (Rademacher weights), p-value of zero effect and interval by test inversion.\n"
    if results.mediationMethod != nil {
      out += "- **Mediation**: the indirect effect through each mediator, a·b from DiD mediator and outcome models, with a cluster bootstrap (see Mediators).\n"
    }
    if results.chain != nil {
      out += "- **Causal chain**: path-specific effects (`SequentialMediation`) and interventional effects (`InterventionalMediation`, cluster bootstrap) with the mediators in causal order (see Mediators in causal order).\n"
    }
    out += "\n"
    out += "Paper: \(PaperFigures.citation)"
    return out
  }

  /// One row per outcome: the paper's figure, the true effect, and each estimate with its
  /// interval.
  public func mainTable() -> String {
    var rows = [[String]]()
    for a in results.outcomes {
      let name = Subject(rawValue: a.outcome)?.displayName ?? a.outcome
      let trueCell = truth?.truth(forOutcome: a.outcome).map { NumberFormatting.fixed($0.treatedAverage) } ?? "—"
      let boot = a.bootstrap.map { "\(NumberFormatting.interval($0.interval)) (p \(NumberFormatting.pValue($0.pValue)))" } ?? "—"
      rows.append([
        name, PaperFigures.cell(forOutcome: a.outcome), trueCell, NumberFormatting.withInterval(a.naive.row),
        NumberFormatting.withInterval(a.difference.row), a.matchedDifference.map { NumberFormatting.withInterval($0.row) } ?? "—",
        a.doublyRobust.map { NumberFormatting.withInterval($0.estimate.row) } ?? "—",
        a.callawaySantAnna.map { NumberFormatting.withInterval($0.simple) } ?? "—", boot,
      ])
    }
    let header = ["Subject", "Paper (SD)", "True (SD)", "Naive", "TWFE DiD", "PSM-DiD", "DR DiD", "CS ATT", "Wild bootstrap 95% CI (p)"]
    var out = Self.pipeTable(header: header, rows: rows, leftAligned: 1)
    let b = results.outcomes.compactMap(\.bootstrap).first
    if let b { out += "\nWild bootstrap: \(b.replicates) replicates\(b.enumerated ? " (all sign vectors enumerated)" : ""), \(b.clusters) clusters.\n" }
    return out
  }

  /// Total, direct and indirect true effects per subject (simulated data only).
  public func trueEffectsTable() -> String {
    guard let truth else { return "" }
    let rows = truth.subjects.map { t -> [String] in
      [
        t.subject.displayName, NumberFormatting.fixed(t.total), NumberFormatting.fixed(t.indirect[.peer] ?? 0),
        NumberFormatting.fixed(t.indirect[.leadership] ?? 0), NumberFormatting.fixed(t.indirect[.teaching] ?? 0),
        NumberFormatting.fixed(t.direct), NumberFormatting.fixed(t.scale),
      ]
    }
    var out = Self.pipeTable(
      header: ["Subject", "Total", "Indirect: peer", "Indirect: leadership", "Indirect: teaching", "Direct", "Raw SD divided by"],
      rows: rows, leftAligned: 1)
    let shifts = truth.mediatorShifts
    out += "\nThe project shifts peer relationships by \(NumberFormatting.fixed(shifts[.peer] ?? 0, 2)), principal leadership by "
    out += "\(NumberFormatting.fixed(shifts[.leadership] ?? 0, 2)) and teaching style by \(NumberFormatting.fixed(shifts[.teaching] ?? 0, 2)) "
    out += "(scale units; total shifts, including what leadership passes on to teaching style and peer relationships). "
    out += "Indirect effect = shift × the mediator's slope on the standardized score (the mediator's interventional effect; "
    out += "see Mediators in causal order for the paths); direct = total − indirect. "
    if truth.subjects.contains(where: \.growsWithExposure) {
      let g = configuration.map { NumberFormatting.fixed($0.exposureGrowth, 2) } ?? "g"
      out += "The effect grows with exposure: the total is the effect after one year in the project (e = 1); `e` years after "
      out += "joining it is `τ(e) = total · (1 + \(g) (e − 1))`, carried by the direct effect (the mediator shifts are constant). "
      out += "τ(e) by subject:\n\n"
      let times = Array(Set(truth.subjects.flatMap(\.byEventTime.keys))).sorted()
      let rows = truth.subjects.map { t in
        [t.subject.displayName] + times.map { e in t.byEventTime[e].map { NumberFormatting.fixed($0) } ?? "—" }
          + [NumberFormatting.fixed(t.treatedAverage)]
      }
      out += Self.pipeTable(header: ["Subject"] + times.map { "e = \($0)" } + ["Mean over treated student-years"], rows: rows, leftAligned: 1)
    } else {
      out += "The total is the effect on every treated student's score in every project year, so it is the ATT and the DiD estimand.\n"
    }
    return out
  }

  /// Event-study coefficients by period relative to the first treated period, one column per
  /// outcome, with the joint pre-trend test.
  public func eventStudyTable() -> String {
    let outcomes = results.outcomes
    let times = Array(Set(outcomes.flatMap { $0.eventStudy.estimates.map(\.relativeTime) })).sorted()
    var rows = [[String]]()
    for k in times {
      var row = ["\(k) (\(results.firstTreatedPeriod + k))"]
      for a in outcomes {
        guard let e = a.eventStudy.estimates.first(where: { $0.relativeTime == k }) else { row.append("—"); continue }
        row.append(e.isReference ? "0 (reference)" : "\(NumberFormatting.fixed(e.row.estimate)) (\(NumberFormatting.fixed(e.row.standardError)))")
      }
      rows.append(row)
    }
    var test = ["Pre-trend F (p)"]
    var maxT = ["max |t| of leads"]
    for a in outcomes {
      if let t = a.eventStudy.preTrendTest {
        test.append("\(NumberFormatting.fixed(t.statistic, 2)) (\(NumberFormatting.pValue(t.pValue)))")
        maxT.append(NumberFormatting.fixed(t.maxAbsoluteT, 2))
      } else {
        test.append("—")
        maxT.append("—")
      }
    }
    rows += [test, maxT]
    let header = ["Relative period (year)"] + outcomes.map { Subject(rawValue: $0.outcome)?.displayName ?? $0.outcome }
    var out = Self.pipeTable(header: header, rows: rows, leftAligned: 1)
    out += "\nEstimates (CR1 standard errors) of `y ~ i(event_time, ref = -1) | unit + year`; never-treated schools are the controls. "
    out += "The F test is the joint Wald test that all leads are zero, F(q, G − 1).\n"
    return out
  }

  /// The propensity model and balance before and after matching (`Reporting`'s
  /// `RegressionTable` and `BalanceReport`) with the overlap and love plots, or `nil` without
  /// matching.
  public func balanceSection() -> String? {
    guard let m = results.matching else { return nil }
    let tables = StudyTables(results: results)
    var out = "Propensity model (logit): `\(m.formula)`; 1:1 nearest neighbour without replacement, caliper \(NumberFormatting.fixed(m.caliper, 2)) SD of the score. "
    out += "Matched \(m.counts.treated.matched) of \(m.counts.treated.all) treated and \(m.counts.control.matched) of \(m.counts.control.all) control units.\n\n"
    if let model = tables.propensityModel(), let text = try? model.render(.markdown) { out += text + "\n" }
    out += "Balance (standardized mean differences with the treated group's SD, as MatchIt for the ATT; variance ratios treated/control):\n\n"
    if let balance = tables.balance() { out += balance.render(.markdown) }
    out += figure("overlap.svg") + figure("love-plot.svg")
    return out
  }

  /// The TWFE DiD and PSM-DiD regressions of every outcome side by side (`Reporting`'s
  /// `RegressionTable`; the same tables are in `tables.tex` as LaTeX).
  public func regressionTables() -> String {
    let tables = StudyTables(results: results)
    var out = "### TWFE DiD\n\n"
    out += (try? tables.difference().render(.markdown)) ?? "(table unavailable)\n"
    if let matched = tables.matchedDifference() {
      out += "\n### PSM-DiD\n\n" + ((try? matched.render(.markdown)) ?? "(table unavailable)\n")
    }
    if let robust = tables.doublyRobustDifference() {
      out += "\n### Doubly robust DiD\n\n" + ((try? robust.render(.markdown)) ?? "(table unavailable)\n")
    }
    if let tex = latexFile { out += "\nLaTeX versions of these tables: [`\(tex)`](\(tex)).\n" }
    return out
  }

  /// A Markdown image line for a written figure, or "" when it was not written.
  func figure(_ fileName: String) -> String {
    guard let f = figures.first(where: { $0.fileName == fileName }) else { return "" }
    return "\n![\(f.caption)](\(f.fileName))\n"
  }

  /// A pipe table; the first `leftAligned` columns left-aligned, the rest right-aligned.
  static func pipeTable(header: [String], rows: [[String]], leftAligned: Int) -> String {
    let escape = { (s: String) in s.replacingOccurrences(of: "|", with: "\\|") }
    var out = "| " + header.map(escape).joined(separator: " | ") + " |\n"
    out += "|" + header.indices.map { $0 < leftAligned ? ":---|" : "---:|" }.joined() + "\n"
    for row in rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
    return out
  }
}

import CausalKit

/// The study's SVG figures, built with CausalKit's `Reporting` charts: the event study of
/// every outcome, propensity-score overlap and covariate balance before and after matching,
/// the indirect effect of each mediation channel against its true value, and the
/// heterogeneity-robust figures (see the `+Staggered` and `+Sensitivity` extensions).
///
/// ```swift
/// let figures = try StudyFigures(results: results, truth: panel.truth).all()
/// for figure in figures { try figure.chart.write(to: "ssp-output/" + figure.fileName) }
/// ```
public struct StudyFigures: Sendable {
  /// One figure: its file name, a caption for the report, and the chart.
  public struct Figure: Sendable {
    /// The SVG file name (relative to the report).
    public var fileName: String
    /// The caption, used as the image's alternative text.
    public var caption: String
    /// The chart.
    public var chart: any SVGChart
  }

  /// The pipeline's results.
  public var results: StudyResults
  /// The true effects, for simulated data.
  public var truth: SimulationTruth?

  /// Creates the figures of a study; parameters as the properties.
  public init(results: StudyResults, truth: SimulationTruth? = nil) {
    self.results = results
    self.truth = truth
  }

  /// Every figure the results support: the event study always, overlap and love plots with
  /// matching, the mediation chart with a mediation stage, the causal-chain chart with the chain
  /// stage, the TWFE and Callaway-Sant'Anna
  /// event studies side by side, the Bacon decomposition under staggered adoption, and the
  /// HonestDiD sensitivity of the Callaway-Sant'Anna event study.
  public func all() -> [Figure] {
    var figures = [eventStudy()]
    if results.matching != nil {
      figures.append(overlap())
      figures.append(love())
    }
    if !results.outcomes.flatMap(\.mediation).isEmpty { figures.append(mediation()) }
    if let chain = causalChain() { figures.append(chain) }
    if let staggered = staggeredEventStudy() { figures.append(staggered) }
    if let bacon = bacon() { figures.append(bacon) }
    if let honestDiD = honestDiD() { figures.append(honestDiD) }
    return figures
  }

  /// The event studies of all outcomes in a 2-column grid, the reference period marked.
  public func eventStudy() -> Figure {
    let referenceYear = results.firstTreatedPeriod - 1
    let plots: [any SVGChart] = results.outcomes.map { a in
      let estimates = a.eventStudy.estimates.filter { !$0.isReference }.map { e in
        CoefficientPlot.Estimate(
          label: "\(a.eventStudy.firstTreatedPeriod + e.relativeTime)", position: Double(e.relativeTime),
          estimate: e.row.estimate, low: e.row.confLow, high: e.row.confHigh)
      }
      let reference = a.eventStudy.estimates.first(where: \.isReference).map { Double($0.relativeTime) }
      let test = a.eventStudy.preTrendTest.map { "; pre-trend F p = \(NumberFormatting.fixed($0.pValue, 2))" } ?? ""
      return CoefficientPlot(
        estimates: estimates, layout: .eventStudy, referencePosition: reference,
        text: ChartText(
          title: Self.displayName(a.outcome),
          xTitle: "Year relative to \(results.firstTreatedPeriod) (reference \(referenceYear) = −1)",
          yTitle: "Effect (SD) and 95% CI", note: "CR1 by \(results.schema.unit)\(test)"), width: 540, height: 360)
    }
    return Self.grid(
      "event-study.svg",
      caption: "Event study: effect of the project by year relative to its start, reference year \(referenceYear) (dashed line)",
      title: "Event study: effect of the Strong School Project by year (reference \(referenceYear))", charts: plots)
  }

  /// Propensity-score overlap of the schools, all and matched.
  func overlap() -> Figure {
    let m = results.matching
    return Figure(
      fileName: "overlap.svg", caption: "Propensity-score overlap of SSP and control schools, before and after matching",
      chart: OverlapPlot(
        score: m?.scores ?? [], treated: m?.treated ?? [], matchingWeights: m?.matchingWeights, bins: 20,
        text: ChartText(title: "Propensity scores of SSP (above) and control (below) schools")))
  }

  /// Absolute standardized mean differences before and after matching.
  func love() -> Figure {
    let rows = results.matching?.balance.rows ?? []
    let covariates = rows.map { r in
      LovePlot.Covariate(
        name: Self.covariateLabels[r.covariate] ?? r.covariate, before: r.before.standardizedMeanDifference ?? .nan,
        after: r.after.map { $0.standardizedMeanDifference ?? .nan })
    }
    return Figure(
      fileName: "love-plot.svg", caption: "Absolute standardized mean differences of the school characteristics before and after matching",
      chart: LovePlot(
        covariates: covariates,
        text: ChartText(
          title: "Covariate balance of SSP and control schools",
          note: "SMD denominator: SD of the SSP schools (ATT). Dashed line: 0.1.")))
  }

  /// The estimated indirect effect of each channel with its 95% interval next to the true
  /// value, one panel per outcome.
  func mediation() -> Figure {
    let charts: [any SVGChart] = results.outcomes.map { a in
      var bars = [BarChart.Bar]()
      let subjectTruth = truth?.truth(forOutcome: a.outcome)
      for e in a.mediation {
        let category = Self.channelName(e.mediator)
        bars.append(.init(category: category, group: "Estimate (95% CI)", value: e.indirect.estimate, low: e.indirect.confLow, high: e.indirect.confHigh))
        if let t = SimulationTruth.Mediator(rawValue: e.mediator).flatMap({ subjectTruth?.indirect[$0] }) {
          bars.append(.init(category: category, group: "True", value: t))
        }
      }
      return BarChart(
        bars: bars, text: ChartText(title: Self.displayName(a.outcome), yTitle: "Indirect effect (SD)"), width: 540, height: 360)
    }
    return Self.grid(
      "mediation.svg",
      caption: "Indirect effect of the project through each channel, estimate with 95% cluster-bootstrap interval and true value",
      title: "Indirect effects by channel", charts: charts)
  }

  /// A figure of 540 × 360 charts in two columns (``ChartGrid``), one row per outcome or
  /// per pair of panels.
  ///
  /// - Parameters:
  ///   - fileName: The SVG file name.
  ///   - caption: The report's caption.
  ///   - title: The title above the grid.
  ///   - charts: The charts, row by row, each 540 × 360.
  static func grid(_ fileName: String, caption: String, title: String, charts: [any SVGChart]) -> Figure {
    Figure(
      fileName: fileName, caption: caption,
      chart: ChartGrid(charts: charts, columns: 2, cellWidth: 540, cellHeight: 360, title: title))
  }

  /// Display names of the generated panel's school characteristics.
  static let covariateLabels = [
    PanelColumns.priorAchievement: "Prior achievement", PanelColumns.size: "School size", PanelColumns.urban: "Urban district",
    PanelColumns.migrantShare: "Migrant share", PanelColumns.teacherExperience: "Teacher experience",
  ]

  /// "Math" for `math`, the column name otherwise.
  static func displayName(_ outcome: String) -> String { Subject(rawValue: outcome)?.displayName ?? outcome }

  /// "Peer relationships" for `peer`, and so on; the column name otherwise.
  static func channelName(_ mediator: String) -> String {
    switch SimulationTruth.Mediator(rawValue: mediator) {
    case .peer: return "Peer relationships"
    case .leadership: return "Principal leadership"
    case .teaching: return "Teaching style"
    case nil: return mediator
    }
  }
}

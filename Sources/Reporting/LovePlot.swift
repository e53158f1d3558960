import CausalCore

/// A love plot: each covariate's standardized mean difference before and after matching, one
/// row per covariate, with dashed threshold lines (0.1 by default) and a zero line.
///
/// ```swift
/// let plot = try LovePlot(matching.balance, title: "Covariate balance")
/// try plot.write(to: "love-plot.svg")
/// ```
///
/// Absolute differences (the default, as cobalt's `love.plot(abs = TRUE)`) put every point on
/// the same side; signed ones show the direction of the imbalance.
public struct LovePlot: SVGChart {
  /// One covariate's differences.
  public struct Covariate: Sendable, Equatable {
    /// Display name.
    public var name: String
    /// The difference among all units.
    public var before: Double
    /// The difference in the matched sample, or `nil`.
    public var after: Double?

    /// Creates a row.
    ///
    /// - Parameters:
    ///   - name: Display name.
    ///   - before: The difference among all units.
    ///   - after: The difference after matching, or `nil`.
    public init(name: String, before: Double, after: Double?) {
      self.name = name
      self.before = before
      self.after = after
    }
  }

  /// The covariates, top to bottom.
  public var covariates: [Covariate]
  /// Whether to plot |SMD| (default) or the signed SMD.
  public var absolute: Bool
  /// The balance threshold drawn as dashed lines (±threshold when signed); `nil` for none.
  public var threshold: Double?
  /// The title, the x-axis title and a note (for example the SMD denominator); a `nil` x-axis
  /// title names the plotted quantity ("Absolute standardized mean difference" or
  /// "Standardized mean difference"). The y axis lists the covariates and takes no title.
  public var text: ChartText
  /// Width in pixels.
  public var width: Double
  /// Height in pixels; `nil` sizes the chart to the number of covariates.
  public var height: Double?

  /// Creates a love plot from values.
  ///
  /// - Parameters:
  ///   - covariates: Rows, top to bottom.
  ///   - absolute: Plot absolute differences.
  ///   - threshold: The threshold line, or `nil`.
  ///   - text: Title, x-axis title (`nil` for the automatic one) and note.
  ///   - width: Width in pixels.
  ///   - height: Height in pixels, or `nil` for 28 px per covariate plus margins.
  public init(
    covariates: [Covariate], absolute: Bool = true, threshold: Double? = 0.1, text: ChartText = ChartText(),
    width: Double = 720, height: Double? = nil
  ) {
    self.covariates = covariates
    self.absolute = absolute
    self.threshold = threshold
    self.text = text
    self.width = width
    self.height = height
  }

  /// A love plot of a balance assessment's SMDs (`nil` SMDs count as non-finite), before and,
  /// when there is an adjusted sample, after.
  ///
  /// - Parameters:
  ///   - balance: The balance assessment, e.g. a `BalanceTable`.
  ///   - labels: Display names by covariate row name.
  ///   - absolute: Plot absolute differences.
  ///   - threshold: The threshold line, or `nil`.
  ///   - title: Title.
  /// - Throws: ``ReportingError/empty(what:)`` for a table without covariates.
  /// - Complexity: O(covariates).
  public init(
    _ balance: some BalanceSummary, labels: [String: String] = [:], absolute: Bool = true, threshold: Double? = 0.1,
    title: String? = nil
  ) throws(ReportingError) {
    let summaryRows = balance.balanceRows
    guard !summaryRows.isEmpty else { throw .empty(what: "the balance table's covariates") }
    let adjusted = balance.isAdjusted
    let rows = summaryRows.map { row in
      Covariate(
        name: labels[row.covariate] ?? row.covariate, before: row.before.standardizedMeanDifference ?? .nan,
        after: adjusted ? (row.after?.standardizedMeanDifference ?? .nan) : nil)
    }
    var note = "SMD denominator: \(balance.smdDenominatorDescription)."
    if !balance.standardizesBinaryCovariates { note += " Binary covariates: difference in proportions." }
    self.init(
      covariates: rows, absolute: absolute, threshold: threshold, text: ChartText(title: title, note: note))
  }

  /// Renders the plot.
  ///
  /// - Returns: The SVG document.
  /// - Throws: ``ReportingError/empty(what:)`` without covariates;
  ///   ``ReportingError/noFiniteValues(chart:)`` when no difference is finite;
  ///   ``ReportingError/invalidOption(name:value:reason:)`` for a negative or non-finite
  ///   threshold or a width below 200.
  /// - Complexity: O(covariates).
  public func svg() throws(ReportingError) -> String {
    guard !covariates.isEmpty else { throw .empty(what: "the love plot's covariates") }
    guard width >= 200 else { throw .invalidOption(name: "width", value: "\(width)", reason: "must be at least 200") }
    if let threshold, !(threshold.isFinite && threshold >= 0) {
      throw .invalidOption(name: "threshold", value: "\(threshold)", reason: "must be finite and non-negative")
    }
    func shown(_ v: Double) -> Double { absolute ? abs(v) : v }
    let matched = covariates.contains { $0.after != nil }
    let values = covariates.flatMap { [$0.before] + ($0.after.map { [$0] } ?? []) }
    let finite = values.filter(\.isFinite).map(shown)
    guard !finite.isEmpty else { throw .noFiniteValues(chart: "love plot") }
    let notes = ChartFrame.notes(text.notes, skipped: values.count - finite.count) {
      "\($0) non-finite or missing difference\($1) not drawn."
    }
    var legend = [LegendEntry(label: "All units", color: ChartPalette.vermillion, marker: .hollowCircle)]
    if matched { legend.append(LegendEntry(label: "Matched", color: ChartPalette.blue, marker: .filledCircle)) }
    if let threshold { legend.append(LegendEntry(label: "Threshold \(SummaryNumber.trimmed(threshold))", color: ChartPalette.grey, marker: .line(dash: "5,4"))) }
    let rowsHeight: Double = Double(covariates.count) * 28
    let probe = ChartFrame(width: width, height: 0, title: text.title, legend: legend, notes: notes)
    let furniture: Double = probe.top + probe.notesHeight + 70
    let chartHeight: Double = height ?? max(260, rowsHeight + furniture)
    let frame = ChartFrame(width: width, height: chartHeight, title: text.title, legend: legend, notes: notes)
    let names = covariates.map { ChartFrame.fitted($0.name, maxWidth: width * 0.4) }
    let area = frame.plotArea(yTickLabels: names, yTitle: false, xTitle: true)
    var lower = min(0, finite.min() ?? 0)
    var upper = max(finite.max() ?? 0, 0)
    if let threshold {
      upper = max(upper, threshold * 1.2)
      if !absolute { lower = min(lower, -threshold * 1.2) }
    }
    let x = LinearScale(domain: (lower, upper), range: (area.x, area.right)).niced(count: 6)
    let y = LinearScale(domain: (-0.5, Double(covariates.count) - 0.5), range: (area.y, area.bottom))
    let yAxis = AxisSpec(ticks: names.enumerated().map { (Double($0.offset), $0.element) }, title: nil)
    var canvas = SVGCanvas(width: width, height: chartHeight)
    let axisTitle = text.xTitle ?? (absolute ? "Absolute standardized mean difference" : "Standardized mean difference")
    ChartFrame.drawAxes(&canvas, area: area, x: x, y: y, xAxis: AxisSpec.numeric(x, count: 6, title: axisTitle), yAxis: yAxis, yGrid: false)
    for k in covariates.indices {
      canvas.line(area.x, y(Double(k)), area.right, y(Double(k)), stroke: "#f0f0f0")
    }
    canvas.line(x(0), area.y, x(0), area.bottom, stroke: "#444444")
    if let threshold {
      for t in absolute ? [threshold] : [-threshold, threshold] {
        canvas.line(x(t), area.y, x(t), area.bottom, stroke: ChartPalette.grey, width: 1.2, dash: "5,4")
      }
    }
    for (k, c) in covariates.enumerated() {
      let py = y(Double(k))
      let b = shown(c.before)
      let a = c.after.map(shown)
      if let a, a.isFinite, b.isFinite {
        canvas.line(x(b), py, x(a), py, stroke: "#bbbbbb", width: 1)
      }
      if b.isFinite { canvas.circle(x(b), py, 5, fill: "#ffffff", stroke: ChartPalette.vermillion, strokeWidth: 1.8) }
      if let a, a.isFinite { canvas.circle(x(a), py, 5, fill: ChartPalette.blue, stroke: ChartPalette.blue) }
    }
    frame.drawFurniture(&canvas)
    return canvas.document(title: text.title)
  }
}

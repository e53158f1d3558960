import CausalCore

/// Overlap of propensity scores: mirrored histograms, treated units above the axis and controls
/// below, among all units and (when matching weights are given) in the matched sample, side
/// by side on a shared scale.
///
/// Bar heights are each group's share of its total weight in the bin (so the treated and the
/// controls are comparable whatever their sizes); in the matched panel the weights are the
/// matching weights, so a control used twice counts twice.
///
/// ```swift
/// let plot = try OverlapPlot(matching, title: "Propensity score overlap")
/// try plot.write(to: "overlap.svg")
/// ```
public struct OverlapPlot: SVGChart {
  /// One score per unit.
  public var score: [Double]
  /// `true` for treated units, one per unit.
  public var treated: [Bool]
  /// Matching weights (0 for unmatched units), or `nil` for the "all units" panel only.
  public var matchingWeights: [Double]?
  /// The number of bins over the score's range.
  public var bins: Int
  /// The title, the x-axis title (`nil` for "Propensity score") and a note. The y axes are
  /// titled "Share of group".
  public var text: ChartText
  /// Width in pixels.
  public var width: Double
  /// Height in pixels.
  public var height: Double

  /// Creates the plot from scores.
  ///
  /// - Parameters:
  ///   - score: One score per unit (scores in [0, 1] use that range as the axis).
  ///   - treated: Treatment per unit.
  ///   - matchingWeights: Matching weights, or `nil`.
  ///   - bins: Number of bins, 2 to 200.
  ///   - text: Title, x-axis title (`nil` for "Propensity score") and note.
  ///   - width: Width in pixels.
  ///   - height: Height in pixels.
  public init(
    score: [Double], treated: [Bool], matchingWeights: [Double]? = nil, bins: Int = 25,
    text: ChartText = ChartText(), width: Double = 860, height: Double = 420
  ) {
    self.score = score
    self.treated = treated
    self.matchingWeights = matchingWeights
    self.bins = bins
    self.text = text
    self.width = width
    self.height = height
  }

  /// The overlap of a result's estimated propensity scores, among all units and (when it has
  /// adjustment weights) in the adjusted sample.
  ///
  /// - Parameters:
  ///   - result: A result with propensity scores, e.g. a `PropensityScoreMatchingResult`.
  ///   - bins: Number of bins.
  ///   - title: Title.
  /// - Complexity: O(1) beyond copying the scores and weights.
  public init(_ result: some PropensityOverlapSummary, bins: Int = 25, title: String? = nil) {
    self.init(
      score: result.propensityScores, treated: result.treatmentStatus, matchingWeights: result.adjustmentWeights,
      bins: bins, text: ChartText(title: title))
  }

  /// Renders the plot.
  ///
  /// - Returns: The SVG document.
  /// - Throws: ``ReportingError/empty(what:)`` without units;
  ///   ``ReportingError/lengthMismatch(what:expected:found:)`` when `treated` or the weights
  ///   differ in length from `score`; ``ReportingError/invalidOption(name:value:reason:)`` for
  ///   bins outside 2...200, a negative or non-finite weight, or a size below 300 × 200;
  ///   ``ReportingError/noFiniteValues(chart:)`` when no score is finite, or a group has no
  ///   finite score of positive weight in a panel.
  /// - Complexity: O(units + bins).
  public func svg() throws(ReportingError) -> String {
    guard !score.isEmpty else { throw .empty(what: "the overlap plot's scores") }
    guard treated.count == score.count else { throw .lengthMismatch(what: "treatment", expected: score.count, found: treated.count) }
    if let w = matchingWeights {
      guard w.count == score.count else { throw .lengthMismatch(what: "matching weights", expected: score.count, found: w.count) }
      if let bad = w.first(where: { !($0.isFinite && $0 >= 0) }) {
        throw .invalidOption(name: "matching weight", value: "\(bad)", reason: "weights must be finite and non-negative")
      }
    }
    guard (2...200).contains(bins) else { throw .invalidOption(name: "bins", value: "\(bins)", reason: "must be in 2...200") }
    guard width >= 300, height >= 200 else {
      throw .invalidOption(name: "size", value: "\(width) x \(height)", reason: "must be at least 300 x 200")
    }
    let finite = score.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max() else { throw .noFiniteValues(chart: "overlap plot") }
    let unit = lo >= 0 && hi <= 1
    let edges = unit ? (0.0, 1.0) : (lo, hi > lo ? hi : lo + 1)
    var panels = [("All units", [Double](repeating: 1, count: score.count))]
    if let w = matchingWeights { panels.append(("Matched sample", w)) }
    let histograms = try panels.map { (name, w) throws(ReportingError) in
      (name, try histogram(weights: w, edges: edges, panel: name))
    }
    let peak = histograms.flatMap { [$0.1.treated.max() ?? 0, $0.1.control.max() ?? 0] }.max() ?? 1
    let notes = ChartFrame.notes(
      ["Bars: share of each group's (matching-)weighted units per bin; treated above, control below the axis."] + text.notes,
      skipped: score.count - finite.count
    ) { "\($0) unit\($1) with a non-finite score omitted." }
    let legend = [
      LegendEntry(label: "Treated", color: ChartPalette.blue, marker: .bar),
      LegendEntry(label: "Control", color: ChartPalette.orange, marker: .bar),
    ]
    let frame = ChartFrame(width: width, height: height, title: text.title, legend: legend, notes: notes)
    let yProbe = LinearScale(domain: (-peak, peak), range: (1, 0)).niced(count: 6)
    let yTicks = yProbe.ticks(count: 6)
    let yLabels = LinearScale.tickLabels(yTicks.map { abs($0) })
    let full = frame.plotArea(yTickLabels: yLabels, yTitle: true, xTitle: true, rightPadding: 16)
    let gap = 28.0
    let panelWidth = (full.width - gap * Double(histograms.count - 1)) / Double(histograms.count)
    var canvas = SVGCanvas(width: width, height: height)
    for (k, (name, h)) in histograms.enumerated() {
      let area = PlotRect(x: full.x + Double(k) * (panelWidth + gap), y: full.y + 18, width: panelWidth, height: full.height - 18)
      let x = LinearScale(domain: edges, range: (area.x, area.right))
      let y = LinearScale(domain: (yProbe.domainLower, yProbe.domainUpper), range: (area.bottom, area.y))
      // The panels share the y scale: only the first one labels it.
      let labels = k == 0 ? yLabels : yLabels.map { _ in "" }
      let yAxis = AxisSpec(ticks: Array(zip(yTicks, labels)), title: k == 0 ? "Share of group" : nil)
      let xTicks = LinearScale.niceTicks(lower: edges.0, upper: edges.1, count: 5)
      ChartFrame.drawAxes(
        &canvas, area: area, x: x, y: y, xAxis: AxisSpec(ticks: Array(zip(xTicks, LinearScale.tickLabels(xTicks))), title: text.xTitle ?? "Propensity score"),
        yAxis: yAxis, xGrid: false, yTitleX: 20)
      canvas.text(name, area.x + area.width / 2, area.y - 6, size: ChartFrame.axisTitleSize, anchor: .middle, bold: true)
      let binWidth = (edges.1 - edges.0) / Double(bins)
      for b in 0..<bins {
        let x0 = x(edges.0 + Double(b) * binWidth) + 0.5
        let x1 = x(edges.0 + Double(b + 1) * binWidth) - 0.5
        if h.treated[b] > 0 { canvas.rect(x0, y(h.treated[b]), x1 - x0, y(0) - y(h.treated[b]), fill: ChartPalette.blue, opacity: 0.85) }
        if h.control[b] > 0 { canvas.rect(x0, y(0), x1 - x0, y(-h.control[b]) - y(0), fill: ChartPalette.orange, opacity: 0.85) }
      }
      canvas.line(area.x, y(0), area.right, y(0), stroke: "#444444")
      canvas.text("n = \(SummaryNumber.grouped(h.treatedCount)) treated", area.right - 6, area.y + 14, size: ChartFrame.noteSize, anchor: .end, fill: "#333333")
      canvas.text("n = \(SummaryNumber.grouped(h.controlCount)) control", area.right - 6, area.bottom - 6, size: ChartFrame.noteSize, anchor: .end, fill: "#333333")
    }
    frame.drawFurniture(&canvas)
    return canvas.document(title: text.title)
  }

  /// Weighted bin shares of each group.
  private func histogram(weights: [Double], edges: (Double, Double), panel: String) throws(ReportingError)
    -> (treated: [Double], control: [Double], treatedCount: Int, controlCount: Int)
  {
    var t = [Double](repeating: 0, count: bins)
    var c = [Double](repeating: 0, count: bins)
    var nt = 0
    var nc = 0
    let span = edges.1 - edges.0
    for i in score.indices where score[i].isFinite && weights[i] > 0 {
      let b = min(bins - 1, max(0, Int(((score[i] - edges.0) / span * Double(bins)).rounded(.down))))
      if treated[i] { t[b] += weights[i]; nt += 1 } else { c[b] += weights[i]; nc += 1 }
    }
    let st = t.reduce(0, +)
    let sc = c.reduce(0, +)
    guard st > 0, sc > 0 else { throw .noFiniteValues(chart: "overlap plot (\(panel): a group has no unit with a finite score and positive weight)") }
    return (t.map { $0 / st }, c.map { $0 / sc }, nt, nc)
  }
}

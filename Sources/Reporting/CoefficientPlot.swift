import CausalCore

/// A coefficient plot: point estimates with confidence-interval whiskers and a zero line.
///
/// Two layouts:
/// - ``Layout/eventStudy``: x is a numeric position (relative time), whiskers are vertical, a
///   dashed vertical line marks the reference period, whose coefficient is normalized to zero
///   and drawn as a hollow point;
/// - ``Layout/terms``: one row per term, estimates along x, whiskers horizontal (the classic
///   "dot-and-whisker" plot), first term at the top.
///
/// ```swift
/// let plot = try CoefficientPlot.eventStudy(fit.coefficients, termPrefix: "rel::", reference: -1,
///   title: "Effect on test scores by year relative to treatment")
/// try plot.write(to: "event-study.svg")
/// ```
public struct CoefficientPlot: SVGChart {
  /// How estimates are placed.
  public enum Layout: String, Sendable, Equatable, CaseIterable {
    /// Numeric positions along x (event time), vertical whiskers.
    case eventStudy
    /// One row per term, horizontal whiskers.
    case terms
  }

  /// One estimate and its interval.
  public struct Estimate: Sendable, Equatable {
    /// The term's display name.
    public var label: String
    /// The position along the x axis (event-study layout); ignored by the terms layout.
    public var position: Double
    /// The point estimate.
    public var estimate: Double
    /// Lower end of the interval.
    public var low: Double
    /// Upper end of the interval.
    public var high: Double

    /// Creates an estimate.
    ///
    /// - Parameters:
    ///   - label: Display name.
    ///   - position: Position along x (event time).
    ///   - estimate: Point estimate.
    ///   - low: Lower end of the interval.
    ///   - high: Upper end of the interval.
    public init(label: String, position: Double = 0, estimate: Double, low: Double, high: Double) {
      self.label = label
      self.position = position
      self.estimate = estimate
      self.low = low
      self.high = high
    }
  }

  /// The estimates, in display order.
  public var estimates: [Estimate]
  /// The layout.
  public var layout: Layout
  /// Position of the omitted reference period (event study): a dashed vertical line and a
  /// hollow point at zero; `nil` for none.
  public var referencePosition: Double?
  /// The title, axis titles and a note (for example the interval's level and the variance type).
  public var text: ChartText
  /// Width in pixels.
  public var width: Double
  /// Height in pixels.
  public var height: Double

  /// Creates a plot.
  ///
  /// - Parameters:
  ///   - estimates: Estimates in display order.
  ///   - layout: Event-study or terms layout.
  ///   - referencePosition: The reference period, or `nil`.
  ///   - text: Title, axis titles and note.
  ///   - width: Width in pixels (default 720).
  ///   - height: Height in pixels (default 440).
  public init(
    estimates: [Estimate], layout: Layout, referencePosition: Double? = nil, text: ChartText = ChartText(),
    width: Double = 720, height: Double = 440
  ) {
    self.estimates = estimates
    self.layout = layout
    self.referencePosition = referencePosition
    self.text = text
    self.width = width
    self.height = height
  }

  /// A dot-and-whisker plot of tidy rows, one row per term, using their confidence intervals.
  ///
  /// - Parameters:
  ///   - rows: Tidy rows.
  ///   - labels: Display names by term.
  ///   - title: Title.
  /// - Returns: The plot, x title "Estimate with confidence interval" (change `text.xTitle` to
  ///   name the level).
  /// - Complexity: O(rows).
  public static func terms(_ rows: [CoefficientRow], labels: [String: String] = [:], title: String? = nil) -> CoefficientPlot {
    CoefficientPlot(
      estimates: rows.map { Estimate(label: labels[$0.term] ?? $0.term, estimate: $0.estimate, low: $0.confLow, high: $0.confHigh) },
      layout: .terms, text: ChartText(title: title, xTitle: "Estimate with confidence interval"))
  }

  /// An event-study plot from tidy rows whose terms are a prefix followed by the relative
  /// period (`rel::-3`, `rel::0`, as `i(rel, ref = -1)` names them). Rows without the prefix or
  /// with a non-numeric suffix are skipped.
  ///
  /// - Parameters:
  ///   - rows: Tidy rows.
  ///   - termPrefix: The text before the period, e.g. `rel::`.
  ///   - reference: The omitted period, drawn at zero; `nil` for none.
  ///   - title: Title.
  /// - Returns: The plot, x title "Period relative to treatment", y title "Estimate and CI".
  /// - Throws: ``ReportingError/empty(what:)`` when no row has the prefix and a numeric period.
  /// - Complexity: O(rows log rows).
  public static func eventStudy(
    _ rows: [CoefficientRow], termPrefix: String, reference: Double? = -1, title: String? = nil
  ) throws(ReportingError) -> CoefficientPlot {
    var estimates: [Estimate] = []
    for row in rows where row.term.hasPrefix(termPrefix) {
      guard let position = Double(row.term.dropFirst(termPrefix.count)) else { continue }
      estimates.append(Estimate(label: row.term, position: position, estimate: row.estimate, low: row.confLow, high: row.confHigh))
    }
    guard !estimates.isEmpty else { throw .empty(what: "the event-study terms with prefix '\(termPrefix)'") }
    return CoefficientPlot(
      estimates: estimates.sorted { $0.position < $1.position }, layout: .eventStudy, referencePosition: reference,
      text: ChartText(title: title, xTitle: "Period relative to treatment", yTitle: "Estimate and confidence interval"))
  }

  /// An event-study plot of a result with per-period estimates (an `EventStudy` fit, say):
  /// one point per relative period, the reference period at zero (hollow, with the dashed
  /// line).
  ///
  /// - Parameters:
  ///   - result: The event-study result.
  ///   - title: Title.
  /// - Returns: The plot, x title "Period relative to treatment", y title "Estimate and
  ///   confidence interval".
  /// - Throws: ``ReportingError/empty(what:)`` when the result has no estimated period.
  /// - Complexity: O(periods log periods).
  public static func eventStudy(_ result: some EventStudySummary, title: String? = nil) throws(ReportingError) -> CoefficientPlot {
    let periods = result.eventTimeEstimates
    let estimated = periods.filter { !$0.isReference }
    guard !estimated.isEmpty else { throw .empty(what: "the event study's estimated periods") }
    let estimates = estimated.map {
      Estimate(label: $0.row.term, position: Double($0.relativeTime), estimate: $0.row.estimate, low: $0.row.confLow, high: $0.row.confHigh)
    }
    return CoefficientPlot(
      estimates: estimates.sorted { $0.position < $1.position }, layout: .eventStudy,
      referencePosition: periods.first { $0.isReference }.map { Double($0.relativeTime) },
      text: ChartText(title: title, xTitle: "Period relative to treatment", yTitle: "Estimate and confidence interval"))
  }

  /// Renders the plot.
  ///
  /// - Returns: The SVG document.
  /// - Throws: ``ReportingError/empty(what:)`` without estimates;
  ///   ``ReportingError/noFiniteValues(chart:)`` when no estimate is finite;
  ///   ``ReportingError/invalidOption(name:value:reason:)`` for a size below 200 × 150.
  /// - Complexity: O(estimates).
  public func svg() throws(ReportingError) -> String {
    guard !estimates.isEmpty else { throw .empty(what: "the coefficient plot's estimates") }
    guard width >= 200, height >= 150 else {
      throw .invalidOption(name: "size", value: "\(width) x \(height)", reason: "must be at least 200 x 150")
    }
    let finite = estimates.filter { $0.estimate.isFinite && $0.position.isFinite }
    guard !finite.isEmpty else { throw .noFiniteValues(chart: "coefficient plot") }
    let notes = ChartFrame.notes(text.notes, skipped: estimates.count - finite.count) {
      "\($0) estimate\($1) with a non-finite value omitted."
    }
    let values = finite.flatMap { [$0.estimate, $0.low, $0.high] }.filter(\.isFinite) + [0]
    let lower = values.min() ?? 0
    let upper = values.max() ?? 1
    let frame = ChartFrame(width: width, height: height, title: text.title, legend: [], notes: notes)
    var canvas = SVGCanvas(width: width, height: height)
    switch layout {
    case .eventStudy: drawEventStudy(&canvas, frame: frame, estimates: finite, lower: lower, upper: upper)
    case .terms: drawTerms(&canvas, frame: frame, estimates: finite, lower: lower, upper: upper)
    }
    frame.drawFurniture(&canvas)
    return canvas.document(title: text.title)
  }

  private func drawEventStudy(_ canvas: inout SVGCanvas, frame: ChartFrame, estimates: [Estimate], lower: Double, upper: Double) {
    let yProbe = LinearScale(domain: (lower, upper), range: (1, 0)).niced(count: 6)
    let yLabels = LinearScale.tickLabels(yProbe.ticks(count: 6))
    let area = frame.plotArea(yTickLabels: yLabels, yTitle: text.yTitle != nil, xTitle: text.xTitle != nil)
    let y = LinearScale(domain: (yProbe.domainLower, yProbe.domainUpper), range: (area.bottom, area.y))
    var positions = estimates.map(\.position)
    if let referencePosition, referencePosition.isFinite { positions.append(referencePosition) }
    let pMin = positions.min() ?? 0
    let pMax = positions.max() ?? 1
    let pad = max(0.5, (pMax - pMin) * 0.04)
    let x = LinearScale(domain: (pMin - pad, pMax + pad), range: (area.x, area.right))
    let integers = positions.allSatisfy { $0 == $0.rounded() }
    let xTicks: [Double]
    if integers && pMax - pMin <= 20 {
      xTicks = stride(from: pMin, through: pMax, by: 1).map { $0 }
    } else {
      xTicks = LinearScale.niceTicks(lower: pMin, upper: pMax, count: 8)
    }
    let xAxis = AxisSpec(ticks: Array(zip(xTicks, LinearScale.tickLabels(xTicks))), title: text.xTitle)
    let yAxis = AxisSpec.numeric(y, count: 6, title: text.yTitle)
    ChartFrame.drawAxes(&canvas, area: area, x: x, y: y, xAxis: xAxis, yAxis: yAxis, xGrid: false)
    canvas.line(area.x, y(0), area.right, y(0), stroke: "#444444", width: 1)
    if let referencePosition, referencePosition.isFinite {
      canvas.line(x(referencePosition), area.y, x(referencePosition), area.bottom, stroke: ChartPalette.grey, width: 1.2, dash: "5,4")
      canvas.circle(x(referencePosition), y(0), 4.5, fill: "#ffffff", stroke: ChartPalette.blue)
    }
    for e in estimates {
      let px = x(e.position)
      if e.low.isFinite && e.high.isFinite {
        canvas.line(px, y(e.low), px, y(e.high), stroke: ChartPalette.blue, width: 1.8)
        canvas.line(px - 5, y(e.low), px + 5, y(e.low), stroke: ChartPalette.blue, width: 1.8)
        canvas.line(px - 5, y(e.high), px + 5, y(e.high), stroke: ChartPalette.blue, width: 1.8)
      }
      canvas.circle(px, y(e.estimate), 4.5, fill: ChartPalette.blue, stroke: ChartPalette.blue)
    }
  }

  private func drawTerms(_ canvas: inout SVGCanvas, frame: ChartFrame, estimates: [Estimate], lower: Double, upper: Double) {
    let labels = estimates.map { ChartFrame.fitted($0.label, maxWidth: width * 0.4) }
    let area = frame.plotArea(yTickLabels: labels, yTitle: text.yTitle != nil, xTitle: text.xTitle != nil)
    let x = LinearScale(domain: (lower, upper), range: (area.x, area.right)).niced(count: 6)
    let count = Double(estimates.count)
    let y = LinearScale(domain: (-0.5, count - 0.5), range: (area.y, area.bottom))
    let yAxis = AxisSpec(ticks: labels.enumerated().map { (Double($0.offset), $0.element) }, title: text.yTitle)
    ChartFrame.drawAxes(
      &canvas, area: area, x: x, y: y, xAxis: AxisSpec.numeric(x, count: 6, title: text.xTitle), yAxis: yAxis, yGrid: false)
    canvas.line(x(0), area.y, x(0), area.bottom, stroke: "#444444", width: 1)
    for (k, e) in estimates.enumerated() {
      let py = y(Double(k))
      if e.low.isFinite && e.high.isFinite {
        canvas.line(x(e.low), py, x(e.high), py, stroke: ChartPalette.blue, width: 1.8)
        canvas.line(x(e.low), py - 5, x(e.low), py + 5, stroke: ChartPalette.blue, width: 1.8)
        canvas.line(x(e.high), py - 5, x(e.high), py + 5, stroke: ChartPalette.blue, width: 1.8)
      }
      canvas.circle(x(e.estimate), py, 4.5, fill: ChartPalette.blue, stroke: ChartPalette.blue)
    }
  }
}

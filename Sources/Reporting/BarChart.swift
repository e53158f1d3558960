/// A bar chart with optional confidence-interval whiskers and grouping: for example the
/// proportion mediated (or the ACME) per mediating channel, with one bar per group (treated,
/// control) inside each channel.
///
/// ```swift
/// let chart = BarChart(bars: [
///   .init(category: "Teacher quality", group: "ACME (treated)", value: 0.8, low: 0.2, high: 1.4),
///   .init(category: "Class size", group: "ACME (treated)", value: 0.3, low: -0.1, high: 0.7),
/// ], text: ChartText(title: "Indirect effects by channel", yTitle: "Effect on score"))
/// try chart.write(to: "mediation.svg")
/// ```
///
/// Categories appear left to right in order of first appearance, groups likewise within each
/// category (with a legend when there are two or more groups). A horizontal line marks zero.
public struct BarChart: SVGChart {
  /// One bar.
  public struct Bar: Sendable, Equatable {
    /// The category along the x axis.
    public var category: String
    /// The group (colour) within the category, or `nil` for a single series.
    public var group: String?
    /// The bar's height.
    public var value: Double
    /// Lower end of the whisker, or `nil`.
    public var low: Double?
    /// Upper end of the whisker, or `nil`.
    public var high: Double?

    /// Creates a bar.
    ///
    /// - Parameters:
    ///   - category: Category along x.
    ///   - group: Group within the category, or `nil`.
    ///   - value: Height.
    ///   - low: Lower whisker end, or `nil`.
    ///   - high: Upper whisker end, or `nil`.
    public init(category: String, group: String? = nil, value: Double, low: Double? = nil, high: Double? = nil) {
      self.category = category
      self.group = group
      self.value = value
      self.low = low
      self.high = high
    }
  }

  /// The bars.
  public var bars: [Bar]
  /// The title, axis titles and a note.
  public var text: ChartText
  /// Width in pixels.
  public var width: Double
  /// Height in pixels.
  public var height: Double

  /// Creates a chart.
  ///
  /// - Parameters:
  ///   - bars: The bars.
  ///   - text: Title, axis titles and note.
  ///   - width: Width in pixels.
  ///   - height: Height in pixels.
  public init(
    bars: [Bar], text: ChartText = ChartText(), width: Double = 720, height: Double = 420
  ) {
    self.bars = bars
    self.text = text
    self.width = width
    self.height = height
  }

  /// Renders the chart.
  ///
  /// - Returns: The SVG document.
  /// - Throws: ``ReportingError/empty(what:)`` without bars;
  ///   ``ReportingError/noFiniteValues(chart:)`` when no bar value is finite;
  ///   ``ReportingError/invalidOption(name:value:reason:)`` for a size below 200 × 150.
  /// - Complexity: O(bars × groups).
  public func svg() throws(ReportingError) -> String {
    guard !bars.isEmpty else { throw .empty(what: "the bar chart's bars") }
    guard width >= 200, height >= 150 else {
      throw .invalidOption(name: "size", value: "\(width) x \(height)", reason: "must be at least 200 x 150")
    }
    let drawn = bars.filter { $0.value.isFinite }
    guard !drawn.isEmpty else { throw .noFiniteValues(chart: "bar chart") }
    var categories: [String] = []
    var groups: [String?] = []
    for bar in bars {
      if !categories.contains(bar.category) { categories.append(bar.category) }
      if !groups.contains(bar.group) { groups.append(bar.group) }
    }
    let notes = ChartFrame.notes(text.notes, skipped: bars.count - drawn.count) {
      "\($0) bar\($1) with a non-finite value omitted."
    }
    let legend = groups.count > 1
      ? groups.enumerated().map { LegendEntry(label: $0.element ?? "(none)", color: Self.color($0.offset), marker: .bar) } : []
    let values = drawn.flatMap { [$0.value, $0.low ?? $0.value, $0.high ?? $0.value] }.filter(\.isFinite) + [0]
    let frame = ChartFrame(width: width, height: height, title: text.title, legend: legend, notes: notes)
    let yProbe = LinearScale(domain: (values.min() ?? 0, values.max() ?? 1), range: (1, 0)).niced(count: 6)
    let yLabels = LinearScale.tickLabels(yProbe.ticks(count: 6))
    var area = frame.plotArea(yTickLabels: yLabels, yTitle: text.yTitle != nil, xTitle: text.xTitle != nil)
    let slot = area.width / Double(categories.count)
    let wrapped = categories.map { Self.wrap($0, width: slot - 8, size: ChartFrame.labelSize) }
    let extraLines = Double((wrapped.map(\.count).max() ?? 1) - 1)
    area.height -= extraLines * 14
    let y = LinearScale(domain: (yProbe.domainLower, yProbe.domainUpper), range: (area.bottom, area.y))
    let x = LinearScale(domain: (0, Double(categories.count)), range: (area.x, area.right))
    var canvas = SVGCanvas(width: width, height: height)
    ChartFrame.drawAxes(
      &canvas, area: area, x: x, y: y, xAxis: AxisSpec(ticks: [], title: nil), yAxis: AxisSpec.numeric(y, count: 6, title: text.yTitle),
      xGrid: false)
    for (k, lines) in wrapped.enumerated() {
      for (j, line) in lines.enumerated() {
        canvas.text(line, x(Double(k) + 0.5), area.bottom + 19 + Double(j) * 14, size: ChartFrame.labelSize, anchor: .middle)
      }
    }
    if let xTitle = text.xTitle {
      canvas.text(xTitle, area.x + area.width / 2, area.bottom + 42 + extraLines * 14, size: ChartFrame.axisTitleSize, anchor: .middle)
    }
    let groupWidth = slot * 0.75 / Double(groups.count)
    for bar in drawn {
      guard let c = categories.firstIndex(of: bar.category), let g = groups.firstIndex(of: bar.group) else { continue }
      let left = x(Double(c)) + slot * 0.125 + Double(g) * groupWidth
      let top = y(max(bar.value, 0))
      let bottom = y(min(bar.value, 0))
      canvas.rect(left + 1, top, groupWidth - 2, bottom - top, fill: Self.color(g), opacity: 0.85)
      if let low = bar.low, let high = bar.high, low.isFinite, high.isFinite {
        let cx = left + groupWidth / 2
        let cap = min(6, groupWidth / 4)
        canvas.line(cx, y(low), cx, y(high), stroke: "#222222", width: 1.5)
        canvas.line(cx - cap, y(low), cx + cap, y(low), stroke: "#222222", width: 1.5)
        canvas.line(cx - cap, y(high), cx + cap, y(high), stroke: "#222222", width: 1.5)
      }
    }
    canvas.line(area.x, y(0), area.right, y(0), stroke: "#444444")
    frame.drawFurniture(&canvas)
    return canvas.document(title: text.title)
  }

  static func color(_ k: Int) -> String { ChartPalette.series[k % ChartPalette.series.count] }

  /// Splits a label into lines no wider than `width` (by words; a long word stays whole).
  static func wrap(_ text: String, width: Double, size: Double) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if SVGCanvas.textWidth(candidate, size: size) <= width || current.isEmpty {
        current = candidate
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines.isEmpty ? [""] : lines
  }
}

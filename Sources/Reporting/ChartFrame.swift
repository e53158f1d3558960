/// A rectangle in drawing coordinates.
struct PlotRect: Sendable {
  var x: Double
  var y: Double
  var width: Double
  var height: Double
  var right: Double { x + width }
  var bottom: Double { y + height }
}

/// A legend entry: a label and how its marker is drawn.
struct LegendEntry: Sendable {
  enum Marker: Sendable { case filledCircle, hollowCircle, bar, line(dash: String?) }
  var label: String
  var color: String
  var marker: Marker
}

/// One axis's ticks (value and label) and title.
struct AxisSpec: Sendable {
  var ticks: [(value: Double, label: String)]
  var title: String?

  /// Nice numeric ticks of a scale.
  static func numeric(_ scale: LinearScale, count: Int, title: String?) -> AxisSpec {
    let values = scale.ticks(count: count)
    return AxisSpec(ticks: Array(zip(values, LinearScale.tickLabels(values))), title: title)
  }
}

/// Shared chart furniture: the layout of title, legend, notes and margins around the plot
/// area(s), axes with ticks and grid lines, and the legend.
struct ChartFrame: Sendable {
  static let titleSize = 16.0
  static let labelSize = 12.0
  static let axisTitleSize = 13.0
  static let noteSize = 11.0
  static let axisColor = "#333333"
  static let gridColor = "#e3e3e3"

  var width: Double
  var height: Double
  var title: String?
  var legend: [LegendEntry]
  var notes: [String]

  /// The title split into lines that fit the width (bold text is estimated 10% wider).
  var titleLines: [String] {
    guard let title else { return [] }
    return BarChart.wrap(title, width: (width - 24) / 1.1, size: Self.titleSize)
  }

  /// The top margin: title and legend rows.
  var top: Double {
    var t = 14.0
    t += Double(titleLines.count) * 22 + (titleLines.isEmpty ? 0 : 4)
    if !legend.isEmpty { t += 24 }
    return t + 6
  }

  /// The notes split into lines that fit the width.
  var noteLines: [String] {
    notes.flatMap { BarChart.wrap($0, width: width - 20, size: Self.noteSize) }
  }

  /// The bottom space taken by notes.
  var notesHeight: Double { notes.isEmpty ? 0 : Double(noteLines.count) * 15 + 6 }

  /// The plot area for given axes: margins grow with the y tick labels and axis titles.
  func plotArea(yTickLabels: [String], yTitle: Bool, xTitle: Bool, rightPadding: Double = 24) -> PlotRect {
    let labelWidth = yTickLabels.map { SVGCanvas.textWidth($0, size: Self.labelSize) }.max() ?? 0
    let left = 12 + (yTitle ? 24 : 0) + labelWidth + 8
    let bottom = 10 + 18 + (xTitle ? 24 : 0) + notesHeight
    return PlotRect(x: left, y: top, width: max(40, width - left - rightPadding), height: max(40, height - top - bottom))
  }

  /// Draws the title, legend and notes.
  func drawFurniture(_ canvas: inout SVGCanvas) {
    var y = 14.0
    for line in titleLines {
      canvas.text(line, width / 2, y + 14, size: Self.titleSize, anchor: .middle, bold: true)
      y += 22
    }
    if !titleLines.isEmpty { y += 4 }
    if !legend.isEmpty {
      let widths = legend.map { 26 + SVGCanvas.textWidth($0.label, size: Self.labelSize) }
      let total = widths.reduce(0, +) + Double(legend.count - 1) * 18
      var x = max(8, (width - total) / 2)
      let cy = y + 11
      for (entry, w) in zip(legend, widths) {
        switch entry.marker {
        case .filledCircle: canvas.circle(x + 8, cy, 4.5, fill: entry.color, stroke: entry.color)
        case .hollowCircle: canvas.circle(x + 8, cy, 4.5, fill: "#ffffff", stroke: entry.color)
        case .bar: canvas.rect(x + 2, cy - 6, 12, 12, fill: entry.color, opacity: 0.85)
        case .line(let dash): canvas.line(x, cy, x + 18, cy, stroke: entry.color, width: 2, dash: dash)
        }
        canvas.text(entry.label, x + 22, cy + 4, size: Self.labelSize)
        x += w + 18
      }
    }
    for (k, note) in noteLines.enumerated() {
      canvas.text(note, 10, height - notesHeight + 12 + Double(k) * 15, size: Self.noteSize, fill: "#555555", italic: true)
    }
  }

  /// The notes under a chart: `notes`, then, when values were left out, a line counting them.
  ///
  /// - Parameters:
  ///   - notes: The chart's own notes.
  ///   - skipped: How many values were not drawn.
  ///   - line: The counting line, given the count and the plural ending ("s", or "" for one).
  static func notes(_ notes: [String], skipped: Int, _ line: (_ count: Int, _ plural: String) -> String) -> [String] {
    skipped > 0 ? notes + [line(skipped, skipped == 1 ? "" : "s")] : notes
  }

  /// A category label shortened with an ellipsis to fit `maxWidth` (at least four characters
  /// are kept), so a very long name cannot squeeze the plot area away.
  static func fitted(_ label: String, maxWidth: Double, size: Double = labelSize) -> String {
    guard SVGCanvas.textWidth(label, size: size) > maxWidth else { return label }
    let keep = max(4, Int(maxWidth / (size * 0.6)) - 1)
    return String(label.prefix(keep)) + "…"
  }

  /// Draws grid lines, the axes' lines, ticks, tick labels and titles around a plot area.
  static func drawAxes(
    _ canvas: inout SVGCanvas, area: PlotRect, x: LinearScale, y: LinearScale, xAxis: AxisSpec, yAxis: AxisSpec,
    xGrid: Bool = true, yGrid: Bool = true, yTitleX: Double? = nil
  ) {
    for t in xAxis.ticks where xGrid {
      let px = x(t.value)
      canvas.line(px, area.y, px, area.bottom, stroke: gridColor)
    }
    for t in yAxis.ticks where yGrid {
      let py = y(t.value)
      canvas.line(area.x, py, area.right, py, stroke: gridColor)
    }
    canvas.line(area.x, area.bottom, area.right, area.bottom, stroke: axisColor)
    canvas.line(area.x, area.y, area.x, area.bottom, stroke: axisColor)
    for t in xAxis.ticks {
      let px = x(t.value)
      canvas.line(px, area.bottom, px, area.bottom + 5, stroke: axisColor)
      canvas.text(t.label, px, area.bottom + 19, size: labelSize, anchor: .middle)
    }
    for t in yAxis.ticks {
      let py = y(t.value)
      canvas.line(area.x - 5, py, area.x, py, stroke: axisColor)
      canvas.text(t.label, area.x - 8, py + 4, size: labelSize, anchor: .end)
    }
    if let title = xAxis.title {
      canvas.text(title, area.x + area.width / 2, area.bottom + 42, size: axisTitleSize, anchor: .middle)
    }
    if let title = yAxis.title {
      let tx = yTitleX ?? 20
      canvas.text(title, tx, area.y + area.height / 2, size: axisTitleSize, anchor: .middle, rotate: -90)
    }
  }
}

/// The Okabe-Ito colour-blind-safe palette.
enum ChartPalette {
  static let blue = "#0072B2"
  static let vermillion = "#D55E00"
  static let orange = "#E69F00"
  static let green = "#009E73"
  static let sky = "#56B4E9"
  static let purple = "#CC79A7"
  static let yellow = "#F0E442"
  static let grey = "#777777"
  static let series = [blue, vermillion, green, orange, purple, sky, grey]
}

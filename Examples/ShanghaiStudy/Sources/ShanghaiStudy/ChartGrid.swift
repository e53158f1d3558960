import CausalKit

/// Several SVG charts of the same size laid out in a grid, as one SVG document: the
/// study's four subjects side by side in one figure.
///
/// Each chart's document is nested as an `<svg>` element at its cell's offset (SVG allows
/// nested `<svg>` elements with `x` and `y`), under an optional title.
///
/// ```swift
/// let grid = ChartGrid(charts: plots, columns: 2, cellWidth: 520, cellHeight: 340, title: "Event study")
/// try grid.write(to: "event-study.svg")
/// ```
public struct ChartGrid: SVGChart {
  /// The charts, row by row; each should be `cellWidth` × `cellHeight`.
  public var charts: [any SVGChart]
  /// Charts per row.
  public var columns: Int
  /// Width of one cell in pixels.
  public var cellWidth: Double
  /// Height of one cell in pixels.
  public var cellHeight: Double
  /// A title above the grid, or `nil`.
  public var title: String?

  /// Creates a grid; parameters as the properties.
  public init(charts: [any SVGChart], columns: Int, cellWidth: Double, cellHeight: Double, title: String? = nil) {
    self.charts = charts
    self.columns = columns
    self.cellWidth = cellWidth
    self.cellHeight = cellHeight
    self.title = title
  }

  /// Renders the grid.
  ///
  /// - Returns: The SVG document.
  /// - Throws: ``ReportingError/empty(what:)`` without charts,
  ///   ``ReportingError/invalidOption(name:value:reason:)`` for fewer than one column, and the
  ///   charts' own errors.
  public func svg() throws(ReportingError) -> String {
    guard !charts.isEmpty else { throw .empty(what: "the grid's charts") }
    guard columns >= 1 else { throw .invalidOption(name: "columns", value: "\(columns)", reason: "must be at least 1") }
    let rows = (charts.count + columns - 1) / columns
    let top: Double = title == nil ? 0 : 36
    let width = cellWidth * Double(min(columns, charts.count))
    let height = top + cellHeight * Double(rows)
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" "
    out += "viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
    out += "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#ffffff\"/>\n"
    if let title {
      out += "<text x=\"\(Self.n(width / 2))\" y=\"24\" font-size=\"18\" font-weight=\"bold\" text-anchor=\"middle\">\(Self.escape(title))</text>\n"
    }
    for (index, chart) in charts.enumerated() {
      let x = cellWidth * Double(index % columns), y = top + cellHeight * Double(index / columns)
      var document = try chart.svg()
      if document.hasPrefix("<?xml"), let end = document.firstIndex(of: "\n") {
        document = String(document[document.index(after: end)...])
      }
      if let range = document.range(of: "<svg ") {
        document.replaceSubrange(range, with: "<svg x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" ")
      }
      out += document
    }
    out += "</svg>\n"
    return out
  }

  /// A coordinate with at most two decimals.
  static func n(_ x: Double) -> String {
    let rounded = (x * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }

  /// XML-escaped text.
  static func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}

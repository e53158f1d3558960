/// A minimal SVG writer: shapes and text appended in drawing order, then wrapped in an
/// `<svg>` document with a white background. Text is XML-escaped; coordinates have at most two
/// decimals.
struct SVGCanvas: Sendable {
  var width: Double
  var height: Double
  private(set) var body: [String] = []

  static let fontFamily = "Helvetica, Arial, 'DejaVu Sans', sans-serif"

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  static func n(_ x: Double) -> String { SummaryNumber.trimmed((x * 100).rounded() / 100) }

  mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#000000", width: Double = 1,
    dash: String? = nil, opacity: Double? = nil
  ) {
    var s = "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
    if let dash { s += " stroke-dasharray=\"\(dash)\"" }
    if let opacity { s += " stroke-opacity=\"\(Self.n(opacity))\"" }
    body.append(s + "/>")
  }

  mutating func rect(
    _ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, opacity: Double? = nil
  ) {
    var s = "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, w)))\" height=\"\(Self.n(max(0, h)))\" fill=\"\(fill)\""
    if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"1\"" }
    if let opacity { s += " fill-opacity=\"\(Self.n(opacity))\"" }
    body.append(s + "/>")
  }

  mutating func circle(_ cx: Double, _ cy: Double, _ r: Double, fill: String, stroke: String, strokeWidth: Double = 1.5) {
    body.append(
      "<circle cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(strokeWidth))\"/>")
  }

  mutating func path(_ d: String, stroke: String, width: Double = 1.5, fill: String = "none", opacity: Double? = nil) {
    var s = "<path d=\"\(d)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" fill=\"\(fill)\""
    if let opacity { s += " fill-opacity=\"\(Self.n(opacity))\"" }
    body.append(s + "/>")
  }

  enum Anchor: String { case start, middle, end }

  mutating func text(
    _ content: String, _ x: Double, _ y: Double, size: Double = 12, anchor: Anchor = .start, bold: Bool = false,
    rotate: Double? = nil, fill: String = "#222222", italic: Bool = false
  ) {
    var s = "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\""
    if bold { s += " font-weight=\"bold\"" }
    if italic { s += " font-style=\"italic\"" }
    if let rotate { s += " transform=\"rotate(\(Self.n(rotate)) \(Self.n(x)) \(Self.n(y)))\"" }
    body.append(s + ">" + TextEscaping.xml(content) + "</text>")
  }

  /// The complete document.
  func document(title: String?) -> String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" font-family=\"\(Self.fontFamily)\">\n"
    if let title { out += "<title>\(TextEscaping.xml(title))</title>\n" }
    out += "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#ffffff\"/>\n"
    for element in body { out += element + "\n" }
    out += "</svg>\n"
    return out
  }

  /// An estimate of a text's width: 0.6 em per character (wider than most sans-serif glyphs,
  /// so margins err on the generous side).
  static func textWidth(_ s: String, size: Double) -> Double { Double(s.count) * size * 0.6 }
}

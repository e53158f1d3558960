/// The words around a chart: its title, axis titles and a note under it.
///
/// Every chart (``LovePlot``, ``CoefficientPlot``, ``BarChart``, ``OverlapPlot``) keeps its
/// text in one of these, so a caption is set the same way on each:
///
/// ```swift
/// var plot = try CoefficientPlot.eventStudy(study, title: "Effect on test scores")
/// plot.text.note = "95% intervals; standard errors clustered by school."
/// ```
///
/// A `nil` axis title leaves the axis unlabelled, except where a chart names the plotted
/// quantity itself (a love plot's x axis, an overlap plot's "Propensity score"). Text is
/// escaped for SVG when drawn and long titles and notes wrap to the chart's width.
public struct ChartText: Sendable, Equatable {
  /// The title over the chart, or `nil` for none.
  public var title: String?
  /// The horizontal axis title, or `nil`.
  public var xTitle: String?
  /// The vertical axis title, or `nil`.
  public var yTitle: String?
  /// A note under the chart (for example the interval's level or the SMD denominator), or `nil`.
  public var note: String?

  /// Creates a chart's text; every part is optional.
  ///
  /// - Parameters:
  ///   - title: The title.
  ///   - xTitle: The horizontal axis title.
  ///   - yTitle: The vertical axis title.
  ///   - note: A note under the chart.
  public init(title: String? = nil, xTitle: String? = nil, yTitle: String? = nil, note: String? = nil) {
    self.title = title
    self.xTitle = xTitle
    self.yTitle = yTitle
    self.note = note
  }

  /// The note as the chart's list of notes (empty or one).
  var notes: [String] { note.map { [$0] } ?? [] }
}

import Foundation

/// A chart that renders itself as a standalone SVG document (no external resources, fonts by
/// generic family), so it can be embedded in HTML or Markdown, or converted to PNG or PDF with
/// any SVG tool (`rsvg-convert -o plot.png plot.svg`).
///
/// Values that cannot be drawn (NaN or infinite) are left out and counted in a note under the
/// chart; a chart with nothing finite to draw throws ``ReportingError/noFiniteValues(chart:)``.
public protocol SVGChart: Sendable {
  /// The SVG document.
  ///
  /// - Returns: UTF-8 SVG text starting with an XML declaration.
  /// - Throws: ``ReportingError`` when the chart has no data, no finite value, or invalid
  ///   options.
  /// - Complexity: Linear in the number of values drawn.
  func svg() throws(ReportingError) -> String
}

extension SVGChart {
  /// Writes the SVG document to a file, replacing it.
  ///
  /// - Parameter path: The file path; its folder must exist.
  /// - Throws: The errors of ``svg()``, and ``ReportingError/writeFailed(path:reason:)`` when the
  ///   file cannot be written.
  /// - Complexity: That of ``svg()``, plus O(length of the document) to write it.
  public func write(to path: String) throws(ReportingError) {
    let text = try svg()
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw .writeFailed(path: path, reason: "\(error.localizedDescription)")
    }
  }
}

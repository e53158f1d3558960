import CausalKit
import Foundation

/// Writes a study's files into an output folder: `report.md`, the LaTeX regression tables
/// (`tables.tex`), the SVG figures (``StudyFigures``) and, when given, the analysed data as
/// CSV.
///
/// ```swift
/// let files = try StudyOutputWriter(directory: "ssp-output").write(report: report, data: panel.table)
/// print(files.report, files.figures)
/// ```
public struct StudyOutputWriter: Sendable {
  /// The paths written.
  public struct WrittenFiles: Sendable, Equatable {
    /// The Markdown report.
    public var report: String
    /// The data CSV, if written.
    public var data: String?
    /// The LaTeX tables.
    public var latex: String?
    /// The SVG figures.
    public var figures: [String] = []
  }

  /// The output folder (created if missing).
  public var directory: String
  /// File name of the report.
  public var reportName = "report.md"
  /// File name of the data.
  public var dataName = "ssp-data.csv"
  /// File name of the LaTeX tables.
  public var latexName = "tables.tex"
  /// Whether to write the figures and the LaTeX tables.
  public var writesFigures = true

  /// Creates a writer for a folder.
  public init(directory: String) {
    self.directory = directory
  }

  /// Writes the report, the LaTeX tables, the figures and, if given, the data.
  ///
  /// - Parameters:
  ///   - report: The report; its ``MarkdownReport/dataFile`` should be ``dataName`` when data
  ///     are written. Its figures and LaTeX link are set here.
  ///   - data: The table to write as CSV, or `nil`.
  /// - Returns: The paths written.
  /// - Throws: ``StudyError/writeFailed(path:message:)``.
  public func write(report: MarkdownReport, data: DataTable?) throws(StudyError) -> WrittenFiles {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw .writeFailed(path: directory, message: error.localizedDescription)
    }
    let folder = URL(fileURLWithPath: directory)
    var report = report
    var files = WrittenFiles(report: folder.appendingPathComponent(reportName).path)
    if let data {
      let path = folder.appendingPathComponent(dataName).path
      do { try CSVWriter().write(data, toPath: path) } catch { throw .writeFailed(path: path, message: error.description) }
      files.data = path
    }
    if writesFigures {
      let latexPath = folder.appendingPathComponent(latexName).path
      let latex = try StudyTables(results: report.results).latexDocument(truth: report.truth)
      try Self.write(latex, to: latexPath)
      files.latex = latexPath
      report.latexFile = latexName
      report.figures = []
      for figure in StudyFigures(results: report.results, truth: report.truth).all() {
        let path = folder.appendingPathComponent(figure.fileName).path
        do { try figure.chart.write(to: path) } catch { throw .writeFailed(path: path, message: error.description) }
        report.figures.append(figure)
        files.figures.append(path)
      }
    }
    try Self.write(report.document(), to: files.report)
    return files
  }

  /// Writes a text file as UTF-8.
  static func write(_ text: String, to path: String) throws(StudyError) {
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw .writeFailed(path: path, message: error.localizedDescription)
    }
  }
}

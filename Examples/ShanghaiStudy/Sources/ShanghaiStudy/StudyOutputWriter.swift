import CausalKit
import Foundation

/// Writes a study's files into an output folder: `report.md` and, when given, the analysed
/// data as CSV.
///
/// ```swift
/// let files = try StudyOutputWriter(directory: "ssp-output").write(report: report, data: panel.table)
/// print(files.report)
/// ```
public struct StudyOutputWriter: Sendable {
  /// The paths written.
  public struct WrittenFiles: Sendable, Equatable {
    /// The Markdown report.
    public var report: String
    /// The data CSV, if written.
    public var data: String?
  }

  /// The output folder (created if missing).
  public var directory: String
  /// File name of the report.
  public var reportName = "report.md"
  /// File name of the data.
  public var dataName = "ssp-data.csv"

  /// Creates a writer for a folder.
  public init(directory: String) {
    self.directory = directory
  }

  /// Writes the report and, if given, the data.
  ///
  /// - Parameters:
  ///   - report: The report; its ``MarkdownReport/dataFile`` should be ``dataName`` when data are written.
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
    var dataPath: String? = nil
    if let data {
      let path = folder.appendingPathComponent(dataName).path
      do { try CSVWriter().write(data, toPath: path) } catch { throw .writeFailed(path: path, message: error.description) }
      dataPath = path
    }
    let reportPath = folder.appendingPathComponent(reportName).path
    do {
      try report.document().write(toFile: reportPath, atomically: true, encoding: .utf8)
    } catch {
      throw .writeFailed(path: reportPath, message: error.localizedDescription)
    }
    return WrittenFiles(report: reportPath, data: dataPath)
  }
}

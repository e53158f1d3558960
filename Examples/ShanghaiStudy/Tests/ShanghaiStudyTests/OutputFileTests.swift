import CausalKit
import Foundation
import ShanghaiStudy
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The output folder: every SVG is well-formed XML, every file the report links to exists,
/// and the LaTeX tables are written.
@Suite struct OutputFileTests {
  /// Runs the pipeline on the small panel and writes the output into a fresh folder.
  static func writeOutput(mediation: (any MediationStage)? = nil) throws -> (folder: String, files: StudyOutputWriter.WrittenFiles) {
    let c = TestPanels.small()
    let panel = try SchoolPanelGenerator(configuration: c).generate()
    var options = TestPanels.fastOptions
    options.mediation = mediation
    options.sensitivityMbar = [0, 1]
    let results = try StudyPipeline(options: options).run(panel.table, schema: panel.schema)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ssp-output-test-\(UUID().uuidString)").path
    let writer = StudyOutputWriter(directory: folder)
    let report = MarkdownReport(results: results, truth: panel.truth, configuration: c, dataFile: writer.dataName)
    return (folder, try writer.write(report: report, data: panel.table))
  }

  /// The relative link targets of a Markdown text: `[...](target)` and `![...](target)`.
  static func linkTargets(_ markdown: String) -> [String] {
    var targets: [String] = []
    var rest = Substring(markdown)
    while let open = rest.range(of: "](") {
      let after = rest[open.upperBound...]
      guard let close = after.firstIndex(of: ")") else { break }
      targets.append(String(after[..<close]))
      rest = after[close...]
    }
    return targets.filter { !$0.contains("://") && !$0.hasPrefix("#") }
  }

  /// A quick mediation stage (closed form) so that the mediation figure is written too.
  static let quickMediation = DifferenceInDifferencesMediationStage(replicates: 0, sensitivityMediators: [])

  @Test func everySVGIsWellFormedXML() throws {
    let (folder, files) = try Self.writeOutput(mediation: Self.quickMediation)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(files.figures.map { URL(fileURLWithPath: $0).lastPathComponent } == [
      "event-study.svg", "overlap.svg", "love-plot.svg", "mediation.svg", "staggered-event-study.svg", "honest-did.svg",
    ])
    for path in files.figures {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      let parser = XMLParser(data: data)
      #expect(parser.parse(), "\(path): \(parser.parserError.map { "\($0)" } ?? "parse failed")")
    }
  }

  @Test func reportLinksPointToExistingFiles() throws {
    let (folder, files) = try Self.writeOutput(mediation: Self.quickMediation)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let text = try String(contentsOfFile: files.report, encoding: .utf8)
    let targets = Self.linkTargets(text)
    for name in [
      "event-study.svg", "overlap.svg", "love-plot.svg", "mediation.svg", "staggered-event-study.svg", "honest-did.svg", "tables.tex",
      "ssp-data.csv",
    ] {
      #expect(targets.contains(name), "report.md does not link \(name)")
    }
    for target in targets {
      let path = URL(fileURLWithPath: folder).appendingPathComponent(target).path
      #expect(FileManager.default.fileExists(atPath: path), "report.md links to missing \(target)")
    }
  }

  @Test func latexTablesAreBooktabsTabulars() throws {
    let (folder, files) = try Self.writeOutput()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let tex = try String(contentsOfFile: try #require(files.latex), encoding: .utf8)
    // TWFE DiD, PSM-DiD, DR DiD, mediator shifts, propensity model, balance.
    #expect(tex.components(separatedBy: "\\begin{tabular}").count - 1 == 6)
    #expect(tex.contains("Doubly robust DiD"))
    #expect(tex.contains("\\toprule"))
    #expect(tex.contains("SSP × post"))
  }
}

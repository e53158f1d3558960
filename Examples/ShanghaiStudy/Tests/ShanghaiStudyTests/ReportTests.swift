import CausalKit
import Foundation
import ShanghaiStudy
import Testing

/// The report is written and holds the main table.
@Suite struct ReportTests {
  @Test func reportFileIsWrittenWithTheMainTable() throws {
    let c = TestPanels.small()
    let panel = try SchoolPanelGenerator(configuration: c).generate()
    var options = TestPanels.fastOptions
    options.bootstrapReplicates = 99
    options.sensitivityMbar = TestPanels.defaultMbar
    let results = try StudyPipeline(options: options).run(panel.table, schema: panel.schema)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ssp-report-test-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let writer = StudyOutputWriter(directory: folder)
    let report = MarkdownReport(results: results, truth: panel.truth, configuration: c, dataFile: writer.dataName)
    let files = try writer.write(report: report, data: panel.table)
    let text = try String(contentsOfFile: files.report, encoding: .utf8)
    #expect(text.contains("| Subject | Paper (SD) | True (SD) | Naive | TWFE DiD | PSM-DiD | DR DiD | CS ATT | Wild bootstrap 95% CI (p) |"))
    // The heterogeneity-robust sections, with the HonestDiD analysis of the CS event study.
    #expect(text.contains("## Staggered adoption: Callaway-Sant'Anna, DR DiD and the Bacon decomposition"))
    #expect(text.contains("| Subject | True ATT | TWFE DiD | True (CS simple) | CS simple ATT |"))
    #expect(text.contains("| Subject | Event time | True | TWFE event study (SE) | CS dynamic (SE) |"))
    #expect(text.contains("| Treated vs Never Treated | 1.000 | 1 |"))
    #expect(text.contains("### Doubly robust DiD"))
    #expect(text.contains("### Sensitivity to violations of parallel trends (HonestDiD)"))
    #expect(text.contains("![HonestDiD: Callaway-Sant'Anna effect in the joining year"))
    #expect(text.contains("|  | Math | Chinese | English | Science |"))
    #expect(text.contains("| CS effect at event time 0 (SE) |"))
    #expect(text.contains("| M̄ = 0.25 |") && text.contains("| M̄ = 2 |"))
    #expect(text.contains("| **Breakdown M̄** |"))
    #expect(text.contains("**Breakdown M̄**: the largest post-treatment violation, relative to the largest pre-treatment one"))
    #expect(!text.contains("Not part of this run yet"))
    #expect(FileManager.default.fileExists(atPath: folder + "/honest-did.svg"))
    #expect(text.contains("![Event study by years since joining"))
    #expect(FileManager.default.fileExists(atPath: folder + "/staggered-event-study.svg"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/bacon.svg"))  // one adoption year: a single comparison
    #expect(text.contains("| Math | 0.67 | 0.670 |"))
    #expect(text.contains("| Chinese | 0.63 | 0.630 |"))
    #expect(text.contains("| English | improved (no figure) | 0.400 |"))
    #expect(text.contains("## Event study"))
    #expect(text.contains("| Prior achievement |"))
    #expect(text.contains("Pre-trend F (p)"))
    let data = try #require(files.data)
    let back = try CSVReader().read(path: data)
    #expect(back.rowCount == panel.table.rowCount)
    #expect(back.columnNames == panel.table.columnNames)
  }

  @Test func paperFiguresAreTheStudysNumbers() {
    #expect(PaperFigures.reportedEffect(.math) == 0.67)
    #expect(PaperFigures.reportedEffect(.chinese) == 0.63)
    #expect(PaperFigures.reportedEffect(.english) == nil)
    #expect(PaperFigures.cell(forOutcome: "science") == "improved (no figure)")
    #expect(PaperFigures.cell(forOutcome: "reading") == "—")
  }
}

import CausalKit
import Foundation
import TestSupport
import Testing

@testable import CausalKitTool

/// `causalkit feols` reads only the columns its options name: the same fit as from the whole
/// file, and the whole file's errors when the fit fails.
@Suite("causalkit feols: reading the used columns")
struct FeolsColumnSelectionTests {
  /// 120 rows of `y,x,g,w,notes`, where `notes` looks numeric but holds stray text in one row.
  static let text = (["y,x,g,w,notes"] + (1...120).map { r in
    "\(Double(r % 11) / 3 + Double(r) / 50),\(Double(r % 9) / 2),\(r % 6),\(1 + Double(r % 4) / 4),\(r == 117 ? "see memo" : String(r))"
  }).joined(separator: "\n") + "\n"

  @Test("the coefficients and standard errors are those of the library's fit on the whole table")
  func sameFit() throws {
    let path = try CSVInputOptionTests.file(Self.text.replacingOccurrences(of: "see memo", with: "5"), "select")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let arguments = ["feols", "--data", path, "--formula", "y ~ x | g", "--weights", "w", "--vcov", "cluster:g"]
    let table = try CSVReader().read(path: path)
    let fit = try FixedEffectsModel(formula: "y ~ x | g", weights: "w", vcov: .cluster(["g"])).fit(table)
    let row = try #require(fit.coefficients.first)
    // Compared as text: the tool writes the shortest round-trip form, which JSONSerialization
    // does not always read back to the same double.
    let text = try ToolRuns.jsonText(arguments)
    #expect(text.contains("\"estimate\":\(row.estimate),"), "\(text.prefix(400))")
    #expect(text.contains("\"std_error\":\(row.standardError),"), "\(text.prefix(400))")
    let json = try ToolRuns.json(arguments)
    #expect(json["nobs"] as? Int == 120)
  }

  @Test("stray text in a column the model does not use is no error; in a used column it is the reader's error")
  func unusedColumnNotTyped() throws {
    let path = try CSVInputOptionTests.file(Self.text, "select-stray")
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(try ToolRuns.json(["feols", "--data", path, "--formula", "y ~ x"])["nobs"] as? Int == 120)
    let message = try #require(ToolRuns.errorMessage(["feols", "--data", path, "--formula", "y ~ notes"]))
    #expect(message.contains("'notes'") && message.contains("see memo") && message.contains("--na"), "\(message)")
    // An unknown column sends the tool to the whole file, whose first error is the stray text.
    let unknown = try #require(ToolRuns.errorMessage(["feols", "--data", path, "--formula", "y ~ xx"]))
    #expect(unknown.contains("'notes'"), "\(unknown)")
    let clean = try CSVInputOptionTests.file(Self.text.replacingOccurrences(of: "see memo", with: "5"), "select-clean")
    defer { try? FileManager.default.removeItem(atPath: clean) }
    let suggested = try #require(ToolRuns.errorMessage(["feols", "--data", clean, "--formula", "y ~ xx"]))
    #expect(suggested.hasPrefix("Unknown column 'xx'. Did you mean"), "\(suggested)")
  }

  @Test("only an unknown column sends feols back to the whole file; other errors are the fit's own")
  func fallbackOnlyForUnknownColumns() {
    let unknown = DataError.unknownColumn(name: "z", suggestions: [])
    #expect(FeolsCommand.isUnknownColumn(unknown))
    #expect(FeolsCommand.isUnknownColumn(BootstrapError.data(unknown)))
    #expect(FeolsCommand.isUnknownColumn(ResampledInferenceError.data(unknown)))
    #expect(!FeolsCommand.isUnknownColumn(FixedEffectsError.constantOutcome))
    #expect(!FeolsCommand.isUnknownColumn(DataError.noObservations(reason: "none left")))
  }
}

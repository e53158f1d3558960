import ArgumentParser
import CausalKit
import Foundation
import TestSupport
import Testing

@testable import CausalKitTool

/// `causalkit bacon` on the castle-doctrine panel shipped with R's bacondecomp.
@Suite("causalkit bacon")
struct BaconCommandTests {
  static let castle = FixtureFiles.data("castle.csv")
  static let arguments = [
    "bacon", "--data", castle, "--outcome", "l_homicide", "--unit", "state", "--time", "year", "--treatment", "post",
  ]

  @Test("--json is the library's encoding of the result with the command and schema version")
  func json() throws {
    let object = try ToolRuns.json(Self.arguments + ["--json"])
    let table = try CSVReader().read(path: Self.castle)
    let result = try BaconDecomposition(outcome: "l_homicide", unit: "state", time: "year", treatment: "post").fit(table)
    var library = try ToolRuns.object(encoding: result)
    library["command"] = "bacon"
    library["schema_version"] = 1
    #expect(try ToolRuns.canonical(object) == ToolRuns.canonical(library))
    let totals = try #require(object["totals"] as? [[String: Any]])
    #expect(totals.map { $0["type"] as? String } == [
      "treated_vs_never_treated", "earlier_vs_later_treated", "later_vs_earlier_treated",
    ])
    #expect((object["comparisons"] as? [Any])?.count == 25)
  }

  @Test("the text output is the result's summary")
  func text() throws {
    let command = try BaconCommand.parse(Array(Self.arguments.dropFirst()))
    let result = try command.estimate(try command.input.readTable())
    let summary = result.summary()
    #expect(summary.contains("Later vs Earlier Treated  0.03190   0.07032           10"))
    #expect(summary.contains("clustered by state"))
    #expect(result.coefficients.map(\.term) == ["post"])
  }

  @Test("--level reaches the coefficient's interval")
  func level() throws {
    let object = try ToolRuns.json(Self.arguments + ["--level", "0.9"])
    let twfe = try #require(object["twfe"] as? [String: Any])
    let wide = try #require(try ToolRuns.json(Self.arguments)["twfe"] as? [String: Any])
    let width = { (row: [String: Any]) in ((row["conf_high"] as? Double) ?? 0) - ((row["conf_low"] as? Double) ?? 0) }
    #expect(width(twfe) < width(wide))
  }

  @Test("errors name the flags and say what to do")
  func errors() throws {
    let badLevel = try #require(ToolRuns.errorMessage(Self.arguments + ["--level", "2"]))
    #expect(badLevel.contains("--level"))
    let unknown = try #require(
      ToolRuns.errorMessage([
        "bacon", "--data", Self.castle, "--outcome", "l_homicde", "--unit", "state", "--time", "year", "--treatment",
        "post",
      ]))
    #expect(unknown.contains("Unknown column 'l_homicde'") && unknown.contains("'l_homicide'"))
    // Unit 1 is treated in period 2 only: the treatment is not absorbing.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bacon-tool-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("switching.csv").path
    try "unit,year,d,y\n1,1,0,1.0\n1,2,1,2.0\n1,3,0,1.5\n2,1,0,0.5\n2,2,0,0.7\n2,3,0,0.9\n"
      .write(toFile: file, atomically: true, encoding: .utf8)
    let switching = try #require(
      ToolRuns.errorMessage([
        "bacon", "--data", file, "--outcome", "y", "--unit", "unit", "--time", "year", "--treatment", "d",
      ]))
    #expect(switching.contains("unit '1' is 0 in period 3 after being 1 in period 2"))
  }
}

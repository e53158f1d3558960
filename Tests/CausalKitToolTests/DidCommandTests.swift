import ArgumentParser
import CausalKit
import Foundation
import TestSupport
import Testing

@testable import CausalKitTool

/// `causalkit did`: its JSON is the library's encoding, its options map onto the estimator, and
/// its errors name its flags.
@Suite("causalkit did")
struct DidCommandTests {
  static let base = [
    "did", "--data", FixtureFiles.data("did_mpdta.csv"), "--outcome", "lemp", "--time", "year", "--unit", "countyreal",
    "--cohort", "first_treat",
  ]

  @Test("the JSON has the issue's keys: group_time rows and the aggregate with its breakdown")
  func keys() throws {
    let json = try ToolRuns.json(Self.base + ["--json", "--aggregate", "dynamic"])
    let cells = try #require(json["group_time"] as? [[String: Any]])
    #expect(cells.count == 12)
    for key in ["group", "time", "estimate", "std_error"] { #expect(cells[0][key] != nil, "group_time.\(key)") }
    let aggregate = try #require(json["aggregate"] as? [String: Any])
    #expect(aggregate["type"] as? String == "dynamic")
    #expect(aggregate["estimate"] is Double && aggregate["std_error"] is Double)
    let by = try #require(aggregate["by"] as? [[String: Any]])
    #expect(by.compactMap { $0["event_time"] as? Int } == [-3, -2, -1, 0, 1, 2, 3])
    #expect(json["command"] as? String == "did")
  }

  @Test("the JSON is the library's own encoding of the result and the aggregation")
  func libraryEncoding() throws {
    let json = try ToolRuns.json(Self.base + ["--json", "--aggregate", "group", "--control", "not-yet-treated"])
    let table = try CSVReader().read(path: FixtureFiles.data("did_mpdta.csv"))
    let result = try CallawaySantAnna(
      outcome: "lemp", time: "year", unit: "countyreal", cohort: "first_treat", comparison: .notYetTreated
    ).fit(table)
    let library = try ToolRuns.object(encoding: result)
    for (key, value) in library {
      #expect(
        try JSONSerialization.data(withJSONObject: [value], options: .sortedKeys)
          == JSONSerialization.data(withJSONObject: [json[key] as Any], options: .sortedKeys), "\(key)")
    }
    let aggregate = try ToolRuns.object(encoding: try result.aggregated(.group))
    #expect(
      try JSONSerialization.data(withJSONObject: aggregate, options: .sortedKeys)
        == JSONSerialization.data(withJSONObject: json["aggregate"] as Any, options: .sortedKeys))
  }

  @Test("bad option values are usage errors naming the flag; library option errors name the tool's flags")
  func errors() throws {
    #expect(throws: ValidationError.self) { try ToolRuns.jsonText(Self.base + ["--method", "dml"]) }
    #expect(throws: ValidationError.self) { try ToolRuns.jsonText(Self.base + ["--aggregate", "group", "--min-e", "-2"]) }
    #expect(throws: ValidationError.self) { try ToolRuns.jsonText(Self.base + ["--repeated-cross-section"]) }
    let anticipation = try #require(ToolRuns.errorMessage(Self.base + ["--anticipation", "-1"]))
    #expect(anticipation.contains("--anticipation"))
    let level = try #require(ToolRuns.errorMessage(Self.base + ["--level", "1.5"]))
    #expect(level.contains("--level"))
    let reps = try #require(ToolRuns.errorMessage(Self.base + ["--bootstrap", "--reps", "5"]))
    #expect(reps.contains("--reps"))
  }

  @Test("repeated cross-sections and the bootstrap band through the tool")
  func designs() throws {
    let rcs = [
      "did", "--data", FixtureFiles.data("did_sim_rcs.csv"), "--outcome", "score", "--time", "year", "--cohort", "cohort",
      "--repeated-cross-section", "--cluster", "school", "--json", "--aggregate", "simple",
    ]
    let json = try ToolRuns.json(rcs)
    #expect(json["design"] as? String == "repeated-cross-sections")
    #expect(json["clusters"] as? Int == 60)
    let boot = try ToolRuns.json(Self.base + ["--json", "--bootstrap", "--reps", "199", "--seed", "3"])
    let aggregate = try #require(boot["aggregate"] as? [String: Any])
    #expect((aggregate["critical_value"] as? Double ?? 0) > 1.96)
    let by = try #require(aggregate["by"] as? [[String: Any]])
    #expect(by.allSatisfy { $0["band_low"] is Double && $0["band_high"] is Double })
  }
}

/// `causalkit did --sensitivity`: HonestDiD through the tool.
@Suite("causalkit did --sensitivity")
struct DidSensitivityCommandTests {
  @Test("the JSON has the issue's sensitivity keys and equals the library's analysis")
  func sensitivity() throws {
    let json = try ToolRuns.json(
      DidCommandTests.base + [
        "--json", "--base-period", "universal", "--sensitivity", "relative-magnitude", "--mbar", "0.5,1,2",
      ])
    let sensitivity = try #require(json["sensitivity"] as? [String: Any])
    #expect(sensitivity["type"] as? String == "relative-magnitude")
    let original = try #require(sensitivity["original"] as? [String: Any])
    #expect(original["conf_low"] is Double && original["conf_high"] is Double)
    let robust = try #require(sensitivity["robust"] as? [[String: Any]])
    #expect(robust.compactMap { $0["mbar"] as? Double } == [0.5, 1, 2])
    let table = try CSVReader().read(path: FixtureFiles.data("did_mpdta.csv"))
    let dynamic = try CallawaySantAnna(
      outcome: "lemp", time: "year", unit: "countyreal", cohort: "first_treat", basePeriod: .universal
    ).fit(table).aggregated(.dynamic())
    let library = try ParallelTrendsSensitivity(restriction: .relativeMagnitude(mbar: [0.5, 1, 2]), seed: 1)
      .analyze(try EventStudyEstimates(dynamic))
    #expect(
      try JSONSerialization.data(withJSONObject: try ToolRuns.object(encoding: library), options: .sortedKeys)
        == JSONSerialization.data(withJSONObject: sensitivity, options: .sortedKeys))
  }

  @Test("with the default varying base period: HonestDiD of a universal-base refit, the printed fit stays varying")
  func varyingBasePeriod() throws {
    let sensitivity = ["--json", "--sensitivity", "relative-magnitude", "--mbar", "0.5,1"]
    let varying = try ToolRuns.json(DidCommandTests.base + sensitivity)
    let universal = try ToolRuns.json(DidCommandTests.base + sensitivity + ["--base-period", "universal"])
    let plain = try ToolRuns.json(DidCommandTests.base + ["--json"])
    #expect(varying["base_period"] as? String == "varying")
    #expect(try ToolRuns.canonical(try #require(varying["sensitivity"])) == ToolRuns.canonical(try #require(universal["sensitivity"])))
    for key in ["group_time", "aggregate"] {
      #expect(try ToolRuns.canonical(try #require(varying[key])) == ToolRuns.canonical(try #require(plain[key])), "\(key)")
    }
    let table = try CSVReader().read(path: FixtureFiles.data("did_mpdta.csv"))
    let library = try CallawaySantAnna(outcome: "lemp", time: "year", unit: "countyreal", cohort: "first_treat").fit(table)
    #expect(
      try ToolRuns.canonical(try #require(varying["group_time"]))
        == ToolRuns.canonical(try #require(try ToolRuns.object(encoding: library)["group_time"])))

    let command = try DidCommand.parse(Array(DidCommandTests.base.dropFirst() + sensitivity.dropFirst()))
    let text = DidCommand.text(try command.analyze(table))
    let note = text.split(separator: "\n").filter { $0.contains("refitted with --base-period universal") }
    #expect(note.count == 1)
    let universalCommand = try DidCommand.parse(
      Array(DidCommandTests.base.dropFirst() + sensitivity.dropFirst() + ["--base-period", "universal"]))
    #expect(!DidCommand.text(try universalCommand.analyze(table)).contains("refitted"))
  }

  @Test("smoothness with --m and an average target; misplaced flags are usage errors")
  func smoothness() throws {
    let json = try ToolRuns.json(
      DidCommandTests.base + [
        "--json", "--base-period", "universal", "--sensitivity", "smoothness", "--m", "0,0.01",
        "--sensitivity-event-time", "average", "--aggregate", "simple",
      ])
    let robust = try #require((json["sensitivity"] as? [String: Any])?["robust"] as? [[String: Any]])
    #expect(robust.compactMap { $0["m"] as? Double } == [0, 0.01])
    #expect(throws: ValidationError.self) { try ToolRuns.jsonText(DidCommandTests.base + ["--mbar", "1"]) }
    #expect(throws: ValidationError.self) {
      try ToolRuns.jsonText(DidCommandTests.base + ["--sensitivity", "smoothness", "--mbar", "1"])
    }
  }
}

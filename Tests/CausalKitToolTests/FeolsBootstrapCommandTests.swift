import ArgumentParser
import CausalKit
import Foundation
import TestSupport
import Testing

@testable import CausalKitTool

/// Parses `causalkit feols` arguments and runs its model and bootstrap steps.
private func bootstrap(_ arguments: [String]) throws -> FeolsBootstrapOutput? {
  let command = try FeolsCommand.parse(arguments)
  let table = try CSVReader().read(path: command.data)
  let model = try command.makeModel()
  return try command.runBootstrap(model: model, fit: try model.fit(table), table: table)
}

/// The `bootstrap` entries of the JSON output, parsed.
private func entryObjects(_ output: FeolsBootstrapOutput) throws -> [[String: Any]] {
  let data = try CommandJSON.encoder().encode(output.jsonEntries)
  return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
}

/// Writes a table to a fresh temporary CSV file and returns its path.
private func temporaryCSV(_ table: DataTable, name: String) throws -> String {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("causalkit-\(name)-\(UUID().uuidString).csv").path
  try CSVWriter().write(table, toPath: path)
  return path
}

/// `y`, `x`, a constant cluster column `one`, and `rare` = 1 in row 0 only.
private func rareDummyTable() throws -> DataTable {
  var rng = SeededGenerator(seed: 3)
  var x: [Double] = [], y: [Double] = []
  for _ in 0..<40 {
    let xi = rng.nextNormal()
    x.append(xi)
    y.append(1 + xi + rng.nextNormal())
  }
  return try DataTable(columns: [
    Column(name: "y", doubles: y), Column(name: "x", doubles: x),
    Column(name: "one", strings: Array(repeating: "a", count: 40)),
    Column(name: "rare", doubles: (0..<40).map { $0 == 0 ? 1 : 0 }),
  ])
}

@Suite("causalkit feols --bootstrap")
struct FeolsBootstrapCommandTests {
  let data = FixtureFiles.data("sim_fe.csv")

  @Test("cluster and pairs entries carry the shared JSON keys", arguments: ["cluster", "pairs"])
  func jsonEntries(kind: String) throws {
    let output = try #require(try bootstrap([
      "--data", data, "--formula", "y ~ x1 + x2 | firm", "--vcov", "cluster:state", "--bootstrap", kind,
      "--reps", "49", "--combination", "x1 - x2", "--json",
    ]))
    let entries = try entryObjects(output)
    #expect(entries.count == 3)
    for key in ["term", "p_value", "conf_low", "conf_high", "reps", "enumerated", "failed", "method", "ci"] {
      #expect(entries.allSatisfy { $0[key] != nil }, "\(key)")
    }
    #expect(entries[2]["term"] as? String == "x1 - x2")
    #expect(entries.allSatisfy { $0["method"] as? String == kind && $0["enumerated"] as? Bool == false })
  }

  @Test("--test and --combination without --bootstrap are refused, naming the flags")
  func testsNeedBootstrap() throws {
    for extra in [["--test", "x1"], ["--combination", "x1 - x2"]] {
      let error = #expect(throws: ValidationError.self) {
        try ToolRuns.jsonText(["feols", "--data", data, "--formula", "y ~ x1 + x2 | firm"] + extra)
      }
      #expect(error?.message.contains("--test and --combination need --bootstrap") == true, "\(extra)")
    }
    // With --bootstrap the table stays the caller's after the fit (it is resampled).
    #expect(try ToolRuns.json([
      "feols", "--data", data, "--formula", "y ~ x1 + x2 | firm", "--vcov", "cluster:state", "--bootstrap", "wild",
      "--reps", "99", "--test", "x1", "--json",
    ])["bootstrap"] != nil)
  }

  @Test("the wild bootstrap tests linear combinations")
  func wildCombination() throws {
    let output = try #require(try bootstrap([
      "--data", data, "--formula", "y ~ x1 + x2 | firm", "--vcov", "cluster:state", "--bootstrap", "wild",
      "--reps", "99", "--combination", "x1 - x2",
    ]))
    guard case .wild(let tests) = output else { Issue.record("expected wild results"); return }
    #expect(tests.map(\.label) == ["x1", "x2", "x1 - x2"])
    let (x1, x2) = (tests[0].result.estimate, tests[1].result.estimate)
    #expect(abs(tests[2].result.estimate - (x1 - x2)) <= 1e-10 * max(1, abs(x1 - x2)))
  }

  @Test("--bootstrap wild without clustering runs the heteroskedastic wild bootstrap", arguments: [
    ["--formula", "y ~ x1 + x2 | firm", "--vcov", "hetero"], ["--formula", "y ~ x1 + x2"],
  ])
  func wildHeteroskedastic(model arguments: [String]) throws {
    let output = try #require(try bootstrap(
      ["--data", data, "--bootstrap", "wild", "--reps", "199", "--test", "x1", "--json"] + arguments))
    guard case .wild(let tests) = output else { Issue.record("expected wild results"); return }
    let result = try #require(tests.first?.result)
    #expect(tests.map(\.label) == ["x1"])
    #expect(!result.clustered && !result.enumerated && result.replicates == 199)
    #expect(result.clusterCount == result.observationCount)
    // The same test through the library, with the command's default seed (1) and 95% level.
    let table = try CSVReader().read(path: data)
    let model = try FeolsCommand.parse(["--data", data] + arguments).makeModel()
    let direct = try WildBootstrap(model: model, hypothesis: .term("x1"), replicates: 199, seed: 1, confidenceLevel: 0.95)
      .fit(table)
    #expect(result == direct)
    let entry = try #require(try entryObjects(output).first)
    for key in ["term", "p_value", "conf_low", "conf_high", "reps", "enumerated", "failed", "method", "weights"] {
      #expect(entry[key] != nil, "\(key)")
    }
    #expect(entry["term"] as? String == "x1")
    #expect(entry["enumerated"] as? Bool == false)
    #expect(entry["method"] as? String == "wild-hetero-restricted")
    #expect(output.text(level: 0.95).hasPrefix("Heteroskedastic wild bootstrap (WR, rademacher, 199 replicates)"))
  }

  @Test("--bootstrap wild with two-way clustering is a usage error")
  func wildTwoWay() throws {
    #expect(throws: ValidationError.self) {
      try bootstrap([
        "--data", data, "--formula", "y ~ x1 | firm", "--vcov", "cluster:state+firm", "--bootstrap", "wild", "--reps", "9",
      ])
    }
  }

  @Test("zero or negative replicates", arguments: ["0", "-3"])
  func badReplicates(reps: String) throws {
    #expect(
      throws: ResampledInferenceError.invalidOption(
        .invalid(option: "replicates", value: reps, expected: "an integer of at least 1"))
    ) {
      try bootstrap(["--data", data, "--formula", "y ~ x1", "--bootstrap", "pairs", "--reps=\(reps)"])
    }
    let message = try #require(ToolRuns.errorMessage(["feols", "--data", data, "--formula", "y ~ x1", "--bootstrap", "pairs", "--reps=\(reps)"]))
    #expect(message == "Invalid value '\(reps)' for --reps; expected an integer of at least 1.")
  }

  @Test("a requested term not in the model")
  func unknownTerm() throws {
    #expect(throws: ResampledInferenceError.termNotInModel("nope", available: ["x1"])) {
      try bootstrap(["--data", data, "--formula", "y ~ x1 | firm", "--bootstrap", "pairs", "--reps", "9", "--test", "nope"])
    }
  }

  @Test("fewer than two clusters")
  func oneCluster() throws {
    let path = try temporaryCSV(try rareDummyTable(), name: "one-cluster")
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: ResampledInferenceError.tooFewClusters(column: "one", found: 1)) {
      try bootstrap([
        "--data", path, "--formula", "y ~ x", "--bootstrap", "cluster", "--bootstrap-cluster", "one", "--reps", "9",
      ])
    }
  }

  @Test("every replicate failing")
  func allFail() throws {
    let table = try rareDummyTable()
    let path = try temporaryCSV(table, name: "rare")
    defer { try? FileManager.default.removeItem(atPath: path) }
    var seed: UInt64 = 0
    while try BootstrapResampler(replicates: 1, seed: seed).resample(table, replicate: 0)
      .column(named: "rare").doubles().contains(1)
    {
      seed += 1
    }
    #expect {
      try bootstrap([
        "--data", path, "--formula", "y ~ x + rare", "--vcov", "hetero", "--bootstrap", "pairs", "--reps", "1",
        "--seed", String(seed), "--test", "rare",
      ])
    } throws: { error in
      guard case .allReplicatesFailed(let term, _, _) = error as? ResampledInferenceError else { return false }
      return term == "rare"
    }
  }

  @Test("inconsistent options are usage errors")
  func usage() throws {
    #expect(throws: ValidationError.self) {
      try bootstrap(["--data", data, "--formula", "y ~ x1", "--bootstrap", "cluster", "--reps", "9"])
    }
    #expect(throws: ValidationError.self) {
      try bootstrap(["--data", data, "--formula", "y ~ x1", "--bootstrap", "pairs", "--ci", "magic"])
    }
    #expect(throws: ValidationError.self) {
      try bootstrap(["--data", data, "--formula", "y ~ x1", "--bootstrap", "jackknife"])
    }
  }
}

import ArgumentParser
import CausalKit
import Foundation
import TestSupport
import Testing

@testable import CausalKitTool

@Suite("causalkit mediate --effects interventional")
struct MediateInterventionalCommandTests {
  static let students = FixtureFiles.data("sequential_mediation_sim.csv")
  static let arguments = [
    "--data", students, "--treatment", "strong", "--mediator", "lead,teach,peer", "--outcome", "score,prior",
    "--covariates", "female", "--cluster", "school", "--effects", "interventional", "--sims", "29", "--seed", "4",
  ]

  @Test("several --outcome columns, the cluster bootstrap by default, and the library's result as JSON")
  func severalOutcomes() throws {
    let table = try CSVReader().read(path: Self.students)
    let command = try MediateCommand.parse(Self.arguments + ["--json"])
    let result = try command.interventional(table)
    let library = try InterventionalMediation(
      treatment: "strong", mediators: ["lead", "teach", "peer"], outcomes: ["score", "prior"], covariates: ["female"],
      vcov: .cluster(["school"]), method: .bootstrap(replicates: 29, cluster: "school"), seed: 4
    ).fit(table)
    #expect(result == library)
    let text = try CommandOutput(command: "mediate", result: result, additions: NoAdditions()).jsonText()
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let effects = try #require(json["effects"] as? [[String: Any]])
    #expect(effects.count == 2 * (3 + 5 + 3))
    #expect(effects.filter { $0["effect"] as? String == "path_specific" }.count == 2 * 3)
    #expect(Set(effects.compactMap { $0["outcome"] as? String }) == ["score", "prior"])
    #expect(effects.contains { $0["effect"] as? String == "mediator_dependence" })
  }

  @Test("per-mediator families, --draws and --method quasi-bayes reach the analysis")
  func familiesAndDraws() throws {
    let table = try CSVReader().read(path: Self.students)
    var data = table
    let lead = try table.column(named: "lead").doubles()
    try data.append(Column(name: "lead_high", doubles: lead.map { $0 > 0 ? 1 : 0 }))
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("interventional-\(UUID()).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try CSVWriter().write(data, toPath: path)
    let command = try MediateCommand.parse([
      "--data", path, "--treatment", "strong", "--mediator", "lead_high,peer", "--outcome", "score",
      "--covariates", "prior", "--effects", "interventional", "--mediator-model", "linear,lead_high=logit",
      "--draws", "3", "--method", "quasi-bayes", "--sims", "50",
    ])
    let result = try command.interventional(try CSVReader().read(path: path))
    #expect(result.models.map(\.family) == [.logit, .linear, .linear])
    #expect(result.drawsPerObservation == 3 && result.method == .quasiBayesian(simulations: 50))
    // --effects path-specific with a logit mediator: the path-specific effect from each mediator
    // by the same g-computation.
    let pathSpecific = try MediateCommand.parse(
      ["--data", path, "--treatment", "strong", "--mediator", "lead_high,peer", "--outcome", "score",
       "--covariates", "prior", "--effects", "path-specific", "--mediator-model", "linear,lead_high=logit",
       "--draws", "3", "--method", "quasi-bayes", "--sims", "50"])
    #expect(try pathSpecific.linearSystem() == false)
    let paths = try pathSpecific.interventional(try CSVReader().read(path: path))
    #expect(paths == result)
    #expect(paths.outcomes[0].pathSpecific.map(\.mediator) == ["lead_high", "peer"])
  }

  @Test("options that do not apply are refused by name")
  func errors() throws {
    let table = try CSVReader().read(path: Self.students)
    for (bad, flag) in [
      (["--method", "delta"], "delta"), (["--absorb", "school"], "--absorb"), (["--sensitivity"], "--sensitivity"),
      (["--mediator-model", "linear,nope=logit"], "nope"), (["--mediator-order", "lead > peer"], "leaves out"),
    ] {
      let command = try MediateCommand.parse(Self.arguments + bad)
      do {
        _ = try command.interventional(table)
        Issue.record("\(bad) was accepted")
      } catch let error as ValidationError {
        #expect(error.message.contains(flag), "\(error.message)")
      }
    }
    for effects in ["natural", "path-specific"] {
      let command = try MediateCommand.parse(Self.arguments.map { $0 == "interventional" ? effects : $0 })
      #expect(throws: ValidationError.self) { try command.effectsKind() }
    }
    let drawsElsewhere = try MediateCommand.parse(
      ["--data", Self.students, "--treatment", "strong", "--mediator", "lead", "--outcome", "score", "--draws", "5"])
    #expect(throws: ValidationError.self) { try drawsElsewhere.effectsKind() }
  }
}

@Suite("causalkit mediate --cluster-level-mediator")
struct MediateClusterLevelCommandTests {
  @Test("leadership modelled per --cluster, resampled by whole schools; errors name the flags")
  func clusterLevel() throws {
    let table = try CSVReader().read(path: MediateInterventionalCommandTests.students)
    let base = [
      "--data", MediateInterventionalCommandTests.students, "--treatment", "strong", "--mediator", "lead,peer",
      "--outcome", "score", "--effects", "interventional", "--sims", "19",
    ]
    let result = try MediateCommand.parse(base + ["--cluster", "school", "--cluster-level-mediator", "lead"])
      .interventional(table)
    #expect(result.models[0].name.contains("one row per school"))
    let missingCluster = try MediateCommand.parse(base + ["--cluster-level-mediator", "lead"])
    #expect(throws: ValidationError.self) { try missingCluster.interventional(table) }
    let unknown = try MediateCommand.parse(base + ["--cluster", "school", "--cluster-level-mediator", "nope"])
    #expect(throws: ValidationError.self) { try unknown.interventional(table) }
    let varying = try MediateCommand.parse(base + ["--cluster", "school", "--cluster-level-mediator", "peer"])
    #expect(throws: MediationError.self) { try varying.interventional(table) }
    // --effects path-specific with a cluster-level mediator: the same g-computation.
    let pathSpecific = try MediateCommand.parse(
      base.map { $0 == "interventional" ? "path-specific" : $0 } + ["--cluster", "school", "--cluster-level-mediator", "lead"])
    #expect(try pathSpecific.linearSystem() == false)
    #expect(try pathSpecific.interventional(table) == result)
    let elsewhere = try MediateCommand.parse(
      base.map { $0 == "interventional" ? "natural" : $0 } + ["--cluster", "school", "--cluster-level-mediator", "lead"])
    #expect(throws: ValidationError.self) { try elsewhere.effectsKind() }
  }
}

@Suite("causalkit mediate --confounder-effect --confounder-imbalance")
struct MediateConfounderBiasCommandTests {
  static let base = [
    "--data", MediateInterventionalCommandTests.students, "--treatment", "strong", "--mediator", "lead,peer",
    "--outcome", "score", "--covariates", "female", "--interaction", "--seed", "4",
  ]

  @Test("the natural and interventional analyses gain the library's bias-formula analysis under confounder_bias")
  func addsTheAnalysis() throws {
    let table = try CSVReader().read(path: MediateInterventionalCommandTests.students)
    let grid = ["--confounder-effect", "0,0.2", "--confounder-imbalance", "-0.1"]
    let natural = try MediateCommand.parse(Self.base + grid + ["--sims", "50", "--json"])
    let output = try natural.analyze(table)
    let expected = try output.result.confounderBias(confounderEffects: [0, 0.2], imbalances: [-0.1])
    #expect(output.additions.confounderBias?.first?.bias == expected)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(output.jsonText().utf8)) as? [String: Any])
    let entries = try #require(json["confounder_bias"] as? [[String: Any]])
    #expect(entries.count == 1 && entries[0]["outcome"] as? String == "score")
    #expect((entries[0]["scenarios"] as? [[String: Any]])?.count == 2)
    #expect(MediateCommand.text(output: output).contains("VanderWeele's bias formula"))

    let interventional = try MediateCommand.parse(
      Self.base + grid + ["--effects", "interventional", "--sims", "19", "--cluster", "school"])
    let result = try interventional.interventional(table)
    let additions = try interventional.confounderAdditions(result.outcomes.map { effects in
      (effects.outcome, { try effects.confounderBias(confounderEffects: $0, imbalances: $1) })
    })
    #expect(additions.confounderBias?.first?.bias.observedIndirect == result.outcomes[0].jointIndirect)
  }

  @Test("one flag without the other, a value that is not a number, and four-way are refused by name")
  func errors() throws {
    for (bad, flag) in [
      (["--confounder-effect", "0.1"], "--confounder-imbalance"),
      (["--confounder-effect", "0.1,x", "--confounder-imbalance", "0.2"], "--confounder-effect"),
      (["--confounder-effect", "0.1", "--confounder-imbalance", "0.2", "--effects", "four-way"], "--effects"),
    ] {
      let command = try MediateCommand.parse(Self.base + bad)
      do {
        _ = try command.confounderGrid()
        Issue.record("\(bad) was accepted")
      } catch let error as ValidationError {
        #expect(error.message.contains(flag), "\(error.message)")
      }
    }
  }
}

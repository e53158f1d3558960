import CausalKit
import Foundation
import Testing

@testable import CausalKitTool

/// The tool's `--json` object is the library's `JSONEncoder` encoding of the same result, plus
/// `schema_version`, `command` and the subcommand's additions, each itself a library encoding.
/// Objects are compared as parsed JSON (canonical text), so every key and every number must agree.
@Suite("causalkit --json is the library's encoding")
struct ToolJSONLibraryTests {
  /// `library` with the tool's header keys and `additions`.
  private func expected(_ library: [String: Any], command: String, _ additions: [String: Any] = [:]) -> [String: Any] {
    var object = library
    object["schema_version"] = 1
    object["command"] = command
    for (key, value) in additions { object[key] = value }
    return object
  }

  /// Whether the tool's object equals the expected one as parsed JSON.
  private func expectEqual(_ tool: [String: Any], _ expected: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(try ToolRuns.canonical(tool) == ToolRuns.canonical(expected), sourceLocation: sourceLocation)
  }

  /// `feols`'s JSON against the library's on the table of the columns it reads, and, but for
  /// the table's fingerprint, on the whole file.
  private func expectFeols(
    _ tool: [String: Any], _ arguments: [String], expected: (DataTable) throws -> [String: Any],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    try expectEqual(tool, try expected(try ToolRuns.feolsTable(arguments)), sourceLocation: sourceLocation)
    let whole = try expected(try CSVReader().read(path: ToolFixtures.simFE))
    #expect(
      try ToolRuns.canonical(ToolRuns.removingFingerprints(tool)) == ToolRuns.canonical(ToolRuns.removingFingerprints(whole)),
      sourceLocation: sourceLocation)
  }

  @Test("feols: FixedEffectsFit's encoding", arguments: [
    ("y ~ x1 + x2 | firm", "cluster:firm"), ("y ~ x1 + x2", "hetero"), ("y ~ x1 | firm + state", "cluster:firm+state"),
  ])
  func feols(formula: String, vcov: String) throws {
    let arguments = ["--data", ToolFixtures.simFE, "--formula", formula, "--vcov", vcov]
    let tool = try ToolRuns.json(["feols"] + arguments)
    try expectFeols(tool, arguments) { table in
      let fit = try FixedEffectsModel(formula: formula, vcov: try VarianceType(parsing: vcov)).fit(table)
      return expected(try ToolRuns.object(encoding: fit), command: "feols")
    }
    #expect(tool["bootstrap"] == nil)
  }

  @Test("feols --bootstrap wild: each WildBootstrapResult's encoding, term = the label")
  func feolsWild() throws {
    let arguments = [
      "--data", ToolFixtures.simFE, "--formula", "y ~ x1 + x2 | firm", "--vcov", "cluster:state",
      "--bootstrap", "wild", "--reps", "99", "--combination", "x1 - x2",
    ]
    let tool = try ToolRuns.json(["feols"] + arguments)
    let model = try FixedEffectsModel(formula: "y ~ x1 + x2 | firm", vcov: .cluster(["state"]))
    let hypotheses: [(String, WildBootstrapHypothesis)] = [
      ("x1", .term("x1")), ("x2", .term("x2")), ("x1 - x2", try LinearCombination(parsing: "x1 - x2").hypothesis),
    ]
    try expectFeols(tool, arguments) { table in
      // The tool's default seed is 1 (the library's is 0).
      let entries = try hypotheses.map { label, hypothesis in
        var entry = try ToolRuns.object(encoding: try WildClusterBootstrap(
          model: model, cluster: "state", hypothesis: hypothesis, replicates: 99, seed: 1, confidenceLevel: 0.95
        ).fit(table))
        entry["term"] = label
        return entry
      }
      return expected(try ToolRuns.object(encoding: try model.fit(table)), command: "feols", ["bootstrap": entries])
    }
  }

  @Test("feols --bootstrap pairs/cluster: FixedEffectsBootstrapResult's bootstrap entries", arguments: [
    ("pairs", IntervalMethod.percentile), ("cluster", .bca),
  ])
  func feolsResampled(scheme: String, method: IntervalMethod) throws {
    let arguments = [
      "--data", ToolFixtures.simFE, "--formula", "y ~ x1 + x2 | firm", "--vcov", "cluster:state",
      "--bootstrap", scheme, "--reps", "49", "--ci", method == .bca ? "bca" : "percentile", "--combination", "x1 - x2",
    ]
    let tool = try ToolRuns.json(["feols"] + arguments)
    let model = try FixedEffectsModel(formula: "y ~ x1 + x2 | firm", vcov: .cluster(["state"]))
    try expectFeols(tool, arguments) { table in
      let bootstrap = try FixedEffectsBootstrap(
        model: model, scheme: scheme == "pairs" ? .pairs : .cluster(column: "state"), replicates: 49, seed: 1,
        method: method, confidenceLevel: 0.95, combinations: [try LinearCombination(parsing: "x1 - x2")]
      ).fit(table)
      let entries = try #require(try ToolRuns.object(encoding: bootstrap)["bootstrap"])
      return expected(try ToolRuns.object(encoding: try model.fit(table)), command: "feols", ["bootstrap": entries])
    }
  }

  @Test("logit: BinaryRegressionFit's encoding")
  func logit() throws {
    let tool = try ToolRuns.json([
      "logit", "--data", ToolFixtures.lalonde, "--formula", "treat ~ age + educ + race", "--vcov", "hetero", "--probit",
    ])
    let fit = try BinaryRegression(formula: "treat ~ age + educ + race", link: .probit, vcov: .hetero)
      .fit(try CSVReader().read(path: ToolFixtures.lalonde))
    try expectEqual(tool, expected(try ToolRuns.object(encoding: fit), command: "logit"))
  }

  @Test("match --outcome --bootstrap: PropensityScoreMatchingResult's and MatchedPairsBootstrapResult's encodings")
  func match() throws {
    let tool = try ToolRuns.json([
      "match", "--data", ToolFixtures.lalonde, "--treatment", "treat", "--covariates", ToolFixtures.lalondeCovariates,
      "--caliper", "0.2", "--outcome", "re78", "--bootstrap", "--reps", "49",
    ])
    let table = try CSVReader().read(path: ToolFixtures.lalonde)
    let result = try PropensityScoreMatching(
      treatment: "treat", covariates: try Covariates(formula: ToolFixtures.lalondeCovariates),
      matcher: NearestNeighborMatcher(caliper: Caliper(0.2), order: .largest), outcome: "re78"
    ).fit(table)
    let bootstrap = try MatchedPairsBootstrap(matching: result, outcome: "re78", replicates: 49, seed: 1).fit(table)
    try expectEqual(
      tool,
      expected(
        try ToolRuns.object(encoding: result), command: "match", ["bootstrap": try ToolRuns.object(encoding: bootstrap)]))
    #expect((tool["effect"] as? [String: Any])?["method"] as? String == "wls-cluster-subclass")
  }

  @Test("match --estimator abadie-imbens: AbadieImbensResult's encoding with its tidy row and method")
  func matchAbadieImbens() throws {
    let tool = try ToolRuns.json([
      "match", "--data", ToolFixtures.lalonde, "--treatment", "treat", "--covariates", ToolFixtures.lalondeCovariates,
      "--replace", "--outcome", "re78", "--estimator", "abadie-imbens",
    ])
    let table = try CSVReader().read(path: ToolFixtures.lalonde)
    let result = try PropensityScoreMatching(
      treatment: "treat", covariates: try Covariates(formula: ToolFixtures.lalondeCovariates),
      matcher: NearestNeighborMatcher(replace: true, order: .largest)
    ).fit(table)
    var units = try result.units(in: table)
    try units.append(Column(name: "propensity_score", doubles: result.propensity.fittedProbabilities))
    let effect = try AbadieImbensEstimator(
      outcome: "re78", treatment: "treat", matchOn: .score(column: "propensity_score"), estimand: .att, matches: 1
    ).fit(units)
    var effectObject = try ToolRuns.object(encoding: effect)
    for (key, value) in try ToolRuns.object(encoding: effect.row) { effectObject[key] = value }
    effectObject["method"] = "abadie-imbens"
    try expectEqual(tool, expected(try ToolRuns.object(encoding: result), command: "match", ["effect": effectObject]))
  }

  @Test("mediate: MediationResult's encoding", arguments: [
    ["--sims", "50"], ["--method", "bootstrap", "--sims", "30", "--ci", "bca"],
    ["--method", "delta", "--sensitivity", "--sims", "20"],
  ])
  func mediate(options: [String]) throws {
    let tool = try ToolRuns.json(["mediate"] + ToolFixtures.framingArguments + options)
    let method: MediationMethod
    switch options[1] {
    case "bootstrap": method = .bootstrap(replicates: 30, interval: .bca)
    case "delta": method = .closedForm
    default: method = .quasiBayesian(simulations: 50)
    }
    let result = try MediationAnalysis(
      treatment: "treat", mediators: ["emo"], outcome: "cong_mesg", covariates: ["age", "educ", "gender", "income"],
      method: method, sensitivity: options.contains("--sensitivity") ? try MediationSensitivityOptions(replicates: 20) : nil,
      seed: 1
    ).fit(try CSVReader().read(path: ToolFixtures.framing))
    try expectEqual(tool, expected(try ToolRuns.object(encoding: result), command: "mediate"))
  }

  @Test("the output is compact with sorted keys, schema_version and command included")
  func stableText() throws {
    let text = try ToolRuns.jsonText(["logit", "--data", ToolFixtures.lalonde, "--formula", "treat ~ age"])
    #expect(!text.contains("\n") && !text.contains(": "))
    #expect(text.hasPrefix(#"{"aic":"#))
    #expect(text.contains(#""command":"logit""#) && text.contains(#""schema_version":1"#))
  }
}

import ArgumentParser
import CausalKit
import Foundation
import TestSupport
import Testing

@testable import CausalKitTool

/// Parses `causalkit mediate` arguments and runs its estimation step on a file.
private func mediate(_ arguments: [String]) throws -> MediationResult {
  let command = try MediateCommand.parse(arguments)
  return try command.estimate(try CSVReader().read(path: command.data))
}

/// The `mediate` JSON of the arguments: the text's bytes and the parsed object.
private func mediateJSON(_ arguments: [String]) throws -> (data: Data, object: [String: Any]) {
  let command = try MediateCommand.parse(arguments + ["--json"])
  let data = Data(try command.analyze(try CSVReader().read(path: command.data)).jsonText().utf8)
  return (data, try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
}

/// The framing experiment shipped with R's `mediation` and statsmodels (265 respondents).
private let framingPath = FixtureFiles.data("framing.csv")
private let framingArguments = [
  "--data", framingPath, "--treatment", "treat", "--mediator", "emo", "--outcome", "cong_mesg",
  "--covariates", "age + educ + gender + income",
]

/// The JSON object `causalkit mediate --json` prints for a library result.
private func mediateObject(_ result: some EstimationResult) throws -> [String: Any] {
  let text = try CommandOutput(command: "mediate", result: result, additions: NoAdditions()).jsonText()
  return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// A `null` for a non-finite number, as the JSON has it.
private func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }

/// One entry of `effects` as decoded by `JSONDecoder` (numbers exactly as printed; `nil` for
/// `null`), or as a library row must appear.
private struct EffectEntry: Decodable, Equatable {
  let effect: String
  let mediator: String
  let estimate: Double?
  let conf_low: Double?
  let conf_high: Double?
  let p_value: Double?

  init(_ effect: String, _ mediator: String, _ row: CoefficientRow) {
    self.effect = effect
    self.mediator = mediator
    estimate = finite(row.estimate)
    conf_low = finite(row.confLow)
    conf_high = finite(row.confHigh)
    p_value = finite(row.pValue)
  }
}

/// The keys of the JSON this test reads, decoded exactly.
private struct MediateJSON: Decodable {
  struct Dropped: Decodable, Equatable {
    let missing_value: Int
    let singleton: Int
    let zero_weight: Int
    let collinear: [String]
    let absorbed_by_fixed_effects: [String]
  }

  struct Sensitivity: Decodable, Equatable {
    let rho: [Double?]
    let acme: [Double?]
    let conf_low: [Double?]
    let conf_high: [Double?]
    let rho_at_zero: Double?
    let r2_star_product_at_zero: Double?
    let r2_tilde_product_at_zero: Double?
  }

  let effects: [EffectEntry]
  let nobs: Int
  let sims: Int?
  let method: String
  let dropped: Dropped
  let sensitivity: Sensitivity?

  init(_ data: Data) throws { self = try JSONDecoder().decode(Self.self, from: data) }
}

@Suite("causalkit mediate")
struct MediateCommandTests {
  /// Library reference: the same analysis called directly (identical draws for the same seed).
  private func framingAnalysis(
    outcomeFamily: MediationModelFamily = .linear, mediators: [String] = ["emo"],
    method: MediationMethod = .closedForm, sensitivity: MediationSensitivityOptions? = nil, seed: UInt64 = 0
  ) throws -> MediationAnalysis {
    try MediationAnalysis(
      treatment: "treat", mediators: mediators, outcome: "cong_mesg",
      covariates: mediators.contains("age") ? ["educ", "gender", "income"] : ["age", "educ", "gender", "income"],
      outcomeFamily: outcomeFamily, method: method, sensitivity: sensitivity, seed: seed)
  }

  @Test("quasi-Bayesian JSON keys and values equal the library's result (probit outcome)")
  func quasiBayesianJSON() throws {
    let (data, json) = try mediateJSON(framingArguments + ["--outcome-model", "probit", "--sims", "200", "--seed", "7"])
    #expect(Set(json.keys).isSuperset(of: ["effects", "nobs", "sims", "method", "dropped", "sensitivity"]))
    let decoded = try MediateJSON(data)
    #expect(decoded.nobs == 265 && decoded.sims == 200 && decoded.method == "quasi-bayes")
    #expect(json["sensitivity"] is NSNull)
    let effects = try #require(json["effects"] as? [[String: Any]])
    #expect(effects.allSatisfy { Set($0.keys).isSuperset(of: ["effect", "mediator", "estimate", "conf_low", "conf_high", "p_value"]) })
    let names = [
      "acme_control", "acme_treated", "ade_control", "ade_treated", "total", "prop_mediated_control",
      "prop_mediated_treated", "acme_average", "ade_average", "prop_mediated",
    ]
    #expect(effects.map { $0["effect"] as? String ?? "" } == names)
    let reference = try framingAnalysis(outcomeFamily: .probit, method: .quasiBayesian(simulations: 200), seed: 7)
      .fit(CSVReader().read(path: framingPath))
    #expect(decoded.effects == zip(names, reference.effects.rows).map { EffectEntry($0, "emo", $1) })
  }

  @Test("delta method with sensitivity: effects and the sensitivity block equal the library's")
  func deltaWithSensitivity() throws {
    let (data, json) = try mediateJSON(framingArguments + ["--method", "delta", "--sensitivity", "--sims", "50", "--seed", "3"])
    let decoded = try MediateJSON(data)
    #expect(json["sims"] is NSNull)
    #expect(json["method"] as? String == "delta")
    let table = try CSVReader().read(path: framingPath)
    let analysis = try framingAnalysis(sensitivity: MediationSensitivityOptions(replicates: 50), seed: 3)
    let closed = try analysis.fit(table)
    #expect(decoded.effects.contains(EffectEntry("acme_average", "emo", closed.effects.acmeAverage)))
    #expect(decoded.effects.contains(EffectEntry("ade_average", "emo", closed.effects.adeAverage)))
    #expect(decoded.effects.contains(EffectEntry("total", "emo", closed.effects.total)))
    let s = try #require(json["sensitivity"] as? [String: Any])
    #expect(Set(s.keys).isSuperset(of: [
      "rho", "acme", "conf_low", "conf_high", "rho_at_zero", "r2_star_product_at_zero", "r2_tilde_product_at_zero",
    ]))
    let reference = try #require(closed.sensitivity)
    #expect(decoded.sensitivity == MediateJSON.Sensitivity(
      rho: reference.rho.map(finite), acme: reference.acme.map(finite), conf_low: reference.band.map { finite($0.lower) },
      conf_high: reference.band.map { finite($0.upper) }, rho_at_zero: finite(reference.rhoAtZero),
      r2_star_product_at_zero: finite(reference.r2StarProductAtZero),
      r2_tilde_product_at_zero: finite(reference.r2TildeProductAtZero)))
    // Article value (Mediation.md): the ACME vanishes at rho = 0.353.
    #expect(abs(reference.rhoAtZero - 0.353) < 5e-4)
  }

  @Test("several mediators: joint rows under 'all' and each mediator's own rows")
  func severalMediators() throws {
    var arguments = framingArguments
    arguments[5] = "emo,age"
    arguments[9] = "educ + gender + income"
    let (data, json) = try mediateJSON(arguments + ["--sims", "100", "--seed", "2"])
    let decoded = try MediateJSON(data).effects
    let effects = try #require(json["effects"] as? [[String: Any]])
    #expect(effects.count == 10 + 2 * 6)
    #expect(effects.map { $0["mediator"] as? String ?? "" } == Array(repeating: "all", count: 10)
      + Array(repeating: "emo", count: 6) + Array(repeating: "age", count: 6))
    let reference = try framingAnalysis(mediators: ["emo", "age"], method: .quasiBayesian(simulations: 100), seed: 2)
      .fit(CSVReader().read(path: framingPath))
    #expect(decoded.contains(EffectEntry("acme_average", "all", reference.effects.acmeAverage)))
    #expect(decoded.contains(EffectEntry("ade_control", "all", reference.effects.adeControl)))
    #expect(decoded.contains(EffectEntry("prop_mediated", "all", reference.effects.proportionAverage)))
    #expect(decoded.contains(EffectEntry("acme_treated", "emo", reference.mediatorEffects[0].acmeTreated)))
    #expect(decoded.contains(EffectEntry("prop_mediated_control", "age", reference.mediatorEffects[1].proportionControl)))
    #expect(!decoded.contains { $0.effect == "ade_average" && $0.mediator == "emo" })
  }

  @Test("rows with missing values are counted under dropped")
  func droppedRows() throws {
    var lines = try String(contentsOfFile: framingPath, encoding: .utf8).split(separator: "\n").map(String.init)
    for i in 1...3 {  // blank the mediator (second field) of the first three respondents
      var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      fields[1] = ""
      lines[i] = fields.joined(separator: ",")
    }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("causalkit-mediate-\(UUID().uuidString).csv").path
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    var arguments = framingArguments
    arguments[1] = path
    let decoded = try MediateJSON(try mediateJSON(arguments + ["--method", "delta"]).data)
    #expect(decoded.nobs == 262)
    #expect(decoded.dropped == MediateJSON.Dropped(
      missing_value: 3, singleton: 0, zero_weight: 0, collinear: [], absorbed_by_fixed_effects: []))
  }

  @Test("bootstrap with BCa intervals equals the library's bootstrap")
  func bootstrapBCa() throws {
    let output = try mediate(framingArguments + ["--method", "bootstrap", "--sims", "40", "--ci", "bca", "--seed", "5"])
    #expect(output.method.draws == 40)
    let reference = try framingAnalysis(method: .bootstrap(replicates: 40, interval: .bca), seed: 5)
      .fit(CSVReader().read(path: framingPath))
    #expect(output == reference)
  }

  @Test("the DiD form (--absorb, --cluster, cluster bootstrap) equals the library's analysis")
  func differenceInDifferences() throws {
    let path = FixtureFiles.data("sim_event.csv")
    let output = try mediate([
      "--data", path, "--treatment", "treat_post", "--mediator", "x", "--outcome", "y", "--absorb", "unit + period",
      "--cluster", "unit", "--method", "bootstrap", "--sims", "30", "--seed", "4",
    ])
    let reference = try MediationAnalysis(
      treatment: "treat_post", mediators: ["x"], outcome: "y", fixedEffects: ["unit", "period"], vcov: .cluster(["unit"]),
      method: .bootstrap(replicates: 30, cluster: "unit"), seed: 4
    ).fit(CSVReader().read(path: path))
    #expect(output == reference)
    #expect(output.method.name == "bootstrap")
  }

  @Test("the text summary shows the models, the effects and the sensitivity thresholds")
  func text() throws {
    let text = MediationSummaryText.render(try mediate(framingArguments + ["--method", "delta", "--sensitivity", "--sims", "20"]))
    #expect(text.contains("Mediator model for emo (linear): emo ~ treat + age + educ + gender + income"))
    #expect(text.contains("Causal mediation analysis (delta method), 265 observations"))
    #expect(text.contains("ACME (average)"))
    #expect(text.contains("ACME = 0 at rho = 0.35"))
  }

  @Test("an unknown column names the option and suggests the closest column")
  func unknownColumn() throws {
    var arguments = framingArguments
    arguments[5] = "Emo"
    #expect(throws: ToolInputError.unknownColumn(option: "--mediator", name: "Emo", suggestions: ["emo"])) {
      try mediate(arguments)
    }
    #expect(throws: ToolInputError.self) { try mediate(framingArguments + ["--cluster", "school"]) }
  }

  @Test("an unknown covariate is reported by the estimation")
  func unknownCovariate() throws {
    var arguments = framingArguments
    arguments[9] = "age + education"
    #expect(throws: MediationError.self) { try mediate(arguments) }
  }

  @Test(
    "bad option values and combinations are validation errors",
    arguments: [
      ["--outcome-model", "tobit"], ["--mediator-model", "poisson"], ["--method", "gibbs"],
      ["--outcome-model", "probit", "--sensitivity"], ["--outcome-model", "logit", "--method", "delta"],
      ["--ci", "bca"], ["--method", "bootstrap", "--ci", "studentized"], ["--interaction", "--sensitivity"],
    ])
  func badOptions(extra: [String]) throws {
    #expect(throws: ValidationError.self) { try mediate(framingArguments + extra) }
  }

  @Test("the sensitivity error says what is needed")
  func sensitivityMessage() throws {
    do {
      _ = try mediate(framingArguments + ["--outcome-model", "probit", "--sensitivity"])
      Issue.record("expected an error")
    } catch let error as ValidationError {
      #expect(error.message.contains("--sensitivity needs --mediator-model linear and --outcome-model linear"))
    }
  }

  @Test("absorbed fixed effects with a probit outcome are refused by the analysis")
  func absorbNeedsLinear() throws {
    #expect(throws: MediationError.fixedEffectsNeedLinearModels) {
      try mediate(framingArguments + ["--absorb", "gender", "--outcome-model", "probit"])
    }
  }
}

/// `causalkit mediate --effects four-way`: VanderWeele's decomposition, the library's encoding.
@Suite("causalkit mediate --effects four-way")
struct MediateFourWayCommandTests {
  @Test("prints the library's FourWayDecomposition result and names its flags in errors")
  func fourWay() throws {
    let arguments = framingArguments + ["--effects", "four-way", "--mediator-value", "5", "--json"]
    let command = try MediateCommand.parse(arguments)
    let table = try CSVReader().read(path: framingPath)
    let result = try command.fourWay(table)
    let library = try FourWayDecomposition(
      treatment: "treat", mediator: "emo", outcome: "cong_mesg", covariates: ["age", "educ", "gender", "income"],
      mediatorValue: 5, seed: 1
    ).fit(table)
    #expect(result == library)
    let json = try mediateObject(result)
    let effects = try #require(json["effects"] as? [[String: Any]])
    #expect(effects.compactMap { $0["effect"] as? String } == FourWayDecompositionResult.effectNames)
    #expect(json["command"] as? String == "mediate" && json["mediator_value"] as? Double == 5)
    #expect(throws: ValidationError.self) { try command.estimate(table) }
    for bad in [
      ["--effects", "fourway"], ["--mediator-value", "1"], ["--effects", "four-way", "--outcome-model", "probit", "--method", "delta"],
      ["--effects", "four-way", "--ci", "bca"], ["--effects", "four-way", "--sensitivity"],
    ] {
      let parsed = try MediateCommand.parse(framingArguments + bad)
      #expect(throws: ValidationError.self) {
        if (try? parsed.effectsKind()) == .fourWay { _ = try parsed.fourWay(table) } else { _ = try parsed.estimate(table) }
      }
    }
    let twoMediators = try MediateCommand.parse(
      ["--data", framingPath, "--treatment", "treat", "--mediator", "emo,age", "--outcome", "cong_mesg", "--effects", "four-way"])
    #expect(throws: ValidationError.self) { try twoMediators.fourWay(table) }
    // A probit outcome: quasi-Bayesian g-computation by default, --draws per observation.
    let probit = try MediateCommand.parse(
      framingArguments + ["--effects", "four-way", "--outcome-model", "probit", "--sims", "40", "--draws", "2"])
    let simulated = try probit.fourWay(table)
    #expect(simulated.method == .quasiBayesian(simulations: 40) && simulated.drawsPerObservation == 2)
    #expect(simulated.summary().contains("quasi-bayes, g-computation"))
  }
}

/// `causalkit mediate --effects path-specific`: SequentialMediation, the library's encoding.
@Suite("causalkit mediate --effects path-specific")
struct MediatePathSpecificCommandTests {
  static let students = FixtureFiles.data("sequential_mediation_sim.csv")
  static let arguments = [
    "--data", students, "--treatment", "strong", "--mediator", "peer,lead,teach", "--outcome", "score",
    "--covariates", "prior", "--cluster", "school", "--effects", "path-specific",
  ]

  @Test("fits the mediators in --mediator-order and prints the library's result")
  func pathSpecific() throws {
    let table = try CSVReader().read(path: Self.students)
    let command = try MediateCommand.parse(Self.arguments + ["--mediator-order", "lead > teach > peer", "--json"])
    let result = try command.sequential(table)
    let library = try SequentialMediation(
      treatment: "strong", mediators: ["lead", "teach", "peer"], outcome: "score", covariates: ["prior"],
      vcov: .cluster(["school"]), seed: 1
    ).fit(table)
    #expect(result == library)
    let json = try mediateObject(result)
    let effects = try #require(json["effects"] as? [[String: Any]])
    #expect(effects.contains { $0["path"] as? String == "strong -> lead -> teach -> peer -> score" })
    // Without --mediator-order the --mediator order is the causal order; interventional is the same analysis.
    let plain = try MediateCommand.parse(Self.arguments.map { $0 == "path-specific" ? "interventional" : $0 })
    #expect(try plain.sequential(table).mediatorOrder == ["peer", "lead", "teach"])
    // --method bootstrap resamples whole schools (--cluster) with --sims replicates and --seed.
    let boot = try MediateCommand.parse(Self.arguments + ["--method", "bootstrap", "--sims", "49", "--seed", "3"])
    let booted = try boot.sequential(table)
    #expect(booted.method == .bootstrap(replicates: 49, cluster: "school") && booted.seed == 3)
    #expect(booted.total.estimate == library.total.estimate && booted.total.standardError != library.total.standardError)
  }

  @Test("--sensitivity adds each mediator's confounding curves, --sims replicates for the bands")
  func sensitivity() throws {
    let table = try CSVReader().read(path: Self.students)
    let command = try MediateCommand.parse(Self.arguments + ["--sensitivity", "--sims", "12"])
    let result = try command.sequential(table)
    let sensitivity = try #require(result.sensitivity)
    #expect(sensitivity.curves.map(\.mediator) == ["peer", "lead", "teach"])
    #expect(sensitivity.replicates <= 12 && sensitivity.replicates >= 2)
    #expect(result.summary().contains("Sensitivity to mediator-outcome confounding"))
    let json = try mediateObject(result)
    #expect((json["sensitivity"] as? [String: Any])?["curves"] != nil)
  }

  @Test("a bad order or an option that does not apply is refused by name")
  func errors() throws {
    let table = try CSVReader().read(path: Self.students)
    for (bad, flag) in [
      (["--mediator-order", "lead > teach > lead"], "cycle"), (["--mediator-order", "lead > nope > peer"], "nope"),
      (["--mediator-order", "lead > teach"], "leaves out"), (["--method", "bootstrap", "--ci", "normal"], "--ci"),
      (["--outcome-model", "logit"], "--outcome-model"),
    ] {
      let command = try MediateCommand.parse(Self.arguments + bad)
      do {
        _ = try command.sequential(table)
        Issue.record("\(bad) was accepted")
      } catch let error as ValidationError {
        #expect(error.message.contains(flag), "\(error.message)")
      }
    }
    let natural = try MediateCommand.parse(
      ["--data", Self.students, "--treatment", "strong", "--mediator", "lead", "--outcome", "score", "--mediator-order", "lead"])
    #expect(throws: ValidationError.self) { try natural.effectsKind() }
  }
}

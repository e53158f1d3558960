import CausalKit
import Foundation
import Testing

@testable import CausalKitTool

/// Errors name the tool's flags (`--reps`, `--level`, `--caliper`), never the library's
/// properties (`replicates`, `confidenceLevel`), through ``ToolDiagnostics/optionFlags``.
@Suite("causalkit error messages name the tool's flags")
struct ToolErrorMessageTests {
  static let fe = ["--data", ToolFixtures.simFE, "--formula", "y ~ x1 + x2 | firm"]
  static let match = [
    "match", "--data", ToolFixtures.lalonde, "--treatment", "treat", "--covariates", ToolFixtures.lalondeCovariates,
  ]

  @Test("an invalid option value names the flag and not the library property", arguments: [
    (["feols"] + fe + ["--bootstrap", "pairs", "--reps", "0"], "--reps", "replicates"),
    (["feols"] + fe + ["--bootstrap", "wild", "--reps=-1"], "--reps", "replicates"),
    (["feols"] + fe + ["--level", "1.5"], "--level", "confidenceLevel"),
    (["feols"] + fe + ["--tolerance", "0"], "--tolerance", "demeaning.tolerance"),
    (["feols"] + fe + ["--max-iterations", "0"], "--max-iterations", "maxIterations"),
    (["logit", "--data", ToolFixtures.lalonde, "--formula", "treat ~ age", "--level", "1.5"], "--level", "confidenceLevel"),
    (match + ["--caliper=-0.2"], "--caliper", "for caliper"),
    (match + ["--ratio", "0"], "--ratio", "for ratio"),
    (match + ["--outcome", "re78", "--bootstrap", "--reps", "0"], "--reps", "replicates"),
    (["mediate"] + ToolFixtures.framingArguments + ["--sims", "1"], "--sims", "simulations"),
    (["mediate"] + ToolFixtures.framingArguments + ["--method", "bootstrap", "--sims", "1"], "--sims", "replicates"),
    (["mediate"] + ToolFixtures.framingArguments + ["--level", "1.5"], "--level", "confidenceLevel"),
    (["mediate"] + ToolFixtures.framingArguments + ["--control-value", "1"], "--control-value", "controlValue"),
    (BaconCommandTests.arguments + ["--level", "1.5"], "--level", "confidenceLevel"),
    (BaconCommandTests.arguments + ["--unit", ""], "--unit", "for unit"),
    // A negative number after a space is a value, not a missing one (numeric options parse
    // unconditionally), so the message says what is wrong with it.
    (["feols"] + fe + ["--bootstrap", "pairs", "--reps", "-5"], "Invalid value '-5' for --reps", "Missing value"),
    (match + ["--caliper", "-0.2"], "Invalid value '-0.2' for --caliper", "Missing value"),
    (["feols"] + fe + ["--tolerance", "-1"], "for --tolerance", "Missing value"),
    (["mediate"] + ToolFixtures.framingArguments + ["--sims", "-5"], "Invalid value '-5' for --sims", "Missing value"),
  ])
  func flagNamed(arguments: [String], flag: String, property: String) throws {
    let message = try #require(ToolRuns.errorMessage(arguments), "expected \(arguments) to fail")
    #expect(message.contains(flag), "\(message)")
    #expect(!message.contains(property), "\(message)")
  }

  @Test("every option the library rejects for a run above is in the table, per subcommand")
  func tableCoversCommands() {
    #expect(Set(ToolDiagnostics.optionFlags.keys) == ["feols", "logit", "match", "mediate", "did", "drdid", "sunab", "did2s", "bacon"])
    #expect(ToolDiagnostics.optionFlags["feols"]?["replicates"] == "--reps")
    #expect(ToolDiagnostics.optionFlags["mediate"]?["replicates"] == "--sims")
  }

  @Test("a wrapped option error is found and translated")
  func wrapped() {
    let option = OptionError.invalid(option: "replicates", value: "1", expected: "an integer of at least 2")
    let error = MediationError.bootstrap(.invalidOption(option))
    #expect(ToolDiagnostics.optionError(in: error) == option)
    #expect(ToolDiagnostics.message(for: error, command: "mediate") == "Invalid value '1' for --sims; expected an integer of at least 2.")
  }

  @Test("advice that names a library setting names the flag instead")
  func advice() {
    let notConverged = FixedEffectsError.notConverged(method: "alternating-projections", iterations: 10, tolerance: 1e-10)
    let feols = ToolDiagnostics.message(for: notConverged, command: "feols")
    #expect(feols.contains("--max-iterations") && !feols.contains("DemeaningOptions"))
    let singletons = ToolDiagnostics.message(for: FixedEffectsError.allSingletons(fixedEffects: ["firm"]), command: "feols")
    #expect(singletons.contains("--keep-singletons") && !singletons.contains(".keep"))
    let logit = ToolDiagnostics.message(
      for: PropensityError.notConverged(iterations: 25, relativeDevianceChange: 0.1, tolerance: 1e-8), command: "logit")
    #expect(!logit.contains("IRLSOptions"))
    let replacement = ToolDiagnostics.message(for: ResampledInferenceError.matchingWithReplacement, command: "match")
    #expect(replacement.contains("--estimator abadie-imbens") && !replacement.contains("AbadieImbensEstimator"))
    let ties = ToolDiagnostics.message(
      for: MatchingError.tooManyTies(matchedUnits: 5, totalUnits: 80, pairs: 400, bytesPerPair: 72, physicalMemory: 1_000),
      command: "match")
    #expect(ties.hasPrefix("Ties give the units more matches than memory can hold: the first 5 of 80 units"))
    #expect(ties.contains("drop --estimator abadie-imbens") && !ties.contains("use nearest-neighbour matching"))
  }

  @Test("the matched-set bootstrap after matching with replacement points to --estimator abadie-imbens")
  func bootstrapWithReplacement() throws {
    let message = try #require(ToolRuns.errorMessage(Self.match + ["--replace", "--outcome", "re78", "--bootstrap", "--reps", "9"]))
    #expect(message.contains("--estimator abadie-imbens"))
  }
}

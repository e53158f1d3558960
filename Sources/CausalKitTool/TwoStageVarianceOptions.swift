import ArgumentParser
import CausalKit

/// `causalkit did2s`'s choice of standard errors: `--variance`, `--imputation-groups` and
/// `--leave-out`.
struct TwoStageVarianceOptions: ParsableArguments {
  @Option(name: .customLong("variance"), help: "Standard errors: gmm (Gardner, default) or imputation (Borusyak-Jaravel-Spiess, conservative).")
  var method: String = "gmm"

  @Option(name: .long, help: "With --variance imputation: groups whose effects are averaged, cohort-period (default), cohort, horizon or all-treated.")
  var imputationGroups: String?

  @Flag(name: .long, help: "With --variance imputation: leave each cluster out of its group's average effect.")
  var leaveOut = false

  /// The variance `--variance`, `--imputation-groups` and `--leave-out` ask for.
  ///
  /// - Throws: `ValidationError` for an unknown value, or the imputation options without
  ///   `--variance imputation`.
  func variance() throws -> TwoStageDiD.Variance {
    let kind = try OptionValues.choice(method, "--variance", ["gmm": false, "imputation": true])
    guard kind else {
      if imputationGroups != nil || leaveOut {
        throw ValidationError("--imputation-groups and --leave-out apply with --variance imputation.")
      }
      return .gmm
    }
    let groups = try imputationGroups.map { text in
      try OptionValues.choice(text, "--imputation-groups", [
        "cohort-period": TwoStageDiD.ImputationGroups.cohortPeriod, "cohort": .cohort, "horizon": .horizon,
        "all-treated": .allTreated,
      ])
    }
    return .imputation(groups: groups ?? .cohortPeriod, leaveOut: leaveOut)
  }
}

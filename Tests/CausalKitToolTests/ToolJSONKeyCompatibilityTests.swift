import CausalKit
import Foundation
import Testing

@testable import CausalKitTool

/// Scripts depend on the keys `causalkit --json` printed before the tool switched to the
/// library's encodings. These are every key path the hand-written JSON (ToolJSON.swift,
/// removed) printed for each run below, recorded from that implementation; the library
/// encoding the tool prints now must contain each of them (nested objects and array entries
/// included). Their values are checked in ToolJSONLibraryTests.
@Suite("causalkit --json keeps every key it printed before")
struct ToolJSONKeyCompatibilityTests {
  /// The key paths of the hand-written JSON, by run.
  static let recordedKeys: [String: [String]] = [
    "feols": [
      "adj_r2", "coefficients", "coefficients[].conf_high", "coefficients[].conf_low", "coefficients[].estimate",
      "coefficients[].p_value", "coefficients[].statistic", "coefficients[].std_error", "coefficients[].term",
      "df_resid", "df_t", "dropped", "dropped.absorbed_by_fixed_effects", "dropped.collinear",
      "dropped.missing_value", "dropped.singleton", "dropped.zero_weight", "fixed_effects", "fixed_effects[].levels",
      "fixed_effects[].name", "nobs", "notes", "r2", "r2_within", "rmse", "vcov", "vcov_matrix",
    ],
    "feols_pairs": [
      "adj_r2", "bootstrap", "bootstrap[].ci", "bootstrap[].conf_high", "bootstrap[].conf_low",
      "bootstrap[].enumerated", "bootstrap[].estimate", "bootstrap[].failed", "bootstrap[].method",
      "bootstrap[].p_value", "bootstrap[].reps", "bootstrap[].std_error", "bootstrap[].term", "coefficients",
      "coefficients[].conf_high", "coefficients[].conf_low", "coefficients[].estimate", "coefficients[].p_value",
      "coefficients[].statistic", "coefficients[].std_error", "coefficients[].term", "df_resid", "df_t", "dropped",
      "dropped.absorbed_by_fixed_effects", "dropped.collinear", "dropped.missing_value", "dropped.singleton",
      "dropped.zero_weight", "fixed_effects", "fixed_effects[].levels", "fixed_effects[].name", "nobs", "notes",
      "r2", "r2_within", "rmse", "vcov", "vcov_matrix",
    ],
    "feols_wild": [
      "adj_r2", "bootstrap", "bootstrap[].conf_high", "bootstrap[].conf_low", "bootstrap[].enumerated",
      "bootstrap[].failed", "bootstrap[].method", "bootstrap[].p_value", "bootstrap[].reps", "bootstrap[].term",
      "bootstrap[].weights", "coefficients", "coefficients[].conf_high", "coefficients[].conf_low",
      "coefficients[].estimate", "coefficients[].p_value", "coefficients[].statistic", "coefficients[].std_error",
      "coefficients[].term", "df_resid", "df_t", "dropped", "dropped.absorbed_by_fixed_effects", "dropped.collinear",
      "dropped.missing_value", "dropped.singleton", "dropped.zero_weight", "fixed_effects", "fixed_effects[].levels",
      "fixed_effects[].name", "nobs", "notes", "r2", "r2_within", "rmse", "vcov", "vcov_matrix",
    ],
    "logit": [
      "aic", "coefficients", "coefficients[].conf_high", "coefficients[].conf_low", "coefficients[].estimate",
      "coefficients[].p_value", "coefficients[].statistic", "coefficients[].std_error", "coefficients[].term",
      "converged", "deviance", "dropped", "dropped.absorbed_by_fixed_effects", "dropped.collinear",
      "dropped.missing_value", "dropped.singleton", "dropped.zero_weight", "iterations", "link", "loglik", "nobs",
      "notes", "null_deviance", "pseudo_r2", "vcov", "vcov_matrix",
    ],
    "match": [
      "balance", "balance[].covariate", "balance[].ks_after", "balance[].ks_before", "balance[].smd_after",
      "balance[].smd_before", "balance[].variance_ratio_after", "balance[].variance_ratio_before",
      "binary_covariates", "bootstrap", "bootstrap.ci", "bootstrap.conf_high", "bootstrap.conf_low",
      "bootstrap.enumerated", "bootstrap.estimate", "bootstrap.failed", "bootstrap.method", "bootstrap.p_value",
      "bootstrap.reps", "bootstrap.std_error", "bootstrap.term", "caliper", "caliper.raw_width", "caliper.scale",
      "caliper.value", "counts", "counts.control_discarded", "counts.control_matched", "counts.control_unmatched",
      "counts.missing_dropped", "counts.treated_discarded", "counts.treated_matched", "counts.treated_unmatched",
      "effect", "effect.conf_high", "effect.conf_low", "effect.estimand", "effect.estimate", "effect.method",
      "effect.p_value", "effect.std_error", "smd_denominator",
    ],
    "match_ai": [
      "balance", "balance[].covariate", "balance[].ks_after", "balance[].ks_before", "balance[].smd_after",
      "balance[].smd_before", "balance[].variance_ratio_after", "balance[].variance_ratio_before",
      "binary_covariates", "caliper", "caliper.raw_width", "caliper.scale", "caliper.value", "counts",
      "counts.control_discarded", "counts.control_matched", "counts.control_unmatched", "counts.missing_dropped",
      "counts.treated_discarded", "counts.treated_matched", "counts.treated_unmatched", "effect", "effect.conf_high",
      "effect.conf_low", "effect.estimand", "effect.estimate", "effect.method", "effect.p_value", "effect.std_error",
      "smd_denominator",
    ],
    "mediate_boot": [
      "dropped", "dropped.absorbed_by_fixed_effects", "dropped.collinear", "dropped.missing_value",
      "dropped.singleton", "dropped.zero_weight", "effects", "effects[].conf_high", "effects[].conf_low",
      "effects[].effect", "effects[].estimate", "effects[].mediator", "effects[].p_value", "method", "nobs",
      "sensitivity", "sims",
    ],
    "mediate_qb": [
      "dropped", "dropped.absorbed_by_fixed_effects", "dropped.collinear", "dropped.missing_value",
      "dropped.singleton", "dropped.zero_weight", "effects", "effects[].conf_high", "effects[].conf_low",
      "effects[].effect", "effects[].estimate", "effects[].mediator", "effects[].p_value", "method", "nobs",
      "sensitivity", "sims",
    ],
    "mediate_sens": [
      "dropped", "dropped.absorbed_by_fixed_effects", "dropped.collinear", "dropped.missing_value",
      "dropped.singleton", "dropped.zero_weight", "effects", "effects[].conf_high", "effects[].conf_low",
      "effects[].effect", "effects[].estimate", "effects[].mediator", "effects[].p_value", "method", "nobs",
      "sensitivity", "sensitivity.acme", "sensitivity.conf_high", "sensitivity.conf_low",
      "sensitivity.r2_star_product_at_zero", "sensitivity.r2_tilde_product_at_zero", "sensitivity.rho",
      "sensitivity.rho_at_zero", "sims",
    ],  ]

  /// The runs the keys were recorded from (`--json` added).
  static let runs: [String: [String]] = {
    let fe = ["--data", ToolFixtures.simFE, "--formula", "y ~ x1 + x2 | firm"]
    let match = ["match", "--data", ToolFixtures.lalonde, "--treatment", "treat", "--covariates", ToolFixtures.lalondeCovariates]
    let mediate = ["mediate"] + ToolFixtures.framingArguments
    return [
      "feols": ["feols"] + fe + ["--vcov", "cluster:firm"],
      "feols_wild": ["feols"] + fe + ["--vcov", "cluster:state", "--bootstrap", "wild", "--reps", "99", "--combination", "x1 - x2"],
      "feols_pairs": ["feols"] + fe + ["--bootstrap", "pairs", "--reps", "49", "--combination", "x1 - x2"],
      "logit": ["logit", "--data", ToolFixtures.lalonde, "--formula", "treat ~ age + educ + race", "--vcov", "hetero"],
      "match": match + ["--caliper", "0.2", "--outcome", "re78", "--bootstrap", "--reps", "49"],
      "match_ai": match + ["--replace", "--outcome", "re78", "--estimator", "abadie-imbens"],
      "mediate_qb": mediate + ["--sims", "50"],
      "mediate_boot": mediate + ["--method", "bootstrap", "--sims", "30"],
      "mediate_sens": mediate + ["--method", "delta", "--sensitivity", "--sims", "20"],
    ]
  }()

  @Test("every recorded key path is in the tool's output", arguments: recordedKeys.keys.sorted())
  func keysKept(run: String) throws {
    let arguments = try #require(Self.runs[run])
    let json = try ToolRuns.json(arguments + ["--json"])
    let paths = ToolRuns.keyPaths(json)
    let missing = Set(try #require(Self.recordedKeys[run])).subtracting(paths)
    #expect(missing.isEmpty, "\(run) lost \(missing.sorted())")
    #expect(json["schema_version"] as? Int == 1)
    #expect(json["command"] as? String == arguments[0])
  }

  @Test("the key check notices a missing nested key")
  func checkIsSensitive() {
    let paths = ToolRuns.keyPaths(["a": [["b": 1]], "c": ["d": NSNull()]])
    #expect(paths == ["a", "a[].b", "c", "c.d"])
  }
}

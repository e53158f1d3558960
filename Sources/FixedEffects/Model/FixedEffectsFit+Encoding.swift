import CausalCore

extension FixedEffectsFit {
  /// Encodes the fit (not the n-length residuals or outcome); non-finite numbers become `null`.
  /// The keys: those `causalkit feols --json` prints (`coefficients`, `nobs`, `df_resid`,
  /// `df_t`, `r2`, `adj_r2`, `r2_within`, `rmse`, `vcov`, `vcov_matrix`, `fixed_effects`,
  /// `dropped`, `notes`) and the rest of the fit.
  ///
  /// `vcov` is the variance type's command-line spelling (`iid`, `hetero`, `cluster:firm`, …),
  /// `vcov_matrix` the variance matrix as rows, `variance` the same matrix with its terms,
  /// `fixed_effects` the absorbed dimensions as `{name, levels}` and `dropped` the
  /// `DropReport` encoding (records and per-reason tallies).
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([
      .value("coefficients", coefficients), .value("nobs", observationCount),
      .value("df_resid", residualDegreesOfFreedom), .value("slope_count", slopeCount),
      .value("fixed_effect_parameter_count", fixedEffectParameterCount), .number("df_t", tDegreesOfFreedom),
      .number("r2", r2), .number("adj_r2", adjustedR2), .number("r2_within", withinR2), .number("rmse", rmse),
      .number("confidence_level", confidenceLevel), .number("rss", residualSumOfSquares),
      .value("vcov", varianceType.description), .numberRows("vcov_matrix", variance.rows),
      .value("variance", variance), .value("fixed_effects", fixedEffectLevels), .value("dropped", drops),
      .value("notes", notes), .value("small_sample", smallSample), .value("cluster_counts", clusterCounts),
      .ifPresent("f_test", fTest), .value("demeaning", demeaning), .ifPresent("fixed_effect_values", fixedEffects),
      .value("fingerprint", fingerprint),
    ])
  }
}

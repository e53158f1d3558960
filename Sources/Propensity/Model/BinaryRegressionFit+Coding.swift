import CausalCore

extension BinaryRegressionFit {
  /// Encodes the fit with snake_case keys, non-finite numbers as `null`: `coefficients` (tidy
  /// rows), `nobs`, `link`, `loglik`, `deviance`, `null_deviance`, `aic`, `pseudo_r2`,
  /// `iterations`, `converged`, `vcov` (the variance type's name), `vcov_matrix` (rows of the
  /// k × k matrix, in coefficient order), `dropped` (the `DropReport`), `notes`, and also
  /// `bic`, `null_loglik`, `event_count`, `confidence_level`, `df_residual`, `df_null`,
  /// `relative_deviance_change`, `step_halvings`, `cluster_counts`, `variance` (terms and
  /// matrix) and `separation` (or `null`). The per-observation arrays (fitted probabilities,
  /// linear predictor, rows) are not encoded.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws; never for NaN or infinity.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([
      .value("coefficients", coefficients), .value("nobs", observationCount), .value("link", link),
      .number("loglik", logLikelihood), .number("deviance", deviance), .number("null_deviance", nullDeviance),
      .number("aic", aic), .number("pseudo_r2", pseudoR2), .number("bic", bic),
      .number("null_loglik", nullLogLikelihood), .number("confidence_level", confidenceLevel),
      .number("relative_deviance_change", relativeDevianceChange), .value("iterations", iterations),
      .value("event_count", eventCount), .value("df_residual", residualDegreesOfFreedom),
      .value("df_null", nullDegreesOfFreedom), .value("step_halvings", stepHalvings), .value("converged", converged),
      .value("vcov", varianceType.description), .numberRows("vcov_matrix", variance.rows), .value("dropped", drops),
      .value("notes", notes), .value("cluster_counts", clusterCounts), .value("variance", variance),
      .value("separation", separation),
    ])
  }
}

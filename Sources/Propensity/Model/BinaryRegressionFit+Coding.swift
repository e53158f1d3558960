import CausalCore

extension BinaryRegressionFit {
  /// The JSON keys: the `causalkit logit` object's keys and a few more.
  enum CodingKeys: String, CodingKey {
    case coefficients, nobs, link, loglik, deviance, aic, bic, iterations, converged, vcov, dropped, notes, separation
    case nullDeviance = "null_deviance"
    case nullLoglik = "null_loglik"
    case pseudoR2 = "pseudo_r2"
    case vcovMatrix = "vcov_matrix"
    case variance
    case eventCount = "event_count"
    case confidenceLevel = "confidence_level"
    case residualDegreesOfFreedom = "df_residual"
    case nullDegreesOfFreedom = "df_null"
    case relativeDevianceChange = "relative_deviance_change"
    case stepHalvings = "step_halvings"
    case clusterCounts = "cluster_counts"
  }

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
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(coefficients, forKey: .coefficients)
    try c.encode(observationCount, forKey: .nobs)
    try c.encode(link, forKey: .link)
    let numbers: [(Double, CodingKeys)] = [
      (logLikelihood, .loglik), (deviance, .deviance), (nullDeviance, .nullDeviance), (aic, .aic),
      (pseudoR2, .pseudoR2), (bic, .bic), (nullLogLikelihood, .nullLoglik), (confidenceLevel, .confidenceLevel),
      (relativeDevianceChange, .relativeDevianceChange),
    ]
    for (value, key) in numbers { try c.encodeNumber(value, forKey: key) }
    let counts: [(Int, CodingKeys)] = [
      (iterations, .iterations), (eventCount, .eventCount), (residualDegreesOfFreedom, .residualDegreesOfFreedom),
      (nullDegreesOfFreedom, .nullDegreesOfFreedom), (stepHalvings, .stepHalvings),
    ]
    for (value, key) in counts { try c.encode(value, forKey: key) }
    try c.encode(converged, forKey: .converged)
    try c.encode(varianceType.description, forKey: .vcov)
    let k = variance.terms.count
    try c.encodeNumberRows((0..<k).map { i in (0..<k).map { j in variance.matrix[i, j] } }, forKey: .vcovMatrix)
    try c.encode(drops, forKey: .dropped)
    try c.encode(notes, forKey: .notes)
    try c.encode(clusterCounts, forKey: .clusterCounts)
    try c.encode(variance, forKey: .variance)
    try c.encode(separation, forKey: .separation)
  }
}

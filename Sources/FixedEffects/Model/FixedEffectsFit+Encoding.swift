import CausalCore

extension FixedEffectsFit {
  /// The JSON keys: those `causalkit feols --json` prints (`coefficients`, `nobs`,
  /// `df_resid`, `df_t`, `r2`, `adj_r2`, `r2_within`, `rmse`, `vcov`, `vcov_matrix`,
  /// `fixed_effects`, `dropped`, `notes`) and the rest of the fit.
  enum CodingKeys: String, CodingKey {
    case coefficients
    case observationCount = "nobs"
    case residualDegreesOfFreedom = "df_resid"
    case tDegreesOfFreedom = "df_t"
    case r2
    case adjustedR2 = "adj_r2"
    case withinR2 = "r2_within"
    case rmse
    case varianceType = "vcov"
    case varianceMatrix = "vcov_matrix"
    case fixedEffectLevels = "fixed_effects"
    case drops = "dropped"
    case notes
    case variance
    case smallSample = "small_sample"
    case confidenceLevel = "confidence_level"
    case slopeCount = "slope_count"
    case fixedEffectParameterCount = "fixed_effect_parameter_count"
    case clusterCounts = "cluster_counts"
    case residualSumOfSquares = "rss"
    case fTest = "f_test"
    case demeaning
    case fixedEffectValues = "fixed_effect_values"
    case fingerprint
  }

  /// Encodes the fit (not the n-length residuals or outcome); non-finite numbers become `null`.
  ///
  /// `vcov` is the variance type's command-line spelling (`iid`, `hetero`, `cluster:firm`, …),
  /// `vcov_matrix` the variance matrix as rows, `variance` the same matrix with its terms,
  /// `fixed_effects` the absorbed dimensions as `{name, levels}` and `dropped` the
  /// `DropReport` encoding (records and per-reason tallies).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(coefficients, forKey: .coefficients)
    let counts: [(CodingKeys, Int)] = [
      (.observationCount, observationCount), (.residualDegreesOfFreedom, residualDegreesOfFreedom),
      (.slopeCount, slopeCount), (.fixedEffectParameterCount, fixedEffectParameterCount),
    ]
    for (key, value) in counts { try c.encode(value, forKey: key) }
    let numbers: [(CodingKeys, Double?)] = [
      (.tDegreesOfFreedom, tDegreesOfFreedom), (.r2, r2), (.adjustedR2, adjustedR2), (.withinR2, withinR2),
      (.rmse, rmse), (.confidenceLevel, confidenceLevel), (.residualSumOfSquares, residualSumOfSquares),
    ]
    for (key, value) in numbers { try c.encodeNumber(value, forKey: key) }
    try c.encode(varianceType.description, forKey: .varianceType)
    try c.encodeNumberRows(variance.rows, forKey: .varianceMatrix)
    try c.encode(variance, forKey: .variance)
    try c.encode(fixedEffectLevels, forKey: .fixedEffectLevels)
    try c.encode(drops, forKey: .drops)
    try c.encode(notes, forKey: .notes)
    try c.encode(smallSample, forKey: .smallSample)
    try c.encode(clusterCounts, forKey: .clusterCounts)
    try c.encodeIfPresent(fTest, forKey: .fTest)
    try c.encode(demeaning, forKey: .demeaning)
    try c.encodeIfPresent(fixedEffects, forKey: .fixedEffectValues)
    try c.encode(fingerprint, forKey: .fingerprint)
  }
}

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
  /// ``DropReport`` encoding (records and per-reason tallies).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(coefficients, forKey: .coefficients)
    try c.encode(observationCount, forKey: .observationCount)
    try c.encode(residualDegreesOfFreedom, forKey: .residualDegreesOfFreedom)
    try c.encodeNumber(tDegreesOfFreedom, forKey: .tDegreesOfFreedom)
    try c.encodeNumber(r2, forKey: .r2)
    try c.encodeNumber(adjustedR2, forKey: .adjustedR2)
    try c.encodeNumber(withinR2, forKey: .withinR2)
    try c.encodeNumber(rmse, forKey: .rmse)
    try c.encode(varianceType.description, forKey: .varianceType)
    try c.encodeNumberRows(variance.rows, forKey: .varianceMatrix)
    try c.encode(fixedEffectLevels, forKey: .fixedEffectLevels)
    try c.encode(drops, forKey: .drops)
    try c.encode(notes, forKey: .notes)
    try c.encode(variance, forKey: .variance)
    try c.encode(smallSample, forKey: .smallSample)
    try c.encodeNumber(confidenceLevel, forKey: .confidenceLevel)
    try c.encode(slopeCount, forKey: .slopeCount)
    try c.encode(fixedEffectParameterCount, forKey: .fixedEffectParameterCount)
    try c.encode(clusterCounts, forKey: .clusterCounts)
    try c.encodeNumber(residualSumOfSquares, forKey: .residualSumOfSquares)
    try c.encodeIfPresent(fTest, forKey: .fTest)
    try c.encode(demeaning, forKey: .demeaning)
    try c.encodeIfPresent(fixedEffects, forKey: .fixedEffectValues)
    try c.encode(fingerprint, forKey: .fingerprint)
  }
}

import CausalCore

extension PropensityScoreMatchingResult {
  /// The JSON keys: those `causalkit match --json` prints, and more.
  enum CodingKeys: String, CodingKey {
    case estimand, counts, caliper, balance, effect, coefficients, nobs, dropped, propensity
    case smdDenominator = "smd_denominator"
    case binaryCovariates = "binary_covariates"
    case sampleSizes = "sample_sizes"
  }

  /// Keys of the `counts` object.
  enum CountKeys: String, CodingKey {
    case treatedMatched = "treated_matched"
    case controlMatched = "control_matched"
    case treatedUnmatched = "treated_unmatched"
    case controlUnmatched = "control_unmatched"
    case treatedDiscarded = "treated_discarded"
    case controlDiscarded = "control_discarded"
    case missingDropped = "missing_dropped"
    case focalUnitsShortOfRatio = "focal_units_short_of_ratio"
  }

  /// Keys of the `caliper` object.
  enum CaliperKeys: String, CodingKey {
    case value, scale
    case rawWidth = "raw_width"
  }

  /// Encodes `counts` (matched, unmatched and discarded units by group and `missing_dropped`),
  /// `caliper` (`value`, `scale` `sd`/`raw`, `raw_width`; `null`s without a caliper),
  /// `smd_denominator`, `binary_covariates`, `balance` (one ``BalanceTidyRow`` per covariate),
  /// `effect` (when an outcome was set: see ``MatchedSampleEffect``), `estimand`,
  /// `coefficients`, `nobs`, `dropped`, `sample_sizes` and `propensity` (the
  /// `BinaryRegressionFit`). Non-finite numbers are written as `null`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    let n = matched.counts
    var counts = c.nestedContainer(keyedBy: CountKeys.self, forKey: .counts)
    try counts.encode(n.treated.matched, forKey: .treatedMatched)
    try counts.encode(n.control.matched, forKey: .controlMatched)
    try counts.encode(n.treated.unmatched, forKey: .treatedUnmatched)
    try counts.encode(n.control.unmatched, forKey: .controlUnmatched)
    try counts.encode(n.treated.discarded, forKey: .treatedDiscarded)
    try counts.encode(n.control.discarded, forKey: .controlDiscarded)
    try counts.encode(missingDropped, forKey: .missingDropped)
    try counts.encode(n.focalUnitsShortOfRatio, forKey: .focalUnitsShortOfRatio)
    var width = c.nestedContainer(keyedBy: CaliperKeys.self, forKey: .caliper)
    try width.encodeNumber(caliper?.value, forKey: .value)
    try width.encode(caliper?.scale, forKey: .scale)
    try width.encodeNumber(matched.caliperWidth, forKey: .rawWidth)
    try balance.encodeSummary(into: &c, denominator: .smdDenominator, binary: .binaryCovariates, rows: .balance)
    try c.encodeIfPresent(effect, forKey: .effect)
    try c.encode(matched.estimand, forKey: .estimand)
    try c.encode(coefficients, forKey: .coefficients)
    try c.encode(observationCount, forKey: .nobs)
    try c.encode(drops, forKey: .dropped)
    try c.encode(balance.sampleSizes, forKey: .sampleSizes)
    try c.encode(propensity, forKey: .propensity)
  }
}

import CausalCore

extension PropensityScoreMatchingResult {

  /// Encodes `counts` (matched, unmatched and discarded units by group; units removed before
  /// matching for missing values, `missing_dropped`, and for infinite values, `infinite_dropped`),
  /// `caliper` (`value`, `scale` `sd`/`raw`, `raw_width`; `null`s without a caliper),
  /// `smd_denominator`, `binary_covariates`, `balance` (one ``BalanceTidyRow`` per covariate),
  /// `effect` (when an outcome was set: see ``MatchedSampleEffect``), `estimand`,
  /// `coefficients`, `nobs`, `dropped`, `sample_sizes` and `propensity` (the
  /// `BinaryRegressionFit`). Non-finite numbers are written as `null`.
  public func encode(to encoder: any Encoder) throws {
    let n = matched.counts
    let counts: [JSONField<JSONKey>] = [
      .value("treated_matched", n.treated.matched), .value("control_matched", n.control.matched),
      .value("treated_unmatched", n.treated.unmatched), .value("control_unmatched", n.control.unmatched),
      .value("treated_discarded", n.treated.discarded), .value("control_discarded", n.control.discarded),
      .value("missing_dropped", missingDropped), .value("infinite_dropped", infiniteDropped),
      .value("focal_units_short_of_ratio", n.focalUnitsShortOfRatio),
    ]
    let width: [JSONField<JSONKey>] = [
      .number("value", caliper?.value), .value("scale", caliper?.scale), .number("raw_width", matched.caliperWidth),
    ]
    try encoder.encodeFields(
      [.object("counts", counts), .object("caliper", width)] + balance.summaryFields + [
        .ifPresent("effect", effect), .value("estimand", matched.estimand), .value("coefficients", coefficients),
        .value("nobs", observationCount), .value("dropped", drops), .value("sample_sizes", balance.sampleSizes),
        .value("propensity", propensity),
      ])
  }

}

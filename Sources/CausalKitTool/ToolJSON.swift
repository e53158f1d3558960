import CausalKit

/// JSON renderings of estimator results, with a stable key order. Non-finite numbers are
/// written as `null`.
enum ToolJSON {
  /// A tidy coefficient row.
  static func row(_ row: CoefficientRow) -> JSONValue {
    .object([
      ("term", .string(row.term)), ("estimate", .number(row.estimate)),
      ("std_error", .number(row.standardError)), ("statistic", .number(row.statistic)),
      ("p_value", .number(row.pValue)), ("conf_low", .number(row.confLow)),
      ("conf_high", .number(row.confHigh)),
    ])
  }

  /// A square variance matrix.
  static func matrix(_ variance: TermVariance) -> JSONValue {
    let k = variance.terms.count
    return .array((0..<k).map { i in .array((0..<k).map { j in .number(variance.matrix[i, j]) }) })
  }

  /// Observations and terms removed, by reason.
  static func dropped(_ drops: DropReport) -> JSONValue {
    var pairs: [(String, JSONValue)] = []
    for reason in [DropReason.missingValue, .singleton, .zeroWeight] {
      pairs.append((reason.rawValue, .number(Double(drops.observationCount(reason)))))
    }
    for reason in [DropReason.collinear, .absorbedByFixedEffects] {
      let terms = drops.terms.filter { $0.reason == reason }.flatMap(\.variables)
      pairs.append((reason.rawValue, .array(terms.map { .string($0) })))
    }
    return .object(pairs)
  }

  /// The `feols` object; `bootstrap` entries are added as a `"bootstrap"` array when present.
  static func feols(_ fit: FixedEffectsFit, bootstrap: [JSONValue] = []) -> String {
    var pairs: [(String, JSONValue)] = [
      ("coefficients", .array(fit.coefficients.map(row))),
      ("nobs", .number(Double(fit.observationCount))),
      ("df_resid", .number(Double(fit.residualDegreesOfFreedom))),
      ("df_t", .number(fit.tDegreesOfFreedom)),
      ("r2", .number(fit.r2)),
      ("adj_r2", .number(fit.adjustedR2)),
      ("r2_within", fit.withinR2.map { .number($0) } ?? .null),
      ("rmse", .number(fit.rmse)),
      ("vcov", .string(fit.varianceType.description)),
      ("vcov_matrix", matrix(fit.variance)),
      ("fixed_effects", .array(fit.fixedEffectLevels.map { .object([("name", .string($0.name)), ("levels", .number(Double($0.levels)))]) })),
      ("dropped", dropped(fit.drops)),
      ("notes", .array(fit.notes.map { .string($0) })),
    ]
    if !bootstrap.isEmpty { pairs.append(("bootstrap", .array(bootstrap))) }
    return JSONValue.object(pairs).rendered
  }

  /// One wild cluster bootstrap test, reported under `label`.
  static func wildBootstrap(_ b: WildBootstrapResult, label: String) -> JSONValue {
    .object([
      ("term", .string(label)), ("p_value", .number(b.pValue)),
      ("conf_low", b.confidenceInterval.map { .number($0.lower) } ?? .null),
      ("conf_high", b.confidenceInterval.map { .number($0.upper) } ?? .null),
      ("reps", .number(Double(b.replicates))), ("enumerated", .bool(b.enumerated)),
      ("failed", .number(Double(b.failures))),
      ("method", .string(b.method)),
      ("weights", .string(b.weights.rawValue)),
    ])
  }

  /// The entries of a pairs or cluster bootstrap, one per term and combination.
  static func resampledBootstrap(_ result: FixedEffectsBootstrapResult) -> [JSONValue] {
    result.estimates.map { resampled($0, method: result.scheme.name) }
  }

  /// One bootstrap summary in the shared entry layout, with its estimate and standard error.
  static func resampled(_ e: ResampledEstimate, method: String) -> JSONValue {
    .object([
      ("term", .string(e.term)), ("p_value", .number(e.pValue)),
      ("conf_low", .number(e.interval.lower)), ("conf_high", .number(e.interval.upper)),
      ("reps", .number(Double(e.replicates))), ("enumerated", .bool(false)),
      ("failed", .number(Double(e.failures))), ("method", .string(method)),
      ("ci", .string(e.interval.method.rawValue)), ("estimate", .number(e.estimate)),
      ("std_error", .number(e.standardError)),
    ])
  }

  /// The `logit` object: the tidy rows plus likelihood statistics.
  static func binaryFit(_ fit: BinaryRegressionFit) -> String {
    JSONValue.object([
      ("coefficients", .array(fit.coefficients.map(row))),
      ("nobs", .number(Double(fit.observationCount))),
      ("link", .string(fit.link.rawValue)),
      ("loglik", .number(fit.logLikelihood)),
      ("deviance", .number(fit.deviance)),
      ("null_deviance", .number(fit.nullDeviance)),
      ("aic", .number(fit.aic)),
      ("pseudo_r2", .number(fit.pseudoR2)),
      ("iterations", .number(Double(fit.iterations))),
      ("converged", .bool(fit.converged)),
      ("vcov", .string(fit.varianceType.description)),
      ("vcov_matrix", matrix(fit.variance)),
      ("dropped", dropped(fit.drops)),
      ("notes", .array(fit.notes.map { .string($0) })),
    ]).rendered
  }

  /// The `match` object: counts, caliper, balance and (optionally) the effect.
  static func matching(
    _ result: PropensityScoreMatchingResult, caliper: Double?, stdCaliper: Bool,
    effect: (estimand: String, row: CoefficientRow, method: String)?, bootstrap: JSONValue? = nil
  ) -> String {
    let c = result.matched.counts
    let optional = { (x: Double?) -> JSONValue in x.map { .number($0) } ?? .null }
    var pairs: [(String, JSONValue)] = [
      ("counts", .object([
        ("treated_matched", .number(Double(c.treated.matched))),
        ("control_matched", .number(Double(c.control.matched))),
        ("treated_unmatched", .number(Double(c.treated.unmatched))),
        ("control_unmatched", .number(Double(c.control.unmatched))),
        ("treated_discarded", .number(Double(c.treated.discarded))),
        ("control_discarded", .number(Double(c.control.discarded))),
        ("missing_dropped", .number(Double(result.missingDropped))),
      ])),
      ("caliper", .object([
        ("value", optional(caliper)),
        ("scale", caliper == nil ? .null : .string(stdCaliper ? "sd" : "raw")),
        ("raw_width", optional(result.matched.caliperWidth)),
      ])),
      ("smd_denominator", .string(result.balance.smdDenominator.description)),
      ("binary_covariates", .string(result.balance.binaryDifference == .raw ? "raw difference in proportions" : "standardized")),
      ("balance", .array(result.balance.tidyRows().map { b in
        .object([
          ("covariate", .string(b.covariate)),
          ("smd_before", optional(b.smdBefore)), ("smd_after", optional(b.smdAfter)),
          ("variance_ratio_before", optional(b.varianceRatioBefore)),
          ("variance_ratio_after", optional(b.varianceRatioAfter)),
          ("ks_before", optional(b.ksBefore)), ("ks_after", optional(b.ksAfter)),
        ])
      })),
    ]
    if let effect {
      pairs.append(("effect", .object([
        ("estimand", .string(effect.estimand)), ("estimate", .number(effect.row.estimate)),
        ("std_error", .number(effect.row.standardError)), ("conf_low", .number(effect.row.confLow)),
        ("conf_high", .number(effect.row.confHigh)), ("p_value", .number(effect.row.pValue)),
        ("method", .string(effect.method)),
      ])))
    }
    if let bootstrap { pairs.append(("bootstrap", bootstrap)) }
    return JSONValue.object(pairs).rendered
  }
}

import CausalCore

/// The result of ``AbadieImbensEstimator``: the matching estimate, its Abadie–Imbens
/// standard error and the matches, with the fields of `Matching::Match`'s return value.
///
/// ```swift
/// let result = try AbadieImbensEstimator(
///   outcome: "re78", treatment: "treat", matchOn: .score(column: "pscore"), matches: 2
/// ).fit(scored)
/// print(result.estimate, result.standardError)     // Match's est and se
/// print(result.row.confLow, result.row.confHigh)
/// ```
///
/// Unit indices (``pairs``, ``matchCounts``, ``conditionalVariances``) are positions among the
/// rows used; ``rows`` maps them to rows of the input table.
public struct AbadieImbensResult: EstimationResult, Equatable {
  /// The estimand.
  public let estimand: MatchingEstimand
  /// The (bias-adjusted, when requested) matching estimate: Match's `est`.
  public let estimate: Double
  /// The Abadie–Imbens standard error: Match's `se` (population or sample target, see
  /// ``AbadieImbensVarianceTarget``).
  public let standardError: Double
  /// The conditional standard error √(max(V_sample, V_population) − V_sample): Match's
  /// `se.cond`.
  public let conditionalStandardError: Double
  /// The naive standard error that treats the pairs as independent,
  /// √(Σ_r w_r (d_r − d̄)²) / Σ_r w_r with d_r = Y(treated) − Y(control): Match's
  /// `se.standard`. It ignores that controls are reused and is usually too small.
  public let naiveStandardError: Double
  /// The estimate without bias adjustment, Σ_r w_r d_r / Σ_r w_r: Match's `est.noadj`.
  public let unadjustedEstimate: Double
  /// Number of units (Match's `nobs`).
  public let observationCount: Int
  /// Number of units that were matched: treated for the ATT, controls for the ATC, all for
  /// the ATE, less caliper drops (Match's `wnobs`).
  public let matchedCount: Int
  /// Units to be matched that the caliper dropped (Match's `ndrops` and `ndrops.matches`).
  public let droppedCount: Int
  /// The matched pairs, ordered by the matched unit's index and then by the match's index.
  public let pairs: [AbadieImbensPair]
  /// K_M(i) for every unit: the number of times it is used as a match, each use weighted by
  /// 1/(number of matches of the unit it serves). Zero for units never used.
  public let matchCounts: [Double]
  /// The estimated conditional variance σ̂²(Xᵢ) of every unit's outcome (one repeated value
  /// with ``AbadieImbensConditionalVariance/homoskedastic``).
  public let conditionalVariances: [Double]
  /// Confidence level of ``row``'s interval.
  public let confidenceLevel: Double
  /// The tidy row: term `ATT`/`ATC`/`ATE`, the estimate, the standard error, the z statistic,
  /// its two-sided standard-normal p-value and the normal interval estimate ± z₍₁₊level₎/₂ · se.
  public let row: CoefficientRow
  /// The input row of each unit used (`0..<n` for the array-level entry point).
  public let rows: [Int]
  /// Rows removed for missing values before matching.
  public let drops: DropReport

  /// Creates a result from its parts, computing ``row`` from the estimate and
  /// standard error.
  ///
  /// - Parameters:
  ///   - estimand: The estimand.
  ///   - estimate: Match's `est`.
  ///   - standardError: Match's `se`.
  ///   - conditionalStandardError: Match's `se.cond`.
  ///   - naiveStandardError: Match's `se.standard`.
  ///   - unadjustedEstimate: Match's `est.noadj`.
  ///   - observationCount: Number of units.
  ///   - matchedCount: Number of units matched.
  ///   - droppedCount: Number of units dropped by the caliper.
  ///   - pairs: The matched pairs.
  ///   - matchCounts: K_M(i) per unit.
  ///   - conditionalVariances: σ̂²(Xᵢ) per unit.
  ///   - confidenceLevel: Level of the interval in (0, 1).
  ///   - rows: The input row of each unit, `0..<n` when `nil`.
  ///   - drops: Rows removed before matching.
  init(
    estimand: MatchingEstimand, estimate: Double, standardError: Double, conditionalStandardError: Double,
    naiveStandardError: Double, unadjustedEstimate: Double, observationCount: Int, matchedCount: Int,
    droppedCount: Int, pairs: [AbadieImbensPair], matchCounts: [Double], conditionalVariances: [Double],
    confidenceLevel: Double, rows: [Int]? = nil, drops: DropReport = DropReport()
  ) {
    self.estimand = estimand
    self.estimate = estimate
    self.standardError = standardError
    self.conditionalStandardError = conditionalStandardError
    self.naiveStandardError = naiveStandardError
    self.unadjustedEstimate = unadjustedEstimate
    self.observationCount = observationCount
    self.matchedCount = matchedCount
    self.droppedCount = droppedCount
    self.pairs = pairs
    self.matchCounts = matchCounts
    self.conditionalVariances = conditionalVariances
    self.confidenceLevel = confidenceLevel
    self.row = CoefficientRow.normal(
      term: estimand.rawValue, estimate: estimate, standardError: standardError, level: confidenceLevel)
    self.rows = rows ?? Array(0..<observationCount)
    self.drops = drops
  }

  /// The same result with the table rows it came from.
  func fitted(rows: [Int], drops: DropReport) -> AbadieImbensResult {
    AbadieImbensResult(
      estimand: estimand, estimate: estimate, standardError: standardError,
      conditionalStandardError: conditionalStandardError, naiveStandardError: naiveStandardError,
      unadjustedEstimate: unadjustedEstimate, observationCount: observationCount, matchedCount: matchedCount,
      droppedCount: droppedCount, pairs: pairs, matchCounts: matchCounts, conditionalVariances: conditionalVariances,
      confidenceLevel: confidenceLevel, rows: rows, drops: drops)
  }

  /// One row: the effect (term `ATT`, `ATC` or `ATE`).
  public var coefficients: [CoefficientRow] { [row] }

  /// The estimate, the Abadie–Imbens, conditional and naive standard errors, and the counts.
  public func summary() -> String {
    [
      "Abadie-Imbens matching estimator (\(estimand.rawValue)), \(observationCount) units, \(matchedCount) matched"
        + (droppedCount > 0 ? ", \(droppedCount) dropped by the caliper" : ""),
      "Estimate: \(estimate)  std. error: \(standardError)  z = \(row.statistic)  p = \(row.pValue)",
      "\(Int((confidenceLevel * 100).rounded()))% CI: [\(row.confLow), \(row.confHigh)]",
      "Conditional std. error: \(conditionalStandardError)  naive std. error: \(naiveStandardError)"
        + "  unadjusted estimate: \(unadjustedEstimate)",
    ].joined(separator: "\n")
  }


  /// Encodes every field with snake_case keys (`estimand`, `estimate`, `std_error`,
  /// `conditional_std_error`, `naive_std_error`, `unadjusted_estimate`, `nobs`,
  /// `matched_count`, `caliper_dropped`, `confidence_level`, `coefficients`, `pairs`,
  /// `match_counts`, `conditional_variances`, `rows`, `dropped`); non-finite numbers as `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([
      .value("estimand", estimand), .number("estimate", estimate), .number("std_error", standardError),
      .number("conditional_std_error", conditionalStandardError), .number("naive_std_error", naiveStandardError),
      .number("unadjusted_estimate", unadjustedEstimate), .number("confidence_level", confidenceLevel),
      .value("nobs", observationCount), .value("matched_count", matchedCount), .value("caliper_dropped", droppedCount),
      .value("coefficients", coefficients), .value("pairs", pairs), .numbers("match_counts", matchCounts),
      .numbers("conditional_variances", conditionalVariances), .value("rows", rows), .value("dropped", drops),
    ])
  }
}

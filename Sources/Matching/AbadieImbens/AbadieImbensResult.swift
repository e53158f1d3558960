import CausalCore

/// The result of ``AbadieImbensEstimator``: the matching estimate, its Abadie–Imbens
/// standard error and the matches, with the fields of `Matching::Match`'s return value.
///
/// ```swift
/// let result = try AbadieImbensEstimator(estimand: .att, matches: 2)
///   .estimate(outcome: re78, treatment: treat, score: propensity)
/// print(result.estimate, result.standardError)     // Match's est and se
/// print(result.coefficient.confLow, result.coefficient.confHigh)
/// ```
public struct AbadieImbensResult: Sendable, Equatable {
  /// The estimand.
  public var estimand: MatchingEstimand
  /// The (bias-adjusted, when requested) matching estimate: Match's `est`.
  public var estimate: Double
  /// The Abadie–Imbens standard error: Match's `se` (population or sample target, see
  /// ``AbadieImbensVarianceTarget``).
  public var standardError: Double
  /// The conditional standard error √(max(V_sample, V_population) − V_sample): Match's
  /// `se.cond`.
  public var conditionalStandardError: Double
  /// The naive standard error that treats the pairs as independent,
  /// √(Σ_r w_r (d_r − d̄)²) / Σ_r w_r with d_r = Y(treated) − Y(control): Match's
  /// `se.standard`. It ignores that controls are reused and is usually too small.
  public var naiveStandardError: Double
  /// The estimate without bias adjustment, Σ_r w_r d_r / Σ_r w_r: Match's `est.noadj`.
  public var unadjustedEstimate: Double
  /// Number of units (Match's `nobs`).
  public var observationCount: Int
  /// Number of units that were matched: treated for the ATT, controls for the ATC, all for
  /// the ATE, less caliper drops (Match's `wnobs`).
  public var matchedCount: Int
  /// Units to be matched that the caliper dropped (Match's `ndrops` and `ndrops.matches`).
  public var droppedCount: Int
  /// The matched pairs, ordered by the matched unit's index and then by the match's index.
  public var pairs: [AbadieImbensPair]
  /// K_M(i) for every unit: the number of times it is used as a match, each use weighted by
  /// 1/(number of matches of the unit it serves). Zero for units never used.
  public var matchCounts: [Double]
  /// The estimated conditional variance σ̂²(Xᵢ) of every unit's outcome (one repeated value
  /// with ``AbadieImbensConditionalVariance/homoskedastic``).
  public var conditionalVariances: [Double]
  /// Confidence level of ``coefficient``'s interval.
  public var confidenceLevel: Double
  /// The tidy row: term `ATT`/`ATC`/`ATE`, the estimate, the standard error, the z statistic,
  /// its two-sided standard-normal p-value and the normal interval estimate ± z₍₁₊level₎/₂ · se.
  public var coefficient: CoefficientRow

  /// Creates a result from its parts, computing ``coefficient`` from the estimate and
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
  public init(
    estimand: MatchingEstimand, estimate: Double, standardError: Double, conditionalStandardError: Double,
    naiveStandardError: Double, unadjustedEstimate: Double, observationCount: Int, matchedCount: Int,
    droppedCount: Int, pairs: [AbadieImbensPair], matchCounts: [Double], conditionalVariances: [Double],
    confidenceLevel: Double
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
    self.coefficient = Self.row(
      term: estimand.rawValue, estimate: estimate, standardError: standardError, level: confidenceLevel)
  }

  /// The tidy row with a standard-normal reference distribution.
  static func row(term: String, estimate: Double, standardError: Double, level: Double) -> CoefficientRow {
    let normal = NormalDistribution.standard
    let z = estimate / standardError
    let q = normal.quantile((1 + level) / 2)
    return CoefficientRow(
      term: term, estimate: estimate, standardError: standardError, statistic: z,
      pValue: min(1, 2 * normal.survival(abs(z))), confLow: estimate - q * standardError,
      confHigh: estimate + q * standardError)
  }
}

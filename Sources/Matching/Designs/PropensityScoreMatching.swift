import CausalCore
import LinearAlgebra
import Propensity

/// Propensity-score matching from a table, in one call: estimate the score, match, and report
/// balance before and after, as `MatchIt::matchit()` followed by `summary()` does.
///
/// 1. A logit (or probit) model of the treatment on the covariates gives each unit's
///    propensity score (`BinaryRegression`); units with a missing covariate are removed
///    listwise and counted.
/// 2. The distance is the score (`ps`, MatchIt's `distance = "glm"`), its logit (`linear-ps`,
///    `link = "linear.logit"`), or the Mahalanobis distance on the covariates' design columns
///    (with any caliper applied to the score).
/// 3. ``NearestNeighborMatcher`` matches treated units to controls (ATT) or the reverse (ATC),
///    with exact matching on the named columns if any.
/// 4. A ``BalanceTable`` compares the covariates before and after matching.
/// 5. With an ``outcome``, ``MatchedSampleRegression`` estimates the effect on the matched
///    sample (the result's ``PropensityScoreMatchingResult/effect``).
///
/// ```swift
/// let design = try PropensityScoreMatching(
///   treatment: "treat", covariates: Covariates(formula: "age + educ + race + married + nodegree + re74 + re75"),
///   matcher: NearestNeighborMatcher(caliper: Caliper(0.2)), outcome: "re78")
/// let result = try design.fit(lalonde)
/// print(result.balance.summary())
/// print(result.effect?.row.estimate ?? .nan)
/// ```
public struct PropensityScoreMatching: Estimator {
  /// The distance used for matching.
  public enum Distance: String, Sendable, Equatable, CaseIterable, Codable {
    /// The estimated propensity score.
    case propensityScore = "ps"
    /// The linear predictor (logit of the score for a logit model).
    case linearPropensityScore = "linear-ps"
    /// Mahalanobis distance on the covariates (the score still sets any caliper and order).
    case mahalanobis
  }

  /// The 0/1 treatment column.
  public let treatment: String
  /// The covariates of the propensity model and of the balance table.
  public let covariates: Covariates
  /// The distance.
  public let distance: Distance
  /// The link of the propensity model.
  public let link: LinkFunction
  /// The matcher and its options.
  public let matcher: NearestNeighborMatcher
  /// Columns to match exactly on.
  public let exact: [String]
  /// How balance reports binary covariates (raw differences in proportions by default).
  public let binaryDifference: BalanceBinaryDifference
  /// An outcome column: when set, ``fit(_:)`` also estimates the effect on the matched sample.
  public let outcome: String?

  /// Creates the design; parameters as the properties.
  ///
  /// - Throws: `OptionError` when there are no covariates or an exact-matching column is also
  ///   the treatment.
  public init(
    treatment: String, covariates: Covariates, distance: Distance = .propensityScore, link: LinkFunction = .logit,
    matcher: NearestNeighborMatcher? = nil, exact: [String] = [],
    binaryDifference: BalanceBinaryDifference = .raw, outcome: String? = nil
  ) throws(OptionError) {
    try covariates.requireTerms("for the propensity model")
    if exact.contains(treatment) {
      throw .invalid(option: "exact", value: treatment, expected: "columns other than the treatment")
    }
    self.treatment = treatment
    self.covariates = covariates
    self.distance = distance
    self.link = link
    self.matcher = matcher ?? NearestNeighborMatcher.matchItDefault()
    self.exact = exact
    self.binaryDifference = binaryDifference
    self.outcome = outcome
  }

  /// Runs the design on a table.
  ///
  /// - Parameter data: One row per unit.
  /// - Returns: The propensity model, the matched set, balance, the row mapping and (with an
  ///   outcome) the effect.
  /// - Throws: `FormulaError`, `DataError`, `PropensityError` (for example separation or a
  ///   treatment not coded 0/1), ``MatchingError`` (no overlap, nothing matched) and the
  ///   errors of ``MatchedSampleRegression`` when an outcome is set.
  /// - Complexity: dominated by the propensity fit, O(n k²) per iteration, and the matching,
  ///   O(n log n) with a score distance.
  public func fit(_ data: DataTable) throws -> PropensityScoreMatchingResult {
    let formula = try Formula(response: treatment, covariates: covariates)
    let model = try BinaryRegression(formula: formula, link: link, allowSeparation: false)
    let propensity = try model.fit(data)
    let rows = propensity.observationRows
    let units = data.selecting(rows: rows)
    let treated = propensity.outcome.map { $0 == 1 }
    let scores = propensity.fittedProbabilities
    let distanceValue: MatchingDistance
    switch distance {
    case .propensityScore:
      distanceValue = .score(scores)
    case .linearPropensityScore:
      distanceValue = .score(propensity.linearPredictor)
    case .mahalanobis:
      let frame = try ModelFrame(formula: formula, data: units)
      let keep = frame.termNames.indices.filter { frame.termNames[$0] != "(Intercept)" }
      distanceValue = .mahalanobis(covariates: frame.design.selectingColumns(keep), score: scores)
    }
    let exactCodes = try exact.map { name in try FactorCodes(column: units.column(named: name)).codes }
    let matched = try matcher.match(treatment: treated, distance: distanceValue, exact: exactCodes)
    let balance = try BalanceTable(
      covariates: BalanceCovariates(data: units, covariates: covariates), treatment: treated,
      estimand: matched.estimand, matchingWeights: matched.weights, binaryDifference: binaryDifference)
    let effect = try outcome.map { outcome in
      try Self.effect(
        outcome: outcome, units: units, treatment: treatment, matched: matched, covariates: Covariates())
    }
    return PropensityScoreMatchingResult(
      propensity: propensity, matched: matched, rows: rows, fingerprint: TableFingerprint(data), balance: balance,
      treatmentColumn: treatment, caliper: matcher.caliper, effect: effect)
  }

  /// The matched-sample regression on the units that entered matching.
  static func effect(
    outcome: String, units: DataTable, treatment: String, matched: MatchedSet, covariates: Covariates
  ) throws -> MatchedSampleEffect {
    try MatchedSampleRegression(outcome: outcome, treatment: treatment, covariates: covariates).fit(units, matched: matched)
  }
}

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
///
/// ```swift
/// let design = PropensityScoreMatching(
///   treatment: "treat", covariates: "age + educ + race + married + nodegree + re74 + re75",
///   matcher: NearestNeighborMatcher(caliper: Caliper(0.2)))
/// let result = try design.run(lalonde)
/// print(result.balance.summary())
/// let effect = try result.effect(outcome: "re78", in: lalonde)
/// ```
public struct PropensityScoreMatching: Sendable {
  /// The distance used for matching.
  public enum Distance: String, Sendable, Equatable, CaseIterable {
    /// The estimated propensity score.
    case propensityScore = "ps"
    /// The linear predictor (logit of the score for a logit model).
    case linearPropensityScore = "linear-ps"
    /// Mahalanobis distance on the covariates (the score still sets any caliper and order).
    case mahalanobis
  }

  /// The 0/1 treatment column.
  public var treatment: String
  /// The covariates as a formula right-hand side, e.g. `"age + educ + race"`.
  public var covariates: String
  /// The distance.
  public var distance: Distance
  /// The link of the propensity model.
  public var link: LinkFunction
  /// The matcher and its options.
  public var matcher: NearestNeighborMatcher
  /// Columns to match exactly on.
  public var exact: [String]
  /// How balance reports binary covariates (raw differences in proportions by default).
  public var binaryDifference: BalanceBinaryDifference

  /// Creates the design; parameters as the properties.
  public init(
    treatment: String, covariates: String, distance: Distance = .propensityScore, link: LinkFunction = .logit,
    matcher: NearestNeighborMatcher = NearestNeighborMatcher(), exact: [String] = [],
    binaryDifference: BalanceBinaryDifference = .raw
  ) {
    self.binaryDifference = binaryDifference
    self.treatment = treatment
    self.covariates = covariates
    self.distance = distance
    self.link = link
    self.matcher = matcher
    self.exact = exact
  }

  /// Runs the design on a table.
  ///
  /// - Parameter data: One row per unit.
  /// - Returns: The propensity model, the matched set, balance and the row mapping.
  /// - Throws: `FormulaError`, `DataError`, `PropensityError` (for example separation or a
  ///   treatment not coded 0/1), ``MatchingError`` (no overlap, nothing matched, invalid
  ///   options) and ``BalanceError``.
  /// - Complexity: dominated by the propensity fit, O(n k²) per iteration, and the matching,
  ///   O(n log n) with a score distance.
  public func run(_ data: DataTable) throws -> PropensityScoreMatchingResult {
    let formula = "\(treatment) ~ \(covariates)"
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
      let frame = try ModelFrame(formula: Formula(formula), data: units)
      let keep = frame.termNames.indices.filter { frame.termNames[$0] != "(Intercept)" }
      distanceValue = .mahalanobis(covariates: frame.design.selectingColumns(keep), score: scores)
    }
    let exactCodes = try exact.map { name in try FactorCodes(column: units.column(named: name)).codes }
    let matched = try matcher.match(treatment: treated, distance: distanceValue, exact: exactCodes)
    let balance = try BalanceTable(
      data: units, formula: covariates, treatment: treated, estimand: matched.estimand,
      matchingWeights: matched.weights, binaryDifference: binaryDifference)
    return PropensityScoreMatchingResult(
      propensity: propensity, matched: matched, rows: rows, rowCount: data.rowCount, balance: balance,
      treatmentColumn: treatment)
  }
}

/// The outcome of ``PropensityScoreMatching/run(_:)``.
public struct PropensityScoreMatchingResult: Sendable {
  /// The propensity model.
  public var propensity: BinaryRegressionFit
  /// The matched set, indexed by position in ``rows``.
  public var matched: MatchedSet
  /// The input row of each unit that entered matching (units with missing covariates are
  /// absent).
  public var rows: [Int]
  /// The number of rows of the input table.
  public var rowCount: Int
  /// Covariate balance before and after matching.
  public var balance: BalanceTable
  /// The treatment column.
  public var treatmentColumn: String

  /// Units removed before matching because of missing values.
  public var missingDropped: Int { rowCount - rows.count }

  /// The matching weight of every input row (0 for unmatched, discarded or dropped rows).
  public var weightsByRow: [Double] {
    var out = [Double](repeating: 0, count: rowCount)
    for (k, row) in rows.enumerated() { out[row] = matched.weights[k] }
    return out
  }

  /// The matched subclass (pair or set) of every input row, or `nil`.
  public var subclassByRow: [Int?] {
    var out = [Int?](repeating: nil, count: rowCount)
    for (k, row) in rows.enumerated() { out[row] = matched.subclass[k] }
    return out
  }

  /// The treatment effect on the matched sample by weighted regression
  /// (``MatchedSampleRegression``): clustered by subclass without replacement, HC3 with it.
  ///
  /// - Parameters:
  ///   - outcome: The outcome column.
  ///   - data: The table given to ``PropensityScoreMatching/run(_:)``.
  ///   - covariates: Optional regressors for a doubly-robust adjustment.
  /// - Throws: As ``MatchedSampleRegression/estimate(_:treatment:weights:subclass:estimand:)``.
  public func effect(outcome: String, in data: DataTable, covariates: [String] = []) throws -> MatchedSampleEffect {
    try MatchedSampleRegression(outcome: outcome, covariates: covariates).estimate(
      data.selecting(rows: rows), treatment: treatmentColumn, weights: matched.weights,
      subclass: matched.replace ? nil : matched.subclass, estimand: matched.estimand)
  }
}

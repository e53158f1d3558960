import CausalCore
import FixedEffects

/// The treatment effect on a matched (or kernel-weighted) sample, estimated by weighted least
/// squares, as MatchIt's documentation recommends.
///
/// The outcome is regressed on the treatment indicator (and optional covariates, for a
/// doubly-robust adjustment) over the rows with a positive matching weight, with the matching
/// weights as regression weights. The coefficient of the treatment is the ATT (or ATC) of the
/// matched design. Standard errors:
///
/// - with a ``subclass`` column (matching without replacement): cluster-robust by subclass
///   (matched pair or set), CR1 with factor `G/(G−1) · (n−1)/(n−k)` — R's
///   `sandwich::vcovCL(fit, cluster = ~subclass)`;
/// - without one (matching with replacement or kernel weights: no pairs to cluster on): HC3
///   (`sandwich::vcovHC(fit, type = "HC3")`), which ignores the uncertainty of the matching
///   itself; for nearest-neighbour matching with replacement prefer the Abadie-Imbens
///   standard error (``AbadieImbensEstimator``).
///
/// ```swift
/// // `matched` holds the columns `causalkit match --out` writes.
/// let model = try MatchedSampleRegression(
///   outcome: "re78", treatment: "treat", weights: "matching_weight", subclass: "matching_subclass")
/// let effect = try model.fit(matched)
/// print(effect.row.estimate, effect.row.standardError)
/// ```
///
/// After ``PropensityScoreMatching`` use ``PropensityScoreMatchingResult/effect(outcome:in:covariates:)``,
/// which supplies the weights and subclasses.
public struct MatchedSampleRegression: Estimator {
  /// Outcome column.
  public let outcome: String
  /// The 0/1 treatment column.
  public let treatment: String
  /// Column of non-negative matching weights (0, or missing, for unmatched rows).
  public let weights: String
  /// Column of matched-set (subclass) ids to cluster on, or `nil` for HC3 standard errors.
  public let subclass: String?
  /// What the weights target.
  public let estimand: MatchingEstimand
  /// Extra regressors for a doubly-robust adjustment; none by default.
  public let covariates: Covariates
  /// Confidence level of the interval.
  public let confidenceLevel: Double

  /// The default name of the weight column (`causalkit match --out` writes it).
  public static let weightColumn = "matching_weight"
  /// The usual name of the subclass column (`causalkit match --out` writes it).
  public static let subclassColumn = "matching_subclass"

  /// Creates the estimator.
  ///
  /// - Parameters:
  ///   - outcome: The outcome column (any spelling).
  ///   - treatment: The 0/1 treatment column.
  ///   - weights: The matching-weight column.
  ///   - subclass: The subclass column to cluster on, or `nil` for HC3.
  ///   - estimand: What the weights target (ATT by default); reported with the effect.
  ///   - covariates: Regressors added for a doubly-robust adjustment.
  ///   - confidenceLevel: Interval level in (0, 1).
  /// - Throws: `OptionError` for a confidence level outside (0, 1).
  public init(
    outcome: String, treatment: String, weights: String = weightColumn, subclass: String? = nil,
    estimand: MatchingEstimand = .att, covariates: Covariates = Covariates(), confidenceLevel: Double = 0.95
  ) throws(OptionError) {
    try OptionError.requireLevel(confidenceLevel)

    self.outcome = outcome
    self.treatment = treatment
    self.weights = weights
    self.subclass = subclass
    self.estimand = estimand
    self.covariates = covariates
    self.confidenceLevel = confidenceLevel
  }

  /// Estimates the effect on the rows with a positive weight.
  ///
  /// - Parameter data: One row per unit, with the outcome, treatment, weight and (if named)
  ///   subclass columns.
  /// - Returns: The effect, with the weighted regression behind it.
  /// - Throws: `DataError` for unknown or non-numeric columns; ``MatchingError/noMatches(unmatched:)`` when
  ///   no row has a positive weight; any error of `FixedEffectsModel.fit(_:)`.
  public func fit(_ data: DataTable) throws -> MatchedSampleEffect {
    let w = try data.column(named: weights).doubles()
    let rows = w.indices.filter { w[$0] > 0 }
    guard !rows.isEmpty else { throw MatchingError.noMatches(unmatched: data.rowCount) }
    let sample = data.selecting(rows: rows)
    let formula = try Formula(response: outcome, regressors: [treatment], covariates: covariates)
    let fit = try FixedEffectsModel(
      formula: formula, weights: weights, vcov: subclass.map { .cluster([$0]) } ?? .hc3,
      confidenceLevel: confidenceLevel
    ).fit(sample)
    guard let row = fit.coefficient(treatment) else {
      throw FixedEffectsError.allRegressorsRemoved(terms: [treatment])
    }
    var drops = fit.drops
    if rows.count < data.rowCount {
      drops.appendObservations(DropRecord(reason: .zeroWeight, count: data.rowCount - rows.count, variables: [weights]))
    }
    return MatchedSampleEffect(
      estimand: estimand, row: row, method: subclass == nil ? "wls-hc3" : "wls-cluster-subclass", fit: fit,
      drops: drops)
  }

  /// The effect with weights and subclasses given as arrays over the rows of `data` (the
  /// entry point of ``PropensityScoreMatchingResult/effect(outcome:in:covariates:)`` and
  /// PSM-DiD).
  ///
  /// - Parameters:
  ///   - data: One row per unit.
  ///   - weights: One matching weight per row.
  ///   - subclass: One subclass per row, or `nil` for HC3.
  /// - Throws: `DataError.lengthMismatch` when an array's length differs from the table's; as
  ///   ``fit(_:)`` otherwise.
  package func fit(_ data: DataTable, weights w: [Double], subclass s: [Int?]?) throws -> MatchedSampleEffect {
    guard w.count == data.rowCount else {
      throw DataError.lengthMismatch(column: "matching weights", expected: data.rowCount, found: w.count)
    }
    if let s, s.count != data.rowCount {
      throw DataError.lengthMismatch(column: "subclasses", expected: data.rowCount, found: s.count)
    }
    var table = data
    let weightName = table.unusedColumnName(weights)
    try table.append(Column(name: weightName, doubles: w))
    var subclassName: String?
    if let s {
      let name = table.unusedColumnName(subclass ?? Self.subclassColumn)
      try table.append(Column(name: name, ints: s))
      subclassName = name
    }
    let model = try MatchedSampleRegression(
      outcome: outcome, treatment: treatment, weights: weightName, subclass: subclassName, estimand: estimand,
      covariates: covariates, confidenceLevel: confidenceLevel)
    return try model.fit(table)
  }
}

extension MatchedSampleRegression {
  /// The effect after nearest-neighbour matching of the rows of `data` (in the matcher's
  /// order): clustered by subclass without replacement, HC3 with replacement; the estimand is
  /// the matched set's.
  ///
  /// - Throws: As ``fit(_:weights:subclass:)``.
  package func fit(_ data: DataTable, matched: MatchedSet) throws -> MatchedSampleEffect {
    try MatchedSampleRegression(
      outcome: outcome, treatment: treatment, weights: weights, subclass: subclass, estimand: matched.estimand,
      covariates: covariates, confidenceLevel: confidenceLevel
    ).fit(data, weights: matched.weights, subclass: matched.replace ? nil : matched.subclass)
  }
}

extension DataTable {
  /// `base`, or `base` followed by underscores, whichever is first not a column name: the name
  /// of a column a design adds to a copy of the caller's table.
  package func unusedColumnName(_ base: String) -> String {
    var name = base
    while self[name] != nil { name += "_" }
    return name
  }
}

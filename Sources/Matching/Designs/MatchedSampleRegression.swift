import CausalCore
import FixedEffects

/// The treatment effect on a matched (or kernel-weighted) sample, estimated by weighted least
/// squares, as MatchIt's documentation recommends.
///
/// The outcome is regressed on the treatment indicator (and optional covariates, for a
/// doubly-robust adjustment) over the units with positive matching weight, with the matching
/// weights as regression weights. The coefficient of the treatment is the ATT (or ATC) of the
/// matched design. Standard errors:
///
/// - matching without replacement: cluster-robust by subclass (matched pair or set), CR1 with
///   factor `G/(G−1) · (n−1)/(n−k)` — R's `sandwich::vcovCL(fit, cluster = ~subclass)`;
/// - matching with replacement or kernel weights (no pairs to cluster on): HC3
///   (`sandwich::vcovHC(fit, type = "HC3")`), which ignores the uncertainty of the matching
///   itself; for nearest-neighbour matching with replacement prefer the Abadie-Imbens
///   standard error.
///
/// ```swift
/// let matched = try NearestNeighborMatcher().match(treatment: treat, distance: .score(ps))
/// let effect = try MatchedSampleRegression(outcome: "re78").estimate(data, treatment: "treat", matched: matched)
/// print(effect.row.estimate, effect.row.standardError)
/// ```
public struct MatchedSampleRegression: Sendable {
  /// Outcome column.
  public var outcome: String
  /// Extra regressors (formula terms) for a doubly-robust adjustment; none by default.
  public var covariates: [String]
  /// Confidence level of the interval.
  public var confidenceLevel: Double

  /// Name of the generated weight column (must not exist in the data).
  public static let weightColumn = "matching_weight"
  /// Name of the generated subclass column (must not exist in the data).
  public static let subclassColumn = "matching_subclass"

  /// Creates the estimator.
  public init(outcome: String, covariates: [String] = [], confidenceLevel: Double = 0.95) {
    self.outcome = outcome
    self.covariates = covariates
    self.confidenceLevel = confidenceLevel
  }

  /// Estimates the effect after nearest-neighbour matching: clustered by subclass without
  /// replacement, HC3 with replacement.
  ///
  /// - Parameters:
  ///   - data: The full data, one row per unit, in the order the matcher saw.
  ///   - treatment: The 0/1 treatment column.
  ///   - matched: The matched set.
  /// - Throws: ``MatchingError`` when sizes differ or nothing was matched, and any error of
  ///   `FixedEffectsModel.fit(_:)`.
  public func estimate(_ data: DataTable, treatment: String, matched: MatchedSet) throws -> MatchedSampleEffect {
    try estimate(
      data, treatment: treatment, weights: matched.weights, subclass: matched.replace ? nil : matched.subclass,
      estimand: matched.estimand)
  }

  /// Estimates the effect with given matching weights, clustering by `subclass` when given
  /// and using HC3 otherwise.
  ///
  /// - Parameters:
  ///   - data: The full data, one row per unit.
  ///   - treatment: The 0/1 treatment column.
  ///   - weights: One non-negative matching weight per unit (0 for unmatched units).
  ///   - subclass: The matched set of each unit, or `nil` entries for unmatched units; pass
  ///     `nil` for HC3 standard errors.
  ///   - estimand: What the weights target.
  /// - Throws: ``MatchingError/lengthMismatch(input:expected:actual:)`` or
  ///   ``MatchingError/noMatches``; any error of `FixedEffectsModel.fit(_:)`.
  public func estimate(
    _ data: DataTable, treatment: String, weights: [Double], subclass: [Int?]?, estimand: MatchingEstimand
  ) throws -> MatchedSampleEffect {
    guard weights.count == data.rowCount else {
      throw MatchingError.lengthMismatch(input: "matching weights", expected: data.rowCount, actual: weights.count)
    }
    if let subclass, subclass.count != data.rowCount {
      throw MatchingError.lengthMismatch(input: "subclasses", expected: data.rowCount, actual: subclass.count)
    }
    for name in [Self.weightColumn, Self.subclassColumn] where data[name] != nil {
      throw DataError.invalidValues(column: name, reason: "the table already has a column with a name the matched-sample regression generates; rename it")
    }
    let rows = weights.indices.filter { weights[$0] > 0 }
    guard !rows.isEmpty else { throw MatchingError.noMatches }
    var sample = data.selecting(rows: rows)
    try sample.append(Column(name: Self.weightColumn, doubles: rows.map { weights[$0] }))
    var vcov = VarianceType.hc3
    if let subclass {
      try sample.append(Column(name: Self.subclassColumn, ints: rows.map { subclass[$0] }))
      vcov = .cluster([Self.subclassColumn])
    }
    let formula = "\(outcome) ~ " + ([treatment] + covariates).joined(separator: " + ")
    let fit = try FixedEffectsModel(
      formula: formula, weights: Self.weightColumn, vcov: vcov, confidenceLevel: confidenceLevel
    ).fit(sample)
    guard let row = fit.coefficient(treatment) else {
      throw FixedEffectsError.allRegressorsRemoved(terms: [treatment])
    }
    return MatchedSampleEffect(estimand: estimand, row: row, method: subclass == nil ? "wls-hc3" : "wls-cluster-subclass", fit: fit)
  }
}

/// A treatment effect estimated on a matched sample.
public struct MatchedSampleEffect: Sendable {
  /// What the effect targets.
  public var estimand: MatchingEstimand
  /// The effect's tidy row (term = the treatment column).
  public var row: CoefficientRow
  /// How the effect and its standard error were computed.
  public var method: String
  /// The underlying weighted regression.
  public var fit: FixedEffectsFit
}

import CausalCore

/// Difference-in-differences estimators built on ``FixedEffectsModel``.
///
/// - ``twoByTwo(_:outcome:treated:post:covariates:vcov:weights:)``: the canonical 2×2 design,
///   `y ~ treated + post + treated:post (+ covariates)`; the effect is the coefficient of
///   `treated:post`.
/// - ``twoWayFixedEffects(_:outcome:treatment:unit:time:covariates:vcov:weights:)``:
///   `y ~ treatment (+ covariates) | unit + time`, where `treatment` is 1 for treated units in
///   treated periods; standard errors clustered by unit by default.
///
/// With staggered adoption and heterogeneous effects the two-way fixed-effects coefficient is
/// a weighted average that can put negative weight on some effects (Goodman-Bacon 2021);
/// check it with an ``EventStudy``.
public enum DifferenceInDifferences {
  /// Fits the 2×2 design.
  ///
  /// - Parameters:
  ///   - data: The data.
  ///   - outcome: Outcome column.
  ///   - treated: 0/1 column marking treated units.
  ///   - post: 0/1 column marking post-treatment periods.
  ///   - covariates: Extra formula terms.
  ///   - vcov: Variance estimator; heteroskedasticity-robust (HC1) by default.
  ///   - weights: Optional weight column.
  /// - Returns: The effect (`treated:post`) and the full fit.
  /// - Throws: Any error of ``FixedEffectsModel/fit(_:)``.
  public static func twoByTwo(
    _ data: DataTable, outcome: String, treated: String, post: String, covariates: [String] = [],
    vcov: VarianceType = .hetero, weights: String? = nil
  ) throws -> DifferenceInDifferencesResult {
    let terms = [treated, post, "\(treated):\(post)"] + covariates
    let model = try FixedEffectsModel(
      formula: "\(outcome) ~ " + terms.joined(separator: " + "), weights: weights, vcov: vcov)
    return try DifferenceInDifferencesResult(fit: model.fit(data), term: "\(treated):\(post)")
  }

  /// Fits the two-way fixed-effects design.
  ///
  /// - Parameters:
  ///   - data: A panel (or repeated cross-section with group identifiers).
  ///   - outcome: Outcome column.
  ///   - treatment: 0/1 column, 1 for treated units in treated periods.
  ///   - unit: Unit (or group) identifier, absorbed and used for clustering.
  ///   - time: Period identifier, absorbed.
  ///   - covariates: Extra formula terms.
  ///   - vcov: Variance estimator; clustered by `unit` when `nil`.
  ///   - weights: Optional weight column.
  /// - Returns: The effect (coefficient of `treatment`) and the full fit.
  /// - Throws: Any error of ``FixedEffectsModel/fit(_:)``.
  public static func twoWayFixedEffects(
    _ data: DataTable, outcome: String, treatment: String, unit: String, time: String,
    covariates: [String] = [], vcov: VarianceType? = nil, weights: String? = nil
  ) throws -> DifferenceInDifferencesResult {
    let terms = [treatment] + covariates
    let model = try FixedEffectsModel(
      formula: "\(outcome) ~ " + terms.joined(separator: " + ") + " | \(unit) + \(time)",
      weights: weights, vcov: vcov ?? .cluster([unit]))
    return try DifferenceInDifferencesResult(fit: model.fit(data), term: treatment)
  }
}

/// A difference-in-differences effect with the regression it came from.
public struct DifferenceInDifferencesResult: Sendable {
  /// The full regression.
  public var fit: FixedEffectsFit
  /// The term holding the effect.
  public var term: String
  /// The effect's tidy row.
  public var effect: CoefficientRow

  /// Wraps a fit.
  ///
  /// - Throws: ``FixedEffectsError/allRegressorsRemoved(terms:)`` when the effect term was
  ///   dropped (for example absorbed by the fixed effects).
  init(fit: FixedEffectsFit, term: String) throws {
    guard let row = fit.coefficient(term) else { throw FixedEffectsError.allRegressorsRemoved(terms: [term]) }
    self.fit = fit
    self.term = term
    self.effect = row
  }
}

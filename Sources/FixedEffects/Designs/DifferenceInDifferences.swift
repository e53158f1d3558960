import CausalCore

/// A difference-in-differences estimator built on ``FixedEffectsModel``.
///
/// - ``Design/twoByTwo(treated:post:)``: the canonical 2×2 design,
///   `y ~ treated + post + treated:post (+ covariates)`; the effect is the coefficient of
///   `treated:post`; heteroskedasticity-robust (HC1) standard errors by default.
/// - ``Design/twoWayFixedEffects(treatment:unit:time:)``: `y ~ treatment (+ covariates) | unit +
///   time`, where `treatment` is 1 for treated units in treated periods; standard errors
///   clustered by unit by default.
///
/// Column names may have any spelling (`prior score` works): the formula is built with
/// `Formula(response:regressors:terms:covariates:fixedEffects:intercept:)`.
///
/// ```swift
/// let did = try DifferenceInDifferences(
///   outcome: "score", design: .twoWayFixedEffects(treatment: "treat_post", unit: "school", time: "year"),
///   covariates: ["prior score"])
/// let result = try did.fit(panel)
/// print(result.effect.estimate, result.effect.standardError)
/// ```
///
/// With staggered adoption and heterogeneous effects the two-way fixed-effects coefficient is
/// a weighted average that can put negative weight on some effects (Goodman-Bacon 2021);
/// check it with an ``EventStudy``.
public struct DifferenceInDifferences: Estimator {
  /// The design and the columns that define it.
  public enum Design: Sendable, Equatable {
    /// The 2×2 design: `treated` marks treated units (0/1), `post` post-treatment periods (0/1).
    case twoByTwo(treated: String, post: String)
    /// Two-way fixed effects: `treatment` is 1 for treated units in treated periods; `unit`
    /// and `time` are absorbed.
    case twoWayFixedEffects(treatment: String, unit: String, time: String)
  }

  /// Outcome column.
  public let outcome: String
  /// The design.
  public let design: Design
  /// Extra terms added to the model.
  public let covariates: Covariates
  /// The variance estimator; `nil` chooses HC1 for the 2×2 design and clustering by unit for
  /// two-way fixed effects.
  public let vcov: VarianceType?
  /// Optional weight column.
  public let weights: String?
  /// Confidence level of the intervals, 0.95 by default.
  public let confidenceLevel: Double
  /// The regression run by ``fit(_:)``, built and validated by the initializer.
  public let model: FixedEffectsModel

  /// Creates the estimator.
  ///
  /// - Parameters:
  ///   - outcome: Outcome column.
  ///   - design: The design and its columns.
  ///   - covariates: Extra terms (column names of any spelling, or formula text).
  ///   - vcov: Variance estimator, or `nil` for the design's default.
  ///   - weights: Optional weight column.
  ///   - confidenceLevel: Interval level, in (0, 1).
  /// - Throws: ``FixedEffectsError/invalidOption(_:)`` for an empty column name or an invalid
  ///   option of the regression; `FormulaError` when a covariate term does not parse.
  public init(
    outcome: String, design: Design, covariates: Covariates = Covariates(), vcov: VarianceType? = nil,
    weights: String? = nil, confidenceLevel: Double = 0.95
  ) throws {
    self.outcome = outcome
    self.design = design
    self.covariates = covariates
    self.vcov = vcov
    self.weights = weights
    self.confidenceLevel = confidenceLevel
    let formula: Formula
    let variance: VarianceType
    switch design {
    case .twoByTwo(let treated, let post):
      try requireColumnNames(["outcome": outcome, "treated": treated, "post": post])
      formula = try Formula(
        response: outcome, regressors: [treated, post], terms: [Formula.interaction([treated, post])],
        covariates: covariates)
      variance = vcov ?? .hetero
    case .twoWayFixedEffects(let treatment, let unit, let time):
      try requireColumnNames(["outcome": outcome, "treatment": treatment, "unit": unit, "time": time])
      formula = try Formula(response: outcome, regressors: [treatment], covariates: covariates, fixedEffects: [unit, time])
      variance = vcov ?? .cluster([unit])
    }
    model = try FixedEffectsModel(formula: formula, weights: weights, vcov: variance, confidenceLevel: confidenceLevel)
  }

  /// The term whose coefficient is the effect: `treated:post` or the treatment column.
  public var effectTerm: String {
    switch design {
    case .twoByTwo(let treated, let post): return "\(treated):\(post)"
    case .twoWayFixedEffects(let treatment, _, _): return treatment
    }
  }

  /// Fits the design.
  ///
  /// - Parameter data: The data (a panel or repeated cross-section for two-way fixed effects).
  /// - Returns: The effect and the full regression.
  /// - Throws: Any error of ``FixedEffectsModel/fit(_:)``;
  ///   ``FixedEffectsError/allRegressorsRemoved(terms:)`` when the effect term was dropped (for
  ///   example absorbed by the fixed effects).
  public func fit(_ data: DataTable) throws -> DifferenceInDifferencesResult {
    try DifferenceInDifferencesResult(fit: model.fit(data), term: effectTerm)
  }
}

/// Throws ``FixedEffectsError/invalidOption(_:)`` for the first empty name.
///
/// - Parameter names: Column names by the option that gave them.
func requireColumnNames(_ names: KeyValuePairs<String, String>) throws(FixedEffectsError) {
  do { try OptionError.requireColumnNames(names) } catch { throw .invalidOption(error) }
}

/// A difference-in-differences effect with the regression it came from.
///
/// Encoded as `{"term", "effect", "coefficients", "nobs", "dropped", "fit"}` (`effect` a
/// tidy row, `fit` the ``FixedEffectsFit`` encoding).
public struct DifferenceInDifferencesResult: EstimationResult {
  /// The full regression.
  public let fit: FixedEffectsFit
  /// The term holding the effect.
  public let term: String
  /// The effect's tidy row.
  public let effect: CoefficientRow

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

  /// The regression's coefficient rows (the effect among them).
  public var coefficients: [CoefficientRow] { fit.coefficients }
  /// Observations used.
  public var observationCount: Int { fit.observationCount }
  /// Removed observations and terms.
  public var drops: DropReport { fit.drops }

  /// The effect line followed by the regression's summary.
  public func summary() -> String {
    "Difference-in-differences effect (\(term)): \(SummaryFormat.number(effect.estimate)) "
      + "(SE \(SummaryFormat.number(effect.standardError)))\n" + fit.summary()
  }

  /// Encodes `term`, `effect`, the tidy rows and the regression.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([.value("term", term), .value("effect", effect)])
    try fit.encodeAsDesignRegression(to: encoder)
  }

}

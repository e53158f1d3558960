import CausalCore
import LinearAlgebra

/// A binary-response regression (logit or probit) fitted by maximum likelihood: the CausalKit
/// counterpart of R's `glm(family = binomial(link))` and statsmodels' `Logit`/`Probit`, and
/// the propensity-score model of the Matching module.
///
/// ```swift
/// let model = try BinaryRegression(
///   formula: "treat ~ age + educ + race + married + nodegree + re74 + re75", link: .logit)
/// let fit = try model.fit(lalonde)
/// let scores = fit.fittedProbabilities
/// ```
///
/// ## Estimation
///
/// `P(Y = 1 | x) = F(xᵀβ)` with `F` the logistic or standard normal CDF. β maximises
/// `Σ wᵢ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)]` (prior weights `wᵢ`, 1 by default, as R's
/// `glm(weights = w)`) by iteratively reweighted least squares: Fisher scoring for the logit
/// (which is Newton's method), Newton with the observed information for the probit, see
/// ``IRLSOptions``. Collinear regressors are dropped sequentially in formula order (a column
/// whose weighted residual sum of squares after projection on the earlier kept columns is
/// below `1e-10` of its own, weights being those of the first iteration) and named in
/// `drops.terms`.
///
/// ## Inference
///
/// The default variance is the inverse expected information `(XᵀWX)⁻¹` (dispersion 1, as
/// `summary.glm` for the binomial family). Robust and clustered variances follow R's sandwich
/// package; see `VarianceType` and the PropensityScores article for the exact factors.
/// Tests and intervals use the standard normal.
///
/// ## Separation
///
/// When the outcome is (quasi-)completely separated the estimates do not exist. By default the
/// fit then throws `PropensityError/separation(variables:observationsAtBounds:)`; with
/// ``allowSeparation`` it returns the last iterate with a ``SeparationReport`` and a note.
///
/// The response must be numeric 0/1 (or logical), or a text column with exactly two levels
/// (the first in sorted order is coded 0, the second 1, and a note says so).
public struct BinaryRegression: Estimator {
  /// The model formula (no fixed effects: put categorical variables on the right-hand side).
  public let formula: Formula
  /// The link, logit by default.
  public let link: LinkFunction
  /// Name of a column of non-negative prior weights, or `nil`.
  public let weights: String?
  /// The variance estimator, `iid` by default.
  public let vcov: VarianceType
  /// Confidence level of the reported intervals, 0.95 by default.
  public let confidenceLevel: Double
  /// Iteration settings.
  public let iteration: IRLSOptions
  /// Whether a separated outcome returns a fit with a warning instead of throwing.
  public let allowSeparation: Bool

  /// Creates a model from formula text or a parsed ``Formula`` (for example one built from
  /// column names with `Formula(response:regressors:terms:covariates:fixedEffects:intercept:)`).
  ///
  /// - Parameters:
  ///   - formula: Formula text, e.g. `treat ~ age + educ + race`, or a `Formula`.
  ///   - link: ``LinkFunction/logit`` (default) or ``LinkFunction/probit``.
  ///   - weights: A weight column, or `nil`.
  ///   - vcov: The variance estimator.
  ///   - confidenceLevel: Interval level in (0, 1).
  ///   - iteration: Iteration settings.
  ///   - allowSeparation: Return separated fits with a warning instead of throwing.
  /// - Throws: `FormulaError` for malformed formula text; `OptionError` for a formula with fixed
  ///   effects (`| fe`), a confidence level outside (0, 1) or invalid iteration settings.
  public init(
    formula: some FormulaConvertible, link: LinkFunction = .logit, weights: String? = nil, vcov: VarianceType = .iid,
    confidenceLevel: Double = 0.95, iteration: IRLSOptions = IRLSOptions(), allowSeparation: Bool = false
  ) throws {
    let formula = try formula.parsedFormula()
    guard formula.fixedEffects.isEmpty else {
      throw OptionError.invalid(
        option: "BinaryRegression formula", value: "\(formula)",
        expected: "a formula without fixed effects after '|': binary models do not absorb them; "
          + "enter each fixed effect as a categorical term instead, e.g. y ~ x + i(region)")
    }
    try Self.validate(confidenceLevel: confidenceLevel, iteration: iteration)
    self.formula = formula
    self.link = link
    self.weights = weights
    self.vcov = vcov
    self.confidenceLevel = confidenceLevel
    self.iteration = iteration
    self.allowSeparation = allowSeparation
  }

  /// Fits the model to a table.
  ///
  /// - Parameter data: The data; rows with a missing value in any variable used (response,
  ///   regressors, weights, clusters) or with zero weight are removed and counted.
  /// - Returns: The fit.
  /// - Throws: `DataError` and `FormulaError` from the model frame;
  ///   `PropensityError` for a non-binary response, no variation in the outcome, separation,
  ///   non-convergence, too few observations or an unavailable variance.
  /// - Complexity: O(n k²) per iteration; typically 4–8 iterations.
  public func fit(_ data: DataTable) throws -> BinaryRegressionFit {
    var clusterNames = [String]()
    if case .cluster(let names) = vcov { clusterNames = names }
    var table = data
    var notes = [String]()
    if let note = try BinaryResponse.recodeTextResponse(formula.response, in: &table) { notes.append(note) }
    let frame = try ModelFrame(formula: formula, data: table, weights: weights, clusters: clusterNames)
    return try BinaryRegressionEstimator.estimate(
      BinaryRegressionEstimator.Input(
        response: frame.response, responseName: formula.response.name, design: frame.design,
        termNames: frame.termNames, hasIntercept: frame.hasIntercept, weights: frame.weights,
        clusters: frame.clusters, rows: frame.rowIndices, drops: frame.drops, notes: notes),
      self)
  }

  /// Fits a binary regression to arrays directly, without a formula: a package-level entry
  /// point for code that builds its own design (tests comparing against references given as
  /// matrices). Users fit a ``BinaryRegression`` on a table.
  ///
  /// - Parameters:
  ///   - response: The 0/1 outcome, one per row.
  ///   - design: The `n × k` design matrix (column-major), including an intercept column of
  ///     ones if wanted (a column of ones is recognised as the intercept for the null deviance).
  ///   - termNames: One name per design column.
  ///   - weights: Positive finite prior weights, or `nil`.
  ///   - clusters: Cluster codes over the rows, in the order of `vcov`'s names (required for
  ///     `VarianceType/cluster(_:)`).
  ///   - observationRows: The original row of each observation (default `0..<n`).
  ///   - link: The link.
  ///   - vcov: The variance estimator.
  ///   - confidenceLevel: Interval level.
  ///   - iteration: Iteration settings.
  ///   - allowSeparation: Return separated fits with a warning instead of throwing.
  /// - Returns: The fit.
  /// - Throws: `DataError` for mismatched sizes, non-finite values or non-positive weights;
  ///   `OptionError` for invalid settings; otherwise as ``fit(_:)``.
  /// - Complexity: O(n k²) per iteration.
  package static func fit(
    response: [Double], design: Matrix, termNames: [String], weights: [Double]? = nil,
    clusters: [FactorCodes] = [], observationRows: [Int]? = nil, link: LinkFunction = .logit,
    vcov: VarianceType = .iid, confidenceLevel: Double = 0.95, iteration: IRLSOptions = IRLSOptions(),
    allowSeparation: Bool = false
  ) throws -> BinaryRegressionFit {
    // The model carries the validated settings; its formula is not used with a given design.
    let model = try BinaryRegression(
      formula: Formula(response: "response"), link: link, vcov: vcov, confidenceLevel: confidenceLevel,
      iteration: iteration, allowSeparation: allowSeparation)
    let n = design.rows
    guard response.count == n else {
      throw DataError.lengthMismatch(column: "response", expected: n, found: response.count)
    }
    guard termNames.count == design.columns else {
      throw DataError.lengthMismatch(column: "term names", expected: design.columns, found: termNames.count)
    }
    guard design.elements.allSatisfy(\.isFinite) else {
      throw DataError.invalidValues(column: "design", reason: "it contains missing or infinite values; remove those rows")
    }
    if let w = weights {
      guard w.count == n else { throw DataError.lengthMismatch(column: "weights", expected: n, found: w.count) }
      guard w.allSatisfy({ $0.isFinite && $0 > 0 }) else {
        throw DataError.invalidValues(column: "weights", reason: "weights must be positive and finite")
      }
    }
    let rows = observationRows ?? Array(0..<n)
    guard rows.count == n else { throw DataError.lengthMismatch(column: "observation rows", expected: n, found: rows.count) }
    let hasIntercept = (0..<design.columns).contains { j in
      design.elements[(j * n)..<((j + 1) * n)].allSatisfy { $0 == 1 }
    }
    return try BinaryRegressionEstimator.estimate(
      BinaryRegressionEstimator.Input(
        response: response, responseName: "response", design: design, termNames: termNames,
        hasIntercept: hasIntercept, weights: weights, clusters: clusters, rows: rows, drops: DropReport(), notes: []),
      model)
  }

  static func validate(confidenceLevel: Double, iteration: IRLSOptions) throws(OptionError) {
    try OptionError.requireLevel(confidenceLevel)

    try iteration.validate()
  }
}

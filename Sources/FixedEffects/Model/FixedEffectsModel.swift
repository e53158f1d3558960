import CausalCore
import LinearAlgebra

/// A linear model with any number of absorbed fixed effects, estimated by OLS or WLS: the
/// CausalKit counterpart of fixest's `feols` and Stata's `reghdfe`.
///
/// The formula uses fixest syntax, `y ~ x1 + x2 + i(rel, ref = -1) | fe1 + fe2`. Fixed effects
/// are projected out (closed form with one dimension; alternating projections or conjugate
/// gradient with more, see ``DemeaningOptions``), singletons are removed iteratively by
/// default, collinear or absorbed regressors are dropped and named, and the variance is
/// computed with fixest's small-sample conventions unless told otherwise
/// (``SmallSampleCorrection``).
///
/// ```swift
/// let model = try FixedEffectsModel(
///   formula: "score ~ treat_post | school + year", vcov: .cluster(["school"]))
/// let fit = try model.fit(table)
/// print(fit.summary())
/// ```
///
/// The default variance is fixest's: clustered by the first fixed effect when there are fixed
/// effects, `iid` otherwise.
public struct FixedEffectsModel: Estimator {
  /// The model formula.
  public let formula: Formula
  /// Name of a column of non-negative observation weights (WLS), or `nil`.
  public let weights: String?
  /// The variance estimator; `nil` chooses fixest's default (see the type's discussion).
  public let vcov: VarianceType?
  /// Small-sample factors and degrees of freedom.
  public let smallSample: SmallSampleCorrection
  /// Whether singleton observations are removed.
  public let singletons: SingletonPolicy
  /// How fixed effects are projected out.
  public let demeaning: DemeaningOptions
  /// Confidence level of the reported intervals, 0.95 by default.
  public let confidenceLevel: Double
  /// Whether to return the estimated fixed effects (one extra demeaning solve).
  public let computeFixedEffects: Bool
  /// Relative tolerance of the collinearity check (fixest's `collin.tol`), `1e-10` by default.
  public let collinearityTolerance: Double

  /// Creates a model from formula text or a parsed ``Formula`` (for example one built with
  /// `Formula(response:regressors:terms:covariates:fixedEffects:intercept:)` from column names
  /// of any spelling), validating every option.
  ///
  /// - Parameters:
  ///   - formula: fixest-style formula text, e.g. `"y ~ x1 + x2 | firm + year"`, or a `Formula`.
  ///   - weights: Weight column, or `nil`.
  ///   - vcov: Variance estimator, or `nil` for the default.
  ///   - smallSample: Small-sample convention, ``SmallSampleCorrection/fixest`` by default.
  ///   - singletons: ``SingletonPolicy/drop`` by default.
  ///   - demeaning: Solver options.
  ///   - confidenceLevel: Interval level, in (0, 1).
  ///   - computeFixedEffects: Whether to estimate the fixed-effect values.
  ///   - collinearityTolerance: Relative tolerance of the collinearity check, in (0, 1).
  /// - Throws: `FormulaError` when formula text does not parse;
  ///   ``FixedEffectsError/invalidOption(_:)`` for a confidence level or collinearity
  ///   tolerance outside (0, 1), demeaning options that are not positive (tolerance, iteration
  ///   cap) or a negative switch count, an empty weight column name, or a clustered variance
  ///   naming no column or an empty one.
  public init(
    formula: some FormulaConvertible, weights: String? = nil, vcov: VarianceType? = nil,
    smallSample: SmallSampleCorrection = .fixest, singletons: SingletonPolicy = .drop,
    demeaning: DemeaningOptions = DemeaningOptions(), confidenceLevel: Double = 0.95,
    computeFixedEffects: Bool = false, collinearityTolerance: Double = 1e-10
  ) throws {
    let formula = try formula.parsedFormula()
    try Self.validate(
      weights: weights, vcov: vcov, demeaning: demeaning, confidenceLevel: confidenceLevel,
      collinearityTolerance: collinearityTolerance)
    self.formula = formula
    self.weights = weights
    self.vcov = vcov
    self.smallSample = smallSample
    self.singletons = singletons
    self.demeaning = demeaning
    self.confidenceLevel = confidenceLevel
    self.computeFixedEffects = computeFixedEffects
    self.collinearityTolerance = collinearityTolerance
  }

  /// Checks every option the initializer receives.
  private static func validate(
    weights: String?, vcov: VarianceType?, demeaning: DemeaningOptions, confidenceLevel: Double,
    collinearityTolerance: Double
  ) throws(FixedEffectsError) {
    func invalid(_ option: String, _ value: String, _ expected: String) -> FixedEffectsError {
      .invalidOption(.invalid(option: option, value: value, expected: expected))
    }
    do throws(OptionError) {
      try OptionError.requireLevel(confidenceLevel)
      try OptionError.requireLevel(collinearityTolerance, option: "collinearityTolerance")
      try OptionError.requirePositive(demeaning.tolerance, option: "demeaning.tolerance", example: "1e-10")
      try OptionError.requireCount(demeaning.maxIterations, atLeast: 1, option: "demeaning.maxIterations")
      try OptionError.requireCount(demeaning.switchIterations, atLeast: 0, option: "demeaning.switchIterations")
    } catch { throw .invalidOption(error) }

    if let weights, weights.isEmpty {
      throw invalid("weights", "", "the name of a weight column, or nil for no weights")
    }
    if case .cluster(let names) = vcov, names.isEmpty || names.contains(where: \.isEmpty) {
      throw invalid("vcov", "\(vcov.map(\.description) ?? "")", "cluster([\"column\", ...]) naming one or more columns")
    }
  }

  /// The same model with another variance estimator (for example the model of a bootstrap
  /// replicate, or an iid copy when only the estimates are needed).
  ///
  /// - Parameter vcov: The variance estimator, or `nil` for the default.
  /// - Throws: ``FixedEffectsError/invalidOption(_:)`` for a clustered variance naming no
  ///   column or an empty one.
  public func withVariance(_ vcov: VarianceType?) throws -> FixedEffectsModel {
    try FixedEffectsModel(
      formula: formula, weights: weights, vcov: vcov, smallSample: smallSample, singletons: singletons,
      demeaning: demeaning, confidenceLevel: confidenceLevel, computeFixedEffects: computeFixedEffects,
      collinearityTolerance: collinearityTolerance)
  }

  /// The variance type actually used for this formula.
  public var resolvedVariance: VarianceType {
    if let vcov { return vcov }
    if let first = formula.fixedEffects.first { return .cluster([first.name]) }
    return .iid
  }

  /// Fits the model to a table.
  ///
  /// The table is taken as a `consuming` argument. A caller that passes its last use of the
  /// table (`model.fit(consume table)`) lets the fit free the table's columns once it has copied
  /// them into its own working arrays, before the demeaning: on a 10-million-row panel that
  /// lowers the process's peak by the size of the regressor and fixed-effect columns. The
  /// response column stays alive either way, since the fit reads its values on demand (see
  /// ``FixedEffectsFit/outcome``). A caller that goes on using its table loses nothing: it
  /// keeps its table, and the fit then frees nothing.
  ///
  /// - Parameter data: The data; rows with missing values in any variable the model uses are
  ///   removed and counted.
  /// - Returns: The fit, which keeps the `TableFingerprint` of `data`.
  /// - Throws: `DataError` (unknown or mistyped columns, negative weights, no observations),
  ///   ``FixedEffectsError`` (no residual degrees of freedom, all regressors removed, a single
  ///   cluster, non-convergence), `FormulaError`.
  /// - Complexity: O(n k²) plus O(n × dimensions × iterations) for the demeaning.
  public func fit(_ data: consuming DataTable) throws -> FixedEffectsFit {
    let fingerprint = TableFingerprint(copy data)
    return try fit(consume data, fingerprint: fingerprint)
  }

  /// Fits the model to a table derived from the caller's (for example with a generated
  /// column), recording the fingerprint of the caller's table.
  package func fit(_ data: consuming DataTable, fingerprint: TableFingerprint) throws -> FixedEffectsFit {
    let variance = resolvedVariance
    var clusterNames = [String]()
    if case .cluster(let names) = variance { clusterNames = names }
    // The frame lives only until it is converted, so its arrays are not kept alive beside the
    // estimator's working copies; the response is built into the design matrix, which the
    // estimator then demeans in place. The table moves into the frame, which lets go of each
    // column once it is coded or copied (freeing it when the caller handed the table over).
    let problem = try LinearProblem(
      frame: ModelFrame(
        formula: formula, data: data, weights: weights, clusters: clusterNames, responseInDesign: true),
      responseName: formula.response.name, keepLabels: computeFixedEffects)
    return try FixedEffectsEstimator.estimate(
      consume problem, EstimationSettings(model: self, vcov: variance, fingerprint: fingerprint))
  }
}

extension LinearProblem {
  /// Converts a model frame built with `responseInDesign` into the estimator's input.
  /// Fixed-effect labels are kept only when `keepLabels` (they are reported only with the
  /// estimated fixed effects); cluster labels are not needed.
  init(frame: ModelFrame, responseName: String, keepLabels: Bool) {
    self.init(
      variables: frame.design, responseName: responseName, termNames: frame.termNames,
      hasIntercept: frame.hasIntercept, weights: frame.weights,
      fixedEffects: frame.fixedEffects.map {
        Factor(name: $0.name, codes: $0.codes, count: $0.levelCount, labels: keepLabels ? $0.labels : [])
      },
      clusters: frame.clusters.map { Factor(name: $0.name, codes: $0.codes, count: $0.levelCount, labels: []) },
      rows: ObservationRows(kept: frame.keptRows, tableRowCount: frame.tableRowCount),
      responseOverTable: frame.responseOverTable, drops: frame.drops)
  }
}

import CausalCore
import LinearAlgebra

/// The result of fitting a `BinaryRegression`: coefficients with z-based inference, fit
/// statistics, the fitted probabilities (propensity scores), convergence diagnostics and a
/// record of everything removed.
///
/// ```swift
/// let fit = try BinaryRegression(formula: "treat ~ age + educ + race + married + nodegree + re74 + re75")
///   .fit(lalonde)
/// fit.coefficient("age")?.estimate      // 0.0158…
/// fit.fittedProbabilities[0]            // the first unit's propensity score
/// print(fit.summary())
/// ```
///
/// ## Fit statistics
///
/// With prior weights `wᵢ` (1 without weights) and `ℓᵢ = yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)`:
///
/// - ``logLikelihood`` `= Σ wᵢ ℓᵢ` (the weighted Bernoulli log-likelihood),
/// - ``deviance`` `= −2 Σ wᵢ ℓᵢ` (the saturated model of 0/1 data has log-likelihood 0),
/// - ``nullDeviance``: the deviance of the intercept-only model `p = Σwᵢyᵢ/Σwᵢ`, or of
///   `p = ½` when the model has no intercept (R's convention),
/// - ``aic`` `= −2 logLik + 2k`, ``bic`` `= −2 logLik + k log n` (k kept coefficients, n
///   observations),
/// - ``pseudoR2`` (McFadden) `= 1 − logLik / logLik₀` with `logLik₀ = −nullDeviance/2`.
///
/// With integer weights these equal R's `logLik()`, `deviance()`, `AIC()` and statsmodels'
/// `llf`, `llnull`, `prsquared`. With non-integer weights R's `logLik()`/`AIC()` round the
/// weights inside `dbinom()` (and warn about non-integer successes), so only deviances and
/// coefficients are comparable; CausalKit keeps the weighted log-likelihood `−deviance/2`.
public struct BinaryRegressionFit: EstimationResult {
  /// The link used.
  public let link: LinkFunction
  /// Tidy coefficient rows for the kept regressors, in formula order. `statistic` is a z value,
  /// p-values and intervals use the standard normal (Wald intervals, as R's
  /// `confint.default` and statsmodels).
  public let coefficients: [CoefficientRow]
  /// The variance matrix of the kept coefficients.
  public let variance: TermVariance
  /// The variance estimator used.
  public let varianceType: VarianceType
  /// Always `ReferenceDistribution/normal` (as R's `summary.glm` for the binomial family and
  /// statsmodels).
  public let referenceDistribution: ReferenceDistribution
  /// Confidence level of the intervals in ``coefficients``.
  public let confidenceLevel: Double

  /// Observations used in the fit.
  public let observationCount: Int
  /// Observations with outcome 1.
  public let eventCount: Int
  /// `n − k`.
  public let residualDegreesOfFreedom: Int
  /// `n − 1` with an intercept, `n` without (R's `df.null`).
  public let nullDegreesOfFreedom: Int

  /// The maximised log-likelihood `Σ wᵢ ℓᵢ`.
  public let logLikelihood: Double
  /// The log-likelihood of the null model, `−nullDeviance / 2`.
  public let nullLogLikelihood: Double
  /// The residual deviance `−2 logLik`.
  public let deviance: Double
  /// The null deviance (see the type's discussion).
  public let nullDeviance: Double
  /// Akaike's information criterion `−2 logLik + 2k`.
  public let aic: Double
  /// Schwarz's criterion `−2 logLik + k log n`.
  public let bic: Double
  /// McFadden's pseudo-R² `1 − logLik / logLik₀`.
  public let pseudoR2: Double

  /// The fitted probabilities `F(xᵢᵀβ)` (propensity scores), one per used observation, in
  /// ``observationRows`` order.
  public let fittedProbabilities: [Double]
  /// The linear predictor `xᵢᵀβ`, one per used observation.
  public let linearPredictor: [Double]
  /// The 0/1 outcome of each used observation.
  public let outcome: [Double]
  /// The prior weights of the used observations, or `nil` when unweighted.
  public let weights: [Double]?
  /// Original row index (in the input table) of each used observation.
  public let observationRows: [Int]

  /// Weighted least-squares solves performed.
  public let iterations: Int
  /// Whether the relative change in deviance fell below the tolerance.
  public let converged: Bool
  /// The last relative change in deviance, `|D_t − D_(t−1)| / (|D_t| + 0.1)`.
  public let relativeDevianceChange: Double
  /// Step halvings performed (0 in well-behaved fits).
  public let stepHalvings: Int
  /// Number of clusters per cluster variable, when clustered.
  public let clusterCounts: [String: Int]

  /// Every removed observation and term, with reasons.
  public let drops: DropReport
  /// Evidence of separation, when found (only in fits made with `allowSeparation: true`;
  /// otherwise separation throws).
  public let separation: SeparationReport?
  /// Notes and warnings: removals, recoding of a text response, separation, non-convergence.
  public let notes: [String]

  /// The estimates, in the order of ``coefficients``.
  public var estimates: [Double] { coefficients.map(\.estimate) }

  /// Predicted probabilities for new rows of a design with the kept columns (in the order of
  /// ``coefficients``).
  ///
  /// - Parameter design: An `m × k` matrix.
  /// - Returns: `F(xᵀβ)` for each row.
  /// - Throws: `DataError.lengthMismatch(column:expected:found:)` when the design's column
  ///   count differs from the number of kept coefficients.
  /// - Complexity: O(m k).
  public func probabilities(for design: Matrix) throws -> [Double] {
    guard design.columns == coefficients.count else {
      throw DataError.lengthMismatch(column: "design columns", expected: coefficients.count, found: design.columns)
    }
    return try design.multiplied(by: estimates).map { link.probability($0) }
  }
}

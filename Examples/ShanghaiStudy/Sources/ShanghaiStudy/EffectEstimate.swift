import CausalKit

/// One estimate of a treatment effect on one outcome, with how it was obtained: the common
/// shape of the naive comparison, the two-way fixed-effects DiD, the PSM-DiD and the mediator
/// shifts.
///
/// ```swift
/// let did = analysis.difference
/// print(did.row.estimate, did.row.confLow, did.row.confHigh)
/// ```
public struct EffectEstimate: Sendable, Equatable {
  /// The estimator, e.g. "TWFE DiD".
  public var estimator: String
  /// The outcome column.
  public var outcome: String
  /// The regression formula as fitted.
  public var formula: String
  /// The effect's tidy row (estimate, CR1 standard error, t, p, 95% interval).
  public var row: CoefficientRow
  /// Observations used.
  public var observations: Int
  /// Clusters (units) in the variance.
  public var clusters: Int
  /// Every coefficient of the regression (for regression tables); just ``row`` when unknown.
  public var coefficients: [CoefficientRow]
  /// The absorbed fixed-effect dimensions.
  public var fixedEffects: [String]
  /// R² of the regression, if known.
  public var r2: Double?
  /// Within R² of the regression, if known.
  public var withinR2: Double?
  /// The variance type's label (e.g. "Clustered (school)"), if known.
  public var varianceLabel: String?

  /// Creates an estimate; parameters as the properties (the regression's metadata default to
  /// none and its coefficients to `row`).
  public init(
    estimator: String, outcome: String, formula: String, row: CoefficientRow, observations: Int, clusters: Int,
    coefficients: [CoefficientRow]? = nil, fixedEffects: [String] = [], r2: Double? = nil, withinR2: Double? = nil,
    varianceLabel: String? = nil
  ) {
    self.estimator = estimator
    self.outcome = outcome
    self.formula = formula
    self.row = row
    self.observations = observations
    self.clusters = clusters
    self.coefficients = coefficients ?? [row]
    self.fixedEffects = fixedEffects
    self.r2 = r2
    self.withinR2 = withinR2
    self.varianceLabel = varianceLabel
  }

  /// The estimate as a column of a `RegressionTable`.
  ///
  /// - Parameter title: The column header.
  /// - Returns: The column: coefficients, fixed effects, N, R², within R² and variance type.
  public func tableModel(title: String) -> RegressionTableModel {
    RegressionTableModel(
      title: title, dependentVariable: outcome, coefficients: coefficients, fixedEffects: fixedEffects,
      observationCount: observations, r2: r2, withinR2: withinR2, varianceLabel: varianceLabel)
  }

  /// Wraps a coefficient of a fit.
  init(estimator: String, outcome: String, formula: String, fit: FixedEffectsFit, row: CoefficientRow, cluster: String) {
    self.init(
      estimator: estimator, outcome: outcome, formula: formula, row: row, observations: fit.observationCount,
      clusters: fit.clusterCounts[cluster] ?? 0, coefficients: fit.coefficients,
      fixedEffects: fit.absorbedFixedEffects, r2: fit.r2, withinR2: fit.withinR2,
      varianceLabel: fit.varianceType.tableLabel)
  }
}

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

  /// Creates an estimate; parameters as the properties.
  public init(estimator: String, outcome: String, formula: String, row: CoefficientRow, observations: Int, clusters: Int) {
    self.estimator = estimator
    self.outcome = outcome
    self.formula = formula
    self.row = row
    self.observations = observations
    self.clusters = clusters
  }

  /// Wraps a coefficient of a fit.
  init(estimator: String, outcome: String, formula: String, fit: FixedEffectsFit, row: CoefficientRow, cluster: String) {
    self.init(
      estimator: estimator, outcome: outcome, formula: formula, row: row, observations: fit.observationCount,
      clusters: fit.clusterCounts[cluster] ?? 0)
  }
}

import CausalKit

/// The wild cluster bootstrap (WCR, Rademacher weights) of one outcome's DiD coefficient: the
/// bootstrap p-value of `β = 0` and the 95% interval by test inversion.
public struct WildBootstrapSummary: Sendable, Equatable {
  /// The outcome column.
  public var outcome: String
  /// The DiD estimate.
  public var estimate: Double
  /// The CR1 t statistic of the original fit.
  public var statistic: Double
  /// The symmetric bootstrap p-value.
  public var pValue: Double
  /// The test-inversion interval, if it could be formed.
  public var interval: ClosedRange<Double>?
  /// Replicates drawn (or sign vectors enumerated).
  public var replicates: Int
  /// Whether all sign vectors were enumerated.
  public var enumerated: Bool
  /// Clusters.
  public var clusters: Int

  /// Creates a summary; parameters as the properties.
  public init(
    outcome: String, estimate: Double, statistic: Double, pValue: Double, interval: ClosedRange<Double>?, replicates: Int,
    enumerated: Bool, clusters: Int
  ) {
    self.outcome = outcome
    self.estimate = estimate
    self.statistic = statistic
    self.pValue = pValue
    self.interval = interval
    self.replicates = replicates
    self.enumerated = enumerated
    self.clusters = clusters
  }

  /// Summarizes a bootstrap result.
  public init(outcome: String, result: WildBootstrapResult) {
    self.init(
      outcome: outcome, estimate: result.estimate, statistic: result.statistic, pValue: result.pValue,
      interval: result.confidenceInterval.flatMap { $0.lower <= $0.upper ? $0.lower...$0.upper : nil },
      replicates: result.replicates, enumerated: result.enumerated,
      clusters: result.clusterCount)
  }
}

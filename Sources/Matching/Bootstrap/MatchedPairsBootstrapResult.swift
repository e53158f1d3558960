import Resampling

/// The outcome of ``MatchedPairsBootstrap/run(_:matched:progress:isCancelled:)``: the effect's
/// bootstrap summary and how it was obtained.
public struct MatchedPairsBootstrapResult: Sendable, Equatable {
  /// What the effect targets (ATT or ATC).
  public var estimand: MatchingEstimand
  /// The effect (term = the treatment column): estimate, bootstrap SE, interval, p-value,
  /// replicates and failures.
  public var effect: ResampledEstimate
  /// The interval method.
  public var method: IntervalMethod
  /// The confidence level.
  public var confidenceLevel: Double
  /// The number of replicates `B`.
  public var replicates: Int
  /// The root seed.
  public var seed: UInt64
  /// The number of matched sets resampled, `G`.
  public var matchedSetCount: Int
  /// The number of matched units.
  public var observationCount: Int
  /// Whether the effect is the covariate-adjusted regression coefficient (otherwise the
  /// weighted difference in means).
  public var regressionAdjusted: Bool
  /// The message of the lowest-numbered failed replicate, if any.
  public var firstFailure: String?
}

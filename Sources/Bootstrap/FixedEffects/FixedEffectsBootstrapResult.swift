/// The outcome of ``FixedEffectsBootstrap/run(_:on:progress:isCancelled:)``: one
/// ``ResampledEstimate`` per reported coefficient and linear combination, and how they were
/// obtained.
public struct FixedEffectsBootstrapResult: Sendable, Equatable {
  /// The resampling scheme.
  public var scheme: ResamplingScheme
  /// The interval method.
  public var method: IntervalMethod
  /// The confidence level of the intervals.
  public var confidenceLevel: Double
  /// The number of replicates `B`.
  public var replicates: Int
  /// The root seed.
  public var seed: UInt64
  /// The rows the model used on the original data (the resampled table's size).
  public var observationCount: Int
  /// The number of clusters resampled, `nil` for pairs and stratified resampling.
  public var clusterCount: Int?
  /// The terms in the requested order, then the combinations.
  public var estimates: [ResampledEstimate]
  /// The message of the lowest-numbered replicate whose refit failed, if any.
  public var firstFailure: String?
  /// How the replicates were computed: ``FixedEffectsBootstrapPath/frequencyWeights`` (normal
  /// equations of the design built once, with the resample's multiplicities as frequency
  /// weights) or ``FixedEffectsBootstrapPath/refit`` (the model refitted on each resample).
  public var path: FixedEffectsBootstrapPath
  /// The number of replicates computed by refitting the model on the materialized resample: `B`
  /// on the refit path; on the frequency-weight path, the replicates it handed back (a
  /// coefficient dropped as collinear, a failed fit, a single level of a cluster variable).
  public var refittedReplicates: Int

  /// The summary of one term or combination by its label, or `nil`.
  ///
  /// - Parameter term: The coefficient name or combination label.
  /// - Complexity: O(number of estimates).
  public func estimate(_ term: String) -> ResampledEstimate? {
    estimates.first { $0.term == term }
  }
}

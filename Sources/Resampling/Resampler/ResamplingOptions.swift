import CausalCore

/// The options every resampling bootstrap shares (`FixedEffectsBootstrap`,
/// `MatchedPairsBootstrap`): the number of replicates, the root seed, the interval method, the
/// confidence level and threading. Built and validated once, by the bootstraps' initializers,
/// and readable there as `resampling`:
///
/// ```swift
/// let bootstrap = try FixedEffectsBootstrap(model: model, scheme: .cluster(column: "firm"), replicates: 1_999, method: .bca)
/// print(bootstrap.resampling.seed)  // 0
/// ```
public struct ResamplingOptions: Sendable, Equatable {
  /// The number of replicates `B`, 999 by default.
  public let replicates: Int
  /// The root seed (default 0): replicate `r` draws from `SeededGenerator(seed: seed).derived(stream: r)`.
  public let seed: UInt64
  /// The interval method, percentile by default.
  public let method: IntervalMethod
  /// The confidence level, 0.95 by default.
  public let confidenceLevel: Double
  /// Whether replicates run on all cores (the output is identical either way).
  public let parallel: Bool

  /// Creates and validates the options.
  ///
  /// - Parameters:
  ///   - replicates: `B ≥ 1`.
  ///   - seed: The root seed.
  ///   - method: The interval method.
  ///   - confidenceLevel: The interval level in `(0, 1)`.
  ///   - parallel: Use all cores.
  /// - Throws: ``ResampledInferenceError/invalidOption(_:)`` for `B ≤ 0` or a level outside `(0, 1)`.
  package init(
    replicates: Int = 999, seed: UInt64 = 0, method: IntervalMethod = .percentile, confidenceLevel: Double = 0.95,
    parallel: Bool = true
  ) throws(ResampledInferenceError) {
    do throws(OptionError) {
      try Self.validate(replicates: replicates, confidenceLevel: confidenceLevel)
    } catch { throw .invalidOption(error) }
    self.replicates = replicates
    self.seed = seed
    self.method = method
    self.confidenceLevel = confidenceLevel
    self.parallel = parallel
  }

  /// The checks every bootstrap's options share: `B ≥ 1` and, when given, a confidence level
  /// strictly between 0 and 1 (also used by the wild bootstraps' options).
  ///
  /// - Throws: `OptionError` naming the invalid option.
  package static func validate(replicates: Int, confidenceLevel: Double?) throws(OptionError) {
    try OptionError.requireCount(replicates, atLeast: 1, option: "replicates")
    if let confidenceLevel { try OptionError.requireLevel(confidenceLevel) }
  }
}

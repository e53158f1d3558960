import CausalCore
import Resampling

/// The options both wild bootstraps share (``WildClusterBootstrap``, ``WildBootstrap``):
/// the tested restriction, the weights, the number of replicates, WR/WU, the seed, the p-value
/// form, threading and the optional test-inversion interval. Built and validated once, by
/// the estimators' initializers, and readable there as `options`:
///
/// ```swift
/// let test = try WildClusterBootstrap(model: model, cluster: "state", hypothesis: .term("treat"), seed: 1)
/// print(test.options.replicates)  // 9999
/// ```
public struct WildBootstrapOptions: Sendable, Equatable {
  /// The tested restriction.
  public let hypothesis: WildBootstrapHypothesis
  /// Distribution of the weights, Rademacher by default.
  public let weights: BootstrapWeightDistribution
  /// Number of replicates `B`, 9,999 by default.
  public let replicates: Int
  /// Impose the null on the bootstrap data (WR/WCR, default) or not (WU/WCU).
  public let imposeNull: Bool
  /// Seed of the weight draws (default 0).
  public let seed: UInt64
  /// How the p-value is formed, two-sided symmetric by default.
  public let pValueType: WildBootstrapPValueType
  /// Whether replicates run on all cores (the result is identical either way).
  public let parallel: Bool
  /// Level of a confidence interval for `Rβ` by test inversion, or `nil` (default) for none.
  public let confidenceLevel: Double?

  /// Creates and validates the options.
  ///
  /// - Parameters:
  ///   - hypothesis: The restriction, e.g. `.term("treat")` for `β_treat = 0`.
  ///   - weights: Weight distribution.
  ///   - replicates: `B ≥ 1`.
  ///   - imposeNull: WR/WCR (`true`) or WU/WCU.
  ///   - seed: Random seed.
  ///   - pValueType: P-value form.
  ///   - parallel: Use all cores.
  ///   - confidenceLevel: Level of the test-inversion interval in `(0, 1)`, or `nil` for none.
  /// - Throws: ``WildBootstrapError/invalidOption(_:)`` when `replicates < 1` or the level is
  ///   not strictly between 0 and 1.
  package init(
    hypothesis: WildBootstrapHypothesis, weights: BootstrapWeightDistribution = .rademacher,
    replicates: Int = 9_999, imposeNull: Bool = true, seed: UInt64 = 0,
    pValueType: WildBootstrapPValueType = .symmetric, parallel: Bool = true, confidenceLevel: Double? = nil
  ) throws(WildBootstrapError) {
    do throws(OptionError) {
      try ResamplingOptions.validate(replicates: replicates, confidenceLevel: confidenceLevel)
    } catch { throw .invalidOption(error) }

    self.hypothesis = hypothesis
    self.weights = weights
    self.replicates = replicates
    self.imposeNull = imposeNull
    self.seed = seed
    self.pValueType = pValueType
    self.parallel = parallel
    self.confidenceLevel = confidenceLevel
  }

  /// The test's result from a kernel, its replicate statistics and, when a level was requested,
  /// the replicates' moments for the test-inversion interval: the one place both variants
  /// turn their replicates into a ``WildBootstrapResult``.
  ///
  /// - Parameters:
  ///   - kernel: The fitted restriction (estimate, standard error, `Rq`, tested value) and the
  ///     small-sample factor.
  ///   - statistics: The replicate statistics (NaN for failures).
  ///   - enumerated: Whether the sign vectors were enumerated.
  ///   - clustered: Cluster weights (`true`) or observation weights.
  ///   - clusterCount: `G`, or `n` for observation weights.
  ///   - observationCount: `n`.
  ///   - drops: What the model's fit removed.
  ///   - moments: Computes the replicates' moments (called only with a confidence level).
  /// - Complexity: O(B), plus `moments` and O(B log(1/ε)) for the interval.
  func result(
    kernel: some WildTestKernel, statistics: [Double], enumerated: Bool, clustered: Bool,
    clusterCount: Int, observationCount: Int, drops: DropReport,
    moments: () throws -> [(Double, Double, Double, Double, Double)]
  ) throws -> WildBootstrapResult {
    let valid = statistics.filter(\.isFinite)
    let restriction = kernel.restriction
    var interval: ConfidenceInterval?
    if let level = confidenceLevel {
      let range = WildTestInversion(
        moments: try moments(), estimate: restriction.estimate, standardError: restriction.standardError,
        rq: restriction.rq, ssc: kernel.ssc, value: restriction.value
      ).interval(level: level, type: pValueType)
      interval = ConfidenceInterval(lower: range.lowerBound, upper: range.upperBound)
    }
    return WildBootstrapResult(
      hypothesis: hypothesis.label, estimate: restriction.estimate, standardError: restriction.standardError,
      statistic: restriction.statistic, pValue: pValueType.pValue(restriction.statistic, valid), pValueType: pValueType,
      replicates: statistics.count, enumerated: enumerated, failures: statistics.count - valid.count,
      imposeNull: imposeNull, clustered: clustered, weights: weights, clusterCount: clusterCount,
      observationCount: observationCount, confidenceLevel: confidenceLevel, confidenceInterval: interval,
      bootstrapStatistics: statistics, drops: drops)
  }
}

extension WildBootstrapOptions {
  /// The peak memory of one replicate: its statistic (in its chunk, in the assembled list
  /// and among the finite ones) and, with a confidence interval, its five moments (in its
  /// chunk and in the assembled list) and its statistic at each trial value of the inversion.
  var replicateMemory: ReplicateMemory {
    ReplicateMemory(doubles: confidenceLevel == nil ? 3 : 14, arrays: 0)
  }

  /// Throws unless `count` replicates fit in the machine's memory; run before any replicate.
  ///
  /// - Parameter count: The replicates to run: `B`, or `2^G ≤ B` when the sign vectors are
  ///   enumerated (the error then reports `B`, which does not fit either).
  /// - Throws: ``WildBootstrapError/invalidOption(_:)`` with
  ///   `OptionError.exceedsMemory(option:value:bytesPerItem:physicalMemory:)`.
  func checkMemory(count: Int) throws(WildBootstrapError) {
    do throws(OptionError) {
      try replicateMemory.check(count: count, option: "replicates", requested: replicates)
    } catch { throw .invalidOption(error) }
  }
}

/// What ``WildBootstrapOptions/result(kernel:statistics:enumerated:clustered:clusterCount:observationCount:drops:moments:)``
/// reads from a wild bootstrap kernel (`WildBootstrapKernel`, `WildHeteroskedasticKernel`).
protocol WildTestKernel {
  /// The restriction: `Rβ̂`, `√(R V R')`, `R q`, the tested value and the t statistic.
  var restriction: WildRestriction { get }
  /// The small-sample factor of the robust variance.
  var ssc: Double { get }
}

extension WildBootstrapKernel: WildTestKernel {}
extension WildHeteroskedasticKernel: WildTestKernel {}

import CausalCore
import Resampling
import FixedEffects

/// The heteroskedasticity-robust wild bootstrap test of one linear restriction on a linear
/// model with fixed effects: every observation gets its own weight (Wu 1986, Liu 1988,
/// Davidson and Flachaire 2008), the counterpart of ``WildClusterBootstrap`` for independent,
/// heteroskedastic errors.
///
/// ```swift
/// let model = try FixedEffectsModel(formula: "y ~ x + treat | firm", vcov: .hetero)
/// let test = WildBootstrap(hypothesis: .term("treat"), replicates: 9_999, seed: 1, confidenceLevel: 0.95)
/// let result = try test.run(model, on: table)
/// print(result.statistic, result.pValue, result.confidenceInterval as Any)
/// ```
///
/// The restricted variant (WR, the null imposed, default) draws from the least-squares fit
/// under `Rβ = r`, the unrestricted one (WU) from the unrestricted fit, and then the statistic
/// is centred at `Rβ̂`. Replicate `b` sets `y* = Xβ̈ + Dα̈ + v ⊙ ü` with `n` weights `v` and
/// forms the HC1 t statistic of `Rβ*` with the fit's small-sample factor (fixest's `hetero`
/// variance, `n/(n − K)` by default, `K` counting the fixed effects). Nothing is refitted: the
/// statistic is computed from `v` by the algebra of `WildHeteroskedasticKernel` in O(n k) per
/// replicate plus the demeaning of `v ⊙ ü`, which blocks of replicates share in one solve (no
/// solve without fixed effects, a closed form with one). The tests check it against refitting
/// the model, fixed effects as dummies, on the bootstrap data.
///
/// Conventions: replicate `b` draws its `n` weights, in estimation-sample order, from
/// `SeededGenerator(seed: seed).derived(stream: UInt64(b))`, so results do not depend on the
/// number of threads; sign vectors are never enumerated (``WildBootstrapResult/enumerated`` is
/// `false`); each observation counts as a cluster in ``WildBootstrapResult/clusterCount``.
/// P-values count ties as extreme (``WildBootstrapPValueType``). The confidence interval inverts
/// the test as for the cluster variant (`WildTestInversion`).
///
/// See also ``WildClusterBootstrap`` for clustered errors.
public struct WildBootstrap: Sendable {
  /// The tested restriction.
  public var hypothesis: WildBootstrapHypothesis
  /// Distribution of the observation weights, Rademacher by default.
  public var weights: BootstrapWeightDistribution
  /// Number of replicates `B`, 9,999 by default.
  public var replicates: Int
  /// Impose the null on the bootstrap data (WR, default) or not (WU).
  public var imposeNull: Bool
  /// Seed of the weight draws.
  public var seed: UInt64
  /// How the p-value is formed, two-sided symmetric by default.
  public var pValueType: WildBootstrapPValueType
  /// Whether replicates run on all cores (the result is identical either way).
  public var parallel: Bool
  /// Level of a confidence interval for `Rβ` by test inversion, or `nil` (default) for none.
  public var confidenceLevel: Double?

  /// Creates a test.
  ///
  /// - Parameters:
  ///   - hypothesis: The restriction, e.g. `.term("treat")` for `β_treat = 0`.
  ///   - weights: Weight distribution.
  ///   - replicates: `B`.
  ///   - imposeNull: WR (`true`) or WU.
  ///   - seed: Random seed.
  ///   - pValueType: P-value form.
  ///   - parallel: Use all cores.
  ///   - confidenceLevel: Level of the test-inversion interval, or `nil` for none.
  public init(
    hypothesis: WildBootstrapHypothesis, weights: BootstrapWeightDistribution = .rademacher,
    replicates: Int = 9_999, imposeNull: Bool = true, seed: UInt64 = 0,
    pValueType: WildBootstrapPValueType = .symmetric, parallel: Bool = true, confidenceLevel: Double? = nil
  ) {
    self.hypothesis = hypothesis
    self.weights = weights
    self.replicates = replicates
    self.imposeNull = imposeNull
    self.seed = seed
    self.pValueType = pValueType
    self.parallel = parallel
    self.confidenceLevel = confidenceLevel
  }

  /// Runs the test.
  ///
  /// - Parameters:
  ///   - model: An unweighted linear model, with or without fixed effects. Its variance option
  ///     is replaced by `.hetero`; its small-sample settings are kept.
  ///   - data: The data.
  /// - Returns: The statistic, the bootstrap p-value, the replicate statistics and, when
  ///   requested, the confidence interval.
  /// - Throws: ``WildBootstrapError`` (B ≤ 0, confidence level outside (0, 1), term not in the
  ///   model, invalid restriction, weighted model, unsupported term, degenerate variance); the
  ///   model's own errors (`FixedEffectsError`, `DataError`, `FormulaError`).
  /// - Complexity: O(n k²) set-up plus O(B n k) and the replicates' demeaning (shared solves
  ///   over blocks of replicates); twice that again with a confidence interval.
  public func run(_ model: FixedEffectsModel, on data: DataTable) throws -> WildBootstrapResult {
    try WildBootstrapError.checkOptions(replicates: replicates, confidenceLevel: confidenceLevel)
    let design = try WildHeteroskedasticDesign(model: model, data: data)
    let (row, value) = try hypothesis.row(over: design.terms)
    let kernel = try WildHeteroskedasticKernel(design: design, row: row, value: value, imposeNull: imposeNull)
    let n = design.observationCount
    let stats = try blocks(observations: n, columnsPerReplicate: 1) { try kernel.statistics(replicates: $0, draw: $1) }
    let valid = stats.filter(\.isFinite)
    var interval: ClosedRange<Double>? = nil
    if let level = confidenceLevel {
      let slopes = imposeNull
      let moments = try blocks(observations: n, columnsPerReplicate: slopes ? 2 : 1) {
        try kernel.moments(replicates: $0, draw: $1, slopes: slopes)
      }
      interval = WildTestInversion(
        moments: moments, estimate: kernel.estimate, standardError: kernel.standardError, rq: kernel.rq,
        ssc: kernel.ssc, value: value
      ).interval(level: level, type: pValueType)
    }
    return WildBootstrapResult(
      hypothesis: hypothesis.label, estimate: kernel.estimate, statistic: kernel.statistic,
      pValue: pValueType.pValue(kernel.statistic, valid), pValueType: pValueType, replicates: replicates,
      enumerated: false, failures: replicates - valid.count, imposeNull: imposeNull, clustered: false, weights: weights,
      clusterCount: n, observationCount: n, confidenceInterval: interval, bootstrapStatistics: stats)
  }

  /// The `n` observation weights of replicate `b`, in estimation-sample order (for tests and
  /// for reproducing a replicate by refitting).
  func weights(replicate b: Int, observations n: Int) -> [Double] {
    var v = [Double](repeating: 0, count: n)
    WildReplicateSchedule.fill(
      &v, replicate: b, enumerated: false, distribution: weights, root: SeededGenerator(seed: seed))
    return v
  }

  /// `body` applied to consecutive blocks of replicates, with the function that draws a
  /// replicate's weights, concatenated in replicate order. A block holds at most 128 replicates
  /// and about 2^20 values, so its columns share one demeaning solve in bounded memory; blocks
  /// may run concurrently.
  private func blocks<T: Sendable>(
    observations n: Int, columnsPerReplicate: Int,
    _ body: @escaping @Sendable (Range<Int>, WildHeteroskedasticKernel.WeightDraw) throws -> [T]
  ) throws -> [T] {
    let size = max(1, min(128, (1 << 20) / max(1, n * columnsPerReplicate)))
    let root = SeededGenerator(seed: seed)
    let distribution = weights
    return try WildReplicateSchedule.run(count: replicates, chunk: size, parallel: parallel) { range in
      try body(range) { b, v in
        WildReplicateSchedule.fill(&v, replicate: b, enumerated: false, distribution: distribution, root: root)
      }
    }
  }
}

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
/// let test = try WildBootstrap(
///   model: model, hypothesis: .term("treat"), replicates: 9_999, seed: 1, confidenceLevel: 0.95)
/// let result = try test.fit(table)
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
public struct WildBootstrap: Estimator {
  /// The model: unweighted and linear, with or without fixed effects. Its variance option is
  /// replaced by `.hetero`; its small-sample settings are kept.
  public let model: FixedEffectsModel
  /// The restriction, weights, replicates and the other options shared with
  /// ``WildClusterBootstrap``.
  public let options: WildBootstrapOptions

  /// Creates a test, validating the options (see ``WildBootstrapOptions``).
  ///
  /// - Parameters:
  ///   - model: The model to test.
  ///   - hypothesis: The restriction, e.g. `.term("treat")` for `β_treat = 0`.
  ///   - weights: Weight distribution.
  ///   - replicates: `B ≥ 1`.
  ///   - imposeNull: WR (`true`) or WU.
  ///   - seed: Random seed.
  ///   - pValueType: P-value form.
  ///   - parallel: Use all cores.
  ///   - confidenceLevel: Level of the test-inversion interval, or `nil` for none.
  /// - Throws: ``WildBootstrapError/invalidOption(_:)``.
  public init(
    model: FixedEffectsModel, hypothesis: WildBootstrapHypothesis, weights: BootstrapWeightDistribution = .rademacher,
    replicates: Int = 9_999, imposeNull: Bool = true, seed: UInt64 = 0,
    pValueType: WildBootstrapPValueType = .symmetric, parallel: Bool = true, confidenceLevel: Double? = nil
  ) throws(WildBootstrapError) {
    self.model = model
    self.options = try WildBootstrapOptions(
      hypothesis: hypothesis, weights: weights, replicates: replicates, imposeNull: imposeNull, seed: seed,
      pValueType: pValueType, parallel: parallel, confidenceLevel: confidenceLevel)
  }

  /// Runs the test on `data`.
  ///
  /// - Parameter data: The data.
  /// - Returns: The statistic, the bootstrap p-value, the replicate statistics and, when
  ///   requested, the confidence interval.
  /// - Throws: ``WildBootstrapError`` (term not in the model, invalid restriction, weighted
  ///   model, unsupported term, degenerate variance, replicates whose results would not fit in
  ///   the machine's memory); the model's own errors
  ///   (`FixedEffectsError`, `DataError`, `FormulaError`).
  /// - Complexity: O(n k²) set-up plus O(B n k) and the replicates' demeaning (shared solves
  ///   over blocks of replicates); twice that again with a confidence interval.
  public func fit(_ data: DataTable) throws -> WildBootstrapResult {
    let design = try WildHeteroskedasticDesign(model: model, data: data)
    let (row, value) = try options.hypothesis.row(over: design.terms)
    let kernel = try WildHeteroskedasticKernel(
      design: design, row: row, value: value, imposeNull: options.imposeNull)
    let n = design.observationCount
    try options.checkMemory(count: options.replicates)
    let stats = try blocks(observations: n, columnsPerReplicate: 1) { try kernel.statistics(replicates: $0, draw: $1) }
    let slopes = options.imposeNull
    return try options.result(
      kernel: kernel, statistics: stats, enumerated: false, clustered: false, clusterCount: n,
      observationCount: n, drops: design.drops
    ) {
      try blocks(observations: n, columnsPerReplicate: slopes ? 2 : 1) {
        try kernel.moments(replicates: $0, draw: $1, slopes: slopes)
      }
    }
  }

  /// The `n` observation weights of replicate `b`, in estimation-sample order (for tests and
  /// for reproducing a replicate by refitting).
  func weights(replicate b: Int, observations n: Int) -> [Double] {
    var v = [Double](repeating: 0, count: n)
    WildReplicateSchedule.fill(
      &v, replicate: b, enumerated: false, distribution: options.weights, root: SeededGenerator(seed: options.seed))
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
    let size = max(1, min(128, (1 << 20) / max(1, ReplicateMemory.product(n, columnsPerReplicate))))
    let root = SeededGenerator(seed: options.seed)
    let distribution = options.weights
    return try WildReplicateSchedule.run(count: options.replicates, chunk: size, parallel: options.parallel) { range in
      try body(range) { b, v in
        WildReplicateSchedule.fill(&v, replicate: b, enumerated: false, distribution: distribution, root: root)
      }
    }
  }
}

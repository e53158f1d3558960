import CausalCore
import Resampling
import FixedEffects

/// The wild cluster bootstrap test of one linear restriction on a linear model with fixed
/// effects (boottest, wildboottest), one-way clustered.
///
/// ```swift
/// let model = try FixedEffectsModel(formula: "y ~ x + treat | period")
/// let test = try WildClusterBootstrap(model: model, cluster: "state", hypothesis: .term("treat"), seed: 1)
/// let result = try test.fit(table)
/// print(result.statistic, result.pValue, result.enumerated)
/// ```
///
/// The model is fitted once, clustered by ``cluster``; its regressors are demeaned by the
/// fixed effects and reduced to cluster-level quantities (O(n k²) plus one demeaning solve
/// shared by the G cluster-wise residual columns), and every replicate then costs O(G²),
/// independent of n, by the algebra of Roodman, MacKinnon, Nielsen and Webb (2019): with
/// `A = (X̃'X̃)⁻¹`, `q = A R'`, DGP residuals `ü` (restricted under WCR, unrestricted under WCU),
/// scores `s_g = X̃_g'ü_g` and `a_g = q's_g`, the replicate statistic is
/// `t* = a'v / √(ssc · ‖M v‖²)` with the `G × G` matrix
/// `M_gh = q'X̃_g'[M_D(ü 1_h)]_g − (A X̃_g'X̃_g q)'s_h` (see `WildBootstrapKernel`; the first
/// term is `δ_gh a_g` when the fixed effects are nested in the clusters). It equals the
/// statistic of refitting the model, fixed effects as dummies, on `y* = Xβ̈ + Dα̈ + v_g ü`,
/// which the tests check against a definitional implementation.
///
/// Conventions: CR1 statistic with the fit's small-sample factor; Rademacher, Mammen, Webb or
/// normal weights; when the weights are Rademacher and `2^G ≤ B` all `2^G` sign vectors are
/// enumerated (exact); otherwise replicate `b` draws its `G` weights from
/// `SeededGenerator(seed: seed).derived(stream: UInt64(b))`, so results do not depend on the
/// number of threads. P-values count ties as extreme (``WildBootstrapPValueType``).
public struct WildClusterBootstrap: Estimator {
  /// The model: unweighted and linear, with or without fixed effects. Its variance option is
  /// replaced by clustering on ``cluster``; its small-sample settings are kept.
  public let model: FixedEffectsModel
  /// The column whose values define the clusters (one-way clustering).
  public let cluster: String
  /// The restriction, weights, replicates and the other options shared with ``WildBootstrap``.
  public let options: WildBootstrapOptions

  /// Creates a test, validating the options (see ``WildBootstrapOptions``).
  ///
  /// - Parameters:
  ///   - model: The model to test.
  ///   - cluster: The clustering column.
  ///   - hypothesis: The restriction, e.g. `.term("treat")` for `β_treat = 0`.
  ///   - weights: Weight distribution.
  ///   - replicates: `B ≥ 1`.
  ///   - imposeNull: WCR (`true`) or WCU.
  ///   - seed: Random seed.
  ///   - pValueType: P-value form.
  ///   - parallel: Use all cores.
  ///   - confidenceLevel: Level of the test-inversion interval, or `nil` for none.
  /// - Throws: ``WildBootstrapError/invalidOption(_:)``.
  public init(
    model: FixedEffectsModel, cluster: String, hypothesis: WildBootstrapHypothesis,
    weights: BootstrapWeightDistribution = .rademacher, replicates: Int = 9_999, imposeNull: Bool = true,
    seed: UInt64 = 0, pValueType: WildBootstrapPValueType = .symmetric, parallel: Bool = true,
    confidenceLevel: Double? = nil
  ) throws(WildBootstrapError) {
    self.model = model
    self.cluster = cluster
    self.options = try WildBootstrapOptions(
      hypothesis: hypothesis, weights: weights, replicates: replicates, imposeNull: imposeNull, seed: seed,
      pValueType: pValueType, parallel: parallel, confidenceLevel: confidenceLevel)
  }

  /// Runs the test on `data`.
  ///
  /// - Parameter data: The data.
  /// - Returns: The statistic, the bootstrap p-value and the replicate count.
  /// - Throws: ``WildBootstrapError`` (fewer than 2 clusters, term not in the model, weighted
  ///   model, unsupported term, degenerate variance, replicates whose results would not fit in
  ///   the machine's memory); the model's own errors
  ///   (`FixedEffectsError`, `DataError`, `FormulaError`).
  /// - Complexity: O(n k²) set-up plus O(B G k) for the replicates.
  public func fit(_ data: DataTable) throws -> WildBootstrapResult {
    let design = try WildClusterDesign(model: model, data: data, cluster: cluster)
    let (row, value) = try options.hypothesis.row(over: design.terms)
    let kernel = try WildBootstrapKernel(design: design, row: row, value: value, imposeNull: options.imposeNull)
    let g = design.clusterCount
    let enumerated = options.weights == .rademacher && g < 62 && (1 << g) <= options.replicates
    let count = enumerated ? 1 << g : options.replicates
    try options.checkMemory(count: count)
    let options = self.options
    let stats = try Self.replicates(
      count: count, clusters: g, enumerated: enumerated, weights: options.weights, seed: options.seed,
      parallel: options.parallel
    ) { kernel.statistic(weights: $0) }
    return try options.result(
      kernel: kernel, statistics: stats, enumerated: enumerated, clustered: true, clusterCount: g,
      observationCount: design.observationCount, drops: design.drops
    ) {
      let zero = [Double](repeating: 0, count: g)
      let (a1, m1) =
        options.imposeNull ? try kernel.slopes(design: design) : (zero, WildClusterInteraction.zero(clusters: g))
      return try Self.replicates(
        count: count, clusters: g, enumerated: enumerated, weights: options.weights, seed: options.seed,
        parallel: options.parallel
      ) { v in kernel.moments(weights: v, a1: a1, m1: m1) }
    }
  }

  /// `body(v)` for the weights `v` of every replicate, in replicate order, computed in chunks
  /// that may run concurrently; each value depends only on its replicate index.
  static func replicates<T: Sendable>(
    count: Int, clusters g: Int, enumerated: Bool, weights: BootstrapWeightDistribution, seed: UInt64,
    parallel: Bool, _ body: @escaping @Sendable ([Double]) -> T
  ) throws -> [T] {
    let root = SeededGenerator(seed: seed)
    return try WildReplicateSchedule.run(count: count, chunk: 256, parallel: parallel) { range in
      var v = [Double](repeating: 0, count: g)
      return range.map { b in
        WildReplicateSchedule.fill(&v, replicate: b, enumerated: enumerated, distribution: weights, root: root)
        return body(v)
      }
    }
  }
}

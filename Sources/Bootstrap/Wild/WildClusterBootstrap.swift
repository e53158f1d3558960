import CausalCore
import Resampling
import FixedEffects

/// The wild cluster bootstrap test of one linear restriction on a linear model with fixed
/// effects (boottest, wildboottest), one-way clustered.
///
/// ```swift
/// let model = try FixedEffectsModel(formula: "y ~ x + treat | period")
/// let test = WildClusterBootstrap(cluster: "state", hypothesis: .term("treat"), seed: 1)
/// let result = try test.run(model, on: table)
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
public struct WildClusterBootstrap: Sendable {
  /// The column whose values define the clusters (one-way clustering).
  public var cluster: String
  /// The tested restriction.
  public var hypothesis: WildBootstrapHypothesis
  /// Distribution of the cluster weights, Rademacher by default.
  public var weights: BootstrapWeightDistribution
  /// Number of replicates `B`, 9,999 by default.
  public var replicates: Int
  /// Impose the null on the bootstrap data (WCR, default) or not (WCU).
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
  ///   - cluster: The clustering column.
  ///   - hypothesis: The restriction, e.g. `.term("treat")` for `β_treat = 0`.
  ///   - weights: Weight distribution.
  ///   - replicates: `B`.
  ///   - imposeNull: WCR (`true`) or WCU.
  ///   - seed: Random seed.
  ///   - pValueType: P-value form.
  ///   - parallel: Use all cores.
  ///   - confidenceLevel: Level of the test-inversion interval, or `nil` for none.
  public init(
    cluster: String, hypothesis: WildBootstrapHypothesis, weights: BootstrapWeightDistribution = .rademacher,
    replicates: Int = 9_999, imposeNull: Bool = true, seed: UInt64 = 0,
    pValueType: WildBootstrapPValueType = .symmetric, parallel: Bool = true, confidenceLevel: Double? = nil
  ) {
    self.confidenceLevel = confidenceLevel
    self.cluster = cluster
    self.hypothesis = hypothesis
    self.weights = weights
    self.replicates = replicates
    self.imposeNull = imposeNull
    self.seed = seed
    self.pValueType = pValueType
    self.parallel = parallel
  }

  /// Runs the test.
  ///
  /// - Parameters:
  ///   - model: An unweighted linear model, with or without fixed effects. Its variance option
  ///     is replaced by clustering on ``cluster``; its small-sample settings are kept.
  ///   - data: The data.
  /// - Returns: The statistic, the bootstrap p-value and the replicate count.
  /// - Throws: ``WildBootstrapError`` (B ≤ 0, fewer than 2 clusters, term not in the model,
  ///   weighted model, unsupported term, degenerate variance); the model's own errors
  ///   (`FixedEffectsError`, `DataError`, `FormulaError`).
  /// - Complexity: O(n k²) set-up plus O(B G k) for the replicates.
  public func run(_ model: FixedEffectsModel, on data: DataTable) throws -> WildBootstrapResult {
    try WildBootstrapError.checkOptions(replicates: replicates, confidenceLevel: confidenceLevel)
    let design = try WildClusterDesign(model: model, data: data, cluster: cluster)
    let (row, value) = try hypothesis.row(over: design.terms)
    let kernel = try WildBootstrapKernel(design: design, row: row, value: value, imposeNull: imposeNull)
    let g = design.clusterCount
    let enumerated = weights == .rademacher && g < 62 && (1 << g) <= replicates
    let count = enumerated ? 1 << g : replicates
    let stats = try Self.replicates(
      count: count, clusters: g, enumerated: enumerated, weights: weights, seed: seed, parallel: parallel
    ) { kernel.statistic(weights: $0) }
    let valid = stats.filter(\.isFinite)
    var interval: ClosedRange<Double>? = nil
    if let level = confidenceLevel {
      let zero = [Double](repeating: 0, count: g)
      let (a1, m1) = imposeNull ? try kernel.slopes(design: design) : (zero, WildClusterInteraction.zero(clusters: g))
      let moments = try Self.replicates(
        count: count, clusters: g, enumerated: enumerated, weights: weights, seed: seed, parallel: parallel
      ) { v in kernel.moments(weights: v, a1: a1, m1: m1) }
      interval = WildTestInversion(
        moments: moments, estimate: kernel.estimate, standardError: kernel.standardError, rq: kernel.rq,
        ssc: kernel.ssc, value: value
      ).interval(level: level, type: pValueType)
    }
    return WildBootstrapResult(
      hypothesis: hypothesis.label, estimate: kernel.estimate, statistic: kernel.statistic,
      pValue: pValueType.pValue(kernel.statistic, valid), pValueType: pValueType, replicates: count,
      enumerated: enumerated, failures: count - valid.count, imposeNull: imposeNull, clustered: true, weights: weights,
      clusterCount: g, observationCount: design.observationCount, confidenceInterval: interval,
      bootstrapStatistics: stats)
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

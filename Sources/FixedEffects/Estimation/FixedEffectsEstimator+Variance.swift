import CausalCore
import LinearAlgebra

extension FixedEffectsEstimator {
  /// What the variance step reads besides the problem.
  struct VarianceInput {
    let system: DemeanedSystem
    let solution: Solution
    /// All fixed-effect parameters (before the nesting rule).
    let feFull: Int
  }

  /// The variance matrix with its t degrees of freedom and cluster counts.
  struct Inference {
    var matrix: Matrix
    var tDegreesOfFreedom: Double
    var clusterCounts: [String: Int]
    /// Notes on the variance (observations with leverage 1 under HC2/HC3).
    var notes: [String] = []
  }

  /// Step 6: the requested variance with the small-sample factors of ``SmallSampleCorrection``,
  /// from CausalCore's `ClusterRobustVariance` with scores `wᵢeᵢ` on the demeaned design
  /// (by Frisch-Waugh-Lovell the scores of the full dummy-variable regression).
  ///
  /// - Throws: ``FixedEffectsError/varianceUnavailable(type:reason:)`` for HC2/HC3 with fixed
  ///   effects; ``FixedEffectsError/singleCluster(variable:)``.
  static func variance(_ problem: LinearProblem, _ input: VarianceInput, _ settings: EstimationSettings) throws -> Inference {
    let n = input.system.work.rows, k = input.solution.kept.count
    let w = problem.weights
    let residuals = input.solution.residuals
    var scores = residuals
    if let w { for i in 0..<n { scores[i] *= w[i] } }
    let kernel = ClusterRobustVariance(
      design: input.system.work, columns: input.solution.columns, scores: scores, bread: input.solution.bread)
    let ssc = settings.model.smallSample
    let bigK = k + countedFixedEffects(problem, feFull: input.feFull, settings)
    let adj = ssc.adjust ? Double(n - 1) / Double(n - bigK) : 1
    var tDF = Double(n - bigK)
    var clusterCounts = [String: Int]()
    let vcov: Matrix
    switch settings.vcov {
    case .iid:
      vcov = adj * ((weightedSumOfSquares(residuals, weights: w, center: false) / Double(n - 1)) * input.solution.bread)
    case .hetero:
      // HC1: n/(n−K) when adjusting, as fixest and pyfixest do; no factor otherwise.
      let factor = ssc.adjust ? Double(n) / Double(n - bigK) : 1
      vcov = factor * (try kernel.heteroskedastic(leveragePower: 0))
    case .hc0:
      vcov = try kernel.heteroskedastic(leveragePower: 0)
    case .hc2, .hc3:
      guard !input.system.hasFixedEffects else {
        throw FixedEffectsError.varianceUnavailable(
          type: settings.vcov.description, reason: "leverages are not computed with absorbed fixed effects; use hetero or cluster")
      }
      do {
        vcov = try kernel.heteroskedastic(leveragePower: settings.vcov == .hc2 ? 1 : 2, leverageWeights: w)
      } catch let error as LeverageOneError {
        let k = input.solution.columns.count
        return Inference(
          matrix: Matrix(rows: k, columns: k, repeating: .nan), tDegreesOfFreedom: tDF, clusterCounts: [:],
          notes: [error.note(type: settings.vcov.description, rows: problem.rows.rows)])
      }
    case .cluster:
      for c in problem.clusters {
        clusterCounts[c.name] = c.count
        if c.count < 2 { throw FixedEffectsError.singleCluster(variable: c.name) }
      }
      let gMin = problem.clusters.map(\.count).min() ?? 2
      let clusterAdjust = ssc.clusterAdjust
      let useMin = ssc.clusterDF == .min
      vcov = try kernel.multiwayCluster(problem.clusterings) { g in
        guard clusterAdjust else { return adj }
        let gg = Double(useMin ? gMin : g)
        return adj * gg / (gg - 1)
      }
      tDF = Double(gMin - 1)
    }
    return Inference(matrix: vcov, tDegreesOfFreedom: tDF, clusterCounts: clusterCounts)
  }

  /// The fixed-effect parameters counted in K under ``SmallSampleCorrection/fixedEffectCount``.
  ///
  /// Under `.nested`, a fixed effect nested in a cluster variable (same name, or every level
  /// inside one cluster of some variable or of the intersection of all of them) counts as one
  /// parameter instead of its level count (pyfixest's "nonnested" rule) when clustered.
  static func countedFixedEffects(_ problem: LinearProblem, feFull: Int, _ settings: EstimationSettings) -> Int {
    switch settings.model.smallSample.fixedEffectCount {
    case .none: return 0
    case .full: return feFull
    case .nested:
      guard case .cluster = settings.vcov else { return feFull }
      var clusterings = problem.clusterings
      if clusterings.count > 1 { clusterings.append(ClusterRobustVariance.intersect(clusterings)) }
      var reduction = 0
      for fe in problem.fixedEffects {
        let nested = problem.clusters.contains { $0.name == fe.name }
          || clusterings.contains { isNested(fe.codes, in: $0.codes) }
        if nested { reduction += fe.count - 1 }
      }
      return feFull - reduction
    }
  }

  /// Whether every level of `codes` lies within a single cluster.
  static func isNested(_ codes: [Int32], in clusters: [Int32]) -> Bool {
    let levels = Int(codes.max() ?? -1) + 1
    var owner = [Int32](repeating: -1, count: levels)
    for i in codes.indices {
      let g = Int(codes[i])
      if owner[g] < 0 { owner[g] = clusters[i] } else if owner[g] != clusters[i] { return false }
    }
    return true
  }
}

extension LinearProblem {
  /// The cluster variables as clusterings for the variance kernel.
  var clusterings: [ClusterRobustVariance.Clustering] {
    clusters.map { ClusterRobustVariance.Clustering(codes: $0.codes, count: $0.count) }
  }
}

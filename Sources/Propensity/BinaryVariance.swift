import CausalCore
import LinearAlgebra

/// Variance estimators for the coefficients of a binary GLM, following R's `glm` and the
/// `sandwich` package.
///
/// With `B = (XᵀWX)⁻¹` the inverse expected (Fisher) information at the estimate (W the
/// working weights `wᵢ f(ηᵢ)²/(pᵢ(1 − pᵢ))`), and the score of observation i
/// `sᵢ = uᵢ xᵢ`, `uᵢ = wᵢ f(ηᵢ)(yᵢ − pᵢ)/(pᵢ(1 − pᵢ))` (for the logit simply `wᵢ(yᵢ − pᵢ)`):
///
/// | type | estimator | R |
/// |---|---|---|
/// | `iid` | `B` (dispersion fixed at 1) | `vcov(glm)` |
/// | `hc0` | `B (Σ uᵢ² xᵢxᵢᵀ) B` | `vcovHC(type = "HC0")` |
/// | `hetero` (HC1) | `n/(n − k) · HC0` | `vcovHC(type = "HC1")` |
/// | `hc2` | `B (Σ uᵢ²/(1 − hᵢ) xᵢxᵢᵀ) B` | `vcovHC(type = "HC2")` |
/// | `hc3` | `B (Σ uᵢ²/(1 − hᵢ)² xᵢxᵢᵀ) B` | `vcovHC(type = "HC3")` |
/// | `cluster` (CR1) | `(n − 1)/(n − k) · Σ_S ± G_S/(G_S − 1) · B (Σ_g s_g s_gᵀ) B` | `vcovCL(type = "HC1")` |
///
/// `hᵢ = Wᵢ xᵢᵀ B xᵢ` is the GLM leverage (`hatvalues(glm)`); `s_g = Σ_{i∈g} uᵢ xᵢ`; with one
/// cluster variable the sum has a single term (`G/(G − 1) · (n − 1)/(n − k)`), with several it
/// runs over all non-empty subsets S of the variables with sign `(−1)^(|S|+1)`, clustering by
/// the intersection (Cameron, Gelbach and Miller 2011), exactly as `sandwich::meatCL`.
///
/// The sandwich itself is CausalCore's `ClusterRobustVariance`, shared with the linear models.
enum BinaryVariance {
  /// Computes the variance.
  ///
  /// - Parameters:
  ///   - type: The estimator.
  ///   - design: The kept design columns (n × k).
  ///   - bread: `B = (XᵀWX)⁻¹`.
  ///   - scores: `uᵢ` per observation.
  ///   - workingWeights: `Wᵢ` per observation (for leverages).
  ///   - clusters: Cluster codes, in the order of the variance type's names.
  /// - Returns: The matrix and the number of clusters per variable.
  /// - Throws: `PropensityError/singleCluster(variable:)`,
  ///   `PropensityError/varianceUnavailable(type:reason:)`.
  static func compute(
    _ type: VarianceType, design: Matrix, bread: Matrix, scores: [Double], workingWeights: [Double],
    clusters: [FactorCodes]
  ) throws -> (matrix: Matrix, clusterCounts: [String: Int]) {
    let n = design.rows, k = design.columns
    let kernel = ClusterRobustVariance(design: design, scores: scores, bread: bread)
    switch type {
    case .iid:
      return (bread, [:])
    case .hc0, .hetero, .hc2, .hc3:
      let power = type == .hc2 ? 1 : type == .hc3 ? 2 : 0
      var v = try kernel.heteroskedastic(
        leveragePower: power, leverageWeights: workingWeights, gram: { IRLSPass.weightedGram(design, $0) })
      if type == .hetero { v = (Double(n) / Double(n - k)) * v }
      return (v, [:])
    case .cluster(let names):
      guard clusters.count == names.count, !clusters.isEmpty else {
        throw PropensityError.varianceUnavailable(
          type: type.description, reason: "cluster codes for \(names.joined(separator: ", ")) were not supplied")
      }
      var counts = [String: Int]()
      for c in clusters {
        guard c.codes.count == n else {
          throw PropensityError.invalidInput(reason: "cluster '\(c.name)' has \(c.codes.count) codes for \(n) observations")
        }
        if c.levelCount < 2 { throw PropensityError.singleCluster(variable: c.name) }
        counts[c.name] = c.levelCount
      }
      let total = try kernel.multiwayCluster(
        clusters.map { ClusterRobustVariance.Clustering(codes: $0.codes, count: $0.levelCount) }
      ) { g in Double(g) / Double(g - 1) }
      return ((Double(n - 1) / Double(n - k)) * total, counts)
    }
  }
}

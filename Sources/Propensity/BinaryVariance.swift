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
    switch type {
    case .iid:
      return (bread, [:])
    case .hc0, .hetero, .hc2, .hc3:
      var factors = scores.map { $0 * $0 }
      if type == .hc2 || type == .hc3 {
        let h = leverages(design: design, bread: bread, workingWeights: workingWeights)
        for i in 0..<n {
          let r = max(1 - h[i], 0)
          factors[i] /= type == .hc2 ? r : r * r
        }
      }
      var v = try sandwich(bread, IRLSPass.weightedGram(design, factors))
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
      var total = Matrix(rows: k, columns: k)
      let m = clusters.count
      for subset in 1..<(1 << m) {
        let members = (0..<m).filter { subset & (1 << $0) != 0 }
        let combined = members.count == 1
          ? (codes: clusters[members[0]].codes, count: clusters[members[0]].levelCount)
          : intersect(members.map { (clusters[$0].codes, clusters[$0].levelCount) })
        let sign: Double = members.count % 2 == 1 ? 1 : -1
        let g = Double(combined.count)
        let meat = clusterMeat(design: design, scores: scores, codes: combined.codes, count: combined.count)
        total = try total + (sign * g / (g - 1)) * sandwich(bread, meat)
      }
      return ((Double(n - 1) / Double(n - k)) * total, counts)
    }
  }

  /// `B M B`, symmetrized.
  static func sandwich(_ bread: Matrix, _ meat: Matrix) throws -> Matrix {
    var v = try bread.multiplied(by: meat).multiplied(by: bread)
    for j in 0..<v.columns {
      for i in 0..<j {
        let a = 0.5 * (v[i, j] + v[j, i])
        v[i, j] = a
        v[j, i] = a
      }
    }
    return v
  }

  /// `hᵢ = Wᵢ xᵢᵀ B xᵢ`.
  static func leverages(design: Matrix, bread: Matrix, workingWeights: [Double]) -> [Double] {
    let n = design.rows, k = design.columns
    var h = [Double](repeating: 0, count: n)
    design.elements.withUnsafeBufferPointer { x in
      h.withUnsafeMutableBufferPointer { hp in
        for a in 0..<k {
          for b in a..<k {
            let c = (a == b ? 1 : 2) * bread[a, b]
            for i in 0..<n { hp[i] += c * x[a * n + i] * x[b * n + i] }
          }
        }
        for i in 0..<n { hp[i] *= workingWeights[i] }
      }
    }
    return h
  }

  /// `Σ_g s_g s_gᵀ` with `s_g = Σ_{i∈g} uᵢ xᵢ`.
  static func clusterMeat(design: Matrix, scores: [Double], codes: [Int32], count: Int) -> Matrix {
    let n = design.rows, k = design.columns
    var sums = Matrix(rows: count, columns: k)
    design.elements.withUnsafeBufferPointer { x in
      sums.elements.withUnsafeMutableBufferPointer { s in
        for a in 0..<k {
          for i in 0..<n { s[a * count + Int(codes[i])] += scores[i] * x[a * n + i] }
        }
      }
    }
    return sums.gram()
  }

  /// Codes of the intersection of several clusterings, numbered by first appearance.
  static func intersect(_ clusterings: [([Int32], Int)]) -> (codes: [Int32], count: Int) {
    let n = clusterings.first?.0.count ?? 0
    var codes = [Int32](repeating: 0, count: n)
    var map = [[Int32]: Int32]()
    for i in 0..<n {
      let key = clusterings.map { $0.0[i] }
      if let v = map[key] {
        codes[i] = v
      } else {
        let v = Int32(map.count)
        map[key] = v
        codes[i] = v
      }
    }
    return (codes, map.count)
  }
}

import LinearAlgebra

/// Sandwich variance estimators `B M B` for a (weighted) least-squares fit, with
/// `B = (XᵀWX)⁻¹` (the bread) and a meat matrix `M` built from scores.
///
/// `X` here is the design after the fixed effects have been projected out and `e` the
/// residuals; by Frisch-Waugh-Lovell these give the same scores as the full dummy-variable
/// regression.
struct SandwichVariance {
  /// The demeaned design of the kept regressors (unweighted), n × k.
  let design: Matrix
  /// Residuals.
  let residuals: [Double]
  /// Observation weights, if any.
  let weights: [Double]?
  /// `(XᵀWX)⁻¹`.
  let bread: Matrix

  /// Scores `uᵢ = wᵢ eᵢ xᵢ · scaleᵢ` as an n × k matrix.
  private func scores(scale: [Double]? = nil) -> Matrix {
    let n = design.rows, k = design.columns
    var u = design
    u.elements.withUnsafeMutableBufferPointer { up in
      residuals.withUnsafeBufferPointer { e in
        var factor = [Double](repeating: 0, count: n)
        for i in 0..<n {
          var f = e[i]
          if let w = weights { f *= w[i] }
          if let s = scale { f *= s[i] }
          factor[i] = f
        }
        for j in 0..<k {
          let base = j * n
          for i in 0..<n { up[base + i] *= factor[i] }
        }
      }
    }
    return u
  }

  /// `B M B`, symmetrized.
  private func sandwich(_ meat: Matrix) throws -> Matrix {
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

  /// Homoskedastic variance `σ² B` with `σ² = Σwᵢeᵢ² / dfResidual`.
  func iid(dfResidual: Double) -> Matrix {
    var rss = 0.0
    for i in residuals.indices { rss += (weights?[i] ?? 1) * residuals[i] * residuals[i] }
    return (rss / dfResidual) * bread
  }

  /// Leverages `hᵢᵢ = wᵢ xᵢᵀ B xᵢ`.
  func leverages() throws -> [Double] {
    let xb = try design.multiplied(by: bread)  // n × k
    let n = design.rows, k = design.columns
    var h = [Double](repeating: 0, count: n)
    for j in 0..<k {
      for i in 0..<n { h[i] += xb[i, j] * design[i, j] }
    }
    if let w = weights { for i in 0..<n { h[i] *= w[i] } }
    return h
  }

  /// Heteroskedasticity-robust variance; `power` 0 (HC0/HC1), 1 (HC2) or 2 (HC3) applies
  /// `(1 − hᵢᵢ)^(−power/2)` to each score. Returns `nil` scale failures as an error upstream.
  func heteroskedastic(leveragePower power: Int) throws -> Matrix {
    var scale: [Double]? = nil
    if power > 0 {
      let h = try leverages()
      scale = h.map { hi in
        let base = max(1 - hi, 0)
        return power == 1 ? 1 / base.squareRoot() : 1 / base
      }
    }
    return try sandwich(scores(scale: scale).gram())
  }

  /// Cluster-robust meat for one clustering: `Σ_g s_g s_gᵀ`.
  func clusterMeat(codes: [Int32], clusterCount: Int) -> Matrix {
    let u = scores()
    let n = u.rows, k = u.columns
    var sums = Matrix(rows: clusterCount, columns: k)
    codes.withUnsafeBufferPointer { c in
      u.elements.withUnsafeBufferPointer { up in
        sums.elements.withUnsafeMutableBufferPointer { sp in
          for j in 0..<k {
            let ub = j * n, sb = j * clusterCount
            for i in 0..<n { sp[sb + Int(c[i])] += up[ub + i] }
          }
        }
      }
    }
    return sums.gram()
  }

  /// Multi-way cluster-robust variance (Cameron, Gelbach and Miller 2011): the sum over all
  /// non-empty subsets S of the cluster variables of `(−1)^(|S|+1) · factor_S · B M_S B`,
  /// where `M_S` clusters by the intersection of the variables in S.
  ///
  /// - Parameter factor: The scale for a term given its number of clusters.
  func multiwayCluster(
    clusterings: [(codes: [Int32], count: Int)], factor: (Int) -> Double
  ) throws -> Matrix {
    let m = clusterings.count
    var total = Matrix(rows: bread.rows, columns: bread.columns)
    for subset in 1..<(1 << m) {
      let members = (0..<m).filter { subset & (1 << $0) != 0 }
      let combined = members.count == 1
        ? clusterings[members[0]]
        : Self.intersect(members.map { clusterings[$0] })
      let sign: Double = members.count % 2 == 1 ? 1 : -1
      let meat = clusterMeat(codes: combined.codes, clusterCount: combined.count)
      total = try total + (sign * factor(combined.count)) * sandwich(meat)
    }
    return total
  }

  /// Codes for the intersection of several clusterings (one code per observed combination).
  static func intersect(_ clusterings: [(codes: [Int32], count: Int)]) -> (codes: [Int32], count: Int) {
    let n = clusterings.first?.codes.count ?? 0
    var keys = [Int](repeating: 0, count: n)
    var radix = 1
    var fits = true
    for c in clusterings {
      let (product, overflow) = radix.multipliedReportingOverflow(by: max(c.count, 1))
      if overflow { fits = false; break }
      for i in 0..<n { keys[i] += Int(c.codes[i]) * radix }
      radix = product
    }
    var map = [Int: Int32]()
    var codes = [Int32](repeating: 0, count: n)
    if fits {
      for i in 0..<n {
        if let v = map[keys[i]] { codes[i] = v } else {
          let v = Int32(map.count)
          map[keys[i]] = v
          codes[i] = v
        }
      }
      return (codes, map.count)
    }
    var tupleMap = [[Int32]: Int32]()
    for i in 0..<n {
      let key = clusterings.map { $0.codes[i] }
      if let v = tupleMap[key] { codes[i] = v } else {
        let v = Int32(tupleMap.count)
        tupleMap[key] = v
        codes[i] = v
      }
    }
    return (codes, tupleMap.count)
  }
}

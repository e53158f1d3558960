import LinearAlgebra

/// Sandwich variance estimators `B M B` for a (weighted) least-squares fit, with
/// `B = (XᵀWX)⁻¹` (the bread) and a meat matrix `M` built from the scores `wᵢeᵢxᵢ`.
///
/// `X` here is the design after the fixed effects have been projected out and `e` the
/// residuals; by Frisch-Waugh-Lovell these give the same scores as the full dummy-variable
/// regression. The scores are never materialised: each meat is accumulated column by column
/// from the design in place.
struct SandwichVariance {
  /// The matrix holding the demeaned regressors (unweighted), n rows.
  let design: Matrix
  /// The columns of ``design`` that are the kept regressors, in coefficient order.
  let columns: [Int]
  /// Residuals.
  let residuals: [Double]
  /// Observation weights, if any.
  let weights: [Double]?
  /// `(XᵀWX)⁻¹`.
  let bread: Matrix

  private var n: Int { design.rows }
  private var k: Int { columns.count }

  /// `fᵢ = wᵢ eᵢ · scaleᵢ`.
  private func scoreFactors(scale: [Double]? = nil) -> [Double] {
    var f = residuals
    if let w = weights { for i in 0..<n { f[i] *= w[i] } }
    if let s = scale { for i in 0..<n { f[i] *= s[i] } }
    return f
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

  /// Homoskedastic variance `σ² B` with `σ² = Σwᵢeᵢ² / divisor`.
  func iid(divisor: Double) -> Matrix {
    var rss = 0.0
    for i in residuals.indices { rss += (weights?[i] ?? 1) * residuals[i] * residuals[i] }
    return (rss / divisor) * bread
  }

  /// Leverages `hᵢᵢ = wᵢ xᵢᵀ B xᵢ`.
  func leverages() -> [Double] {
    var h = [Double](repeating: 0, count: n)
    design.elements.withUnsafeBufferPointer { x in
      for a in 0..<k {
        for b in 0..<k {
          let bab = bread[a, b]
          let ca = columns[a] * n, cb = columns[b] * n
          for i in 0..<n { h[i] += x[ca + i] * bab * x[cb + i] }
        }
      }
    }
    if let w = weights { for i in 0..<n { h[i] *= w[i] } }
    return h
  }

  /// Heteroskedasticity-robust variance; `power` 0 (HC0/HC1), 1 (HC2) or 2 (HC3) divides
  /// each score by `(1 − hᵢᵢ)^(power/2)`.
  func heteroskedastic(leveragePower power: Int) throws -> Matrix {
    var scale: [Double]? = nil
    if power > 0 {
      scale = leverages().map { hi in
        let base = max(1 - hi, 0)
        return power == 1 ? 1 / base.squareRoot() : 1 / base
      }
    }
    let f = scoreFactors(scale: scale)
    var meat = Matrix(rows: k, columns: k)
    design.elements.withUnsafeBufferPointer { x in
      f.withUnsafeBufferPointer { fp in
        for a in 0..<k {
          for b in a..<k {
            let ca = columns[a] * n, cb = columns[b] * n
            var s = 0.0
            for i in 0..<n { s += fp[i] * fp[i] * x[ca + i] * x[cb + i] }
            meat[a, b] = s
            meat[b, a] = s
          }
        }
      }
    }
    return try sandwich(meat)
  }

  /// Cluster-robust meat for one clustering: `Σ_g s_g s_gᵀ` with `s_g = Σ_{i∈g} wᵢeᵢxᵢ`.
  func clusterMeat(codes: [Int32], clusterCount: Int, factors f: [Double]) -> Matrix {
    var sums = Matrix(rows: clusterCount, columns: k)
    codes.withUnsafeBufferPointer { c in
      design.elements.withUnsafeBufferPointer { x in
        f.withUnsafeBufferPointer { fp in
          sums.elements.withUnsafeMutableBufferPointer { sp in
            for a in 0..<k {
              let xb = columns[a] * n, sb = a * clusterCount
              for i in 0..<n { sp[sb + Int(c[i])] += fp[i] * x[xb + i] }
            }
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
    let f = scoreFactors()
    var total = Matrix(rows: bread.rows, columns: bread.columns)
    for subset in 1..<(1 << m) {
      let members = (0..<m).filter { subset & (1 << $0) != 0 }
      let combined = members.count == 1
        ? clusterings[members[0]]
        : Self.intersect(members.map { clusterings[$0] })
      let sign: Double = members.count % 2 == 1 ? 1 : -1
      let meat = clusterMeat(codes: combined.codes, clusterCount: combined.count, factors: f)
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
    var codes = [Int32](repeating: 0, count: n)
    if fits {
      var map = [Int: Int32]()
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

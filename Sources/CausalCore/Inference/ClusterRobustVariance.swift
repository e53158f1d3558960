import LinearAlgebra

/// The one sandwich-variance kernel of CausalKit: `B M B` from a bread `B` and a meat `M`
/// built from per-observation scores `sᵢ = uᵢ xᵢ`, for heteroskedasticity-robust (HC0-HC3)
/// and one-way or multiway cluster-robust (CR1) variances.
///
/// Linear models pass `uᵢ = wᵢ eᵢ` (weight times residual) and `B = (XᵀWX)⁻¹`; binary GLMs
/// pass `uᵢ = wᵢ f(ηᵢ)(yᵢ − pᵢ)/(pᵢ(1 − pᵢ))` and the inverse Fisher information. The
/// modules apply their own small-sample factors (``multiwayCluster(_:factor:)`` takes the
/// factor of each term from its cluster count).
///
/// The scores are never materialised as an n × k matrix: each meat is accumulated column by
/// column from the design in place, reading only the selected ``columns``.
package struct ClusterRobustVariance: Sendable {
  /// One clustering: a code `0..<count` per observation.
  package struct Clustering: Sendable, Equatable {
    /// Cluster code of each observation.
    package let codes: [Int32]
    /// The number of clusters.
    package let count: Int

    /// Creates a clustering.
    package init(codes: [Int32], count: Int) {
      self.codes = codes
      self.count = count
    }
  }

  /// The matrix holding the design columns (unweighted), n rows.
  package let design: Matrix
  /// The columns of ``design`` that enter the variance, in coefficient order.
  package let columns: [Int]
  /// `uᵢ`, one per observation.
  package let scores: [Double]
  /// `B`, k × k.
  package let bread: Matrix

  /// Creates the kernel.
  ///
  /// - Parameters:
  ///   - design: n × p matrix whose selected columns are the regressors.
  ///   - columns: The columns used, or `nil` for all of them.
  ///   - scores: `uᵢ` per row of `design`.
  ///   - bread: The k × k bread, k the number of selected columns.
  package init(design: Matrix, columns: [Int]? = nil, scores: [Double], bread: Matrix) {
    self.design = design
    self.columns = columns ?? Array(0..<design.columns)
    self.scores = scores
    self.bread = bread
  }

  private var n: Int { design.rows }
  private var k: Int { columns.count }

  /// `B M B`, symmetrized.
  ///
  /// - Complexity: O(k³).
  package func sandwich(_ meat: Matrix) throws -> Matrix {
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

  /// Leverages `hᵢ = ωᵢ xᵢᵀ B xᵢ` (`ωᵢ` the observation's weight in the bread, 1 when `nil`).
  ///
  /// - Complexity: O(n k²/2).
  package func leverages(weights: [Double]?) -> [Double] {
    var h = [Double](repeating: 0, count: n)
    design.elements.withUnsafeBufferPointer { x in
      h.withUnsafeMutableBufferPointer { hp in
        for a in 0..<k {
          for b in a..<k {
            let c = (a == b ? 1 : 2) * bread[a, b]
            let ca = columns[a] * n, cb = columns[b] * n
            for i in 0..<n { hp[i] += c * x[ca + i] * x[cb + i] }
          }
        }
        if let weights { for i in 0..<n { hp[i] *= weights[i] } }
      }
    }
    return h
  }

  /// Heteroskedasticity-robust variance without small-sample factor: HC0 (`leveragePower`
  /// 0), HC2 (1) or HC3 (2), the meat being `Σ uᵢ²/(1 − hᵢ)^power xᵢxᵢᵀ` with `1 − hᵢ` from
  /// ``leverageComplements(weights:)``.
  ///
  /// - Throws: ``LeverageOneError`` for HC2 and HC3 when some `1 − hᵢ ≤ leverageTolerance`.
  ///
  /// - Parameters:
  ///   - leveragePower: 0, 1 or 2.
  ///   - leverageWeights: `ωᵢ` of ``leverages(weights:)`` (used only when the power is positive).
  ///   - gram: An optional faster `Σ vᵢ xᵢxᵢᵀ` over all design columns (for example a
  ///     parallel kernel); by default the meat is accumulated column pair by column pair.
  package func heteroskedastic(
    leveragePower power: Int, leverageWeights: [Double]? = nil, gram: ((_ factors: [Double]) -> Matrix)? = nil
  ) throws -> Matrix {
    var factors = scores.map { $0 * $0 }
    if power > 0 {
      let complements = leverageComplements(weights: leverageWeights)
      let one = complements.indices.filter { !(complements[$0] > Self.leverageTolerance) }
      guard one.isEmpty else {
        throw LeverageOneError(observations: one, complements: one.map { max(complements[$0], 0) })
      }
      for i in 0..<n {
        let r = complements[i]
        factors[i] /= power == 1 ? r : r * r
      }
    }
    if let gram { return try sandwich(gram(factors)) }
    var meat = Matrix(rows: k, columns: k)
    design.elements.withUnsafeBufferPointer { x in
      factors.withUnsafeBufferPointer { fp in
        for a in 0..<k {
          for b in a..<k {
            let ca = columns[a] * n, cb = columns[b] * n
            var s = 0.0
            for i in 0..<n { s += fp[i] * x[ca + i] * x[cb + i] }
            meat[a, b] = s
            meat[b, a] = s
          }
        }
      }
    }
    return try sandwich(meat)
  }

  /// Cluster-robust meat for one clustering: `Σ_g s_g s_gᵀ` with `s_g = Σ_{i∈g} uᵢxᵢ`.
  ///
  /// - Complexity: O(n k + G k²).
  package func clusterMeat(_ clustering: Clustering) -> Matrix {
    let count = clustering.count
    var sums = Matrix(rows: count, columns: k)
    clustering.codes.withUnsafeBufferPointer { c in
      design.elements.withUnsafeBufferPointer { x in
        scores.withUnsafeBufferPointer { fp in
          sums.elements.withUnsafeMutableBufferPointer { sp in
            for a in 0..<k {
              let xb = columns[a] * n, sb = a * count
              for i in 0..<n { sp[sb + Int(c[i])] += fp[i] * x[xb + i] }
            }
          }
        }
      }
    }
    return sums.gram()
  }

  /// Multiway cluster-robust variance (Cameron, Gelbach and Miller 2011): the sum over all
  /// non-empty subsets S of the clusterings of `(−1)^(|S|+1) · factor(G_S) · B M_S B`, where
  /// `M_S` clusters by the intersection of the clusterings in S and `G_S` counts its clusters.
  /// With one clustering this is `factor(G) · B M B`.
  ///
  /// - Parameters:
  ///   - clusterings: One or more clusterings of the observations.
  ///   - factor: The scale of a term given its number of clusters (for CR1, `G/(G − 1)`
  ///     times the module's `(n − 1)/(n − K)`).
  /// - Complexity: O(2^m (n k + G k² + k³)) for m clusterings.
  package func multiwayCluster(_ clusterings: [Clustering], factor: (Int) -> Double) throws -> Matrix {
    let m = clusterings.count
    var total = Matrix(rows: bread.rows, columns: bread.columns)
    for subset in 1..<(1 << m) {
      let members = (0..<m).filter { subset & (1 << $0) != 0 }
      let combined = members.count == 1 ? clusterings[members[0]] : Self.intersect(members.map { clusterings[$0] })
      let sign: Double = members.count % 2 == 1 ? 1 : -1
      total = try total + (sign * factor(combined.count)) * sandwich(clusterMeat(combined))
    }
    return total
  }

  /// The intersection of several clusterings: one code per observed combination, numbered by
  /// first appearance.
  ///
  /// - Complexity: O(n m) expected (an integer key per observation when the product of the
  ///   cluster counts fits in an `Int`, a tuple key otherwise).
  package static func intersect(_ clusterings: [Clustering]) -> Clustering {
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
      return Clustering(codes: codes, count: map.count)
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
    return Clustering(codes: codes, count: tupleMap.count)
  }
}

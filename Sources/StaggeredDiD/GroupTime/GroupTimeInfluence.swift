/// The influence functions of the group-time cells over the sample's units, and the unit data
/// that standard errors and aggregation weights need.
///
/// Each cell's column is sparse: only the units of its 2x2 comparison have nonzero values.
/// Standard errors follow R did: `sqrt(Σᵢ ψᵢ²) / n`, or with clusters `sqrt(Σ_c (Σ_{i∈c} ψᵢ)²) / n`
/// (no small-sample factor); a standard error below `10 √ε` is reported as NaN.
///
/// Aggregated estimators only ever need `ψ` through these sums, so their influence functions are
/// kept *projected*: one entry per unit without clusters, one per cluster (the cluster's sum)
/// with clusters (``rowCount`` entries). With 10 million repeated-cross-section rows in 3,000
/// schools, a projected vector has 3,000 entries instead of 10 million. The cohort-share term
/// (``shareInfluence(cohorts:shares:estimates:)``) is projected through per-cluster, per-cohort
/// weight sums and counts computed once.
struct GroupTimeInfluence: Sendable {
  /// One cell's influence values.
  struct Column: Sendable {
    /// Units with a value, ascending.
    let units: [Int32]
    /// The values.
    let values: [Double]
  }

  /// The number of units `n`.
  let unitCount: Int
  /// Each unit's cluster, or `nil`.
  let unitCluster: [Int32]?
  /// The number of clusters.
  let clusterCount: Int
  /// One column per cell, in the cells' order.
  let columns: [Column]
  /// The distinct unit cohorts, ascending (0, never treated, first when present).
  private let cohortValues: [Int]
  /// Each unit's index into ``cohortValues``.
  private let unitCohortCode: [Int32]
  /// Each unit's weight in the cohort shares.
  private let unitWeight: [Double]
  /// With clusters: `Σ wᵢ` over the units of cluster `r` and cohort code `c`, at
  /// `r × cohortValues.count + c`.
  private let clusterCohortWeight: [Double]

  /// Collects the cells' columns and the unit data.
  ///
  /// - Complexity: O(n).
  init(
    unitCount: Int, unitCohort: [Int], unitWeight: [Double], unitCluster: [Int32]?, clusterCount: Int,
    columns: [Column]
  ) {
    let coding = IntegerCoding(unitCohort)
    self.unitCount = unitCount
    self.unitCluster = unitCluster
    self.clusterCount = clusterCount
    self.columns = columns
    self.cohortValues = coding.values
    self.unitCohortCode = coding.codes
    self.unitWeight = unitWeight
    var byCluster: [Double] = []
    if let unitCluster {
      let c = coding.values.count
      byCluster = [Double](repeating: 0, count: clusterCount * c)
      for i in 0..<unitCount { byCluster[Int(unitCluster[i]) * c + Int(coding.codes[i])] += unitWeight[i] }
    }
    self.clusterCohortWeight = byCluster
  }

  /// The length of a projected influence vector: units, or clusters with clusters.
  var rowCount: Int { unitCluster == nil ? unitCount : clusterCount }

  /// Adds `weight` times a cell's column, projected, to `projected`.
  ///
  /// - Complexity: O(units of the cell).
  func accumulate(_ cell: Int, weight: Double, into projected: inout [Double]) {
    let column = columns[cell]
    if let unitCluster {
      for (u, v) in zip(column.units, column.values) { projected[Int(unitCluster[Int(u)])] += weight * v }
    } else {
      for (u, v) in zip(column.units, column.values) { projected[Int(u)] += weight * v }
    }
  }

  /// The projected influence function of a weighted sum of cells.
  ///
  /// - Complexity: O(rows + units of the cells).
  func combined(_ cells: [Int], weights: [Double]) -> [Double] {
    var projected = [Double](repeating: 0, count: rowCount)
    for (c, w) in zip(cells, weights) { accumulate(c, weight: w, into: &projected) }
    return projected
  }

  /// The standard error of an estimator with projected influence function `psi`.
  ///
  /// - Complexity: O(rows).
  func standardError(_ psi: [Double]) -> Double {
    standardError(variance: covariance(psi, psi))
  }

  /// The standard error from a variance ``covariance(_:_:)`` computed: NaN below `10 √ε`.
  func standardError(variance: Double) -> Double {
    let se = variance.squareRoot()
    return se <= 10 * Double.ulpOfOne.squareRoot() ? .nan : se
  }

  /// The standard error of one cell.
  ///
  /// - Complexity: O(units of the cell), plus O(clusters) with clusters.
  func standardError(cell: Int) -> Double {
    let column = columns[cell]
    guard !column.units.isEmpty else { return .nan }
    if unitCluster != nil { return standardError(combined([cell], weights: [1])) }
    let se = column.values.reduce(0) { $0 + $1 * $1 }.squareRoot() / Double(unitCount)
    return se <= 10 * Double.ulpOfOne.squareRoot() ? .nan : se
  }

  /// The covariance of two estimators with projected influence functions `a` and `b`:
  /// `Σ_r a_r b_r / n²`.
  ///
  /// - Complexity: O(rows).
  func covariance(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(unitCount)
    var s = 0.0
    for r in 0..<rowCount { s += a[r] * b[r] }
    return s / (n * n)
  }

  /// ``covariance(_:_:)`` of each pair, four pairs at a time in one pass (four independent
  /// sums, each in row order as ``covariance(_:_:)`` adds them, so the values are the same).
  ///
  /// - Complexity: O(pairs × rows).
  func covariances(_ pairs: [(a: [Double], b: [Double])]) -> [Double] {
    guard pairs.count == 4 else { return pairs.map { covariance($0.a, $0.b) } }
    let n = Double(unitCount), rows = rowCount
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    pairs[0].a.withUnsafeBufferPointer { a0 in
      pairs[0].b.withUnsafeBufferPointer { b0 in
        pairs[1].a.withUnsafeBufferPointer { a1 in
          pairs[1].b.withUnsafeBufferPointer { b1 in
            pairs[2].a.withUnsafeBufferPointer { a2 in
              pairs[2].b.withUnsafeBufferPointer { b2 in
                pairs[3].a.withUnsafeBufferPointer { a3 in
                  pairs[3].b.withUnsafeBufferPointer { b3 in
                    for r in 0..<rows {
                      s0 += a0[r] * b0[r]
                      s1 += a1[r] * b1[r]
                      s2 += a2[r] * b2[r]
                      s3 += a3[r] * b3[r]
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return [s0, s1, s2, s3].map { $0 / (n * n) }
  }

  /// The cohort share `mean(wᵢ 1{Gᵢ = g})` of each cohort, over all units.
  ///
  /// - Complexity: O(n).
  func cohortShares() -> [Int: Double] {
    var sums = [Double](repeating: 0, count: cohortValues.count)
    for i in 0..<unitCount { sums[Int(unitCohortCode[i])] += unitWeight[i] }
    var shares: [Int: Double] = [:]
    for (c, g) in cohortValues.enumerated() where g != 0 { shares[g] = sums[c] / Double(unitCount) }
    return shares
  }

  /// The projected influence of estimating the cohort shares on a share-weighted average
  /// `Σ_k p_k θ_k / Σ_k p_k` of items `k` (cells or cohorts) with cohorts `g_k`, shares `p_k` and
  /// estimates `θ_k`: did's `wif(...) %*% θ`.
  ///
  /// For unit `i` with cohort `Gᵢ` and weight `wᵢ`, with `S = Σ p_k`, `A = Σ p_k θ_k`:
  /// `(wᵢ Θ(Gᵢ) − A) / S − (wᵢ K(Gᵢ) − S) A / S²`, where `Θ(g) = Σ_{k: g_k = g} θ_k` and
  /// `K(g) = #{k: g_k = g}` (both 0 for the never treated). The value is affine in `wᵢ` given the
  /// cohort, so a cluster's sum needs only its per-cohort weight sums.
  ///
  /// - Complexity: O(n + items) without clusters, O(clusters × cohorts + items) with them.
  func shareInfluence(cohorts: [Int], shares: [Double], estimates: [Double]) -> [Double] {
    let slope = shareSlopes(cohorts: cohorts, shares: shares, estimates: estimates)
    let c = cohortValues.count
    guard unitCluster != nil else {
      return (0..<unitCount).map { i in slope[Int(unitCohortCode[i])] * unitWeight[i] }
    }
    return (0..<clusterCount).map { r in
      var sum = 0.0
      for code in 0..<c { sum += slope[code] * clusterCohortWeight[r * c + code] }
      return sum
    }
  }

  /// The per-unit factor of ``shareInfluence(cohorts:shares:estimates:)`` for each cohort code:
  /// the value for unit `i` is `slope[code of Gᵢ] × wᵢ` (the constant terms −A/S and +S·A/S²
  /// cancel).
  private func shareSlopes(cohorts: [Int], shares: [Double], estimates: [Double]) -> [Double] {
    let s = shares.reduce(0, +)
    let a = zip(shares, estimates).reduce(0) { $0 + $1.0 * $1.1 }
    let c = cohortValues.count
    var theta = [Double](repeating: 0, count: c)
    var count = [Double](repeating: 0, count: c)
    for (g, estimate) in zip(cohorts, estimates) {
      guard g != 0, let code = cohortValues.firstIndex(of: g) else { continue }
      theta[code] += estimate
      count[code] += 1
    }
    return (0..<c).map { theta[$0] / s - count[$0] * a / (s * s) }
  }

  /// Adds ``shareInfluence(cohorts:shares:estimates:)`` to `psi`, element by element (without
  /// a temporary vector when inference is by unit).
  ///
  /// - Complexity: as ``shareInfluence(cohorts:shares:estimates:)``.
  func addShareInfluence(cohorts: [Int], shares: [Double], estimates: [Double], to psi: inout [Double]) {
    guard unitCluster == nil else {
      let extra = shareInfluence(cohorts: cohorts, shares: shares, estimates: estimates)
      for i in psi.indices { psi[i] += extra[i] }
      return
    }
    let slope = shareSlopes(cohorts: cohorts, shares: shares, estimates: estimates)
    psi.withUnsafeMutableBufferPointer { out in
      unitCohortCode.withUnsafeBufferPointer { code in
        unitWeight.withUnsafeBufferPointer { w in
          for i in 0..<min(out.count, unitCount) { out[i] += slope[Int(code[i])] * w[i] }
        }
      }
    }
  }
}

/// The influence functions of the group-time cells over the sample's units, and the unit data
/// that standard errors and aggregation weights need.
///
/// Each cell's column is sparse: only the units of its 2x2 comparison have nonzero values.
/// Standard errors follow R did: `sqrt(Σᵢ ψᵢ²) / n`, or with clusters `sqrt(Σ_c (Σ_{i∈c} ψᵢ)²) / n`
/// (no small-sample factor); a standard error below `10 √ε` is reported as NaN.
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
  /// Each unit's cohort (0 never treated).
  let unitCohort: [Int]
  /// Each unit's weight in the cohort shares.
  let unitWeight: [Double]
  /// Each unit's cluster, or `nil`.
  let unitCluster: [Int32]?
  /// The number of clusters.
  let clusterCount: Int
  /// One column per cell, in the cells' order.
  let columns: [Column]

  /// Adds `weight` times a cell's column to a dense vector over the units.
  ///
  /// - Complexity: O(units of the cell).
  func accumulate(_ cell: Int, weight: Double, into dense: inout [Double]) {
    let column = columns[cell]
    for (u, v) in zip(column.units, column.values) { dense[Int(u)] += weight * v }
  }

  /// The dense influence function of a weighted sum of cells.
  ///
  /// - Complexity: O(n + units of the cells).
  func combined(_ cells: [Int], weights: [Double]) -> [Double] {
    var dense = [Double](repeating: 0, count: unitCount)
    for (c, w) in zip(cells, weights) { accumulate(c, weight: w, into: &dense) }
    return dense
  }

  /// The standard error of an estimator with influence function `psi` over the units.
  ///
  /// - Complexity: O(n).
  func standardError(_ psi: [Double]) -> Double {
    let se = covariance(psi, psi).squareRoot()
    return se <= 10 * Double.ulpOfOne.squareRoot() ? .nan : se
  }

  /// The standard error of one cell.
  ///
  /// - Complexity: O(units of the cell), O(n) with clusters.
  func standardError(cell: Int) -> Double {
    let column = columns[cell]
    guard !column.units.isEmpty else { return .nan }
    if unitCluster != nil {
      var dense = [Double](repeating: 0, count: unitCount)
      accumulate(cell, weight: 1, into: &dense)
      return standardError(dense)
    }
    let se = column.values.reduce(0) { $0 + $1 * $1 }.squareRoot() / Double(unitCount)
    return se <= 10 * Double.ulpOfOne.squareRoot() ? .nan : se
  }

  /// The covariance of two estimators with influence functions `a` and `b`:
  /// `Σᵢ aᵢbᵢ / n²`, or over cluster sums.
  ///
  /// - Complexity: O(n).
  func covariance(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(unitCount)
    guard let cluster = unitCluster else {
      var s = 0.0
      for i in 0..<unitCount { s += a[i] * b[i] }
      return s / (n * n)
    }
    var sa = [Double](repeating: 0, count: clusterCount)
    var sb = [Double](repeating: 0, count: clusterCount)
    for i in 0..<unitCount {
      sa[Int(cluster[i])] += a[i]
      sb[Int(cluster[i])] += b[i]
    }
    var s = 0.0
    for c in 0..<clusterCount { s += sa[c] * sb[c] }
    return s / (n * n)
  }

  /// The cohort share `mean(wᵢ 1{Gᵢ = g})` of each cohort, over all units.
  ///
  /// - Complexity: O(n).
  func cohortShares() -> [Int: Double] {
    var sums: [Int: Double] = [:]
    for i in 0..<unitCount where unitCohort[i] != 0 { sums[unitCohort[i], default: 0] += unitWeight[i] }
    return sums.mapValues { $0 / Double(unitCount) }
  }

  /// The influence of estimating the cohort shares on a share-weighted average
  /// `Σ_k p_k θ_k / Σ_k p_k` of items `k` (cells or cohorts) with cohorts `g_k`, shares `p_k` and
  /// estimates `θ_k`: did's `wif(...) %*% θ`.
  ///
  /// For unit `i` with cohort `Gᵢ` and weight `wᵢ`, with `S = Σ p_k`, `A = Σ p_k θ_k`:
  /// `(wᵢ Σ_{k: g_k = Gᵢ} θ_k − A) / S − (wᵢ #{k: g_k = Gᵢ} − S) A / S²`.
  ///
  /// - Complexity: O(n + items).
  func shareInfluence(cohorts: [Int], shares: [Double], estimates: [Double]) -> [Double] {
    let s = shares.reduce(0, +)
    let a = zip(shares, estimates).reduce(0) { $0 + $1.0 * $1.1 }
    var thetaByCohort: [Int: Double] = [:]
    var countByCohort: [Int: Double] = [:]
    for (g, theta) in zip(cohorts, estimates) {
      thetaByCohort[g, default: 0] += theta
      countByCohort[g, default: 0] += 1
    }
    var out = [Double](repeating: 0, count: unitCount)
    for i in 0..<unitCount {
      let g = unitCohort[i]
      let w = unitWeight[i]
      let theta = g == 0 ? 0 : thetaByCohort[g] ?? 0
      let count = g == 0 ? 0 : countByCohort[g] ?? 0
      out[i] = (w * theta - a) / s - (w * count - s) * a / (s * s)
    }
    return out
  }
}

import LinearAlgebra

/// Whitens covariates so that Euclidean distances between transformed rows are Mahalanobis
/// distances, with MatchIt 4.5.1's covariance (`transform_covariates(method = "mahalanobis")`).
///
/// Steps, as in MatchIt:
/// 1. Columns whose range over all units is below `√ε` (≈ 1.5e-8) are dropped; if every column
///    is dropped the distance falls back to the Euclidean distance on the first column.
/// 2. Each column is standardized over **all** units (`(x − mean) / sd`, R's `scale()`); this
///    does not change Mahalanobis distances but keeps the determinant test below scale-free.
/// 3. The pooled within-group covariance is computed over the units that are **not discarded**:
///    each column is centred on its treatment-group mean and
///    `S = Σ_i (x_i − x̄_{g(i)})(x_i − x̄_{g(i)})ᵀ / (n − G)`, with `G` the number of groups
///    present (MatchIt's `pooled_cov`; it equals `cov(X_centred) · (n − 1)/(n − G)`).
/// 4. If `det(S) > 1e-8` the inverse of `S` is used; otherwise the generalized inverse that
///    keeps eigenvalues above `1e-8 ×` the largest (MatchIt's `generalized_inverse` on the SVD,
///    identical for a symmetric positive semi-definite matrix).
/// 5. With `S⁻¹ = V Λ⁻¹ Vᵀ` (kept eigenpairs), row `x` maps to `z = Λ^{-1/2} Vᵀ x`, so
///    `‖z_t − z_c‖² = (x_t − x_c)ᵀ S⁻¹ (x_t − x_c)`.
///
/// MatchIt factors `S⁻¹` with a pivoted Cholesky instead of the eigen-decomposition, so the two
/// agree up to rounding (about 1e-15 relative), which can only matter for near-ties.
struct MahalanobisTransform {
  /// Transformed rows, row-major: unit `i` occupies `values[i*dimension ..< (i+1)*dimension]`.
  let values: [Double]
  /// Number of transformed coordinates per unit.
  let dimension: Int

  /// Computes the transform.
  ///
  /// - Parameters:
  ///   - covariates: One row per unit, one column per variable (finite values).
  ///   - treatment: Group of each unit.
  ///   - discarded: Units excluded from the covariance.
  /// - Throws: ``MatchingError/covarianceFailure(detail:)`` when the eigen solver fails.
  /// - Complexity: O(n p² + p³).
  init(covariates: Matrix, treatment: [Bool], discarded: [Bool]) throws {
    let n = covariates.rows
    let tolerance = Double.ulpOfOne.squareRoot()
    let kept = (0..<covariates.columns).filter { j in
      let column = covariates.column(j)
      guard let low = column.min(), let high = column.max() else { return false }
      return abs(high - low) >= tolerance
    }
    guard !kept.isEmpty else {
      // MatchIt: no column varies -> Euclidean distance on the first column.
      values = covariates.columns > 0 ? covariates.column(0) : [Double](repeating: 0, count: n)
      dimension = 1
      return
    }
    let p = kept.count
    // Standardize over all units.
    var x = [Double](repeating: 0, count: n * p)  // row-major
    for (a, j) in kept.enumerated() {
      let column = covariates.column(j)
      let mean = column.reduce(0, +) / Double(n)
      let sd = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot()
      for i in 0..<n { x[i * p + a] = (column[i] - mean) / sd }
    }
    let covariance = Self.pooledCovariance(x, p: p, treatment: treatment, discarded: discarded)
    let eigen: SymmetricEigen
    do {
      eigen = try SymmetricEigen(covariance)
    } catch {
      throw MatchingError.covarianceFailure(detail: error.description)
    }
    let largest = eigen.values.last ?? 0
    let determinant = eigen.values.reduce(1, *)
    let fullRank = determinant > 1e-8 && (eigen.values.first ?? 0) > 0
    let keptPairs = eigen.values.indices.filter { k in
      fullRank ? true : eigen.values[k] > max(1e-8 * largest, 0)
    }
    guard !keptPairs.isEmpty else {
      throw MatchingError.covarianceFailure(detail: "the pooled within-group covariance is zero")
    }
    let d = keptPairs.count
    var z = [Double](repeating: 0, count: n * d)
    for (b, k) in keptPairs.enumerated() {
      let scale = 1 / eigen.values[k].squareRoot()
      for i in 0..<n {
        var dot = 0.0
        for a in 0..<p { dot += eigen.vectors[a, k] * x[i * p + a] }
        z[i * d + b] = dot * scale
      }
    }
    values = z
    dimension = d
  }

  /// Pooled within-group covariance of row-major `x` over the non-discarded units.
  private static func pooledCovariance(
    _ x: [Double], p: Int, treatment: [Bool], discarded: [Bool]
  ) -> Matrix {
    let n = treatment.count
    var sums = [[Double]](repeating: [Double](repeating: 0, count: p), count: 2)
    var counts = [0, 0]
    for i in 0..<n where !discarded[i] {
      let g = treatment[i] ? 1 : 0
      counts[g] += 1
      for a in 0..<p { sums[g][a] += x[i * p + a] }
    }
    let means = (0..<2).map { g in sums[g].map { counts[g] > 0 ? $0 / Double(counts[g]) : 0 } }
    let groups = counts.filter { $0 > 0 }.count
    let denominator = Double(counts[0] + counts[1] - groups)
    var s = Matrix(rows: p, columns: p)
    var deviation = [Double](repeating: 0, count: p)
    for i in 0..<n where !discarded[i] {
      let g = treatment[i] ? 1 : 0
      for a in 0..<p { deviation[a] = x[i * p + a] - means[g][a] }
      for b in 0..<p {
        for a in 0...b { s[a, b] += deviation[a] * deviation[b] }
      }
    }
    for b in 0..<p {
      for a in 0...b {
        let v = denominator > 0 ? s[a, b] / denominator : 0
        s[a, b] = v
        s[b, a] = v
      }
    }
    return s
  }

  /// The Euclidean distance between transformed units `i` and `j`:
  /// `sqrt(Σ_k (z_ik − z_jk)²)`, summed in coordinate order as MatchIt does.
  func distance(_ i: Int, _ j: Int) -> Double {
    var sum = 0.0
    let a = i * dimension, b = j * dimension
    for k in 0..<dimension {
      let diff = values[a + k] - values[b + k]
      sum += diff * diff
    }
    return sum.squareRoot()
  }

  /// The distances from unit `i` to each of `candidates`, written to `out`: the same values as
  /// ``distance(_:_:)`` (the same sums in the same order), without bounds checks, for the
  /// matcher's scans. Candidates `ineligible` rejects get +∞.
  ///
  /// - Complexity: O(candidates × dimension).
  func distances(
    from i: Int, to candidates: UnsafeBufferPointer<Int>, into out: UnsafeMutableBufferPointer<Double>,
    ineligible: (Int) -> Bool
  ) {
    let p = dimension
    values.withUnsafeBufferPointer { z in
      guard let base = z.baseAddress else { return }
      let a = base + i * p
      for (position, j) in candidates.enumerated() {
        if ineligible(j) {
          out[position] = .infinity
          continue
        }
        let b = base + j * p
        var sum = 0.0
        for k in 0..<p {
          let diff = a[k] - b[k]
          sum += diff * diff
        }
        out[position] = sum.squareRoot()
      }
    }
  }
}

/// Finds the columns of a design that are linearly independent of the columns before them.
///
/// A Cholesky factorization of the Gram matrix `XᵀWX` that skips columns instead of failing:
/// column j is kept when its squared residual norm after projection on the earlier kept
/// columns, `G_jj − Σ_l R_lj²`, exceeds `tolerance × G_jj`. Later columns are dropped in favour
/// of earlier ones (the convention of fixest and R's `lm`), so with `x3 = 2·x1 − x2` the
/// column `x3` goes. Shared by the linear and binary-response estimators.
package enum SequentialIndependence {
  /// The indices of the kept columns, ascending.
  ///
  /// - Parameters:
  ///   - gram: The symmetric k × k cross-product matrix.
  ///   - tolerance: Relative tolerance on the squared residual norm.
  /// - Complexity: O(k³).
  package static func independentColumns(gram: Matrix, tolerance: Double) -> [Int] {
    let k = gram.rows
    var r = Matrix(rows: k, columns: k)
    var kept = [Int]()
    for j in 0..<k {
      var s = gram[j, j]
      for l in kept { s -= r[l, j] * r[l, j] }
      guard gram[j, j] > 0, s > tolerance * gram[j, j] else { continue }
      let rjj = s.squareRoot()
      r[j, j] = rjj
      for m in (j + 1)..<max(k, j + 1) {
        var t = gram[j, m]
        for l in kept { t -= r[l, j] * r[l, m] }
        r[j, m] = t / rjj
      }
      kept.append(j)
    }
    return kept
  }
}

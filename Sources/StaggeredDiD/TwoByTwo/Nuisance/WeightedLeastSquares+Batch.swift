import CausalCore
import LinearAlgebra

extension WeightedLeastSquares {
  /// The coefficients for several outcomes at once, each exactly what ``coefficients(_:)``
  /// returns for it (or the error it throws).
  ///
  /// ``coefficients(_:)`` applies `Qᵀ` with LAPACK's `dormqr`, which for fewer than 32
  /// reflectors runs the unblocked `dorm2r`: for each Householder reflector `H = I − τ v vᵀ` in
  /// turn, `w = Cᵀv` by the reference BLAS `dgemv` (each sum in row order from zero) and
  /// `C −= v (τ w)ᵀ` by `dger` (skipped where `w = 0`). This applies the reflectors to all the
  /// outcomes' columns with the same arithmetic, the columns' sums interleaved (independent
  /// chains of additions instead of one at a time), then solves `R` and undoes the pivoting
  /// as `PivotedQR.leastSquares` does. With 16 or more covariates it calls
  /// ``coefficients(_:)`` for each outcome.
  ///
  /// - Parameters:
  ///   - count: The number of outcomes.
  ///   - outcome: The value of outcome `column` at row `row` of the comparison; only the rows
  ///     of the subsample are read.
  /// - Returns: One result per outcome.
  /// - Complexity: O(count × m k) for the `m` rows of the subsample.
  func coefficients(count: Int, outcome: (_ column: Int, _ row: Int) -> Double) -> [Result<[Double], DiDError>] {
    let m = rows.count, k = factorization.factors.columns
    guard k < 16, m >= k, count > 0 else {
      return (0..<count).map { c in
        var values = [Double](repeating: 0, count: (rows.last ?? -1) + 1)
        for i in rows { values[i] = outcome(c, i) }
        return Result { () throws(DiDError) in try coefficients(values) }
      }
    }
    // The scaled outcomes, one column each: √vᵣ yᵣ as coefficients(_:) forms them.
    var c = [Double](repeating: 0, count: m * count)
    for column in 0..<count {
      for (r, i) in rows.enumerated() { c[column * m + r] = roots[r] * outcome(column, i) }
    }
    applyReflectorsTransposed(to: &c, columns: count)
    let qr = factorization
    return (0..<count).map { column in
      Result { () throws(DiDError) in
        var beta = [Double](repeating: 0, count: k)
        if qr.rank > 0 {
          let head = Array(c[(column * m)..<(column * m + qr.rank)])
          let z: [Double]
          do { z = try TriangularSolve.solve(qr.r, head, upper: true, transpose: false) } catch {
            throw .singularCovariates(model: model)
          }
          for j in 0..<qr.rank { beta[qr.permutation[j]] = z[j] }
        }
        guard beta.allSatisfy(\.isFinite) else { throw .nonFiniteNuisance(model: model) }
        return beta
      }
    }
  }

  /// `C ← Qᵀ C` for the `m × columns` matrix `c` (column-major), as `dorm2r` with the reference
  /// BLAS (see ``coefficients(count:outcome:)``).
  private func applyReflectorsTransposed(to c: inout [Double], columns: Int) {
    let qr = factorization
    let m = qr.factors.rows, reflectors = min(m, qr.factors.columns)
    var w = [Double](repeating: 0, count: columns)
    var v = [Double](repeating: 0, count: m)
    for i in 0..<reflectors {
      let tau = qr.tau[i]
      guard tau != 0 else { continue }
      // v = (1, A[i+1..<m, i]); its last nonzero entry ends the reflector (dlarf's lastv).
      var last = m - i
      qr.factors.elements.withUnsafeBufferPointer { a in
        let start = i * m + i
        while last > 1 && a[start + last - 1] == 0 { last -= 1 }
        v[0] = 1
        for r in 1..<max(last, 1) { v[r] = a[start + r] }
      }
      v.withUnsafeBufferPointer { v in
        c.withUnsafeMutableBufferPointer { c in
          guard let vp = v.baseAddress, let base = c.baseAddress else { return }
          // w = Cᵀv, every column's sum in row order from zero (dgemv, β = 0, α = 1). A column
          // that is zero in these rows gets w = 0 and is left as is, as dlarf leaves the columns
          // after the last nonzero one.
          w.withUnsafeMutableBufferPointer { w in
            guard let target = w.baseAddress else { return }
            Matrix.columnDots(UnsafePointer(base), stride: m, columns: columns, from: i, count: last, vp, into: target)
          }
          // C −= v (−τ w)ᵀ column by column (dger), skipping w = 0.
          for column in 0..<columns where w[column] != 0 {
            let t = -tau * w[column], target = base + column * m + i
            for r in 0..<last { target[r] = target[r] + vp[r] * t }
          }
        }
      }
    }
  }
}

import LinearAlgebra

/// Matrix-vector products with the arithmetic of the reference BLAS `dgemv` (each sum
/// accumulated in order from zero), written so that they run faster: the row products column
/// by column (the loops vectorize across rows), the column products four columns at a time
/// (four independent sums instead of one long chain of dependent additions). The values are
/// the same, to the last bit, as those of `Matrix.multiplied(by:)` and
/// `Matrix.transposeMultiplied(by:)` with the reference BLAS.
extension Matrix {
  /// `xᵢᵀ a` for every row `i`: `y = 0`, then `y += aⱼ xᵢⱼ` for each column `j` in order.
  ///
  /// - Complexity: O(rows × columns).
  func rowProducts(_ a: [Double]) -> [Double] {
    let n = rows, k = columns
    var out = [Double](repeating: 0, count: n)
    elements.withUnsafeBufferPointer { x in
      out.withUnsafeMutableBufferPointer { y in
        guard let source = x.baseAddress, let target = y.baseAddress else { return }
        for j in 0..<k {
          let c = a[j], column = source + j * n
          for i in 0..<n { target[i] += column[i] * c }
        }
      }
    }
    return out
  }

  /// `Xᵀ v`: for each column `j`, `t = 0`, then `t += xᵢⱼ vᵢ` for each row `i` in order, and
  /// the result `0 + t`.
  ///
  /// - Complexity: O(rows × columns).
  func columnProducts(_ v: [Double]) -> [Double] {
    let n = rows, k = columns
    var out = [Double](repeating: 0, count: k)
    elements.withUnsafeBufferPointer { x in
      v.withUnsafeBufferPointer { v in
        guard let base = x.baseAddress else { return }
        var j = 0
        while j + 4 <= k {
          let c0 = base + j * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n
          var t0 = 0.0, t1 = 0.0, t2 = 0.0, t3 = 0.0
          for i in 0..<n {
            t0 += c0[i] * v[i]
            t1 += c1[i] * v[i]
            t2 += c2[i] * v[i]
            t3 += c3[i] * v[i]
          }
          (out[j], out[j + 1], out[j + 2], out[j + 3]) = (0 + t0, 0 + t1, 0 + t2, 0 + t3)
          j += 4
        }
        while j < k {
          let c = base + j * n
          var t = 0.0
          for i in 0..<n { t += c[i] * v[i] }
          out[j] = 0 + t
          j += 1
        }
      }
    }
    return out
  }
}

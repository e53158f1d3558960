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
    var out = [Double](repeating: 0, count: columns)
    elements.withUnsafeBufferPointer { x in
      v.withUnsafeBufferPointer { v in
        out.withUnsafeMutableBufferPointer { out in
          guard let base = x.baseAddress, let vector = v.baseAddress, let target = out.baseAddress else { return }
          Self.columnDots(base, stride: rows, columns: columns, from: 0, count: rows, vector, into: target)
        }
      }
    }
    return out
  }

  /// For each of `columns` columns of a column-major buffer (column `j` at `base + j × stride`),
  /// the sum of `column[from + r] × vector[r]` over `r` in `0..<count`, in order from zero, plus
  /// zero (the arithmetic of the reference BLAS `dgemv` with `β = 0`, `α = 1`): four columns at
  /// a time, as independent chains of additions.
  ///
  /// - Complexity: O(columns × count).
  static func columnDots(
    _ base: UnsafePointer<Double>, stride: Int, columns: Int, from: Int, count: Int, _ vector: UnsafePointer<Double>,
    into out: UnsafeMutablePointer<Double>
  ) {
    var j = 0
    while j < columns {
      // Up to four columns; a missing one repeats the last and is discarded.
      let c0 = base + j * stride + from, c1 = base + min(j + 1, columns - 1) * stride + from
      let c2 = base + min(j + 2, columns - 1) * stride + from, c3 = base + min(j + 3, columns - 1) * stride + from
      var t0 = 0.0, t1 = 0.0, t2 = 0.0, t3 = 0.0
      for r in 0..<count {
        t0 += c0[r] * vector[r]
        t1 += c1[r] * vector[r]
        t2 += c2[r] * vector[r]
        t3 += c3[r] * vector[r]
      }
      let sums = (t0, t1, t2, t3)
      out[j] = 0 + sums.0
      if j + 1 < columns { out[j + 1] = 0 + sums.1 }
      if j + 2 < columns { out[j + 2] = 0 + sums.2 }
      if j + 3 < columns { out[j + 3] = 0 + sums.3 }
      j += 4
    }
  }
}

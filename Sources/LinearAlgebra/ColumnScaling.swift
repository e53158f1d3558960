/// Column equilibration by powers of two, so that rank decisions and cross products do not
/// depend on the units of the data.
///
/// A column multiplied by 1e160 has squares of 1e320, which overflow; one multiplied by 1e-170
/// has squares that underflow to zero. Either way a Gram matrix formed from the raw column no
/// longer says whether the column is independent of the others. Estimators therefore scale
/// each column so that its largest magnitude lies in `[1, 2)` before forming cross products,
/// and undo the scaling on the results.
///
/// The scale factors are exact powers of two, so scaling is exact in binary floating point
/// (no rounding, barring underflow into subnormal numbers): every sum, product, square root and
/// factorization of the scaled data equals the one of the raw data times a power of two, and
/// results on data of ordinary magnitude are bit for bit those of the unscaled computation.
///
/// ```swift
/// let e = ColumnScaling.exponent(maxAbs: 1e160)      // -532
/// let scaled = ColumnScaling.scale(1e160, by: e)       // in [1, 2)
/// ```
package enum ColumnScaling {
  /// The exponent `e` such that `maxAbs · 2^e` lies in `[1, 2)`; 0 for zero or non-finite input.
  ///
  /// - Complexity: O(1).
  package static func exponent(maxAbs: Double) -> Int {
    guard maxAbs.isFinite, maxAbs > 0 else { return 0 }
    return -Int(maxAbs.exponent)
  }

  /// `x · 2^e`, exact unless the result overflows or becomes subnormal.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  package static func scale(_ x: Double, by e: Int) -> Double {
    guard e != 0, x.isFinite, x != 0 else { return x }
    return Double(sign: .plus, exponent: e, significand: x)
  }

  /// The largest magnitude of `count` consecutive values starting at `start` (NaN ignored).
  ///
  /// - Complexity: O(count).
  package static func maxAbs(_ values: UnsafeBufferPointer<Double>) -> Double {
    // Four running maxima, so that consecutive comparisons do not wait on each other.
    var m0 = 0.0, m1 = 0.0, m2 = 0.0, m3 = 0.0
    let n = values.count
    var i = 0
    while i + 4 <= n {
      let a0 = abs(values[i]), a1 = abs(values[i + 1]), a2 = abs(values[i + 2]), a3 = abs(values[i + 3])
      m0 = a0 > m0 ? a0 : m0
      m1 = a1 > m1 ? a1 : m1
      m2 = a2 > m2 ? a2 : m2
      m3 = a3 > m3 ? a3 : m3
      i += 4
    }
    while i < n {
      let a = abs(values[i])
      m0 = a > m0 ? a : m0
      i += 1
    }
    return Swift.max(Swift.max(m0, m1), Swift.max(m2, m3))
  }

  /// Multiplies every value by `2^e`, each exactly as ``scale(_:by:)`` does.
  ///
  /// One multiplication by the power of two where the product is a normal number (exact);
  /// ``scale(_:by:)`` where it would overflow or be subnormal.
  ///
  /// - Complexity: O(values.count).
  package static func scale(_ values: UnsafeMutableBufferPointer<Double>, by e: Int) {
    guard e != 0 else { return }
    guard e >= Double.leastNormalMagnitude.exponent, e <= Double.greatestFiniteMagnitude.exponent else {
      for i in values.indices { values[i] = scale(values[i], by: e) }
      return
    }
    let p = Double(sign: .plus, exponent: e, significand: 1)
    for i in values.indices {
      let x = values[i]
      let product = x * p
      let magnitude = abs(product)
      if magnitude >= .leastNormalMagnitude && magnitude <= .greatestFiniteMagnitude || x == 0 || !x.isFinite {
        values[i] = product
      } else {
        values[i] = scale(x, by: e)
      }
    }
  }

  /// Multiplies column `j` of `matrix` by `2^e`.
  ///
  /// - Complexity: O(rows).
  package static func scaleColumn(_ matrix: inout Matrix, _ j: Int, by e: Int) {
    guard e != 0 else { return }
    let n = matrix.rows
    matrix.elements.withUnsafeMutableBufferPointer { x in
      scale(UnsafeMutableBufferPointer(rebasing: x[(j * n)..<((j + 1) * n)]), by: e)
    }
  }

  /// The exponents that bring every column's largest magnitude into `[1, 2)`.
  ///
  /// - Complexity: O(rows × columns).
  package static func columnExponents(_ matrix: Matrix) -> [Int] {
    let n = matrix.rows
    return matrix.elements.withUnsafeBufferPointer { x in
      (0..<matrix.columns).map { j in
        exponent(maxAbs: maxAbs(UnsafeBufferPointer(rebasing: x[(j * n)..<((j + 1) * n)])))
      }
    }
  }

  /// Scales every column `j` of `matrix` by `2^exponents[j]`.
  ///
  /// - Complexity: O(rows × columns).
  package static func scaleColumns(_ matrix: inout Matrix, by exponents: [Int]) {
    for (j, e) in exponents.enumerated() { scaleColumn(&matrix, j, by: e) }
  }

  /// `D A D` for a symmetric matrix and `D = diag(2^exponents)`: the scaling of a cross-product
  /// matrix whose columns were scaled.
  ///
  /// - Complexity: O(k²).
  package static func scaleSymmetric(_ a: Matrix, by exponents: [Int]) -> Matrix {
    var out = a
    for j in 0..<a.columns {
      for i in 0..<a.rows { out[i, j] = scale(scale(a[i, j], by: exponents[i]), by: exponents[j]) }
    }
    return out
  }

  /// The exponents that equilibrate a symmetric positive semi-definite matrix by its diagonal,
  /// `eⱼ = exponent(√aⱼⱼ)`, so that `D A D` has diagonal entries in `[1, 4)`.
  ///
  /// - Complexity: O(k).
  package static func diagonalExponents(_ a: Matrix) -> [Int] {
    a.diagonal.map { d in d > 0 && d.isFinite ? exponent(maxAbs: d.squareRoot()) : 0 }
  }
}

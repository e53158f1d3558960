import CLAPACK

/// Solves triangular systems with LAPACK `dtrtrs` and `dtrsm`.
public enum TriangularSolve {
  /// Solves `T x = b` (or `Tᵀ x = b`) for a triangular `T`.
  ///
  /// - Parameters:
  ///   - t: A square triangular matrix; only the named triangle is read.
  ///   - b: The right-hand side.
  ///   - upper: Whether `t` is upper triangular.
  ///   - transpose: Solve with `Tᵀ` instead of `T`.
  /// - Throws: `LinearAlgebraError/singular(index:)` for a zero diagonal entry.
  /// - Complexity: O(n²).
  public static func solve(_ t: Matrix, _ b: [Double], upper: Bool, transpose: Bool)
    throws(LinearAlgebraError) -> [Double]
  {
    let n = t.rows
    guard t.columns == n, b.count == n else {
      throw .dimensionMismatch(
        operation: "TriangularSolve.solve", expected: "\(n)×\(n) and \(n)",
        actual: "\(t.rows)×\(t.columns) and \(b.count)")
    }
    guard n > 0 else { return [] }
    var x = b
    var ni = try lapackInt(n, "dtrtrs"), nrhs: Int32 = 1, lda = ni, ldb = ni, info: Int32 = 0
    t.elements.withUnsafeBufferPointer { pt in
      x.withUnsafeMutableBufferPointer { px in
        dtrtrs_(upper ? "U" : "L", transpose ? "T" : "N", "N", &ni, &nrhs, pt.baseAddress, &lda,
          px.baseAddress, &ldb, &info, 1, 1, 1)
      }
    }
    if info > 0 { throw .singular(index: Int(info) - 1) }
    if info < 0 { throw .invalidArgument(routine: "dtrtrs", position: Int(-info)) }
    return x
  }

  /// The inverse of an upper-triangular matrix.
  ///
  /// - Throws: `LinearAlgebraError/singular(index:)` for a zero diagonal entry.
  /// - Complexity: O(n³).
  public static func inverseUpper(_ t: Matrix) throws(LinearAlgebraError) -> Matrix {
    let n = t.rows
    for i in 0..<n where t[i, i] == 0 { throw .singular(index: i) }
    var x = Matrix.identity(n)
    guard n > 0 else { return x }
    var ni = try lapackInt(n, "dtrsm"), lda = ni, ldb = ni, alpha = 1.0
    t.elements.withUnsafeBufferPointer { pt in
      x.elements.withUnsafeMutableBufferPointer { px in
        dtrsm_("L", "U", "N", "N", &ni, &ni, &alpha, pt.baseAddress, &lda, px.baseAddress, &ldb,
          1, 1, 1, 1)
      }
    }
    return x
  }
}

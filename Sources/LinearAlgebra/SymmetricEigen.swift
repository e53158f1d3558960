import CLAPACK

/// The eigen-decomposition `A = V diag(λ) Vᵀ` of a real symmetric matrix.
///
/// Computed by LAPACK `dsyevd` (divide and conquer). Eigenvalues are in ascending order and
/// the columns of ``vectors`` are orthonormal. Used, for example, to repair a multi-way
/// cluster-robust variance that is not positive semi-definite.
public struct SymmetricEigen: Sendable {
  /// Eigenvalues in ascending order.
  public let values: [Double]
  /// Eigenvectors as columns, in the order of ``values``.
  public let vectors: Matrix

  /// Decomposes a symmetric matrix.
  ///
  /// - Parameter matrix: A square symmetric matrix; only its upper triangle is read.
  /// - Throws: `LinearAlgebraError/noConvergence(routine:info:)` if LAPACK fails to converge.
  /// - Complexity: O(n³).
  public init(_ matrix: Matrix) throws(LinearAlgebraError) {
    guard matrix.rows == matrix.columns else {
      throw .dimensionMismatch(
        operation: "SymmetricEigen", expected: "a square matrix",
        actual: "\(matrix.rows)×\(matrix.columns)")
    }
    let n = matrix.rows
    var a = matrix
    var w = [Double](repeating: 0, count: n)
    if n > 0 {
      var ni = try lapackInt(n, "dsyevd"), lda = ni, info: Int32 = 0
      var lwork: Int32 = -1, liwork: Int32 = -1, wq = 0.0, iwq: Int32 = 0
      a.elements.withUnsafeMutableBufferPointer { pa in
        dsyevd_("V", "U", &ni, pa.baseAddress, &lda, &w, &wq, &lwork, &iwq, &liwork, &info, 1, 1)
      }
      lwork = Int32(wq); liwork = iwq
      var work = [Double](repeating: 0, count: Int(max(lwork, 1)))
      var iwork = [Int32](repeating: 0, count: Int(max(liwork, 1)))
      a.elements.withUnsafeMutableBufferPointer { pa in
        dsyevd_("V", "U", &ni, pa.baseAddress, &lda, &w, &work, &lwork, &iwork, &liwork, &info, 1, 1)
      }
      if info > 0 { throw .noConvergence(routine: "dsyevd", info: Int(info)) }
      if info < 0 { throw .invalidArgument(routine: "dsyevd", position: Int(-info)) }
    }
    self.values = w
    self.vectors = a
  }

  /// Rebuilds `V diag(f(λ)) Vᵀ`, for example with negative eigenvalues set to zero.
  ///
  /// - Parameter transform: Applied to each eigenvalue.
  /// - Complexity: O(n³).
  public func reconstructed(_ transform: (Double) -> Double) -> Matrix {
    let n = values.count
    var scaled = vectors
    for j in 0..<n {
      let f = transform(values[j])
      for i in 0..<n { scaled[i, j] *= f }
    }
    return (try? Matrix.product(scaled, transposeA: false, vectors, transposeB: true))
      ?? Matrix(rows: n, columns: n)
  }
}

import CLAPACK

/// The Cholesky factorization `A = Rᵀ R` of a symmetric positive-definite matrix.
///
/// Computed by LAPACK `dpotrf` on the upper triangle. Use it to solve normal equations and to
/// invert Gram matrices; for rank decisions prefer ``PivotedQR``.
///
/// ```swift
/// let chol = try Cholesky(xtx)
/// let beta = try chol.solve(xty)
/// let inv = try chol.inverse()
/// ```
public struct Cholesky: Sendable {
  /// The upper-triangular factor R (the strictly lower triangle is zero).
  public let upper: Matrix

  /// Factors a symmetric positive-definite matrix.
  ///
  /// - Parameter matrix: A square symmetric matrix; only its upper triangle is read.
  /// - Throws: `LinearAlgebraError/notPositiveDefinite(minor:)` when a leading minor is not
  ///   positive, `LinearAlgebraError/dimensionMismatch(operation:expected:actual:)` when not
  ///   square.
  /// - Complexity: O(n³ / 3).
  public init(_ matrix: Matrix) throws(LinearAlgebraError) {
    guard matrix.rows == matrix.columns else {
      throw .dimensionMismatch(
        operation: "Cholesky", expected: "a square matrix", actual: "\(matrix.rows)×\(matrix.columns)")
    }
    var a = matrix
    let n = matrix.rows
    if n > 0 {
      var ni = try lapackInt(n, "dpotrf"), lda = ni, info: Int32 = 0
      a.elements.withUnsafeMutableBufferPointer { pa in dpotrf_("U", &ni, pa.baseAddress, &lda, &info, 1) }
      if info > 0 { throw .notPositiveDefinite(minor: Int(info)) }
      if info < 0 { throw .invalidArgument(routine: "dpotrf", position: Int(-info)) }
      for j in 0..<n { for i in (j + 1)..<max(n, j + 1) { a[i, j] = 0 } }
    }
    self.upper = a
  }

  /// Solves `A x = b`.
  ///
  /// - Throws: `LinearAlgebraError` on a size mismatch.
  /// - Complexity: O(n²).
  public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    let z = try TriangularSolve.solve(upper, b, upper: true, transpose: true)
    return try TriangularSolve.solve(upper, z, upper: true, transpose: false)
  }

  /// The inverse `A⁻¹` (symmetric, both triangles filled), by LAPACK `dpotri`.
  ///
  /// - Throws: `LinearAlgebraError/singular(index:)` if the factor has a zero pivot.
  /// - Complexity: O(n³).
  public func inverse() throws(LinearAlgebraError) -> Matrix {
    var a = upper
    let n = a.rows
    guard n > 0 else { return a }
    var ni = try lapackInt(n, "dpotri"), lda = ni, info: Int32 = 0
    a.elements.withUnsafeMutableBufferPointer { pa in dpotri_("U", &ni, pa.baseAddress, &lda, &info, 1) }
    if info > 0 { throw .singular(index: Int(info) - 1) }
    if info < 0 { throw .invalidArgument(routine: "dpotri", position: Int(-info)) }
    a.symmetrizeFromUpper()
    return a
  }

  /// log det A = 2 Σ log Rᵢᵢ.
  ///
  /// - Complexity: O(n).
  public var logDeterminant: Double { 2 * upper.diagonal.reduce(0) { $0 + log($1) } }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

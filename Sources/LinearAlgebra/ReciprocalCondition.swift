import CLAPACK

extension Matrix {
  /// The reciprocal condition number of a square matrix in the 1-norm, as R's `rcond(x)`.
  ///
  /// LAPACK `dgetrf` factors the matrix as `P L U`, then `dgecon` estimates `‖A⁻¹‖₁` from the
  /// factors; the result is `1 / (‖A‖₁ ‖A⁻¹‖₁)`, in `[0, 1]`: near 1 for a well-conditioned
  /// matrix, below machine epsilon for one that is singular to working precision. An exactly
  /// singular matrix (a zero pivot of `U`) gives 0, as in R, and so does the zero matrix.
  /// The estimate of `‖A⁻¹‖₁` can fall short of the true norm, so the result can exceed the
  /// exact reciprocal condition number, rarely by more than a small factor.
  ///
  /// ```swift
  /// let gram = x.gram()
  /// let singular = try gram.reciprocalCondition() < Double.ulpOfOne
  /// ```
  ///
  /// - Returns: The estimated reciprocal condition number; 1 for a 0 × 0 matrix.
  /// - Throws: `LinearAlgebraError/dimensionMismatch(operation:expected:actual:)` when the
  ///   matrix is not square; `LinearAlgebraError/tooLarge(operation:dimension:)` beyond
  ///   LAPACK's 32-bit indices.
  /// - Complexity: O(n³) for an n × n matrix.
  public func reciprocalCondition() throws(LinearAlgebraError) -> Double {
    guard rows == columns else {
      throw .dimensionMismatch(operation: "reciprocalCondition", expected: "a square matrix", actual: "\(rows)×\(columns)")
    }
    let n = rows
    guard n > 0 else { return 1 }
    guard elements.allSatisfy(\.isFinite) else { return 0 }
    // ‖A‖₁: the largest absolute column sum.
    var norm = 0.0
    for j in 0..<n {
      var sum = 0.0
      for i in 0..<n { sum += abs(elements[i + j * n]) }
      norm = max(norm, sum)
    }
    guard norm > 0 else { return 0 }
    var ni = try lapackInt(n, "dgetrf"), lda = ni, info: Int32 = 0
    var lu = elements
    var pivots = [Int32](repeating: 0, count: n)
    lu.withUnsafeMutableBufferPointer { a in dgetrf_(&ni, &ni, a.baseAddress, &lda, &pivots, &info) }
    if info < 0 { throw .invalidArgument(routine: "dgetrf", position: Int(-info)) }
    if info > 0 { return 0 }  // an exact zero pivot: singular
    var rcond = 0.0
    var work = [Double](repeating: 0, count: 4 * n)
    var iwork = [Int32](repeating: 0, count: n)
    lu.withUnsafeBufferPointer { a in dgecon_("1", &ni, a.baseAddress, &lda, &norm, &rcond, &work, &iwork, &info, 1) }
    if info < 0 { throw .invalidArgument(routine: "dgecon", position: Int(-info)) }
    return rcond
  }
}

import CLAPACK

extension Matrix {
  /// The product `self × other`, computed by BLAS `dgemm`.
  ///
  /// - Parameter other: A matrix with `other.rows == columns`.
  /// - Returns: A `rows × other.columns` matrix.
  /// - Throws: `LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`.
  /// - Complexity: O(rows × columns × other.columns).
  public func multiplied(by other: Matrix) throws(LinearAlgebraError) -> Matrix {
    try Matrix.product(self, transposeA: false, other, transposeB: false)
  }

  /// The product `selfᵀ × other`, without forming the transpose.
  ///
  /// - Parameter other: A matrix with `other.rows == rows`.
  /// - Throws: `LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`.
  /// - Complexity: O(rows × columns × other.columns).
  public func transposeMultiplied(by other: Matrix) throws(LinearAlgebraError) -> Matrix {
    try Matrix.product(self, transposeA: true, other, transposeB: false)
  }

  /// General product `op(a) × op(b)` through `dgemm`.
  static func product(_ a: Matrix, transposeA: Bool, _ b: Matrix, transposeB: Bool)
    throws(LinearAlgebraError) -> Matrix
  {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let kb = transposeB ? b.columns : b.rows
    let n = transposeB ? b.rows : b.columns
    guard k == kb else {
      throw .dimensionMismatch(
        operation: "matrix product", expected: "inner dimension \(k)", actual: "\(kb)")
    }
    var c = Matrix(rows: m, columns: n)
    if m == 0 || n == 0 { return c }
    if k == 0 { return c }
    var mi = try lapackInt(m, "dgemm"), ni = try lapackInt(n, "dgemm"), ki = try lapackInt(k, "dgemm")
    var lda = Int32(max(a.rows, 1)), ldb = Int32(max(b.rows, 1)), ldc = Int32(max(m, 1))
    var alpha = 1.0, beta = 0.0
    a.elements.withUnsafeBufferPointer { pa in
      b.elements.withUnsafeBufferPointer { pb in
        c.elements.withUnsafeMutableBufferPointer { pc in
          dgemm_(
            transposeA ? "T" : "N", transposeB ? "T" : "N", &mi, &ni, &ki, &alpha,
            pa.baseAddress, &lda, pb.baseAddress, &ldb, &beta, pc.baseAddress, &ldc, 1, 1)
        }
      }
    }
    return c
  }

  /// The Gram matrix `selfᵀ × self` (symmetric, both triangles filled), each entry summed over
  /// the rows in order as reference BLAS `dsyrk` sums it.
  ///
  /// The sums are those of BLAS `dsyrk` in the reference implementation, formed by
  /// ``GramKernel`` (four entries side by side over cache-sized blocks of rows, bit for bit the
  /// same values, several times faster on tall matrices); ``blasGram()`` calls BLAS itself.
  ///
  /// - Complexity: O(rows × columns²).
  public func gram() -> Matrix {
    let k = columns
    var c = Matrix(rows: k, columns: k)
    guard k > 0, rows > 0 else { return c }
    elements.withUnsafeBufferPointer { pa in
      c.elements.withUnsafeMutableBufferPointer { pc in
        guard let a = pa.baseAddress, let out = pc.baseAddress else { return }
        GramKernel.upperGram(a, rows: rows, columns: k, into: out)
      }
    }
    c.symmetrizeFromUpper()
    return c
  }

  /// The Gram matrix by BLAS `dsyrk` (upper triangle, then mirrored): the reference that the
  /// tests hold ``gram()`` to, bit for bit.
  ///
  /// - Complexity: O(rows × columns²).
  func blasGram() -> Matrix {
    let k = columns
    var c = Matrix(rows: k, columns: k)
    guard k > 0, rows > 0, let n = Int32(exactly: k), let r = Int32(exactly: rows) else { return c }
    var ni = n, ri = r, lda = r, ldc = n
    var alpha = 1.0, beta = 0.0
    elements.withUnsafeBufferPointer { pa in
      c.elements.withUnsafeMutableBufferPointer { pc in
        dsyrk_("U", "T", &ni, &ri, &alpha, pa.baseAddress, &lda, &beta, pc.baseAddress, &ldc, 1, 1)
      }
    }
    c.symmetrizeFromUpper()
    return c
  }

  /// The product `selfᵀ × vector`, by BLAS `dgemv`.
  ///
  /// - Parameter vector: A vector of length ``rows``.
  /// - Throws: `LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`.
  /// - Complexity: O(rows × columns).
  public func transposeMultiplied(by vector: [Double]) throws(LinearAlgebraError) -> [Double] {
    try matrixVector(vector, transpose: true)
  }

  /// The product `self × vector`, by BLAS `dgemv`.
  ///
  /// - Parameter vector: A vector of length ``columns``.
  /// - Throws: `LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`.
  /// - Complexity: O(rows × columns).
  public func multiplied(by vector: [Double]) throws(LinearAlgebraError) -> [Double] {
    try matrixVector(vector, transpose: false)
  }

  /// `op(self) × vector` through `dgemv`.
  private func matrixVector(_ vector: [Double], transpose: Bool) throws(LinearAlgebraError) -> [Double] {
    let inner = transpose ? rows : columns, outer = transpose ? columns : rows
    guard vector.count == inner else {
      throw .dimensionMismatch(
        operation: transpose ? "Xᵀv" : "Xv", expected: "\(inner) elements", actual: "\(vector.count)")
    }
    var out = [Double](repeating: 0, count: outer)
    guard rows > 0, columns > 0 else { return out }
    var m = try lapackInt(rows, "dgemv"), n = try lapackInt(columns, "dgemv")
    var lda = m, inc: Int32 = 1, incy: Int32 = 1, alpha = 1.0, beta = 0.0
    elements.withUnsafeBufferPointer { pa in
      vector.withUnsafeBufferPointer { px in
        out.withUnsafeMutableBufferPointer { py in
          dgemv_(transpose ? "T" : "N", &m, &n, &alpha, pa.baseAddress, &lda, px.baseAddress, &inc, &beta,
            py.baseAddress, &incy, 1)
        }
      }
    }
    return out
  }

  /// Copies the upper triangle into the lower one.
  ///
  /// - Complexity: O(n²).
  public mutating func symmetrizeFromUpper() {
    let n = rows
    for j in 0..<columns {
      for i in (j + 1)..<max(n, j + 1) { elements[i + j * n] = elements[j + i * n] }
    }
  }

  /// Element-wise sum.
  ///
  /// - Throws: `LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`.
  /// - Complexity: O(rows × columns).
  public static func + (lhs: Matrix, rhs: Matrix) throws(LinearAlgebraError) -> Matrix {
    guard lhs.rows == rhs.rows, lhs.columns == rhs.columns else {
      throw .dimensionMismatch(
        operation: "+", expected: "\(lhs.rows)×\(lhs.columns)", actual: "\(rhs.rows)×\(rhs.columns)")
    }
    var out = lhs
    for i in out.elements.indices { out.elements[i] += rhs.elements[i] }
    return out
  }

  /// Multiplies every element by a scalar.
  ///
  /// - Complexity: O(rows × columns).
  public static func * (lhs: Double, rhs: Matrix) -> Matrix {
    var out = rhs
    for i in out.elements.indices { out.elements[i] *= lhs }
    return out
  }
}

/// The dot product of two equally long vectors, by BLAS `ddot`.
///
/// - Complexity: O(n).
public func dot(_ x: [Double], _ y: [Double]) -> Double {
  let n = min(x.count, y.count)
  guard n > 0, var ni = Int32(exactly: n) else {
    var s = 0.0
    for i in 0..<n { s += x[i] * y[i] }
    return s
  }
  var inc: Int32 = 1, incy: Int32 = 1
  return x.withUnsafeBufferPointer { px in
    y.withUnsafeBufferPointer { py in ddot_(&ni, px.baseAddress, &inc, py.baseAddress, &incy) }
  }
}

import CLAPACK

/// A QR factorization with column pivoting, `A P = Q R`, and the numerical rank it reveals.
///
/// Computed by LAPACK `dgeqp3`. Pivoting moves the column with the largest remaining norm
/// forward at each step, so `|R₀₀| ≥ |R₁₁| ≥ …` and the columns that are (numerically) linear
/// combinations of earlier ones end up last. The rank is the number of diagonal entries with
/// `|Rᵢᵢ| > tolerance × |R₀₀|`.
///
/// ```swift
/// let qr = try PivotedQR(x)
/// let kept = qr.independentColumns      // original indices, in pivot order
/// let beta = try qr.leastSquares(y)     // zero for dropped columns
/// ```
///
/// - Complexity: O(m n²) for an m × n matrix.
public struct PivotedQR: Sendable {
  /// The compact factor as returned by `dgeqp3` (R in the upper triangle, Householder vectors
  /// below it).
  public let factors: Matrix
  /// Householder scalars.
  public let tau: [Double]
  /// `permutation[k]` is the original index of the k-th pivoted column.
  public let permutation: [Int]
  /// The numerical rank.
  public let rank: Int
  /// The relative tolerance used for the rank decision.
  public let tolerance: Double

  /// Factors a matrix.
  ///
  /// - Parameters:
  ///   - matrix: An m × n matrix.
  ///   - tolerance: Relative threshold on `|Rᵢᵢ| / |R₀₀|` below which a column counts as
  ///     dependent. Defaults to `1e-10`.
  /// - Throws: `LinearAlgebraError` when LAPACK rejects the problem.
  /// - Complexity: O(m n²).
  public init(_ matrix: Matrix, tolerance: Double = 1e-10) throws(LinearAlgebraError) {
    var a = matrix
    let m = matrix.rows, n = matrix.columns
    var mi = try lapackInt(m, "dgeqp3"), ni = try lapackInt(n, "dgeqp3")
    var lda = Int32(max(m, 1))
    var jpvt = [Int32](repeating: 0, count: n)
    var tau = [Double](repeating: 0, count: max(min(m, n), 1))
    var info: Int32 = 0
    var lwork: Int32 = -1
    var query = 0.0
    if m > 0 && n > 0 {
      a.elements.withUnsafeMutableBufferPointer { pa in
        dgeqp3_(&mi, &ni, pa.baseAddress, &lda, &jpvt, &tau, &query, &lwork, &info)
      }
      lwork = Int32(max(query, Double(3 * n + 1)))
      var work = [Double](repeating: 0, count: Int(lwork))
      a.elements.withUnsafeMutableBufferPointer { pa in
        dgeqp3_(&mi, &ni, pa.baseAddress, &lda, &jpvt, &tau, &work, &lwork, &info)
      }
      if info < 0 { throw .invalidArgument(routine: "dgeqp3", position: Int(-info)) }
    }
    self.factors = a
    self.tau = tau
    self.permutation = jpvt.map { Int($0) - 1 }
    self.tolerance = tolerance
    let diagonal = a.diagonal
    let first = abs(diagonal.first ?? 0)
    var r = 0
    if first > 0 {
      for d in diagonal where abs(d) > tolerance * first { r += 1 }
    }
    self.rank = r
  }

  /// Original indices of the columns kept (the first ``rank`` pivots), sorted ascending.
  public var independentColumns: [Int] { permutation.prefix(rank).sorted() }

  /// Original indices of the columns found to be linear combinations of the kept ones.
  public var dependentColumns: [Int] { permutation.dropFirst(rank).sorted() }

  /// The leading ``rank`` × ``rank`` block of R, in pivot order.
  public var r: Matrix {
    var out = Matrix(rows: rank, columns: rank)
    for j in 0..<rank { for i in 0...j { out[i, j] = factors[i, j] } }
    return out
  }

  /// The least-squares solution restricted to the independent columns.
  ///
  /// - Parameter y: Right-hand side of length m.
  /// - Returns: n coefficients in the original column order; dependent columns get `0`.
  /// - Throws: `LinearAlgebraError` on a size mismatch.
  /// - Complexity: O(m n).
  public func leastSquares(_ y: [Double]) throws(LinearAlgebraError) -> [Double] {
    let m = factors.rows, n = factors.columns
    guard y.count == m else {
      throw .dimensionMismatch(operation: "PivotedQR.leastSquares", expected: "\(m)", actual: "\(y.count)")
    }
    var out = [Double](repeating: 0, count: n)
    guard rank > 0 else { return out }
    var c = y
    var mi = try lapackInt(m, "dormqr"), one: Int32 = 1, k = Int32(min(m, n))
    var lda = Int32(max(m, 1)), ldc = Int32(max(m, 1)), info: Int32 = 0
    var lwork: Int32 = -1, query = 0.0
    factors.elements.withUnsafeBufferPointer { pa in
      c.withUnsafeMutableBufferPointer { pc in
        dormqr_("L", "T", &mi, &one, &k, pa.baseAddress, &lda, tau, pc.baseAddress, &ldc, &query,
          &lwork, &info, 1, 1)
      }
    }
    lwork = Int32(max(query, 1))
    var work = [Double](repeating: 0, count: Int(lwork))
    factors.elements.withUnsafeBufferPointer { pa in
      c.withUnsafeMutableBufferPointer { pc in
        dormqr_("L", "T", &mi, &one, &k, pa.baseAddress, &lda, tau, pc.baseAddress, &ldc, &work,
          &lwork, &info, 1, 1)
      }
    }
    if info < 0 { throw .invalidArgument(routine: "dormqr", position: Int(-info)) }
    let z = try TriangularSolve.solve(r, Array(c.prefix(rank)), upper: true, transpose: false)
    for k in 0..<rank { out[permutation[k]] = z[k] }
    return out
  }

  /// `(Rᵀ R)⁻¹` for the kept columns, which equals `(X_Kᵀ X_K)⁻¹` with the columns in
  /// ascending original order (the order of ``independentColumns``).
  ///
  /// - Throws: `LinearAlgebraError/singular(index:)` if R has a zero pivot.
  /// - Complexity: O(rank³).
  public func inverseGram() throws(LinearAlgebraError) -> Matrix {
    let rinv = try TriangularSolve.inverseUpper(r)
    // (RᵀR)⁻¹ = R⁻¹ R⁻ᵀ in pivot order.
    let pivoted = try Matrix.product(rinv, transposeA: false, rinv, transposeB: true)
    let kept = Array(permutation.prefix(rank))
    let order = kept.enumerated().sorted { $0.element < $1.element }.map(\.offset)
    return pivoted.selecting(order)
  }
}

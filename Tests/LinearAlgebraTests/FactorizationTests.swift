import LinearAlgebra
import Testing

/// Factorizations checked against hand-computed values and identities.
@Suite("LinearAlgebra factorizations")
struct FactorizationTests {
  let a = try! Matrix(rows: 3, columns: 3, columnMajor: [4, 2, 0.6, 2, 2, 0.5, 0.6, 0.5, 3])

  @Test("Cholesky reconstructs the matrix and its inverse is exact")
  func cholesky() throws {
    let chol = try Cholesky(a)
    let back = try chol.upper.transposeMultiplied(by: chol.upper)
    for (x, y) in zip(back.elements, a.elements) { #expect(abs(x - y) < 1e-14) }
    let product = try chol.inverse().multiplied(by: a)
    for i in 0..<3 { for j in 0..<3 { #expect(abs(product[i, j] - (i == j ? 1 : 0)) < 1e-13) } }
    let x = try chol.solve([1, 2, 3])
    let ax = try a.multiplied(by: x)
    for (u, v) in zip(ax, [1.0, 2, 3]) { #expect(abs(u - v) < 1e-13) }
  }

  @Test("Cholesky reports the failing minor of an indefinite matrix")
  func notPositiveDefinite() throws {
    let m = try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 2, 1])
    #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) { try Cholesky(m) }
  }

  @Test("pivoted QR finds the rank and solves least squares")
  func pivotedQR() throws {
    // Third column = first + second: rank 2.
    let x = try Matrix(columns: [[1, 2, 3, 4, 5], [1, 0, 1, 0, 1], [2, 2, 4, 4, 6]])
    let qr = try PivotedQR(x)
    #expect(qr.rank == 2)
    #expect(qr.dependentColumns.count == 1)
    // Full-rank problem: y = 1 + 2t exactly.
    let design = try Matrix(columns: [[1, 1, 1, 1], [0, 1, 2, 3]])
    let beta = try PivotedQR(design).leastSquares([1, 3, 5, 7])
    #expect(abs(beta[0] - 1) < 1e-13 && abs(beta[1] - 2) < 1e-13)
    let inv = try PivotedQR(design).inverseGram()
    let expected = try Cholesky(design.gram()).inverse()
    for (u, v) in zip(inv.elements, expected.elements) { #expect(abs(u - v) < 1e-12) }
  }

  @Test("symmetric eigen-decomposition reconstructs the matrix")
  func eigen() throws {
    let e = try SymmetricEigen(a)
    #expect(e.values == e.values.sorted())
    let back = e.reconstructed { $0 }
    for (x, y) in zip(back.elements, a.elements) { #expect(abs(x - y) < 1e-13) }
  }

  @Test("the reciprocal condition number is R's rcond: exact for a diagonal matrix, 0 for a singular one")
  func reciprocalCondition() throws {
    #expect(abs(try Matrix.diagonal([1, 1e-3]).reciprocalCondition() - 1e-3) < 1e-15)
    // 1 / (‖A‖₁ ‖A⁻¹‖₁); dgecon's estimate of ‖A⁻¹‖₁ never exceeds the norm.
    let columnNorm = { (m: Matrix) in (0..<m.columns).map { j in m.column(j).reduce(0) { $0 + abs($1) } }.max() ?? 0 }
    let exact = 1 / (columnNorm(a) * columnNorm(try Cholesky(a).inverse()))
    let estimate = try a.reciprocalCondition()
    #expect(estimate >= exact * (1 - 1e-12) && estimate <= 3 * exact)
    #expect(try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 2, 4]).reciprocalCondition() < Double.ulpOfOne)
    #expect(try Matrix(rows: 2, columns: 2).reciprocalCondition() == 0)
    #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 3).reciprocalCondition() }
  }

  @Test("products agree with naive loops")
  func products() throws {
    let x = try Matrix(columns: [[1, 2, 3], [4, 5, 6]])
    let g = x.gram()
    #expect(g[0, 0] == 14 && g[0, 1] == 32 && g[1, 0] == 32 && g[1, 1] == 77)
    #expect(try x.transposeMultiplied(by: [1, 1, 1]) == [6, 15])
    #expect(try x.multiplied(by: [1, 1]) == [5, 7, 9])
    #expect(throws: LinearAlgebraError.self) { try x.multiplied(by: x) }
  }
}

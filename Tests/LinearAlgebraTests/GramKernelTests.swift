@testable import LinearAlgebra
import TestSupport
import Testing

/// `Matrix.gram()` (``GramKernel``) against BLAS `dsyrk`, bit for bit.
@Suite("LinearAlgebra: the Gram matrix against BLAS dsyrk")
struct GramKernelTests {
  @Test(
    "every entry equals BLAS dsyrk's bit for bit, for 1 to 130 columns and values of mixed magnitude",
    arguments: [1, 2, 3, 4, 5, 7, 8, 11, 16, 17, 40, 130])
  func sameBitsAsBLAS(columns k: Int) throws {
    var generator = SplitMixGenerator(state: UInt64(40 + k))
    // Row counts below, at and across the kernel's blocks of rows.
    let block = GramKernel.blockRows(columns: k)
    for rows in [1, 2, 7, 1_000, block, block + 1, 3 * block + 5, k > 40 ? 2_000 : 30_001] {
      let values = (0..<(rows * k)).map { _ in
        // Magnitudes spread over 1e-8 to 1e8, so that round-off depends on the summation order.
        Double.random(in: -1...1, using: &generator) * Double.pow10(Int.random(in: -8...8, using: &generator))
      }
      let m = try Matrix(rows: rows, columns: k, columnMajor: values)
      let kernel = m.gram(), blas = m.blasGram()
      #expect(kernel.elements.map(\.bitPattern) == blas.elements.map(\.bitPattern), "\(rows) x \(k)")
    }
  }

  @Test("non-finite values propagate as in dsyrk; an empty matrix gives zeros")
  func edges() throws {
    let m = try Matrix(rows: 3, columns: 2, columnMajor: [1, .infinity, 2, 3, .nan, 4])
    let kernel = m.gram(), blas = m.blasGram()
    for (x, y) in zip(kernel.elements, blas.elements) { #expect(x.isNaN == y.isNaN && (x.isNaN || x == y)) }
    #expect(Matrix(rows: 0, columns: 3).gram().elements == [Double](repeating: 0, count: 9))
  }
}

extension Double {
  fileprivate static func pow10(_ e: Int) -> Double {
    var x = 1.0
    for _ in 0..<abs(e) { x *= 10 }
    return e < 0 ? 1 / x : x
  }
}

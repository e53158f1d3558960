import LinearAlgebra
import Testing

/// Power-of-two column equilibration: exact, and it keeps rank decisions independent of units.
@Suite("LinearAlgebra column scaling")
struct ColumnScalingTests {
  @Test("the exponent brings the largest magnitude into [1, 2), exactly")
  func exponentsAreExact() {
    for m in [1e160, 1e-170, 1.797e308, 3.5, 1e-300, Double.leastNonzeroMagnitude] {
      let e = ColumnScaling.exponent(maxAbs: m)
      let scaled = ColumnScaling.scale(m, by: e)
      #expect(scaled >= 1 && scaled < 2, "\(m)")
      #expect(ColumnScaling.scale(scaled, by: -e) == m, "\(m)")
    }
    #expect(ColumnScaling.exponent(maxAbs: 0) == 0)
    #expect(ColumnScaling.exponent(maxAbs: .infinity) == 0)
    #expect(ColumnScaling.scale(-3, by: 2) == -12)
  }

  @Test("a column × 1e160 is independent after scaling; its raw Gram overflows")
  func regressorScaledBy1e160IsIndependentAfterScaling() throws {
    let x = [1.0, 2, 3, 4, 5], z = [0.3, -1.2, 0.8, 2.0, -0.4]
    var m = try Matrix(columns: [Array(repeating: 1, count: 5), x, z.map { $0 * 1e160 }])
    #expect(m.gram()[2, 2] == .infinity)
    ColumnScaling.scaleColumns(&m, by: ColumnScaling.columnExponents(m))
    #expect(SequentialIndependence.independentColumns(gram: m.gram(), tolerance: 1e-10) == [0, 1, 2])
  }
}

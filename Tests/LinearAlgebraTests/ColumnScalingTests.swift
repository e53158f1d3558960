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

  @Test("scaling a buffer equals scaling each value, bit for bit, at the edges of the range")
  func bufferScalingMatchesScalar() {
    let values: [Double] = [
      0, -0.0, 1, -3.75, 1e-300, -1e-300, 1e300, Double.leastNormalMagnitude, Double.leastNonzeroMagnitude,
      Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 2.2250738585072014e-308 * 1.5, .infinity,
      -.infinity, .nan, 0.1, 123_456.789, -9.87e-200,
    ]
    for e in [0, 1, -1, 7, -52, 600, -600, 1_022, -1_022, 1_023, -1_023, 1_024, -1_074, 2_000, -2_000] {
      var buffer = values
      buffer.withUnsafeMutableBufferPointer { ColumnScaling.scale($0, by: e) }
      for (x, y) in zip(values, buffer) {
        let expected = ColumnScaling.scale(x, by: e)
        #expect(y.bitPattern == expected.bitPattern || (y.isNaN && expected.isNaN), "\(x) · 2^\(e)")
      }
    }
  }

  @Test("the largest magnitude ignores NaN and reads every value, whatever the count")
  func maxAbsOverEveryLength() {
    for n in 0..<11 {
      for peak in 0..<max(n, 1) {
        var values = (0..<n).map { Double($0 % 3) - 1.5 }
        if n > 0 { values[peak] = -7.25 }
        if n > 2 { values[(peak + 1) % n] = .nan }
        let m = values.withUnsafeBufferPointer { ColumnScaling.maxAbs($0) }
        #expect(m == (n == 0 ? 0 : 7.25), "n = \(n), peak at \(peak)")
      }
    }
  }
}


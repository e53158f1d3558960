import CausalCore
import LinearAlgebra
import Testing

/// `1 − hᵢ` without cancellation, and leverage 1 detected (issue "Robustness").
@Suite("Leverage complements")
struct LeverageComplementTests {
  /// The kernel of `y ~ x` (intercept and x) with bread `(XᵀX)⁻¹`.
  static func kernel(_ x: [Double]) throws -> ClusterRobustVariance {
    let design = try Matrix(columns: [Array(repeating: 1, count: x.count), x])
    return ClusterRobustVariance(
      design: design, scores: Array(repeating: 1, count: x.count), bread: try Cholesky(design.gram()).inverse())
  }

  /// For `y ~ x`, `1 − h₁ = 1/(1 + d)` with `d = 1/m + (x₁ − x̄)²/S` over the m other rows.
  static func expected(_ x: [Double]) -> Double {
    let others = Array(x.dropFirst())
    let mean = others.reduce(0, +) / Double(others.count)
    let s = others.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    let d = 1 / Double(others.count) + (x[0] - mean) * (x[0] - mean) / s
    return 1 / (1 + d)
  }

  @Test("x₁ = 1e10 among values near 1: 1 − h₁ ≈ 3e-20, not the 0 of 1 − h₁")
  func leverageX1Is1e10HasAccurateComplement() throws {
    let x = [1e10, 0.5, -1.2, 0.3, 2.2, -0.7, 1.1, 0.05]
    let c = try Self.kernel(x).leverageComplements(weights: nil)
    #expect(relativeError(c[0], Self.expected(x)) < 1e-10)
    #expect(c[0] > 0 && c[0] < 1e-18)
    // The other rows' complements are the plain 1 − h.
    let h = try Self.kernel(x).leverages(weights: nil)
    for i in 1..<x.count { #expect(c[i] == 1 - h[i]) }
  }

  @Test("a dummy that is 1 in one row only: leverage exactly 1, HC3 refused with that row")
  func singleObservationDummyHasLeverageOne() throws {
    let dummy = [1.0, 0, 0, 0, 0, 0]
    let x = [0.3, 1.2, -0.4, 2.2, 0.9, -1.0]
    let design = try Matrix(columns: [Array(repeating: 1, count: 6), x, dummy])
    let kernel = ClusterRobustVariance(
      design: design, scores: [0.1, -0.2, 0.3, 0.1, -0.3, 0.2], bread: try Cholesky(design.gram()).inverse())
    let c = kernel.leverageComplements(weights: nil)
    #expect(c[0] == 0)
    #expect(throws: LeverageOneError(observations: [0], complements: [0])) {
      try kernel.heteroskedastic(leveragePower: 2)
    }
  }

  func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }
}

import CausalCore
import LinearAlgebra

/// Draws coefficient vectors from the multivariate normal `N(β̂, V̂)`.
///
/// `V̂ = RᵀR` by Cholesky and a draw is `β̂ + Rᵀz` with `z` standard normal (`k` draws of
/// `SeededGenerator/nextNormal()`, in order). When `V̂` is only positive
/// semi-definite (for example a cluster-robust variance of rank below `k`), the symmetric
/// eigen-decomposition `V̂ = Q Λ Qᵀ` is used instead, with negative eigenvalues set to 0:
/// `β̂ + Q Λ^{1/2} z`.
struct CoefficientSampler: Sendable {
  /// The mean `β̂`.
  let mean: [Double]
  /// The `k × k` factor `F` with `F Fᵀ = V̂` (column-major).
  let factor: Matrix

  /// Prepares the factor.
  ///
  /// - Throws: ``MediationError/unavailable(reason:)`` when the variance is not symmetric
  ///   positive semi-definite even after the eigen repair.
  /// - Complexity: O(k³).
  init(mean: [Double], variance: Matrix, model: String) throws(MediationError) {
    self.mean = mean
    if let chol = try? Cholesky(variance) {
      factor = chol.upper.transposed
      return
    }
    guard let eigen = try? SymmetricEigen(variance) else {
      throw .unavailable(reason: "the coefficient variance of the \(model) could not be factored")
    }
    let k = mean.count
    var f = Matrix(rows: k, columns: k)
    for j in 0..<k {
      let scale = max(eigen.values[j], 0).squareRoot()
      for i in 0..<k { f[i, j] = eigen.vectors[i, j] * scale }
    }
    factor = f
  }

  /// One draw.
  ///
  /// - Complexity: O(k²).
  func draw(_ generator: inout SeededGenerator) -> [Double] {
    let k = mean.count
    var z = [Double](repeating: 0, count: k)
    for i in 0..<k { z[i] = generator.nextNormal() }
    var out = mean
    for j in 0..<k where z[j] != 0 {
      for i in 0..<k { out[i] += factor[i, j] * z[j] }
    }
    return out
  }
}

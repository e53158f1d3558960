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
  /// The variance is factored after scaling coefficient j by `2^eⱼ`, the power of two that
  /// brings its standard error into `[1, 2)`, and the factor is scaled back row by row. The
  /// scaling is exact, so for variances of ordinary magnitude the factor is the one of `V̂`
  /// itself; it keeps the factorization meaningful when the coefficients differ by hundreds of
  /// orders of magnitude (a covariate in units of 1e-170 has a variance near 1e340, which is
  /// stored as infinity; one in units of 1e160 has a subnormal variance with a few bits left:
  /// such diagonal entries are rebuilt from the standard error).
  ///
  /// - Parameters:
  ///   - mean: The estimates.
  ///   - variance: Their variance matrix.
  ///   - standardErrors: Their standard errors (finite even when a variance entry is not).
  ///   - model: The model's description, for errors.
  /// - Throws: ``MediationError/unavailable(reason:)`` when the variance is not symmetric
  ///   positive semi-definite even after the eigen repair, or has entries that are not finite.
  /// - Complexity: O(k³).
  init(mean: [Double], variance: Matrix, standardErrors: [Double], model: String) throws(MediationError) {
    self.mean = mean
    let k = mean.count
    let e = standardErrors.map { ColumnScaling.exponent(maxAbs: $0) }
    var scaled = Matrix(rows: k, columns: k)
    for b in 0..<k {
      for a in 0..<k {
        let v = variance[a, b]
        if a == b && !v.isNormal && v != 0 {
          // Beyond the double range, or subnormal (a few bits left): from the standard error.
          let s = ColumnScaling.scale(standardErrors[a], by: e[a])
          scaled[a, b] = s * s
        } else if v.isFinite {
          scaled[a, b] = ColumnScaling.scale(ColumnScaling.scale(v, by: e[a]), by: e[b])
        } else {
          scaled[a, b] = .nan
        }
      }
    }
    guard scaled.elements.allSatisfy(\.isFinite) else {
      throw .unavailable(reason: "the coefficient variance of the \(model) has entries that are not finite")
    }
    var f: Matrix
    if let chol = try? Cholesky(scaled) {
      f = chol.upper.transposed
      for j in 0..<k { for i in 0..<k { f[i, j] = ColumnScaling.scale(f[i, j], by: -e[i]) } }
    } else {
      // Only positive semi-definite: the eigen repair, on V̂ itself when it is finite (scaling
      // changes the eigenvectors), else on the scaled matrix.
      let direct = variance.elements.allSatisfy(\.isFinite)
      guard let eigen = try? SymmetricEigen(direct ? variance : scaled) else {
        throw .unavailable(reason: "the coefficient variance of the \(model) could not be factored")
      }
      f = Matrix(rows: k, columns: k)
      for j in 0..<k {
        let scale = max(eigen.values[j], 0).squareRoot()
        for i in 0..<k { f[i, j] = ColumnScaling.scale(eigen.vectors[i, j] * scale, by: direct ? 0 : -e[i]) }
      }
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

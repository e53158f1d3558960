import Foundation
import LinearAlgebra
import Propensity

/// A lean Newton solver for the weighted logit of the propensity score, the fast path of
/// ``PropensityScores/logit(treated:covariates:weights:)``.
///
/// The general solver (Propensity's `BinaryRegression`, IRLS as R's `glm`) also evaluates the
/// deviance at every iteration, one `log1p` per row, which was the largest single cost of a
/// group-time cell with covariates. The log-likelihood is concave, so Newton's method from the
/// intercept-only solution converges without a line search on well-posed data; the iteration
/// stops after a step in which no coefficient moved by more than `10⁻⁷ (1 + |β_j|)`: Newton's
/// convergence is quadratic, so that step leaves an error of order `10⁻¹⁴` (closer to the
/// maximum than glm's deviance criterion), one iteration fewer than stepping to rounding.
///
/// Anything unusual returns `nil` and the caller uses the general solver, so edge cases keep
/// its behaviour: a step that is not finite or a Hessian that is not positive definite, no
/// convergence within 30 iterations, or a linear predictor beyond ±25 (scores within 10⁻¹¹ of 0
/// or 1, the sign of (quasi-)separation, which the general solver handles and reports).
enum LogitNewton {
  /// The fitted probabilities at the maximum-likelihood coefficients, or `nil` (see above).
  ///
  /// - Parameters:
  ///   - treated: The group of each row.
  ///   - covariates: The `n × k` covariates, intercept first.
  ///   - weights: The normalised sampling weights (positive).
  /// - Complexity: O(n k²) per iteration (typically 4–7 iterations).
  static func fittedProbabilities(treated: [Bool], covariates: Matrix, weights: [Double]) -> [Double]? {
    let n = covariates.rows, k = covariates.columns
    var treatedMass = 0.0, total = 0.0
    for i in 0..<n {
      total += weights[i]
      if treated[i] { treatedMass += weights[i] }
    }
    let share = treatedMass / total
    guard share > 0, share < 1 else { return nil }
    var beta = [Double](repeating: 0, count: k)
    beta[0] = log(share / (1 - share))
    var curvature = [Double](repeating: 0, count: n)
    var residual = [Double](repeating: 0, count: n)
    var eta = [Double](repeating: 0, count: n)
    for _ in 0..<30 {
      // Column-wise loops (vectorizable): the linear predictor, the Hessian weights and the
      // score residuals, then the score Xᵀ w (D − p).
      var extreme = false
      covariates.elements.withUnsafeBufferPointer { x in
        eta.withUnsafeMutableBufferPointer { e in
          guard let source = x.baseAddress, let target = e.baseAddress else { return }
          let b0 = beta[0]
          for i in 0..<n { target[i] = source[i] * b0 }
          for j in 1..<max(k, 1) {
            let b = beta[j], column = source + j * n
            for i in 0..<n { target[i] += column[i] * b }
          }
        }
      }
      eta.withUnsafeBufferPointer { e in
        weights.withUnsafeBufferPointer { w in
          treated.withUnsafeBufferPointer { d in
            curvature.withUnsafeMutableBufferPointer { c in
              residual.withUnsafeMutableBufferPointer { r in
                var largest = 0.0
                for i in 0..<n {
                  let p = 1 / (1 + exp(-e[i]))
                  c[i] = w[i] * p * (1 - p)
                  r[i] = w[i] * ((d[i] ? 1 : 0) - p)
                  largest = max(largest, abs(e[i]))
                }
                extreme = largest > 25
              }
            }
          }
        }
      }
      guard !extreme else { return nil }
      let gradient = covariates.columnProducts(residual)
      let hessian = IRLSPass.weightedGram(covariates, curvature)
      guard let step = try? Cholesky(hessian).solve(gradient), step.allSatisfy(\.isFinite) else { return nil }
      var converged = true
      for j in 0..<k {
        if abs(step[j]) > 1e-7 * (1 + abs(beta[j])) { converged = false }
        beta[j] += step[j]
      }
      if converged {
        return covariates.rowProducts(beta).map { 1 / (1 + exp(-$0)) }
      }
    }
    return nil
  }
}

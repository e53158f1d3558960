import CausalCore
import LinearAlgebra

/// The two passes of the traditional doubly robust panel estimator (`drdid_panel`) after its
/// nuisance fits: the first accumulates the weighted sums and moment vectors, the second writes
/// the influence values with both estimation effects.
///
/// The regression's fitted values `xᵢᵀβ` are recomputed in each pass instead of being stored,
/// and the estimation effects are added row by row, so no vector of the sample's size is built
/// besides the influence function. Every value is computed by the same operations in the same
/// order as the separate steps they replace (BLAS `dgemv` for `Xβ`, then the residuals, the
/// linear representations added in place), so the results are the same to the last bit.
struct DoublyRobustSums {
  /// `η₁ = Σ a e / Σ a`, the treated mean of `e = ΔY − xᵀβ`.
  let eta1: Double
  /// `η₀ = Σ b e / Σ b`, the odds-weighted comparison mean of `e`.
  let eta0: Double
  /// `m₁ = Xᵀa / Σ a`.
  let m1: [Double]
  /// `m₂ = Xᵀ(b (e − η₀)) / Σ b`.
  let m2: [Double]
  /// `m₃ = Xᵀb / Σ b`.
  let m3: [Double]
  /// `Σ a / n`.
  private let meanA: Double
  /// `Σ b / n`.
  private let meanB: Double
  /// The inputs.
  private let covariates: Matrix
  private let beta: [Double]
  private let outcomeChange: [Double]
  private let treated: [Bool]
  private let weights: [Double]
  private let scores: PropensityScores

  /// The first pass: with treated weights `a = w D` and comparison weights `b = w p/(1−p)`
  /// (zero for trimmed units), the sums `Σ a`, `Σ a e`, `Σ b`, `Σ b e` and the moment vectors.
  ///
  /// - Complexity: O(n k).
  init(
    covariates: Matrix, beta: [Double], outcomeChange: [Double], treated: [Bool], weights w: [Double],
    scores: PropensityScores
  ) {
    let n = w.count, k = covariates.columns
    var sumA = 0.0, sumAE = 0.0, sumB = 0.0, sumBE = 0.0
    var xa = [Double](repeating: 0, count: k), xb = xa, xbe = xa
    covariates.elements.withUnsafeBufferPointer { x in
      outcomeChange.withUnsafeBufferPointer { dy in
        scores.scores.withUnsafeBufferPointer { p in
          xa.withUnsafeMutableBufferPointer { xa in
            xb.withUnsafeMutableBufferPointer { xb in
              xbe.withUnsafeMutableBufferPointer { xbe in
                for i in 0..<n {
                  let e = dy[i] - Self.fitted(x, row: i, rows: n, beta)
                  if treated[i] {
                    let a = w[i]
                    sumA += a
                    sumAE += a * e
                    for j in 0..<k { xa[j] += x[i + j * n] * a }
                  } else if scores.keep[i] {
                    let b = w[i] * p[i] / (1 - p[i])
                    sumB += b
                    sumBE += b * e
                    for j in 0..<k {
                      xb[j] += x[i + j * n] * b
                      xbe[j] += x[i + j * n] * b * e
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    let eta0 = sumBE / sumB
    self.eta1 = sumAE / sumA
    self.eta0 = eta0
    self.meanA = sumA / Double(n)
    self.meanB = sumB / Double(n)
    self.m1 = xa.map { $0 / sumA }
    self.m3 = xb.map { $0 / sumB }
    self.m2 = (0..<k).map { (xbe[$0] - eta0 * xb[$0]) / sumB }
    self.covariates = covariates
    self.beta = beta
    self.outcomeChange = outcomeChange
    self.treated = treated
    self.weights = w
    self.scores = scores
  }

  /// The second pass: the influence function `a (e − η₁)/ā − b (e − η₀)/b̄`, plus the
  /// regression's estimation effect `vᵢ eᵢ xᵢᵀ c_reg` (`v = w` for comparison units) and minus the
  /// logit's `wᵢ (Dᵢ − pᵢ) xᵢᵀ c_ps`, each value times `scale` when given.
  ///
  /// - Parameters:
  ///   - regressionDirection: `c_reg = n (XᵀVX)⁻¹ (m₃ − m₁)`.
  ///   - scoreDirection: `c_ps = n (XᵀWX)⁻¹ m₂`, or `nil` when the scores have no estimation
  ///     effect.
  ///   - scale: A factor applied to every value, or `nil`.
  /// - Complexity: O(n k).
  func influence(regressionDirection: [Double], scoreDirection: [Double]?, scale: Double?) -> [Double] {
    let n = weights.count, k = covariates.columns
    let eta0 = eta0, eta1 = eta1, meanA = meanA, meanB = meanB
    let w = weights
    return [Double](zeroSafeUninitializedCapacity: n) { out, count in
      covariates.elements.withUnsafeBufferPointer { x in
        outcomeChange.withUnsafeBufferPointer { dy in
          scores.scores.withUnsafeBufferPointer { p in
            scores.scoreFactors.withUnsafeBufferPointer { factors in
              for i in 0..<n {
                let e = dy[i] - Self.fitted(x, row: i, rows: n, beta)
                var value = 0.0
                if treated[i] {
                  value = w[i] * (e - eta1) / meanA
                } else if scores.keep[i] {
                  value = -w[i] * p[i] / (1 - p[i]) * (e - eta0) / meanB
                }
                let residual = !treated[i] && w[i] > 0 ? w[i] * e : 0
                if residual != 0 {
                  var dot = 0.0
                  for j in 0..<k { dot += x[i + j * n] * regressionDirection[j] }
                  value += 1 * residual * dot
                }
                if let scoreDirection, factors[i] != 0 {
                  var dot = 0.0
                  for j in 0..<k { dot += x[i + j * n] * scoreDirection[j] }
                  value += -1 * factors[i] * dot
                }
                out.initializeElement(at: i, to: scale.map { $0 * value } ?? value)
              }
            }
          }
        }
      }
      count = n
    }
  }

  /// `xᵢᵀβ` in BLAS `dgemv`'s order (`y = 0`, then `y += βⱼ xᵢⱼ` column by column).
  @inline(__always)
  private static func fitted(_ x: UnsafeBufferPointer<Double>, row i: Int, rows n: Int, _ beta: [Double]) -> Double {
    var y = 0.0
    for j in 0..<beta.count { y += beta[j] * x[i + j * n] }
    return y
  }
}

import CausalCore
import LinearAlgebra

/// The parts of the traditional doubly robust panel estimator (`drdid_panel`) that depend only
/// on the groups, weights, propensity scores and regression design, not on the outcome: made
/// once for comparisons that share their nuisance fits (``PanelNuisance``).
///
/// With treated weights `a = w D` and comparison weights `b = w p/(1−p)` (zero for trimmed
/// units): `Σ a`, `Σ b`, the moment vectors `m₁ = Xᵀa / Σ a` and `m₃ = Xᵀb / Σ b` (DRDID's `M1`,
/// `M3`), and the regression's estimation-effect direction `xᵢᵀ n (XᵀVX)⁻¹ (m₃ − m₁)` for every
/// row. Every sum runs over the rows in order with the same operations as the estimator's
/// former single pass, so the results are the same to the last bit.
struct DoublyRobustWeights: Sendable {
  /// `b` for every row.
  let odds: [Double]
  /// `Σ a`.
  let sumA: Double
  /// `Σ b`.
  let sumB: Double
  /// `Xᵀb`.
  let xb: [Double]
  /// `m₁`.
  let m1: [Double]
  /// `m₃`.
  let m3: [Double]
  /// `xᵢᵀ n (XᵀVX)⁻¹ (m₃ − m₁)` for every row.
  let regressionProjection: [Double]

  /// Accumulates the sums.
  ///
  /// - Complexity: O(n k).
  init(treated: [Bool], weights w: [Double], scores: PropensityScores, covariates: Matrix, design: WeightedLeastSquares) {
    let n = w.count, k = covariates.columns
    var sumA = 0.0, sumB = 0.0
    var xa = [Double](repeating: 0, count: k), xb = xa
    var odds = [Double](repeating: 0, count: n)
    covariates.elements.withUnsafeBufferPointer { x in
      scores.scores.withUnsafeBufferPointer { p in
        for i in 0..<n {
          if treated[i] {
            let a = w[i]
            sumA += a
            for j in 0..<k { xa[j] += x[i &+ j &* n] * a }
          } else if scores.keep[i] {
            let b = w[i] * p[i] / (1 - p[i])
            odds[i] = b
            sumB += b
            for j in 0..<k { xb[j] += x[i &+ j &* n] * b }
          }
        }
      }
    }
    let m1 = xa.map { $0 / sumA }, m3 = xb.map { $0 / sumB }
    self.odds = odds
    self.sumA = sumA
    self.sumB = sumB
    self.xb = xb
    self.m1 = m1
    self.m3 = m3
    self.regressionProjection = covariates.rowProducts(design.inverseGram.symmetricProduct(zip(m3, m1).map { $0 - $1 }))
  }
}

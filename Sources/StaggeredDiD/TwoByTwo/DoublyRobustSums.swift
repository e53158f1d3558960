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

/// The outcome-dependent passes of the traditional doubly robust panel estimator, given its
/// ``DoublyRobustWeights``.
///
/// With `e = ΔY − xᵀβ`: the first pass accumulates `Σ a e`, `Σ b e` and `Xᵀ(b e)`, giving
/// `η₁ = Σ a e / Σ a`, `η₀ = Σ b e / Σ b` and `m₂ = Xᵀ(b (e − η₀)) / Σ b`; the second writes
/// the influence function `a (e − η₁)/ā − b (e − η₀)/b̄`, plus the regression's estimation
/// effect `vᵢ eᵢ xᵢᵀ c_reg` (`v = w` for comparison units) and minus the logit's
/// `wᵢ (Dᵢ − pᵢ) xᵢᵀ n(XᵀWX)⁻¹ m₂`, each value times `scale` when given. Only the residuals and
/// the influence function have the sample's size.
enum DoublyRobustPasses {
  /// The estimate `η₁ − η₀` and its influence function.
  ///
  /// - Complexity: O(n k).
  static func estimate(
    _ parts: DoublyRobustWeights, covariates: Matrix, beta: [Double], outcomeChange: [Double], treated: [Bool],
    weights w: [Double], scores: PropensityScores, scale: Double?
  ) -> (estimate: Double, influence: [Double]) {
    let n = w.count, k = covariates.columns
    // e = ΔY − Xβ, with Xβ in dgemv's order (0, then + βⱼ xᵢⱼ column by column).
    var residual = covariates.rowProducts(beta)
    for i in 0..<n { residual[i] = outcomeChange[i] - residual[i] }
    let keep = scores.keep
    let (sumAE, sumBE, xbe) = outcomeSums(parts, covariates: covariates, residual: residual, treated: treated, weights: w)
    let eta1 = sumAE / parts.sumA, eta0 = sumBE / parts.sumB
    let meanA = parts.sumA / Double(n), meanB = parts.sumB / Double(n)
    let m2 = (0..<k).map { (xbe[$0] - eta0 * parts.xb[$0]) / parts.sumB }
    // The logit's direction per row, then the influence values in place.
    var influence =
      scores.scaledInverseInformation.map { covariates.rowProducts($0.symmetricProduct(m2)) }
      ?? [Double](repeating: 0, count: n)
    let hasScoreEffect = scores.scaledInverseInformation != nil
    let factor = scale ?? 1  // 1 × v is v, to the bit
    residual.withUnsafeBufferPointer { e in
      parts.odds.withUnsafeBufferPointer { odds in
        parts.regressionProjection.withUnsafeBufferPointer { projection in
          scores.scoreFactors.withUnsafeBufferPointer { factors in
            treated.withUnsafeBufferPointer { treated in
              keep.withUnsafeBufferPointer { keep in
                w.withUnsafeBufferPointer { w in
                  influence.withUnsafeMutableBufferPointer { out in
                    // Both group formulas, then selections (no branch on the unit's group).
                    for i in 0..<n {
                      let isTreated = treated[i]
                      let ofTreated = w[i] * (e[i] - eta1) / meanA
                      let ofComparison = -odds[i] * (e[i] - eta0) / meanB
                      var value = isTreated ? ofTreated : (keep[i] ? ofComparison : 0)
                      let regressionFactor = !isTreated && w[i] > 0 ? w[i] * e[i] : 0
                      value = regressionFactor != 0 ? value + 1 * regressionFactor * projection[i] : value
                      if hasScoreEffect { value = factors[i] != 0 ? value + -1 * factors[i] * out[i] : value }
                      out[i] = factor * value
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return (eta1 - eta0, influence)
  }

  /// `Σ a e`, `Σ b e` and `Xᵀ(b e)` over the rows in order, with `a = w D` and `b` the
  /// comparison odds (zero outside the comparison group).
  ///
  /// Every row enters every sum: a row outside a sum adds `0 × e = ±0` (the residuals are
  /// finite), which leaves a sum that starts at `+0` unchanged, so the sums equal those over
  /// their own rows only, bit for bit, without a branch per row. The column sums run four at a
  /// time, as independent chains.
  ///
  /// - Complexity: O(n k).
  private static func outcomeSums(
    _ parts: DoublyRobustWeights, covariates: Matrix, residual: [Double], treated: [Bool], weights w: [Double]
  ) -> (sumAE: Double, sumBE: Double, xbe: [Double]) {
    let n = residual.count, k = covariates.columns
    var sumAE = 0.0, sumBE = 0.0
    var xbe = [Double](repeating: 0, count: k)
    covariates.elements.withUnsafeBufferPointer { x in
      residual.withUnsafeBufferPointer { e in
        parts.odds.withUnsafeBufferPointer { odds in
          treated.withUnsafeBufferPointer { treated in
            w.withUnsafeBufferPointer { w in
              guard let base = x.baseAddress else { return }
              for i in 0..<n {
                sumAE += (treated[i] ? w[i] : 0) * e[i]
                sumBE += odds[i] * e[i]
              }
              var j = 0
              while j < k {
                // Up to four columns; a missing one repeats the last and is discarded.
                let c0 = base + j * n, c1 = base + min(j + 1, k - 1) * n
                let c2 = base + min(j + 2, k - 1) * n, c3 = base + min(j + 3, k - 1) * n
                var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                for i in 0..<n {
                  let b = odds[i], r = e[i]
                  s0 += c0[i] * b * r
                  s1 += c1[i] * b * r
                  s2 += c2[i] * b * r
                  s3 += c3[i] * b * r
                }
                let sums = [s0, s1, s2, s3]
                for q in 0..<min(4, k - j) { xbe[j + q] = sums[q] }
                j += 4
              }
            }
          }
        }
      }
    }
    return (sumAE, sumBE, xbe)
  }
}

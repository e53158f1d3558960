import CausalCore
import LinearAlgebra

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
    ArrayBuffers.read(residual, parts.odds, parts.regressionProjection, scores.scoreFactors) { e, odds, projection, factors in
      ArrayBuffers.read(treated, keep, w) { treated, keep, w in
        influence.withUnsafeMutableBufferPointer { out in
          // Both group formulas, then selections (no branch on the unit's group).
          for i in 0..<n {
            let isTreated = treated[i]
            // w (e − η₁) / ā for treated units, −b (e − η₀) / b̄ for comparison units: the
            // chosen formula's operands, then one division.
            let numerator = pick(isTreated, w[i] * (e[i] - eta1), -odds[i] * (e[i] - eta0))
            let quotient = numerator / pick(isTreated, meanA, meanB)
            var value = pick(isTreated || keep[i], quotient, 0)
            let regressionFactor = pick(!isTreated && w[i] > 0, w[i] * e[i], 0)
            value = pick(regressionFactor != 0, value + 1 * regressionFactor * projection[i], value)
            if hasScoreEffect { value = pick(factors[i] != 0, value + -1 * factors[i] * out[i], value) }
            out[i] = factor * value
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
    ArrayBuffers.read(covariates.elements, residual, parts.odds) { x, e, odds in
      ArrayBuffers.read(treated, w) { treated, w in
        guard let base = x.baseAddress else { return }
        var j = 0
        while j < k {
          // Up to four columns; a missing one repeats the last and is discarded. The first pass
          // also accumulates the two scalar sums.
          let c0 = base + j * n, c1 = base + min(j + 1, k - 1) * n
          let c2 = base + min(j + 2, k - 1) * n, c3 = base + min(j + 3, k - 1) * n
          let first = j == 0
          var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
          for i in 0..<n {
            let b = odds[i], r = e[i]
            if first {
              sumAE += pick(treated[i], w[i], 0) * r
              sumBE += b * r
            }
            s0 += c0[i] * b * r
            s1 += c1[i] * b * r
            s2 += c2[i] * b * r
            s3 += c3[i] * b * r
          }
          for (q, sum) in [s0, s1, s2, s3].prefix(k - j).enumerated() { xbe[j + q] = sum }
          j += 4
        }
      }
    }
    return (sumAE, sumBE, xbe)
  }
}

/// `condition ? a : b` by bit masks, so that a loop choosing per row between values it has
/// computed anyway has no branch to mispredict (the groups of units come in random order).
@inline(__always)
private func pick(_ condition: Bool, _ a: Double, _ b: Double) -> Double {
  let mask = 0 &- UInt64(unsafeBitCast(condition, to: UInt8.self))
  return Double(bitPattern: (a.bitPattern & mask) | (b.bitPattern & ~mask))
}

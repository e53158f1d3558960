import CausalCore
import Resampling
import LinearAlgebra

/// The per-replicate computation of the heteroskedastic wild bootstrap (``WildBootstrap``) for
/// one restriction `Rβ = r`, without refitting and without any `n × n` matrix.
///
/// Notation: `D` the fixed-effect dummies and `M_D` the projection that removes them,
/// `X̃ = M_D X`, `A = (X̃'X̃)⁻¹`, `q = A R'`, `z = X̃q` (so `zᵢ = x̃ᵢ'q`), and `ü` the residuals of
/// the bootstrap data-generating process: restricted (WR, null imposed)
/// `ü = û + z (Rβ̂ − r)/(R q)`, the residuals of least squares under `Rβ = r`, or `û` (WU).
///
/// Replicate weights `v` (one per observation) give `y* = Xβ̈ + Dα̈ + w` with `w = v ⊙ ü`.
/// Refitting with the fixed effects demeans `y*`; since `M_D(Xβ̈ + Dα̈) = X̃β̈` and `X̃'M_D = X̃'`:
///
///     β* = β̈ + δ*,  δ* = A X̃'w,   u* = M_D w − X̃δ*.
///
/// Under WR the statistic tests the imposed value, `Rβ* − r = Rδ*` (as `Rβ̈ = r`); under WU it
/// is centred at the estimate, `Rβ* − Rβ̂ = Rδ*` (as `β̈ = β̂`): in both cases the numerator is
/// `Rδ* = q'X̃'w = Σᵢ zᵢ vᵢ üᵢ`. The HC1 variance of `Rβ*` is `ssc · Σᵢ zᵢ² u*ᵢ²`, so
///
///     t* = Rδ* / √(ssc · Σᵢ zᵢ² u*ᵢ²).
///
/// Per replicate this is O(n k) plus the demeaning of `w`; the `w` of a block of replicates
/// are demeaned together in one shared solve (`FixedEffectsProjection`, which is a closed form
/// with one fixed effect), and nothing is demeaned without fixed effects.
///
/// `ssc` is the fit's own small-sample factor, recovered as `R V R' / Σᵢ zᵢ² ûᵢ²` from its
/// heteroskedasticity-robust variance `V` (fixest's hetero: `n/(n − K)`), so `t` equals the
/// fit's t statistic for a single term.
///
/// Test inversion (WR): moving the null value from `r₀` to `r` adds `Δ = (r₀ − r)/(R q)` times
/// `z` to `ü`, so `w` gains `Δ·(v ⊙ z)`, the numerator `Δ Σᵢ zᵢ² vᵢ` and `u*` the refit residuals
/// `u*₁` of `v ⊙ z`: ``moments(weights:slopes:)`` gives the five numbers per replicate that
/// `WildTestInversion` needs.
struct WildHeteroskedasticKernel: Sendable {
  /// The design.
  let design: WildHeteroskedasticDesign
  /// `z = X̃q`, one per observation.
  let z: [Double]
  /// `zᵢ²`, the weights of the robust variance.
  let zSquared: [Double]
  /// The DGP residuals `ü`.
  let dgpResiduals: [Double]
  /// The restriction: `q`, `R q`, `Rβ̂`, its standard error and t statistic.
  let restriction: WildRestriction
  /// Small-sample factor.
  let ssc: Double

  /// Prepares the observation-level quantities for the restriction `row · β = value`.
  ///
  /// - Throws: ``WildBootstrapError/degenerateVariance`` when `R V R'`, `Σᵢ zᵢ² ûᵢ²` or `R q`
  ///   is not positive and finite.
  /// - Complexity: O(n k).
  init(design d: WildHeteroskedasticDesign, row: [Double], value: Double, imposeNull: Bool) throws {
    let k = d.k
    let n = d.observationCount
    let restriction = try WildRestriction(
      row: row, value: value, beta: d.beta, bread: d.bread, variance: d.variance)
    let q = restriction.q
    var z = [Double](repeating: 0, count: n)
    var meat = 0.0
    for i in 0..<n {
      var zi = 0.0
      for j in 0..<k { zi += d.x.elements[j * n + i] * q[j] }
      z[i] = zi
      meat += zi * zi * d.residuals[i] * d.residuals[i]
    }
    guard meat > 0, meat.isFinite else { throw WildBootstrapError.degenerateVariance }
    let shift = imposeNull ? (restriction.estimate - value) / restriction.rq : 0
    self.design = d
    self.z = z
    self.zSquared = z.map { $0 * $0 }
    self.dgpResiduals = (0..<n).map { d.residuals[$0] + shift * z[$0] }
    self.restriction = restriction
    self.ssc = restriction.variance / meat
  }

  /// Writes replicate `b`'s `n` observation weights into its argument.
  typealias WeightDraw = (_ replicate: Int, _ weights: inout [Double]) -> Void

  /// The bootstrap t statistics of a block of replicates; `NaN` for a replicate whose variance
  /// is zero.
  ///
  /// - Parameters:
  ///   - replicates: The replicate indices of the block.
  ///   - draw: The weights of each replicate.
  /// - Throws: Errors of the fixed-effect projection.
  /// - Complexity: O(m n k) plus one demeaning solve for the `m` replicates.
  func statistics(replicates: Range<Int>, draw: WeightDraw) throws -> [Double] {
    var residuals = columns(replicates, draw: draw, slopes: false)
    let numerators = try refit(&residuals)
    return (0..<replicates.count).map { b in
      let variance = ssc * weightedProduct(residuals, b, b)
      return variance > 0 ? numerators[b] / variance.squareRoot() : .nan
    }
  }

  /// Per replicate `(n₀, n₁, Σ zᵢ² u*₀ᵢ², Σ zᵢ² u*₀ᵢ u*₁ᵢ, Σ zᵢ² u*₁ᵢ²)` for test inversion, where
  /// the `₁` terms are the derivatives in `Δ` (zero when `slopes` is `false`, as under WU).
  ///
  /// - Parameters:
  ///   - replicates: The replicate indices of the block.
  ///   - draw: The weights of each replicate.
  ///   - slopes: Whether the DGP moves with the null value (WR).
  /// - Throws: Errors of the fixed-effect projection.
  /// - Complexity: O(m n k) plus one demeaning solve for the `2m` columns.
  func moments(
    replicates: Range<Int>, draw: WeightDraw, slopes: Bool
  ) throws -> [(Double, Double, Double, Double, Double)] {
    let m = replicates.count
    var residuals = columns(replicates, draw: draw, slopes: slopes)
    let numerators = try refit(&residuals)
    return (0..<m).map { b in
      let s00 = weightedProduct(residuals, b, b)
      guard slopes else { return (numerators[b], 0, s00, 0, 0) }
      return (numerators[b], numerators[m + b], s00, weightedProduct(residuals, b, m + b),
              weightedProduct(residuals, m + b, m + b))
    }
  }

  /// The `n × m` matrix of the columns `v ⊙ ü` of the replicates, followed by their `m`
  /// columns `v ⊙ z` when `slopes` is `true`.
  private func columns(_ replicates: Range<Int>, draw: WeightDraw, slopes: Bool) -> Matrix {
    let n = design.observationCount
    let m = replicates.count
    var raw = Matrix(rows: n, columns: slopes ? 2 * m : m)
    var v = [Double](repeating: 0, count: n)
    raw.elements.withUnsafeMutableBufferPointer { out in
      for (b, replicate) in replicates.enumerated() {
        draw(replicate, &v)
        for i in 0..<n { out[b * n + i] = v[i] * dgpResiduals[i] }
        if slopes { for i in 0..<n { out[(m + b) * n + i] = v[i] * z[i] } }
      }
    }
    return raw
  }

  /// For every column `w` of `residuals` (`n × m`): the numerator `q'X̃'w`, returned, and the
  /// column replaced in place by the refit residuals `M_D w − X̃ A X̃'w`.
  private func refit(_ residuals: inout Matrix) throws -> [Double] {
    let n = design.observationCount
    let k = design.k
    let m = residuals.columns
    // X̃'w from the raw columns, then δ* = A X̃'w and the numerator q'X̃'w.
    var delta = [Double](repeating: 0, count: k * m)
    var numerators = [Double](repeating: 0, count: m)
    residuals.elements.withUnsafeBufferPointer { w in
      design.x.elements.withUnsafeBufferPointer { x in
        var score = [Double](repeating: 0, count: k)
        for c in 0..<m {
          for j in 0..<k {
            var sum = 0.0
            for i in 0..<n { sum += x[j * n + i] * w[c * n + i] }
            score[j] = sum
          }
          for a in 0..<k {
            var sum = 0.0
            for b in 0..<k { sum += design.bread[a * k + b] * score[b] }
            delta[c * k + a] = sum
            numerators[c] += restriction.q[a] * score[a]
          }
        }
      }
    }
    try design.projection?.project(&residuals)
    residuals.elements.withUnsafeMutableBufferPointer { r in
      design.x.elements.withUnsafeBufferPointer { x in
        for c in 0..<m {
          for j in 0..<k {
            let d = delta[c * k + j]
            for i in 0..<n { r[c * n + i] -= x[j * n + i] * d }
          }
        }
      }
    }
    return numerators
  }

  /// `Σᵢ zᵢ² r_{ia} r_{ib}` for columns `a` and `b` of `r`.
  private func weightedProduct(_ r: Matrix, _ a: Int, _ b: Int) -> Double {
    let n = design.observationCount
    return r.elements.withUnsafeBufferPointer { e in
      zSquared.withUnsafeBufferPointer { w in
        var sum = 0.0
        for i in 0..<n { sum += w[i] * e[a * n + i] * e[b * n + i] }
        return sum
      }
    }
  }
}

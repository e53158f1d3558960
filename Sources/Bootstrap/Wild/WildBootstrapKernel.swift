import CausalCore
import Resampling
import LinearAlgebra

/// The per-replicate computation of the fast wild cluster bootstrap for one restriction
/// `Rβ = r` (Roodman, MacKinnon, Nielsen and Webb 2019, "Fast and wild", WCR/WCU with CR1).
///
/// Notation: `D` the fixed-effect dummies and `M_D` the projection that removes them,
/// `X̃ = M_D X`, `A = (X̃'X̃)⁻¹`, `H_g = X̃_g'X̃_g`, `q = A R'`, and `ü` the residuals of the
/// bootstrap data-generating process: restricted `ũ` (WCR, null imposed) or `û` (WCU). With
/// `β̃ = β̂ − q (Rβ̂ − r)/(R q)`, `ũ = û + X̃(β̂ − β̃)`, so the DGP scores are
/// `s_g = X̃_g'ü_g = ŝ_g + H_g (β̂ − β̃)` (WCR) or `ŝ_g` (WCU).
///
/// A replicate with cluster weights `v` sets `y* = Xβ̈ + Dα̈ + v_g ü` and refits with the fixed
/// effects. Its slopes are `β* = β̈ + A X̃'(v ⊙ ü) = β̈ + A S*`, `S* = Σ_h v_h s_h`, so the centred
/// numerator is `Rβ* − Rβ̈ = q'S* = Σ_h v_h a_h` with `a_h = q's_h` (for WCR `Rβ̈ = r`). Its
/// residuals are `u* = M_D(v ⊙ ü) − X̃ A S*`, and since `M_D(v ⊙ ü) = Σ_h v_h M_D(ü 1_h)`
/// (`1_h` the indicator of cluster `h`), the projected cluster scores are linear in `v`:
///
///     e_g = q'X̃_g'u*_g = Σ_h M_gh v_h,  M_gh = q'X̃_g'[M_D(ü 1_h)]_g − (A H_g q)'s_h.
///
/// The CR1 variance is `ssc · Σ_g e_g²` and `t* = a'v / √(ssc · ‖M v‖²)`: O(G²) per replicate
/// after an O(n G) set-up (the G columns `ü 1_h` demeaned together, in shared solver passes). When every fixed effect is
/// nested in the clusters (or there is none), `M_D(ü 1_h) = ü 1_h` and the first term of
/// `M` reduces to `δ_gh a_g`, the textbook O(G k) form `v_g a_g − c_g'S*`, which is what is
/// then computed (no demeaning solves, O(G k) per replicate; `WildClusterInteraction`); the
/// general form is needed because a fixed effect that crosses clusters spreads a cluster's
/// weight over others.
///
/// `ssc` is the fit's own small-sample factor, recovered as `R V R' / Σ_g (q'ŝ_g)²` from its
/// clustered variance `V` (fixest: `(n−1)/(n−K) · G/(G−1)`), so `t` equals the fit's t
/// statistic for a single term.
struct WildBootstrapKernel: Sendable {
  /// `a_g`, one per cluster.
  var a: [Double]
  /// `M` (`WildClusterInteraction`).
  var m: WildClusterInteraction
  /// The restriction: `q`, `R q`, `Rβ̂`, its standard error and t statistic.
  var restriction: WildRestriction
  /// Small-sample factor.
  var ssc: Double
  /// Clusters.
  var g: Int
  /// `c_g = A H_g q`, `k` per cluster.
  var c: [Double]
  /// `q = A R'`.
  var q: [Double] { restriction.q }

  /// Prepares the cluster quantities for the restriction `row · β = value`.
  ///
  /// - Throws: ``WildBootstrapError/degenerateVariance`` when `R V R'` or `Σ_g (q'ŝ_g)²` is
  ///   not positive and finite; errors of the fixed-effect projections.
  init(design d: WildClusterDesign, row: [Double], value: Double, imposeNull: Bool) throws {
    let k = d.k
    let g = d.clusterCount
    let n = d.observationCount
    let restriction = try WildRestriction(
      row: row, value: value, beta: d.beta, bread: d.bread, variance: d.variance)
    let q = restriction.q
    var v0 = 0.0
    for h in 0..<g {
      var e = 0.0
      for i in 0..<k { e += q[i] * d.clusterScore[h * k + i] }
      v0 += e * e
    }
    guard v0 > 0, v0.isFinite else { throw WildBootstrapError.degenerateVariance }
    let (estimate, rq) = (restriction.estimate, restriction.rq)

    // β̂ − β̃ = q (Rβ̂ − r)/(Rq) under WCR, zero under WCU.
    let shift = imposeNull ? q.map { $0 * (estimate - value) / rq } : [Double](repeating: 0, count: k)
    var s = d.clusterScore
    var c = [Double](repeating: 0, count: g * k)
    var hq = [Double](repeating: 0, count: k)
    for h in 0..<g {
      let base = h * k * k
      for i in 0..<k {
        var sum = 0.0
        var hqi = 0.0
        for j in 0..<k {
          sum += d.clusterGram[base + i * k + j] * shift[j]
          hqi += d.clusterGram[base + i * k + j] * q[j]
        }
        s[h * k + i] += sum
        hq[i] = hqi
      }
      for i in 0..<k {
        var ci = 0.0
        for j in 0..<k { ci += d.bread[i * k + j] * hq[j] }
        c[h * k + i] = ci
      }
    }
    var a = [Double](repeating: 0, count: g)
    for h in 0..<g { for i in 0..<k { a[h] += q[i] * s[h * k + i] } }

    // z = X̃q and ü, per observation.
    var z = [Double](repeating: 0, count: n)
    var u = d.residuals
    for j in 0..<k {
      let column = d.columns[j]
      for i in 0..<n {
        z[i] += column[i] * q[j]
        u[i] += column[i] * shift[j]
      }
    }
    let m = try Self.clusterInteraction(design: d, z: z, spread: u, diagonal: a, c: c, minus: s, clusters: g)
    self.a = a
    self.m = m
    self.restriction = restriction
    self.ssc = restriction.variance / v0
    self.g = g
    self.c = c
  }

  /// The derivatives of `a` and `M` with respect to `δ = (Rβ̂ − r)/(Rq)` under WCR, for test
  /// inversion: moving the null value from `r₀` to `r` adds `Δ = (r₀ − r)/(Rq)` times them,
  /// since `ü` gains `Δ·X̃q`. `a1_h = q'H_h q` and
  /// `M1_gh = q'X̃_g'[M_D(X̃q 1_h)]_g − c_g'H_h q` (G more demeaned columns, again in one
  /// shared solve).
  func slopes(design d: WildClusterDesign) throws -> (a: [Double], m: WildClusterInteraction) {
    let k = d.k
    let n = d.observationCount
    var hq = [Double](repeating: 0, count: g * k)
    for h in 0..<g {
      for i in 0..<k {
        for j in 0..<k { hq[h * k + i] += d.clusterGram[h * k * k + i * k + j] * q[j] }
      }
    }
    var a1 = [Double](repeating: 0, count: g)
    for h in 0..<g { for i in 0..<k { a1[h] += q[i] * hq[h * k + i] } }
    var z = [Double](repeating: 0, count: n)
    for j in 0..<k { for i in 0..<n { z[i] += d.columns[j][i] * q[j] } }
    let m1 = try Self.clusterInteraction(design: d, z: z, spread: z, diagonal: a1, c: c, minus: hq, clusters: g)
    return (a1, m1)
  }

  /// `(a'v, a1'v, ‖Mv‖², (Mv)·(M1 v), ‖M1 v‖²)` for test inversion (`WildTestInversion`).
  func moments(weights v: [Double], a1: [Double], m1: WildClusterInteraction) -> (Double, Double, Double, Double, Double) {
    var n0 = 0.0
    var n1 = 0.0
    for h in 0..<g {
      n0 += v[h] * a[h]
      n1 += v[h] * a1[h]
    }
    let e0 = m.applied(to: v)
    let e1 = m1.applied(to: v)
    var s00 = 0.0
    var s01 = 0.0
    var s11 = 0.0
    for row in 0..<g {
      s00 += e0[row] * e0[row]
      s01 += e0[row] * e1[row]
      s11 += e1[row] * e1[row]
    }
    return (n0, n1, s00, s01, s11)
  }

  /// The bootstrap t statistic for cluster weights `v` (length `G`); non-finite when the
  /// replicate's variance is zero.
  func statistic(weights v: [Double]) -> Double {
    var numerator = 0.0
    for h in 0..<g { numerator += v[h] * a[h] }
    var sum = 0.0
    for e in m.applied(to: v) { sum += e * e }
    let variance = ssc * sum
    return variance > 0 ? numerator / variance.squareRoot() : .nan
  }

  /// The G × G matrix `M_gh = Σ_{i∈g} zᵢ [M_D(v·1_h)]ᵢ − c_g'·t_h` shared by the replicate
  /// algebra (`v = ü`, `t_h = s_h`) and its slope in the null value (`v = X̃q`, `t_h = H_h q`).
  /// Without fixed effects, or with every fixed effect nested in the clusters, `M_D(v·1_h) =
  /// v·1_h` and the first term is `diag(diagonal)`: `M` is kept in the low-rank form of
  /// `WildClusterInteraction`. Otherwise the G columns share one demeaning solve (in blocks, see below).
  private static func clusterInteraction(
    design d: WildClusterDesign, z: [Double], spread v: [Double], diagonal: [Double], c: [Double], minus t: [Double],
    clusters g: Int
  ) throws -> WildClusterInteraction {
    let n = d.observationCount, k = d.k
    if d.model.formula.fixedEffects.isEmpty || fixedEffectsNestedInClusters(d) {
      return WildClusterInteraction(storage: .diagonalMinusLowRank(diagonal: diagonal, c: c, t: t), g: g, k: k)
    }
    var m = [Double](repeating: 0, count: g * g)
    // The G indicator columns are projected in blocks that share one demeaning solve; a block
    // holds at most about 2^22 values (32 MB) besides the solver's working copy.
    let block = max(1, min(g, (1 << 22) / max(n, 1)))
    for first in stride(from: 0, to: g, by: block) {
      let last = min(g, first + block)
      var indicators = Matrix(rows: n, columns: last - first)
      for i in 0..<n where d.clusterCode[i] >= first && d.clusterCode[i] < last {
        indicators.elements[(d.clusterCode[i] - first) * n + i] = v[i]
      }
      try d.projectFixedEffects(from: &indicators)
      indicators.elements.withUnsafeBufferPointer { projected in
        for h in first..<last {
          let base = (h - first) * n
          for i in 0..<n { m[d.clusterCode[i] * g + h] += z[i] * projected[base + i] }
        }
      }
    }
    for gg in 0..<g {
      for h in 0..<g {
        var dot = 0.0
        for i in 0..<k { dot += c[gg * k + i] * t[h * k + i] }
        m[gg * g + h] -= dot
      }
    }
    return WildClusterInteraction(storage: .dense(m), g: g, k: k)
  }

  /// Whether every level of every fixed effect lies within one cluster on the estimation
  /// sample. `false` when a fixed effect is not a plain column (an interaction `a^b`, say), so
  /// such models take the general route.
  static func fixedEffectsNestedInClusters(_ d: WildClusterDesign) -> Bool {
    for effect in d.model.formula.fixedEffects {
      guard let column = d.sample[effect.name], let codes = try? FactorCodes(column: column) else { return false }
      var owner = [Int](repeating: -1, count: codes.levelCount)
      for i in 0..<d.observationCount {
        let level = Int(codes.codes[i])
        guard level >= 0 else { return false }
        if owner[level] < 0 {
          owner[level] = d.clusterCode[i]
        } else if owner[level] != d.clusterCode[i] {
          return false
        }
      }
    }
    return true
  }
}

import CausalCore

/// The optimal fixed-length confidence interval for `θ = lᵀτ_post` under smoothness
/// `Δ^SD(M)` (|second differences of δ| ≤ M, δ = 0 at the reference period): Rambachan and Roth
/// (2023), Section 4.1, HonestDiD's `findOptimalFLCI`.
///
/// An affine estimator `θ̂ = vᵀβ̂_pre + lᵀβ̂_post` has worst-case bias `b̄(v)` over `Δ^SD(M)` and
/// standard deviation `h(v)`; its interval `θ̂ ± h cv_{1−α}(b̄/h)` (`cv` the folded normal
/// quantile) covers θ, and the FLCI takes `v` minimising that half-length.
///
/// **Bias.** Write δ through its slope at the reference and its second differences `s_j`
/// (`|s_j| ≤ M`). A finite worst case needs the estimator to be unbiased for linear trends,
/// `Σ_t t v_{−t} = Σ_t t l_t =: τ` (periods −1, −2, … before and 1, 2, … after the reference).
/// The bias is then linear in the `s_j` with coefficients `a_j` for the pre-period second
/// differences (`a₀ = τ` at the reference, `a_{−k} = Σ_{t>k} (t − k) v_{−t}` for k ≥ 1) and
/// `c_j = Σ_{t>j} (t − j) l_t` for the post-period ones, so
/// `b̄ = M (|τ| + Σ_{j≥1} |c_j| + Σ_{k≥1} |a_{−k}|)`. The map from `v` to
/// `a = (a₀, a_{−1}, …, a_{−(P−1)})` is invertible (`v_{−t}` is the second difference
/// `a_{−(t−1)} − 2a_{−t} + a_{−(t+1)}`, zero beyond P − 1), so the free variables are
/// `x = (a_{−1}, …, a_{−(P−1)})`: `b̄ = M(|τ| + C + ‖x‖₁)` and `h² = V(x)` is quadratic.
/// (HonestDiD writes the same problem in the cumulative sums of `v`; with `l ≥ 0`, as for the
/// targets here, the two bias formulas agree.)
///
/// **Optimisation.** The best interval lies on the frontier of `min b̄ s.t. h ≤ h₀`; its points
/// solve the lasso `min_x V(x) + λ‖x‖₁` for `λ ∈ [0, λ_max]` (λ_max = ‖∇V(0)‖_∞, where `x = 0`,
/// the minimum-bias estimator), solved exactly through its dual, a box-constrained quadratic
/// program (``BoxQuadraticProgram``). The half-length is convex in `h` along the frontier (the
/// perspective of the increasing convex `cv`) and `h` grows with λ, so it is unimodal in λ and a
/// golden-section search finds its minimum. HonestDiD instead bisects on `h ∈ [h_min, h₀]` with
/// numerical derivatives, each point a conic program in CVXR; the optimum is the same.
struct FixedLengthInterval {
  /// `β̂`, pre-periods then post-periods.
  let beta: [Double]
  /// Its covariance, row-major.
  let sigma: [Double]
  /// The number of pre-periods.
  let pre: Int
  /// The post-period weights `l`.
  let weights: [Double]

  /// The interval: the estimate `vᵀβ̂`, the half-length, and the pre-period weights `v`.
  struct Interval {
    /// `vᵀβ̂_pre + lᵀβ̂_post`.
    let estimate: Double
    /// The half-length.
    let halfLength: Double
    /// The pre-period weights, in period order.
    let preWeights: [Double]
  }

  /// `τ = Σ t l_t`.
  private var tau: Double {
    var total = 0.0
    for t in weights.indices { total += Double(t + 1) * weights[t] }
    return total
  }

  /// `C = Σ_{j ≥ 1} |Σ_{t > j} (t − j) l_t|`, the post-period part of the worst-case bias per M.
  private var postBias: Double {
    var total = 0.0
    for j in 0..<weights.count where j >= 1 {
      var inner = 0.0
      for t in j..<weights.count { inner += Double(t + 1 - j) * weights[t] }
      total += abs(inner)
    }
    return total
  }

  /// The worst-case bias per unit M of the estimator with free variables `x`.
  func biasPerM(_ x: [Double]) -> Double { abs(tau) + postBias + x.reduce(0) { $0 + abs($1) } }

  /// The full weight vector `(v, l)` for free variables `x`.
  func estimatorWeights(_ x: [Double]) -> [Double] {
    // a = (a₀ = τ, a_{−1}, …, a_{−(P−1)}); v_{−t} at index pre − t.
    let a = [tau] + x
    func aAt(_ k: Int) -> Double { k < a.count ? a[k] : 0 }
    var v = [Double](repeating: 0, count: pre)
    for t in 1...pre { v[pre - t] = aAt(t - 1) - 2 * aAt(t) + aAt(t + 1) }
    return v + weights
  }

  /// `wᵀΣw`.
  func variance(_ w: [Double]) -> Double {
    let p = w.count
    var total = 0.0
    for i in 0..<p { for j in 0..<p { total += w[i] * sigma[i * p + j] * w[j] } }
    return total
  }

  /// The FLCI at smoothness bound `m` and level `1 − alpha`.
  ///
  /// - Returns: The interval, or `nil` when the variance problem is singular beyond repair.
  /// - Complexity: O(P⁴) per λ (dual box program), about 120 values of λ.
  func interval(m: Double, alpha: Double) -> Interval? {
    let free = pre - 1
    func halfLength(_ x: [Double]) -> Double {
      let h = variance(estimatorWeights(x)).squareRoot()
      guard h > 0 else { return m * biasPerM(x) }
      return h * NormalQuantiles.foldedNormal(1 - alpha, mean: m * biasPerM(x) / h)
    }
    func finish(_ x: [Double]) -> Interval {
      let w = estimatorWeights(x)
      let estimate = (0..<w.count).reduce(0) { $0 + w[$1] * beta[$1] }
      return Interval(estimate: estimate, halfLength: halfLength(x), preWeights: Array(w.prefix(pre)))
    }
    if free == 0 { return finish([]) }
    guard let lasso = LassoPath(interval: self) else { return nil }
    if m == 0 { return lasso.solution(lambda: 0).map(finish) }
    // Golden-section search on λ ∈ [0, λ_max] for the shortest interval.
    let ratio = (5.0.squareRoot() - 1) / 2
    var (a, b) = (0.0, lasso.maximumLambda)
    var candidates: [[Double]] = []
    for lambda in [a, b] { if let x = lasso.solution(lambda: lambda) { candidates.append(x) } }
    var c = b - ratio * (b - a)
    var d = a + ratio * (b - a)
    guard var xc = lasso.solution(lambda: c), var xd = lasso.solution(lambda: d) else { return nil }
    var (fc, fd) = (halfLength(xc), halfLength(xd))
    for _ in 0..<120 where b - a > 1e-15 * max(1, lasso.maximumLambda) {
      if fc <= fd {
        (b, d, xd, fd) = (d, c, xc, fc)
        c = b - ratio * (b - a)
        guard let x = lasso.solution(lambda: c) else { return nil }
        (xc, fc) = (x, halfLength(x))
      } else {
        (a, c, xc, fc) = (c, d, xd, fd)
        d = a + ratio * (b - a)
        guard let x = lasso.solution(lambda: d) else { return nil }
        (xd, fd) = (x, halfLength(x))
      }
    }
    candidates += [xc, xd]
    guard let best = candidates.min(by: { halfLength($0) < halfLength($1) }) else { return nil }
    return finish(best)
  }
}

/// The lasso `min_x xᵀHx + 2gᵀx + λ‖x‖₁` behind ``FixedLengthInterval``, with `V(x) = xᵀHx +
/// 2gᵀx + const` the variance of the affine estimator.
///
/// Solved through its dual `min_{|μ|≤λ} (μ + 2g)ᵀH⁻¹(μ + 2g)` (a ``BoxQuadraticProgram``), with
/// `x = −½ H⁻¹(μ + 2g)`. When the pre-period covariance is singular, H is made positive
/// definite by adding `1e-12 · trace(H)/n` to its diagonal.
struct LassoPath {
  /// `H⁻¹`, row-major.
  private let inverse: [Double]
  /// `2g`.
  private let twiceG: [Double]
  /// The smallest λ at which `x = 0` is optimal, `‖2g‖_∞`.
  let maximumLambda: Double

  /// Sets up the lasso of an interval problem.
  ///
  /// - Complexity: O(P³ + P p²) for p periods.
  init?(interval: FixedLengthInterval) {
    let n = interval.pre - 1
    let p = interval.beta.count
    let base = interval.estimatorWeights([Double](repeating: 0, count: n))
    // Column k of E: the change of the weights per unit of x_k.
    let columns: [[Double]] = (0..<n).map { k in
      var unit = [Double](repeating: 0, count: n)
      unit[k] = 1
      let moved = interval.estimatorWeights(unit)
      return (0..<p).map { moved[$0] - base[$0] }
    }
    let sigmaBase = (0..<p).map { i in (0..<p).reduce(0) { $0 + interval.sigma[i * p + $1] * base[$1] } }
    var h = [Double](repeating: 0, count: n * n)
    var twiceG = [Double](repeating: 0, count: n)
    for a in 0..<n {
      let sigmaA = (0..<p).map { i in (0..<p).reduce(0) { $0 + interval.sigma[i * p + $1] * columns[a][$1] } }
      twiceG[a] = 2 * (0..<p).reduce(0) { $0 + columns[a][$1] * sigmaBase[$1] }
      for b in 0..<n { h[a * n + b] = (0..<p).reduce(0) { $0 + columns[b][$1] * sigmaA[$1] } }
    }
    var inverse = ConditionalMomentTest.inverted(h, n)
    if inverse == nil {
      let ridge = 1e-12 * max((0..<n).reduce(0) { $0 + h[$1 * n + $1] } / Double(n), .leastNormalMagnitude)
      for i in 0..<n { h[i * n + i] += ridge }
      inverse = ConditionalMomentTest.inverted(h, n)
    }
    guard let inverse else { return nil }
    self.inverse = inverse
    self.twiceG = twiceG
    maximumLambda = twiceG.map(abs).max() ?? 0
  }

  /// The lasso solution at λ.
  ///
  /// - Complexity: O(P³) per active-set iteration.
  func solution(lambda: Double) -> [Double]? {
    let n = twiceG.count
    let linear = (0..<n).map { i in 2 * (0..<n).reduce(0) { $0 + inverse[i * n + $1] * twiceG[$1] } }
    let program = BoxQuadraticProgram(
      hessian: inverse.map { 2 * $0 }, linear: linear, lower: [Double](repeating: -lambda, count: n),
      upper: [Double](repeating: lambda, count: n))
    guard let mu = program.solve() else { return nil }
    return (0..<n).map { i in -0.5 * (0..<n).reduce(0) { $0 + inverse[i * n + $1] * (mu[$1] + twiceG[$1]) } }
  }
}

/// The `G × G` matrix `M` of the fast wild cluster bootstrap (`WildBootstrapKernel`), which
/// maps a replicate's cluster weights `v` to its projected cluster scores `e = M v`.
///
/// In general `M_gh = Σ_{i∈g} zᵢ [M_D(w 1_h)]ᵢ − c_g'·t_h` is stored densely and `M v` costs
/// O(G²). When the model has no fixed effects, or every fixed effect is nested in the clusters
/// (each level inside one cluster, as a school effect with school clusters), `w 1_h` is already
/// orthogonal to the fixed-effect dummies (the residuals and demeaned regressors sum to zero
/// within every level), so `M_D(w 1_h) = w 1_h` and `M = diag(d) − C T'` with `C` and `T` of
/// size `G × k`: then `M v = d ⊙ v − C (T'v)` costs O(G k) and nothing is stored densely (Roodman,
/// MacKinnon, Nielsen and Webb 2019, the "textbook" form).
struct WildClusterInteraction: Sendable {
  /// How `M` is stored.
  enum Storage: Sendable {
    /// Row-major `G × G`.
    case dense([Double])
    /// `diag(diagonal) − C T'`, `C` and `T` row-major `G × k`.
    case diagonalMinusLowRank(diagonal: [Double], c: [Double], t: [Double])
  }

  /// The storage.
  let storage: Storage
  /// Clusters `G`.
  let g: Int
  /// Columns `k` of the low-rank factors (unused when dense).
  let k: Int

  /// The zero matrix (for WCU, where the null value does not move the DGP).
  static func zero(clusters g: Int) -> WildClusterInteraction {
    WildClusterInteraction(storage: .diagonalMinusLowRank(diagonal: [Double](repeating: 0, count: g), c: [], t: []), g: g, k: 0)
  }

  /// `M v`.
  ///
  /// - Complexity: O(G k) in the low-rank form, O(G²) dense.
  func applied(to v: [Double]) -> [Double] {
    var e = [Double](repeating: 0, count: g)
    switch storage {
    case .dense(let m):
      for row in 0..<g {
        var sum = 0.0
        let base = row * g
        for h in 0..<g { sum += m[base + h] * v[h] }
        e[row] = sum
      }
    case .diagonalMinusLowRank(let diagonal, let c, let t):
      var w = [Double](repeating: 0, count: k)
      for h in 0..<g { for i in 0..<k { w[i] += t[h * k + i] * v[h] } }
      for row in 0..<g {
        var dot = 0.0
        for i in 0..<k { dot += c[row * k + i] * w[i] }
        e[row] = diagonal[row] * v[row] - dot
      }
    }
    return e
  }
}

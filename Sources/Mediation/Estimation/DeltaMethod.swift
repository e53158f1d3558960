import LinearAlgebra

/// The delta method over separately fitted models.
enum DeltaMethod {
  /// `gᵀ V g`, the variance of a statistic with gradient `g` with respect to estimates of
  /// variance `V`; zero entries of `g` are skipped.
  ///
  /// - Complexity: O(k²) for k coefficients (O(k · nonzeros of g)).
  static func quadraticForm(_ g: [Double], _ v: Matrix) -> Double {
    var s = 0.0
    for p in g.indices where g[p] != 0 {
      for q in g.indices { s += g[p] * v[p, q] * g[q] }
    }
    return s
  }
}

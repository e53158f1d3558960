import LinearAlgebra

/// A primal active-set method for small strictly convex quadratic programs with bounds,
/// `minimize ½ μᵀQμ + qᵀμ subject to lower ≤ μ ≤ upper`, `Q` symmetric positive definite.
///
/// The fixed-length confidence interval needs the lasso-type problems
/// `min_x V(x) + λ‖x‖₁` (variance plus worst-case bias) along a path of `λ`; their duals are
/// box-constrained quadratic programs in the multipliers of the absolute values, which this
/// solves exactly. HonestDiD hands the corresponding cone program to CVXR; with a handful of
/// pre-periods an exact active-set method is simpler, has no tuning and terminates finitely.
///
/// Each iteration solves the equality-constrained problem on the free variables (Cholesky of
/// `Q_FF`), steps towards its solution until a bound blocks (fixing that variable), and, at a
/// free minimiser, releases the fixed variable whose multiplier has the wrong sign.
///
/// - Complexity: O(n³) per iteration for n variables; finitely many iterations (each working
///   set is visited at most once since the objective decreases strictly).
struct BoxQuadraticProgram {
  /// The Hessian `Q`, row-major `n × n`, symmetric positive definite.
  let hessian: [Double]
  /// The linear term `q`.
  let linear: [Double]
  /// Lower bounds (may be −∞).
  let lower: [Double]
  /// Upper bounds (may be +∞), each at least its lower bound.
  let upper: [Double]

  /// The number of variables.
  var count: Int { linear.count }

  /// Solves the program.
  ///
  /// - Returns: The minimiser, or `nil` when `Q_FF` is not positive definite or the iteration
  ///   limit (a safeguard) is reached.
  /// - Complexity: See the type's discussion.
  func solve() -> [Double]? {
    let n = count
    if n == 0 { return [] }
    var mu = (0..<n).map { min(max(0, lower[$0]), upper[$0]) }
    // fixed[i] is nil for a free variable, else the bound it sits on (−1 lower, +1 upper).
    var fixed: [Int?] = (0..<n).map { mu[$0] == lower[$0] && lower[$0].isFinite ? -1 : (mu[$0] == upper[$0] && upper[$0].isFinite ? 1 : nil) }
    for _ in 0..<(20 * n + 20) {
      let free = (0..<n).filter { fixed[$0] == nil }
      guard let target = freeMinimiser(free: free, at: mu) else { return nil }
      var step = 1.0
      var blocking: (index: Int, side: Int)?
      for (k, i) in free.enumerated() {
        let d = target[k] - mu[i]
        if d < 0, lower[i].isFinite, mu[i] + d < lower[i] {
          let t = (lower[i] - mu[i]) / d
          if t < step { (step, blocking) = (t, (i, -1)) }
        } else if d > 0, upper[i].isFinite, mu[i] + d > upper[i] {
          let t = (upper[i] - mu[i]) / d
          if t < step { (step, blocking) = (t, (i, 1)) }
        }
      }
      for (k, i) in free.enumerated() { mu[i] += step * (target[k] - mu[i]) }
      if let blocking {
        mu[blocking.index] = blocking.side < 0 ? lower[blocking.index] : upper[blocking.index]
        fixed[blocking.index] = blocking.side
        continue
      }
      // At the minimiser on the free variables: check the fixed variables' multipliers.
      let gradient = self.gradient(at: mu)
      var release: (index: Int, violation: Double)?
      for i in 0..<n {
        guard let side = fixed[i] else { continue }
        // Lower bound: optimal when the gradient is ≥ 0; upper bound: when it is ≤ 0.
        let violation = side < 0 ? -gradient[i] : gradient[i]
        if violation > 1e-13 * (1 + abs(linear[i])), violation > (release?.violation ?? 0) { release = (i, violation) }
      }
      guard let release else { return mu }
      fixed[release.index] = nil
    }
    return nil
  }

  /// `Q μ + q`.
  func gradient(at mu: [Double]) -> [Double] {
    let n = count
    return (0..<n).map { i in (0..<n).reduce(linear[i]) { $0 + hessian[i * n + $1] * mu[$1] } }
  }

  /// `½ μᵀQμ + qᵀμ`.
  func objective(at mu: [Double]) -> Double {
    let g = gradient(at: mu)
    return (0..<count).reduce(0) { $0 + 0.5 * mu[$1] * (g[$1] + linear[$1]) }
  }

  /// The minimiser over the free variables with the others held at `mu`.
  private func freeMinimiser(free: [Int], at mu: [Double]) -> [Double]? {
    let n = count
    let k = free.count
    if k == 0 { return [] }
    var block = [Double](repeating: 0, count: k * k)
    var rhs = [Double](repeating: 0, count: k)
    for (a, i) in free.enumerated() {
      var r = -linear[i]
      for j in 0..<n where !free.contains(j) { r -= hessian[i * n + j] * mu[j] }
      rhs[a] = r
      for (b, j) in free.enumerated() { block[a * k + b] = hessian[i * n + j] }
    }
    // Symmetric, so the row-major block is also its column-major storage.
    guard let matrix = try? Matrix(rows: k, columns: k, columnMajor: block),
      let factor = try? Cholesky(matrix), let solution = try? factor.solve(rhs)
    else { return nil }
    return solution
  }
}

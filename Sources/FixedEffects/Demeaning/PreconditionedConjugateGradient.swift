/// Preconditioned conjugate gradient for `S v = b` with several right-hand sides at once: the
/// one conjugate-gradient loop of the fixed-effects solvers, whatever the operator (the Schur
/// complement applied by gathered passes, or formed explicitly) and the preconditioner
/// (diagonal, or incomplete Cholesky).
///
/// Vectors hold m variables interleaved: entry `idx` belongs to variable `idx % m`. Each
/// variable has its own step sizes and convergence test, `‖r‖ ≤ tolerance · ‖b‖`. A variable
/// whose curvature `pᵀSp` vanishes before convergence has broken down and stops (it counts as
/// not converged); a zero `rᵀz` restarts its search direction from the preconditioned residual.
struct PreconditionedConjugateGradient {
  /// The number of interleaved variables m.
  let variables: Int
  /// Relative residual tolerance.
  let tolerance: Double
  /// Iteration cap.
  let maxIterations: Int

  /// Solves in place from the starting point in `v`.
  ///
  /// - Parameters:
  ///   - b: The right-hand sides.
  ///   - v: The starting point; the solution on return.
  ///   - apply: `q = S p`.
  ///   - preconditioner: `z = M⁻¹ r`.
  /// - Returns: Per variable, the iterations used and whether it converged.
  /// - Complexity: one `apply` and one `preconditioner` per iteration, plus O(size × m).
  func solve(
    b: [Double], v: inout [Double], apply: (_ p: [Double], _ q: inout [Double]) -> Void,
    preconditioner: (_ r: [Double], _ z: inout [Double]) -> Void
  ) -> (iterations: [Int], converged: [Bool]) {
    let m = variables
    var q = [Double](repeating: 0, count: b.count)
    apply(v, &q)
    var r = zip(b, q).map { $0 - $1 }
    let bNorm = columnDots(b, b).map { $0.squareRoot() }
    var converged = (0..<m).map { j in bNorm[j] == 0 || columnDots(r, r)[j].squareRoot() <= tolerance * bNorm[j] }
    var stalled = [Bool](repeating: false, count: m)
    var iterations = [Int](repeating: 0, count: m)
    var z = [Double](repeating: 0, count: b.count)
    preconditioner(r, &z)
    var p = z
    var rz = columnDots(r, z)
    var steps = 0
    while steps < maxIterations && (0..<m).contains(where: { !converged[$0] && !stalled[$0] }) {
      apply(p, &q)
      let pq = columnDots(p, q)
      for j in 0..<m where !converged[j] && !(pq[j] > 0) { stalled[j] = true }
      let alpha = (0..<m).map { j in !converged[j] && !stalled[j] ? rz[j] / pq[j] : 0 }
      for idx in v.indices {
        let a = alpha[idx % m]
        v[idx] += a * p[idx]
        r[idx] -= a * q[idx]
      }
      steps += 1
      let rNorm = columnDots(r, r).map { $0.squareRoot() }
      for j in 0..<m where !converged[j] && !stalled[j] {
        iterations[j] = steps
        if rNorm[j] <= tolerance * bNorm[j] { converged[j] = true }
      }
      preconditioner(r, &z)
      let rzNew = columnDots(r, z)
      for idx in p.indices {
        let j = idx % m
        let beta = rz[j] != 0 ? rzNew[j] / rz[j] : 0
        p[idx] = z[idx] + beta * p[idx]
      }
      rz = rzNew
    }
    return (iterations, converged)
  }

  /// `Σ aᵢcᵢ` per variable.
  private func columnDots(_ a: [Double], _ c: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: variables)
    for idx in a.indices { out[idx % variables] += a[idx] * c[idx] }
    return out
  }
}

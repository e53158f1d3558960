import Foundation

/// The conditional least-favourable hybrid test of Andrews, Roth and Pakes (2023) for one set
/// of normalised moment inequalities `E[y − X ν] ≤ 0` with nuisance `ν` (HonestDiD's
/// `.lp_conditional_test_fn` with `hybrid_flag = "LF"`), and its special case without nuisance
/// (`.testInIdentifiedSet_LF_Hybrid`, one post period).
///
/// The statistic is `η̂ = min_ν max_i (yᵢ − Xᵢν)`, computed from its dual
/// `max{λᵀy : λ ≥ 0, 1ᵀλ = 1, Xᵀλ = 0}` whose optimal vertex `γ` is what the test conditions
/// on. The test rejects at once when `η̂` exceeds the least-favourable critical value (size κ);
/// otherwise it compares `η̂ / σ_γ` with the `1 − (α − κ)/(1 − κ)` quantile of a normal truncated
/// to `[v_lo, min(v_up, cv_LF)] / σ_γ`, the values of the statistic for which `γ` stays optimal
/// (in closed form from the binding moments when `γ` is a non-degenerate vertex, "primal";
/// otherwise by re-solving the dual along the conditioning line, "dual", ARP's Algorithm 1).
struct ConditionalMomentTest {
  /// The moments.
  let moments: MomentInequalities
  /// The test's size α.
  let alpha: Double
  /// The first stage's size κ (α/10 in HonestDiD).
  let kappa: Double
  /// The least-favourable critical value of the first stage.
  let leastFavorable: Double
  /// The dual program's constraint matrix `[1ᵀ; Xᵀ]`, row-major `(k + 1) × count`.
  private let dualMatrix: [Double]
  /// The dual program's right-hand side `e₁`.
  private let dualRHS: [Double]
  /// The dual program's solver.
  private let solver: StandardFormSimplex

  /// Prepares the test, simulating the least-favourable critical value.
  ///
  /// - Parameters:
  ///   - moments: The normalised moments.
  ///   - alpha: Size of the test.
  ///   - seed: Seed of the critical value's 1,000 draws.
  /// - Returns: `nil` when the critical value cannot be simulated.
  /// - Complexity: O(1,000 × one linear program) with nuisance, O(1,000 × count²) without.
  init?(moments: MomentInequalities, alpha: Double, seed: UInt64) {
    self.moments = moments
    self.alpha = alpha
    kappa = alpha / 10
    let k = moments.nuisance
    let m = moments.count
    var matrix = [Double](repeating: 1, count: (k + 1) * m)
    for c in 0..<k {
      for i in 0..<m { matrix[(c + 1) * m + i] = moments.design[i * k + c] }
    }
    let (rhs, solver) = ([1] + [Double](repeating: 0, count: k), StandardFormSimplex(rows: k + 1, columns: m))
    let statistic: ([Double]) -> Double? =
      k == 0 ? { $0.max() } : { Self.solveDual(solver, matrix, rhs, objective: $0)?.value }
    guard let cv = moments.leastFavorableCriticalValue(kappa: kappa, draws: 1_000, seed: seed, statistic: statistic)
    else { return nil }
    (dualMatrix, dualRHS, self.solver, leastFavorable) = (matrix, rhs, solver, cv)
  }

  /// The dual program at `y`: its optimal vertex and value, or `nil` when it has none.
  func dual(_ y: [Double]) -> (vertex: [Double], value: Double)? {
    Self.solveDual(solver, dualMatrix, dualRHS, objective: y)
  }

  /// `max{yᵀλ : [1ᵀ; Xᵀ] λ = e₁, λ ≥ 0}`.
  private static func solveDual(
    _ solver: StandardFormSimplex, _ matrix: [Double], _ rhs: [Double], objective: [Double]
  ) -> (vertex: [Double], value: Double)? {
    guard case .optimal(let x, let value) = solver.maximize(objective: objective, matrix: matrix, rhs: rhs) else {
      return nil
    }
    return (x, value)
  }

  /// Whether the test rejects at θ.
  ///
  /// - Complexity: One linear program, plus at most a few dozen for a degenerate vertex.
  func rejects(theta: Double) -> Bool {
    let y = moments.moments(at: theta)
    if moments.nuisance == 0 { return rejectsWithoutNuisance(y) }
    // An infeasible or failed program: HonestDiD does not reject.
    guard let (gamma, eta) = dual(y) else { return false }
    if eta > leastFavorable { return true }
    let k = moments.nuisance
    let tolerance = 1e-6
    let binding = (0..<moments.count).filter { gamma[$0] / moments.scales[$0] > tolerance }
    let fullRank = min(binding.count, k) > 0 && rank(of: binding) == min(binding.count, k)
    let truncation: (lower: Double, upper: Double, sd: Double)?
    if binding.count != k + 1 || !fullRank {
      truncation = dualTruncation(y: y, gamma: gamma, eta: eta)
    } else {
      truncation = primalTruncation(y: y, binding: binding)
    }
    guard let truncation else { return eta > 0 }
    return decide(eta: eta, lower: truncation.lower, upper: truncation.upper, sd: truncation.sd)
  }

  /// The second stage: reject when `η/σ` exceeds the truncated normal critical value.
  private func decide(eta: Double, lower: Double, upper: Double, sd: Double) -> Bool {
    let statistic = eta / sd
    let (zLow, zUp) = (lower / sd, min(upper, leastFavorable) / sd)
    guard zLow <= statistic, statistic <= zUp else { return false }
    let size = (alpha - kappa) / (1 - kappa)
    let critical = max(0, NormalQuantiles.truncatedNormal(1 - size, lower: zLow, upper: zUp))
    return statistic > critical
  }

  /// The test without nuisance: the largest normalised moment, conditioned on which moment it
  /// is (Lee et al.'s polyhedral truncation, in the normalised moments' coordinates).
  private func rejectsWithoutNuisance(_ y: [Double]) -> Bool {
    let m = moments.count
    guard let top = y.indices.max(by: { y[$0] < y[$1] }) else { return false }
    let largest = y[top]
    if largest > leastFavorable { return true }
    // Other moments stay below the largest iff yᵢ − ρᵢ y_top ≤ (1 − ρᵢ) y_top, ρᵢ = R[i, top].
    var lower = -Double.infinity
    for i in 0..<m where i != top {
      let rho = moments.correlation[i * m + top]
      if rho < 1 - 1e-14 { lower = max(lower, (y[i] - rho * largest) / (1 - rho)) }
    }
    let size = (alpha - kappa) / (1 - kappa)
    let critical = max(0, NormalQuantiles.truncatedNormal(1 - size, lower: lower, upper: .infinity))
    return largest > critical
  }

  /// The numerical rank of the binding rows of X.
  private func rank(of binding: [Int]) -> Int {
    let k = moments.nuisance
    var rows = binding.map { i in (0..<k).map { moments.design[i * k + $0] } }
    let scale = rows.flatMap { $0 }.map(abs).max() ?? 0
    guard scale > 0 else { return 0 }
    let tolerance = Double(max(rows.count, k)) * 1e-13 * scale
    var rank = 0
    for column in 0..<k where rank < rows.count {
      guard let pivot = (rank..<rows.count).max(by: { abs(rows[$0][column]) < abs(rows[$1][column]) }),
        abs(rows[pivot][column]) > tolerance
      else { continue }
      rows.swapAt(rank, pivot)
      for i in (rank + 1)..<rows.count {
        let f = rows[i][column] / rows[rank][column]
        for j in column..<k { rows[i][j] -= f * rows[rank][j] }
      }
      rank += 1
    }
    return rank
  }

  /// `v_lo`, `v_up` and `σ` in closed form from the `k + 1` binding moments B: with
  /// `M_B = [1, X_B]`, `v = e₁ᵀ M_B⁻¹` on B, and for each slack moment `i` the row
  /// `Γᵢ = [1, Xᵢ] M_B⁻¹ S_B − eᵢ`, the statistic stays `vᵀy` while `Γ y ≤ 0`.
  private func primalTruncation(y: [Double], binding: [Int]) -> (lower: Double, upper: Double, sd: Double)? {
    let k = moments.nuisance
    let n = k + 1
    let m = moments.count
    // M_B row-major, then its inverse by Gauss-Jordan elimination.
    var a = [Double](repeating: 0, count: n * n)
    for (r, i) in binding.enumerated() {
      a[r * n] = 1
      for c in 0..<k { a[r * n + c + 1] = moments.design[i * k + c] }
    }
    guard let inverse = Self.inverted(a, n) else { return nil }
    var v = [Double](repeating: 0, count: m)
    for (r, i) in binding.enumerated() { v[i] = inverse[r] }  // first row of M_B⁻¹
    let sigmaV = (0..<m).map { i in (0..<m).reduce(0) { $0 + moments.correlation[i * m + $1] * v[$1] } }
    let variance = (0..<m).reduce(0) { $0 + v[$1] * sigmaV[$1] }
    guard variance > 0 else { return nil }
    let vy = (0..<m).reduce(0) { $0 + v[$1] * y[$1] }
    var (lower, upper) = (-Double.infinity, Double.infinity)
    let isBinding = Set(binding)
    for i in 0..<m where !isBinding.contains(i) {
      // Γᵢ = wᵢ on B minus eᵢ, wᵢ = [1, Xᵢ] M_B⁻¹.
      var gammaY = -y[i]
      var gammaSigmaV = -sigmaV[i]
      for (r, b) in binding.enumerated() {
        var w = inverse[r]
        for c in 0..<k { w += moments.design[i * k + c] * inverse[(c + 1) * n + r] }
        gammaY += w * y[b]
        gammaSigmaV += w * sigmaV[b]
      }
      let rho = gammaSigmaV / variance
      let bound = -gammaY / rho + vy
      if rho > 0 { lower = max(lower, bound) } else if rho < 0 { upper = min(upper, bound) }
    }
    return (lower, upper, variance.squareRoot())
  }

  /// The inverse of a small row-major matrix by Gauss-Jordan elimination with partial
  /// pivoting, or `nil` when it is singular.
  static func inverted(_ matrix: [Double], _ n: Int) -> [Double]? {
    var a = matrix
    var inverse = [Double](repeating: 0, count: n * n)
    for i in 0..<n { inverse[i * n + i] = 1 }
    let scale = matrix.map(abs).max() ?? 0
    for column in 0..<n {
      guard let pivot = (column..<n).max(by: { abs(a[$0 * n + column]) < abs(a[$1 * n + column]) }),
        abs(a[pivot * n + column]) > 1e-14 * scale
      else { return nil }
      for j in 0..<n {
        a.swapAt(column * n + j, pivot * n + j)
        inverse.swapAt(column * n + j, pivot * n + j)
      }
      let p = a[column * n + column]
      for j in 0..<n {
        a[column * n + j] /= p
        inverse[column * n + j] /= p
      }
      for i in 0..<n where i != column {
        let f = a[i * n + column]
        if f == 0 { continue }
        for j in 0..<n {
          a[i * n + j] -= f * a[column * n + j]
          inverse[i * n + j] -= f * inverse[column * n + j]
        }
      }
    }
    return inverse
  }
}

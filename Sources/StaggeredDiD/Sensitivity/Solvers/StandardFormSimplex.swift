/// A dense two-phase simplex method for small linear programs in standard form,
/// `maximize cᵀx subject to A x = b, x ≥ 0`.
///
/// The sensitivity analysis solves many tiny programs (a handful of equality rows, a few dozen
/// columns): the dual of the moment-inequality test statistic `η = min{η : y − Xδ ≤ η}` is
/// `max{λᵀy : λ ≥ 0, 1ᵀλ = 1, Xᵀλ = 0}`, a standard-form program whose optimal vertex `λ` is
/// exactly what the conditional test conditions on. A dense tableau is the simplest exact method
/// at that size (HonestDiD calls lpSolve and GLPK for the same programs); no package is needed.
///
/// Phase 1 minimises the sum of one artificial variable per row (rows with a negative
/// right-hand side are negated first); phase 2 optimises the objective from the feasible basis
/// found, with artificial columns barred from entering. Pivots follow Dantzig's rule (most
/// negative reduced cost) and switch to Bland's rule (smallest index) after `4 (m + n)` pivots,
/// which rules out cycling on degenerate vertices.
///
/// - Complexity: O(m n) per pivot on an `m × (n + m)` tableau; the number of pivots is small in
///   practice (at most exponential in theory).
struct StandardFormSimplex {
  /// What a program has.
  enum Outcome: Equatable {
    /// An optimal vertex `x` and the objective value `cᵀx`.
    case optimal(x: [Double], value: Double)
    /// No `x ≥ 0` satisfies `A x = b`.
    case infeasible
    /// The objective is unbounded above.
    case unbounded
    /// The pivot limit was reached (a safeguard; Bland's rule terminates).
    case stalled
  }

  /// Rows of `A`.
  let rows: Int
  /// Columns of `A` (variables).
  let columns: Int
  /// Absolute tolerance for reduced costs, pivots and feasibility, on the scale of the data.
  let tolerance: Double

  /// Creates a solver for `rows × columns` programs.
  ///
  /// - Parameters:
  ///   - rows: Equality constraints (at least 1).
  ///   - columns: Variables (at least 1).
  ///   - tolerance: Zero threshold (1e-10 by default; the programs here are scaled to unit size).
  init(rows: Int, columns: Int, tolerance: Double = 1e-10) {
    self.rows = rows
    self.columns = columns
    self.tolerance = tolerance
  }

  /// Solves `maximize cᵀx subject to A x = b, x ≥ 0`.
  ///
  /// - Parameters:
  ///   - objective: `c`, `columns` entries.
  ///   - matrix: `A`, row-major, `rows × columns` entries.
  ///   - rhs: `b`, `rows` entries.
  /// - Returns: The optimal vertex and value, or why there is none.
  /// - Complexity: See the type's discussion.
  func maximize(objective: [Double], matrix: [Double], rhs: [Double]) -> Outcome {
    let (m, n) = (rows, columns)
    let width = n + m + 1  // real columns, artificial columns, right-hand side
    var tableau = [Double](repeating: 0, count: m * width)
    for i in 0..<m {
      let sign: Double = rhs[i] < 0 ? -1 : 1
      for j in 0..<n { tableau[i * width + j] = sign * matrix[i * n + j] }
      tableau[i * width + n + i] = 1
      tableau[i * width + width - 1] = sign * rhs[i]
    }
    var basis = Array(n..<(n + m))
    // Phase 1: maximise −Σ artificials.
    var phaseOne = [Double](repeating: 0, count: n + m)
    for i in n..<(n + m) { phaseOne[i] = -1 }
    switch run(&tableau, &basis, cost: phaseOne, enterable: n + m) {
    case .bounded: break
    case .unbounded: return .infeasible  // cannot happen: phase 1 is bounded by 0
    case .stalled: return .stalled
    }
    var infeasibility = 0.0
    for i in 0..<m where basis[i] >= n { infeasibility += tableau[i * width + width - 1] }
    if infeasibility > 10 * tolerance * Double(m) { return .infeasible }
    // Drive artificial variables out of the basis where a real column can replace them; a row
    // with no such column is redundant and its artificial stays at zero.
    for i in 0..<m where basis[i] >= n {
      if let j = (0..<n).first(where: { abs(tableau[i * width + $0]) > tolerance }) {
        pivot(&tableau, &basis, row: i, column: j)
      }
    }
    var cost = objective
    cost.append(contentsOf: repeatElement(0, count: m))
    switch run(&tableau, &basis, cost: cost, enterable: n) {
    case .bounded: break
    case .unbounded: return .unbounded
    case .stalled: return .stalled
    }
    var x = [Double](repeating: 0, count: n)
    for i in 0..<m where basis[i] < n { x[basis[i]] = max(0, tableau[i * width + width - 1]) }
    var value = 0.0
    for j in 0..<n { value += objective[j] * x[j] }
    return .optimal(x: x, value: value)
  }

  /// Whether a phase ended at an optimum.
  private enum PhaseEnd { case bounded, unbounded, stalled }

  /// Runs simplex pivots for `cost` until no column below `enterable` improves it.
  private func run(_ tableau: inout [Double], _ basis: inout [Int], cost: [Double], enterable: Int) -> PhaseEnd {
    let (m, width) = (rows, columns + rows + 1)
    let blandAfter = 4 * (m + columns)
    var iteration = 0
    while iteration < 50 * (m + columns) + 100 {
      iteration += 1
      // Reduced costs: z_j − c_j = Σ_i c_B(i) T_ij − c_j; a negative value improves.
      var entering = -1
      var best = -tolerance
      for j in 0..<enterable where !basis.contains(j) {
        var z = -cost[j]
        for i in 0..<m { z += cost[basis[i]] * tableau[i * width + j] }
        if iteration > blandAfter {
          if z < -tolerance { entering = j; break }
        } else if z < best {
          best = z
          entering = j
        }
      }
      if entering < 0 { return .bounded }
      var leaving = -1
      var ratio = Double.infinity
      for i in 0..<m {
        let a = tableau[i * width + entering]
        guard a > tolerance else { continue }
        let r = tableau[i * width + width - 1] / a
        if r < ratio - tolerance || (abs(r - ratio) <= tolerance && leaving >= 0 && basis[i] < basis[leaving]) {
          ratio = r
          leaving = i
        }
      }
      if leaving < 0 { return .unbounded }
      pivot(&tableau, &basis, row: leaving, column: entering)
    }
    return .stalled
  }

  /// Pivots the tableau on `(row, column)`.
  private func pivot(_ tableau: inout [Double], _ basis: inout [Int], row: Int, column: Int) {
    let width = columns + rows + 1
    let p = tableau[row * width + column]
    for j in 0..<width { tableau[row * width + j] /= p }
    for i in 0..<rows where i != row {
      let f = tableau[i * width + column]
      if f == 0 { continue }
      for j in 0..<width { tableau[i * width + j] -= f * tableau[row * width + j] }
    }
    basis[row] = column
  }
}

import CausalCore
import LinearAlgebra

/// The two-way normal equations reduced to the periods and factored once, so that every
/// right-hand side costs O(rows + periods²) instead of a run of Gauss-Seidel sweeps.
///
/// Eliminating the unit effects from `D_u α + C λ = b_u`, `Cᵀ α + D_t λ = b_t` leaves the
/// period system `S λ = b_t − Cᵀ D_u⁻¹ b_u` with `S = D_t − Cᵀ D_u⁻¹ C`, after which
/// `α = D_u⁻¹ (b_u − C λ)`. `S` is singular along the constant of each connected part of the
/// unit-period graph (the `(1, −1)` direction of the full system), so one period of every part
/// is held at zero (the first one); the rest of `S` is positive definite and factored by
/// Cholesky. Any solution gives the same `α_u + λ_t` on every unit and period that share a
/// part, which is all the two-stage estimator uses.
///
/// A right-hand side without a solution (its unit and period sums differ within a part) is
/// detected by checking the period equations after the solve: ``solve(_:unitSide:periodSide:)``
/// then returns `nil`, as the sweeps would after failing to converge.
struct TwoWayPeriodSystem: Sendable {
  /// Each period's position in the factored system, or -1 when it is held at zero (the first
  /// period of its part, or a period without fitting rows).
  private let position: [Int]
  /// The Cholesky factor of `S` without the held periods.
  private let factor: Cholesky

  /// The largest cost of forming `S` (Σ_u k_u²) and of factoring it (p³ / 3), each in
  /// multiply-adds, for which the direct solve is used; beyond it the sweeps are cheaper for the few right-hand sides needed.
  static let budget = 2e9

  /// Reduces and factors the equations, or returns `nil` when the cost would exceed ``budget``
  /// or the factorization fails (then the caller sweeps instead).
  ///
  /// - Complexity: O(rows + Σ_u k_u² + p³) for k_u the number of fitting rows of unit u and p
  ///   the number of periods.
  init?(_ e: TwoWayNormalEquations) {
    let rows = e.units.count, T = e.periodCount
    guard Double(T) * Double(T) * Double(T) / 3 <= Self.budget else { return nil }
    // Rows by unit (counting sort), for the unit blocks of Cᵀ D_u⁻¹ C.
    var start = [Int](repeating: 0, count: e.unitCount + 1)
    for u in e.units { start[Int(u) + 1] += 1 }
    for u in 0..<e.unitCount { start[u + 1] += start[u] }
    var next = start
    var byUnit = [Int](repeating: 0, count: rows)
    for i in 0..<rows {
      byUnit[next[Int(e.units[i])]] = i
      next[Int(e.units[i])] += 1
    }
    var cost = 0.0
    for u in 0..<e.unitCount {
      let k = Double(start[u + 1] - start[u])
      cost += k * k
    }
    guard cost <= Self.budget else { return nil }
    // Parts of the unit-period graph, as sets of periods: a unit joins its periods.
    var parts = DisjointSets(count: T)
    for u in 0..<e.unitCount {
      var first = -1
      for r in start[u]..<start[u + 1] where e.weights[byUnit[r]] > 0 {
        let t = Int(e.periods[byUnit[r]])
        if first < 0 { first = t } else { parts.union(first, t) }
      }
    }
    var position = [Int](repeating: -1, count: T)
    var held = Set<Int>()
    var size = 0
    for t in 0..<T where e.periodTotals[t] > 0 {
      let r = parts.find(t)
      if !held.contains(r) {
        held.insert(r)  // the part's first period with rows stays at zero
        continue
      }
      position[t] = size
      size += 1
    }
    // S = D_t − Σ_u c_u c_uᵀ / D_u on the kept periods, c_u the unit's weights by period.
    var s = Matrix(rows: size, columns: size)
    for t in 0..<T where position[t] >= 0 { s[position[t], position[t]] = e.periodTotals[t] }
    var weightOf = [Double](repeating: 0, count: T)
    var touchedBy = [Int](repeating: -1, count: T)
    var touched = [Int]()
    for u in 0..<e.unitCount where e.unitTotals[u] > 0 {
      touched.removeAll(keepingCapacity: true)
      for r in start[u]..<start[u + 1] {
        let i = byUnit[r], t = Int(e.periods[i])
        if touchedBy[t] != u, position[t] >= 0 {
          touchedBy[t] = u
          touched.append(t)
        }
        weightOf[t] += e.weights[i]
      }
      let scale = 1 / e.unitTotals[u]
      s.elements.withUnsafeMutableBufferPointer { m in
        for a in touched {
          let ca = weightOf[a] * scale, pa = position[a]
          for b in touched { m[position[b] * size + pa] -= ca * weightOf[b] }
        }
      }
      for r in start[u]..<start[u + 1] { weightOf[Int(e.periods[byUnit[r]])] = 0 }
    }
    guard let factor = try? Cholesky(s) else { return nil }
    self.position = position
    self.factor = factor
  }

  /// Solves the equations for one right-hand side.
  ///
  /// - Parameters:
  ///   - e: The equations this system was reduced from.
  ///   - unitSide: `b_u`, one entry per unit.
  ///   - periodSide: `b_t`, one entry per period.
  /// - Returns: The effects, or `nil` when the right-hand side has no solution.
  /// - Complexity: O(rows + periods²).
  func solve(_ e: TwoWayNormalEquations, unitSide: [Double], periodSide: [Double]) -> (unit: [Double], period: [Double])? {
    let rows = e.units.count
    // r = b_t − Cᵀ D_u⁻¹ b_u on the kept periods.
    var reduced = [Double](repeating: 0, count: factor.upper.rows)
    for t in 0..<e.periodCount where position[t] >= 0 { reduced[position[t]] = periodSide[t] }
    for i in 0..<rows {
      let u = Int(e.units[i]), p = position[Int(e.periods[i])]
      if p >= 0, e.unitTotals[u] > 0 { reduced[p] -= e.weights[i] * unitSide[u] / e.unitTotals[u] }
    }
    guard let kept = try? factor.solve(reduced) else { return nil }
    var lambda = [Double](repeating: 0, count: e.periodCount)
    for t in 0..<e.periodCount where position[t] >= 0 { lambda[t] = kept[position[t]] }
    // α = D_u⁻¹ (b_u − C λ).
    var cross = [Double](repeating: 0, count: e.unitCount)
    for i in 0..<rows { cross[Int(e.units[i])] += e.weights[i] * lambda[Int(e.periods[i])] }
    var alpha = [Double](repeating: 0, count: e.unitCount)
    for u in 0..<e.unitCount where e.unitTotals[u] > 0 { alpha[u] = (unitSide[u] - cross[u]) / e.unitTotals[u] }
    // The period equations, including the held ones, must hold: they fail only when the
    // right-hand side has no solution.
    var periodCross = [Double](repeating: 0, count: e.periodCount)
    var size = [Double](repeating: 0, count: e.periodCount)
    for i in 0..<rows {
      let t = Int(e.periods[i]), term = e.weights[i] * alpha[Int(e.units[i])]
      periodCross[t] += term
      size[t] += abs(term)
    }
    for t in 0..<e.periodCount where e.periodTotals[t] > 0 {
      let own = e.periodTotals[t] * lambda[t]
      let scale = abs(periodSide[t]) + size[t] + abs(own)
      guard abs(periodSide[t] - periodCross[t] - own) <= 1e-9 * scale else { return nil }
    }
    return (alpha, lambda)
  }
}

/// The normal equations of a two-way fixed-effects fit (unit and period effects) on a subset of
/// rows, solved for any right-hand side: directly, through the period system factored once
/// (``TwoWayPeriodSystem``), when that is affordable, and by block Gauss-Seidel otherwise.
///
/// With `D_u`, `D_t` the (weighted) row counts per unit and per period among the fitting rows
/// and `C` their unit × period cross-counts, the equations are
/// `D_u α + C λ = b_u`, `Cᵀ α + D_t λ = b_t`. They are singular along `(1, −1)` (a constant moved
/// between the two sets of effects), which leaves every `α_u + λ_t` unchanged; a solution exists
/// whenever `Σ b_u = Σ b_t`, which holds for right-hand sides of the form `X₁ᵀ z` (sums over rows).
///
/// The two-stage DiD needs these solves with right-hand sides summed over the fitting rows (the
/// first stage) and over all rows (the variance correction), which is why this small solver
/// exists beside the fixed-effects demeaning: the latter only projects data vectors.
struct TwoWayNormalEquations: Sendable {
  /// Each fitting row's unit.
  let units: [Int32]
  /// Each fitting row's period.
  let periods: [Int32]
  /// Each fitting row's weight.
  let weights: [Double]
  /// Number of units.
  let unitCount: Int
  /// Number of periods.
  let periodCount: Int
  /// Weighted rows per unit.
  let unitTotals: [Double]
  /// Weighted rows per period.
  let periodTotals: [Double]
  /// The factored period system, or `nil` when the equations are solved by sweeps.
  private(set) var direct: TwoWayPeriodSystem?

  /// Sets up the equations for the fitting rows.
  ///
  /// - Parameter direct: Whether to factor the period system when affordable (tests turn it
  ///   off to compare the two solvers).
  /// - Complexity: O(rows), plus that of ``TwoWayPeriodSystem/init(_:)`` when it is used.
  init(units: [Int32], periods: [Int32], weights: [Double], unitCount: Int, periodCount: Int, direct: Bool = true) {
    self.units = units
    self.periods = periods
    self.weights = weights
    self.unitCount = unitCount
    self.periodCount = periodCount
    var du = [Double](repeating: 0, count: unitCount)
    var dt = [Double](repeating: 0, count: periodCount)
    for i in units.indices {
      du[Int(units[i])] += weights[i]
      dt[Int(periods[i])] += weights[i]
    }
    unitTotals = du
    periodTotals = dt
    if direct { self.direct = TwoWayPeriodSystem(self) }
  }

  /// Solves for `(α, λ)` given `b_u` and `b_t`.
  ///
  /// - Parameters:
  ///   - unitSide: `b_u`, one entry per unit.
  ///   - periodSide: `b_t`, one entry per period.
  ///   - tolerance: Stop when no effect changes by more than this times the largest effect.
  ///   - maxIterations: Sweep cap.
  /// - Returns: The effects, or `nil` when the right-hand side has no solution or the sweeps
  ///   did not converge.
  /// - Complexity: O(rows + periods²) with the factored system; otherwise O(rows) per sweep,
  ///   and balanced panels converge in a few sweeps.
  func solve(
    unitSide: [Double], periodSide: [Double], tolerance: Double = 1e-14, maxIterations: Int = 100_000
  ) -> (unit: [Double], period: [Double])? {
    if let direct { return direct.solve(self, unitSide: unitSide, periodSide: periodSide) }
    var alpha = [Double](repeating: 0, count: unitCount)
    var lambda = [Double](repeating: 0, count: periodCount)
    var crossUnit = [Double](repeating: 0, count: unitCount)
    var crossPeriod = [Double](repeating: 0, count: periodCount)
    for _ in 0..<maxIterations {
      // α = D_u⁻¹ (b_u − C λ)
      for u in 0..<unitCount { crossUnit[u] = 0 }
      for i in units.indices { crossUnit[Int(units[i])] += weights[i] * lambda[Int(periods[i])] }
      var change = 0.0
      var scale = 0.0
      for u in 0..<unitCount where unitTotals[u] > 0 {
        let next = (unitSide[u] - crossUnit[u]) / unitTotals[u]
        change = max(change, abs(next - alpha[u]))
        scale = max(scale, abs(next))
        alpha[u] = next
      }
      // λ = D_t⁻¹ (b_t − Cᵀ α)
      for t in 0..<periodCount { crossPeriod[t] = 0 }
      for i in units.indices { crossPeriod[Int(periods[i])] += weights[i] * alpha[Int(units[i])] }
      for t in 0..<periodCount where periodTotals[t] > 0 {
        let next = (periodSide[t] - crossPeriod[t]) / periodTotals[t]
        change = max(change, abs(next - lambda[t]))
        scale = max(scale, abs(next))
        lambda[t] = next
      }
      if change <= tolerance * max(scale, 1e-300) { return (alpha, lambda) }
    }
    return nil
  }

  /// A variable minus its two-way fit on the fitting rows, over every row: `x − α_u − λ_t`
  /// with `(α, λ)` the weighted least-squares unit and period effects of `x` on the fitting
  /// rows (their residuals there; the imputed remainder elsewhere).
  ///
  /// - Parameters:
  ///   - values: The variable on every row.
  ///   - fittingRows: The rows the equations were set up for, in their order (indices into
  ///     `values`).
  ///   - rowUnits: Every row's unit.
  ///   - rowPeriods: Every row's period.
  /// - Returns: The residualised variable, or `nil` when the sweeps did not converge.
  /// - Complexity: O(rows) per sweep.
  func residualize(_ values: [Double], fittingRows: [Int], rowUnits: [Int32], rowPeriods: [Int32]) -> [Double]? {
    var bu = [Double](repeating: 0, count: unitCount)
    var bt = [Double](repeating: 0, count: periodCount)
    for (r, i) in fittingRows.enumerated() {
      bu[Int(units[r])] += weights[r] * values[i]
      bt[Int(periods[r])] += weights[r] * values[i]
    }
    guard let effects = solve(unitSide: bu, periodSide: bt) else { return nil }
    return values.indices.map { values[$0] - effects.unit[Int(rowUnits[$0])] - effects.period[Int(rowPeriods[$0])] }
  }
}

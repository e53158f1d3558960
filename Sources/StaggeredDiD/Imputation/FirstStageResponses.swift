import CausalCore

/// Γ of the two-stage variance: how the first stage's unit and period effects (and covariate
/// slopes) respond to each second-stage column, from one solve of the first stage's normal
/// equations per column, with the column's weights as the right-hand side.
///
/// The effects are stored unit-major and period-major (`unit[u·k + j]`, `period[t·k + j]` for
/// k columns), so that the variance's loop over the columns reads contiguous memory.
struct FirstStageResponses: Sendable {
  /// The unit effects, unit-major.
  let unit: [Double]
  /// The period effects, period-major.
  let period: [Double]
  /// The covariate slopes of each column (empty without covariates).
  let covariates: [[Double]]

  /// Solves the first stage for every second-stage column. The columns are independent and run
  /// on all cores; each result depends only on its column, so the output does not depend on
  /// the number of threads.
  ///
  /// - Throws: ``DiDError/nonFiniteNuisance(model:)`` when a solve fails.
  /// - Complexity: k solves of ``TwoWayNormalEquations``; O(n) to list the columns' rows.
  init(_ s: TwoStageSample, equations: TwoWayNormalEquations, covariates: FirstStageCovariates) throws(DiDError) {
    let k = s.terms.count
    var rowsOfTerm = [[Int]](repeating: [], count: k)
    for i in s.term.indices where s.term[i] >= 0 { rowsOfTerm[s.term[i]].append(i) }
    let solved: [(unit: [Double], period: [Double], covariates: [Double])]
    do {
      solved = try ParallelMap.map(k) { [rowsOfTerm] j in
        var cu = [Double](repeating: 0, count: s.unitCount)
        var ct = [Double](repeating: 0, count: s.periodCount)
        for i in rowsOfTerm[j] {
          cu[Int(s.unit[i])] += s.weight[i]
          ct[Int(s.period[i])] += s.weight[i]
        }
        guard let effects = equations.solve(unitSide: cu, periodSide: ct) else {
          throw DiDError.nonFiniteNuisance(model: "first-stage correction of the variance")
        }
        // b = G⁻¹ Σ_{rows of term j} wᵢ x̃ᵢ (none without covariates).
        let slopes =
          try covariates.columns.isEmpty
          ? [] : covariates.coefficients(rows: rowsOfTerm[j], weights: s.weight) { _ in 1 }
        return (effects.unit, effects.period, slopes)
      }
    } catch {
      throw DiDError.wrapping(error)
    }
    var unit = [Double](repeating: 0, count: s.unitCount * k)
    var period = [Double](repeating: 0, count: s.periodCount * k)
    for j in 0..<k {
      for u in 0..<s.unitCount { unit[u * k + j] = solved[j].unit[u] }
      for t in 0..<s.periodCount { period[t * k + j] = solved[j].period[t] }
    }
    self.unit = unit
    self.period = period
    self.covariates = solved.map(\.covariates)
  }
}

import CausalCore
import LinearAlgebra

/// One estimated group-time cell: its 2x2 estimate and its influence function over the units,
/// already rescaled to the whole sample.
struct GroupTimeCell: Sendable {
  /// The cohort (first treated period).
  let group: Int
  /// The period.
  let time: Int
  /// The base period compared with.
  let basePeriod: Int
  /// Whether `time ≥ group` (the cell measures an effect, not a pre-trend).
  let isPost: Bool
  /// The estimate; NaN when the cell could not be estimated; 0 for the universal base period's
  /// own cell.
  let estimate: Double
  /// The units with a nonzero influence value, ascending.
  let units: [Int32]
  /// Their influence values, `n / n_cell` times the 2x2 influence function.
  let influence: [Double]
  /// Treated and comparison observations in the cell.
  let treatedCount: Int
  /// Comparison observations in the cell.
  let comparisonCount: Int
  /// Controls trimmed for extreme propensity scores.
  let trimmed: Int
  /// Why the cell is NaN, or `nil`.
  let failure: String?
}

/// The loop over group-time cells (R did's `compute.att_gt`).
enum GroupTimeCells {
  /// Estimates every cell of the sample.
  ///
  /// - Complexity: O(cells × n) to select each cell's units, plus the 2x2 estimates.
  static func estimate(_ sample: StaggeredSample, model: CallawaySantAnna) -> [GroupTimeCell] {
    let periods = sample.periods
    let T = periods.count
    let byPeriod = GroupedRows(
      codes: sample.rowPeriod, groupCount: T, keep: [Bool](repeating: true, count: sample.rowPeriod.count))
    var cells: [GroupTimeCell] = []
    for g in sample.cohorts {
      guard let preTreatment = periods.lastIndex(where: { $0 + model.anticipation < g }) else { continue }
      let range = model.basePeriod == .varying ? 1..<T : 0..<T
      for c in range {
        let isPost = g <= periods[c]
        let base = isPost || model.basePeriod == .universal ? preTreatment : c - 1
        if base == c {
          cells.append(
            GroupTimeCell(
              group: g, time: periods[c], basePeriod: periods[base], isPost: false, estimate: 0, units: [],
              influence: [], treatedCount: 0, comparisonCount: 0, trimmed: 0, failure: nil))
          continue
        }
        let threshold = periods[max(c, base)] + model.anticipation
        let control: (Int) -> Bool = { cohort in
          cohort == 0 || (model.comparison == .notYetTreated && cohort > threshold && cohort != g)
        }
        let setup = CellSetup(group: g, period: c, base: base, isPost: isPost, isControl: control)
        if sample.design == .balancedPanel {
          cells.append(panelCell(sample, setup, method: model.method))
        } else {
          cells.append(crossSectionCell(sample, setup, rows: byPeriod, method: model.method))
        }
      }
    }
    return cells
  }

  /// What defines one cell.
  struct CellSetup {
    let group: Int
    let period: Int
    let base: Int
    let isPost: Bool
    let isControl: (Int) -> Bool
  }

  /// A balanced-panel cell: each unit's outcome change, covariates and weight of the earlier
  /// period.
  static func panelCell(_ s: StaggeredSample, _ cell: CellSetup, method: TwoByTwoMethod) -> GroupTimeCell {
    let T = s.periods.count
    let earlier = min(cell.period, cell.base)
    var units: [Int32] = []
    var change: [Double] = []
    var treated: [Bool] = []
    var rows: [Int] = []
    for u in 0..<s.unitCount {
      let cohort = s.unitCohort[u]
      let isTreated = cohort == cell.group
      guard isTreated || cell.isControl(cohort) else { continue }
      let now = Int(s.panelRows[u * T + cell.period])
      let then = Int(s.panelRows[u * T + cell.base])
      units.append(Int32(u))
      change.append(s.outcome[now] - s.outcome[then])
      treated.append(isTreated)
      rows.append(Int(s.panelRows[u * T + earlier]))
    }
    let comparison = PanelComparison(
      outcomeChange: change, treated: treated, covariates: s.covariates.selectingRows(rows),
      weights: rows.map { s.weight[$0] })
    return finish(s, cell, units: units, treated: treated) { () throws(DiDError) in try comparison.estimate(method) }
  }

  /// A repeated-cross-section or unbalanced-panel cell: the rows of the two periods; in an
  /// unbalanced panel the influence values are summed by unit.
  static func crossSectionCell(
    _ s: StaggeredSample, _ cell: CellSetup, rows byPeriod: GroupedRows, method: TwoByTwoMethod
  ) -> GroupTimeCell {
    var rows: [Int] = []
    for p in [cell.base, cell.period] {
      for r in byPeriod.rows(of: p) {
        let cohort = s.unitCohort[Int(s.rowUnit[r])]
        if cohort == cell.group || cell.isControl(cohort) { rows.append(r) }
      }
    }
    rows.sort()  // data order, as did
    let treated = rows.map { s.unitCohort[Int(s.rowUnit[$0])] == cell.group }
    let post = rows.map { Int(s.rowPeriod[$0]) == cell.period }
    let units = rows.map { s.rowUnit[$0] }
    let comparison = CrossSectionComparison(
      outcome: rows.map { s.outcome[$0] }, post: post, treated: treated, covariates: s.covariates.selectingRows(rows),
      weights: rows.map { s.weight[$0] })
    var missing: [String] = []
    for (isTreated, isPost, name) in [
      (true, true, "treated units in the period"), (true, false, "treated units in the base period"),
      (false, true, "comparison units in the period"), (false, false, "comparison units in the base period"),
    ] where !zip(treated, post).contains(where: { $0 == isTreated && $1 == isPost }) {
      missing.append(name)
    }
    if !missing.isEmpty {
      return failed(s, cell, reason: "no " + missing.joined(separator: " and no "), treated: treated)
    }
    return finish(s, cell, units: units, treated: treated) { () throws(DiDError) in try comparison.estimate(method) }
  }

  /// Runs the 2x2 estimate and rescales its influence function to the whole sample (summing
  /// it by unit when units repeat).
  static func finish(
    _ s: StaggeredSample, _ cell: CellSetup, units: [Int32], treated: [Bool],
    _ run: () throws(DiDError) -> ComparisonEstimate
  ) -> GroupTimeCell {
    let result: ComparisonEstimate
    do { result = try run() } catch { return failed(s, cell, reason: error.description, treated: treated) }
    guard result.estimate.isFinite else { return failed(s, cell, reason: "the estimate is not finite", treated: treated) }
    let scale = Double(s.unitCount) / Double(units.count)
    var outUnits: [Int32] = []
    var outValues: [Double] = []
    if s.design == .unbalancedPanel {
      var sums: [Int32: Double] = [:]
      for (u, v) in zip(units, result.influence) { sums[u, default: 0] += scale * v }
      outUnits = sums.keys.sorted()
      outValues = outUnits.map { sums[$0] ?? 0 }
    } else {
      outUnits = units
      outValues = result.influence.map { scale * $0 }
    }
    let treatedCount = treated.reduce(0) { $0 + ($1 ? 1 : 0) }
    return GroupTimeCell(
      group: cell.group, time: s.periods[cell.period], basePeriod: s.periods[cell.base], isPost: cell.isPost,
      estimate: result.estimate, units: outUnits, influence: outValues, treatedCount: treatedCount,
      comparisonCount: treated.count - treatedCount, trimmed: result.trimmed, failure: nil)
  }

  /// A cell that could not be estimated.
  static func failed(_ s: StaggeredSample, _ cell: CellSetup, reason: String, treated: [Bool]) -> GroupTimeCell {
    GroupTimeCell(
      group: cell.group, time: s.periods[cell.period], basePeriod: s.periods[cell.base], isPost: cell.isPost, estimate: .nan, units: [],
      influence: [], treatedCount: treated.reduce(0) { $0 + ($1 ? 1 : 0) }, comparisonCount: 0, trimmed: 0,
      failure: reason)
  }
}

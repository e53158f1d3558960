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
///
/// The cells are independent: they run concurrently (``ParallelMap``), each reading the shared
/// sample and writing only its own result, so the output does not depend on the number of
/// threads. A cell selects its units through a per-cohort role table (treated, comparison or
/// neither) indexed by each unit's cohort code, one byte-sized lookup per unit and no closure
/// call; balanced panels store their rows period-major, so a cell reads the two periods'
/// outcomes contiguously.
enum GroupTimeCells {
  /// Estimates every cell of the sample.
  ///
  /// - Complexity: O(cells × n) lookups to select each cell's units, plus the 2x2 estimates,
  ///   spread over the available cores.
  static func estimate(_ sample: StaggeredSample, model: CallawaySantAnna) -> [GroupTimeCell] {
    let periods = sample.periods
    let T = periods.count
    let cohortCoding = IntegerCoding(sample.unitCohort)
    var cohortSizes = [Int](repeating: 0, count: cohortCoding.values.count)
    for code in cohortCoding.codes { cohortSizes[Int(code)] += 1 }
    var setups: [CellSetup] = []
    for g in sample.cohorts {
      guard let preTreatment = periods.lastIndex(where: { $0 + model.anticipation < g }) else { continue }
      let range = model.basePeriod == .varying ? 1..<T : 0..<T
      for c in range {
        let isPost = g <= periods[c]
        let base = isPost || model.basePeriod == .universal ? preTreatment : c - 1
        let threshold = periods[max(c, base)] + model.anticipation
        let roles = cohortCoding.values.map { cohort -> CellSetup.Role in
          if cohort == g { return .treated }
          let control = cohort == 0 || (model.comparison == .notYetTreated && cohort > threshold && cohort != g)
          return control ? .comparison : .none
        }
        setups.append(CellSetup(group: g, period: c, base: base, isPost: isPost, roles: roles, cohortSizes: cohortSizes))
      }
    }
    let unitCohort = cohortCoding.codes
    let method = model.method
    let cells = setups
    let byPeriod = sample.design == .balancedPanel ? nil : GroupedRows(
      codes: sample.rowPeriod, groupCount: T, keep: [Bool](repeating: true, count: sample.rowPeriod.count))
    // Balanced panels: the cells with the same role table (for never-treated controls, a
    // cohort's cells) share their units and, with covariates and weights stored per unit, their
    // covariates and nuisance fits (PanelCellFrame). The shared frames are the first jobs, so
    // that cells start while the last frames are built.
    let frames = byPeriod == nil ? PanelCellFrames(sample, cells, unitCohort: unitCohort, method: method) : nil
    let frameJobs = frames?.roleTables.count ?? 0
    let run = { @Sendable (job: Int) -> GroupTimeCell? in
      guard job >= frameJobs else {
        frames?.build(job)
        return nil
      }
      let setup = cells[job - frameJobs]
      if setup.base == setup.period {
        return GroupTimeCell(
          group: setup.group, time: periods[setup.period], basePeriod: periods[setup.base], isPost: false, estimate: 0,
          units: [], influence: [], treatedCount: 0, comparisonCount: 0, trimmed: 0, failure: nil)
      }
      if let byPeriod {
        return crossSectionCell(sample, setup, unitCohort: unitCohort, rows: byPeriod, method: method)
      }
      let frame =
        frames?.frame(setup.roles)
        ?? PanelCellFrame(sample, roles: setup.roles, cohortSizes: setup.cohortSizes, unitCohort: unitCohort, method: method)
      return panelCell(sample, setup, frame: frame, method: method)
    }
    let jobs = frameJobs + setups.count
    return ((try? ParallelMap.map(jobs, run)) ?? (0..<jobs).map(run)).compactMap { $0 }
  }

  /// What defines one cell.
  struct CellSetup: Sendable {
    /// A cohort's part in the cell.
    enum Role: UInt8, Sendable, Hashable {
      case none, treated, comparison
    }
    let group: Int
    let period: Int
    let base: Int
    let isPost: Bool
    /// The role of each cohort, indexed by the cohort's code (``IntegerCoding`` of the units'
    /// cohorts).
    let roles: [Role]
    /// The number of units of each cohort, by code.
    let cohortSizes: [Int]
  }

  /// A repeated-cross-section or unbalanced-panel cell: the rows of the two periods, unless they
  /// lack a group in a period or fail R did's checks (``CellGuard``); in an unbalanced panel the
  /// influence values are summed by unit.
  ///
  /// - Complexity: O(r) for the r rows of the two periods (each period's rows are ascending, so
  ///   merging them restores data order without sorting), plus O(m k) copies, the checks and
  ///   the 2x2 estimate.
  static func crossSectionCell(
    _ s: StaggeredSample, _ cell: CellSetup, unitCohort: [Int32], rows byPeriod: GroupedRows, method: TwoByTwoMethod
  ) -> GroupTimeCell {
    let selected = [cell.base, cell.period].map { p in
      byPeriod.rows(of: p).filter { cell.roles[Int(unitCohort[Int(s.rowUnit[$0])])] != .none }
    }
    let rows = mergeAscending(selected[0], selected[1])  // data order, as did
    let treated = rows.map { cell.roles[Int(unitCohort[Int(s.rowUnit[$0])])] == .treated }
    let post = rows.map { Int(s.rowPeriod[$0]) == cell.period }
    let units = rows.map { s.rowUnit[$0] }
    let covariates = s.covariates.columns == 1
      ? Matrix(uncheckedRows: rows.count, columns: 1, elements: [Double](repeating: 1, count: rows.count))
      : s.covariates.selectingRows(rows)
    let comparison = CrossSectionComparison(
      outcome: rows.map { s.outcome[$0] }, post: post, treated: treated, covariates: covariates,
      weights: s.hasWeights ? rows.map { s.weight[$0] } : [Double](repeating: 1, count: rows.count))
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
    // R did's checks (CellGuard) on the rows of both periods. Without sampling weights the
    // traditional doubly robust and IPW logit is the checks' logit: fitted once, for both.
    let logit: Result<PropensityScores, DiDError>? =
      !s.hasWeights && covariates.columns > 1
        && (method == .traditionalDoublyRobust || method == .inverseProbabilityWeighting)
      ? Result { () throws(DiDError) in
        try PropensityScores.logit(treated: treated, covariates: covariates, weights: comparison.normalizedWeights)
      } : nil
    if let violation = CellGuard.check(
      method, treated: treated, covariates: covariates, weights: comparison.weights, scores: logit, design: nil)
    {
      return failed(s, cell, reason: violation.reason, treated: treated)
    }
    return finish(s, cell, units: units, treated: treated) { () throws(DiDError) in
      try comparison.estimate(method, logit: logit)
    }
  }

  /// Merges two ascending lists of distinct row indices.
  ///
  /// - Complexity: O(a + b).
  static func mergeAscending(_ a: [Int], _ b: [Int]) -> [Int] {
    var out: [Int] = []
    out.reserveCapacity(a.count + b.count)
    var i = 0, j = 0
    while i < a.count, j < b.count {
      if a[i] < b[j] {
        out.append(a[i])
        i += 1
      } else {
        out.append(b[j])
        j += 1
      }
    }
    out.append(contentsOf: a[i...])
    out.append(contentsOf: b[j...])
    return out
  }

  /// Runs the 2x2 estimate and rescales its influence function to the whole sample by
  /// ``influenceScale(_:cellSize:)`` (summing it by unit when units repeat), unless `scaled`
  /// says that the estimate did so already.
  static func finish(
    _ s: StaggeredSample, _ cell: CellSetup, units: [Int32], treated: [Bool], scaled: Bool = false,
    _ run: () throws(DiDError) -> ComparisonEstimate
  ) -> GroupTimeCell {
    let result: ComparisonEstimate
    do { result = try run() } catch { return failed(s, cell, reason: error.description, treated: treated) }
    guard result.estimate.isFinite else { return failed(s, cell, reason: "the estimate is not finite", treated: treated) }
    let scale = influenceScale(s, cellSize: units.count)
    var outUnits: [Int32] = []
    var outValues: [Double] = []
    if s.design == .unbalancedPanel {
      var sums: [Int32: Double] = [:]
      for (u, v) in zip(units, result.influence) { sums[u, default: 0] += scale * v }
      outUnits = sums.keys.sorted()
      outValues = outUnits.map { sums[$0] ?? 0 }
    } else {
      outUnits = units
      outValues = scaled ? result.influence : result.influence.map { scale * $0 }
    }
    let treatedCount = treated.reduce(0) { $0 + ($1 ? 1 : 0) }
    return GroupTimeCell(
      group: cell.group, time: s.periods[cell.period], basePeriod: s.periods[cell.base], isPost: cell.isPost,
      estimate: result.estimate, units: outUnits, influence: outValues, treatedCount: treatedCount,
      comparisonCount: treated.count - treatedCount, trimmed: result.trimmed, failure: nil)
  }

  /// The factor `n / n_cell` that rescales a cell's influence function to the whole sample.
  static func influenceScale(_ s: StaggeredSample, cellSize: Int) -> Double {
    Double(s.unitCount) / Double(cellSize)
  }

  /// A cell that could not be estimated.
  static func failed(_ s: StaggeredSample, _ cell: CellSetup, reason: String, treated: [Bool]) -> GroupTimeCell {
    GroupTimeCell(
      group: cell.group, time: s.periods[cell.period], basePeriod: s.periods[cell.base], isPost: cell.isPost, estimate: .nan, units: [],
      influence: [], treatedCount: treated.reduce(0) { $0 + ($1 ? 1 : 0) }, comparisonCount: 0, trimmed: 0,
      failure: reason)
  }
}

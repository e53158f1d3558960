import CausalCore
import LinearAlgebra

/// A staggered-adoption data set after validation: the rows kept, their periods, units and
/// cohorts, and the cohorts and periods to estimate, following R did's pre-processing.
///
/// "Units" are what inference is clustered by at the least and what the aggregation shares are
/// computed over: the panel units, or every row of repeated cross-sections.
struct StaggeredSample: Sendable {
  /// How rows relate to units.
  let design: SampleDesign
  /// The periods, ascending.
  let periods: [Int]
  /// The treated cohorts to estimate, ascending (did's `glist`).
  let cohorts: [Int]
  /// The number of units `n`.
  let unitCount: Int
  /// Each unit's cohort (0 for never treated).
  let unitCohort: [Int]
  /// Each unit's weight in the aggregation shares: the first-period weight in a balanced panel,
  /// the mean of its rows' weights in an unbalanced panel, the row's weight otherwise.
  let unitWeight: [Double]
  /// Each unit's cluster code, when clustering above the unit.
  let unitCluster: [Int32]?
  /// The number of clusters, when clustering.
  let clusterCount: Int
  /// The unit of each row (empty for balanced panels, whose row `p × n + u` is unit `u`).
  let rowUnit: [Int32]
  /// The period index (into ``periods``) of each row (empty for balanced panels, whose row
  /// `p × n + u` is in period `p`).
  let rowPeriod: [Int32]
  /// The outcome of each row.
  let outcome: [Double]
  /// The sampling weight of each row; empty without weights (every weight is 1).
  let weight: [Double]
  /// Whether the data have sampling weights.
  var hasWeights: Bool { !weight.isEmpty }
  /// The covariates of each row, intercept first; without covariates a 0 × 1 matrix (the cells
  /// build their intercept column), so that no column of ones is stored.
  let covariates: Matrix
  /// Whether ``covariates`` and ``weight`` hold one row per unit (row `u` is unit `u`): in a
  /// balanced panel whose covariates and weights do not change over time (or that has
  /// neither), so the cells of a cohort share them (``PanelCellFrame``). Otherwise they have
  /// one row per row of ``outcome``.
  let covariatesPerUnit: Bool
  /// Whether the rows are stored period-major (balanced panels): the row of unit `u` in period
  /// index `p` is `p × unitCount + u`, so a cell reads each period's outcomes contiguously.
  var isPeriodMajor: Bool { design == .balancedPanel }
  /// Rows removed, by reason.
  let drops: DropReport
  /// What the preparation changed without removing rows.
  let notes: [String]
}

extension StaggeredSample {
  /// Validates and prepares the data for an estimator's options.
  ///
  /// Steps, as R did's `pre_process_did`: listwise deletion of rows missing any variable
  /// used; cohorts after the last period (plus the anticipation) count as never treated;
  /// without never-treated units the last cohort becomes the comparison group (counted as never
  /// treated for the never-treated comparison, left out of the estimated cohorts for the
  /// not-yet-treated one) and the periods from its (anticipation-shifted) first period on are
  /// not used; units treated in the first period (plus the anticipation) are removed; cohorts
  /// must be constant within units, and a unit has one row per period; a balanced panel
  /// removes units not observed in every period.
  ///
  /// - Throws: ``DiDError``.
  /// - Complexity: O(n log n) for n rows (coding units and clusters), plus O(n k) to copy k
  ///   covariate columns; periods and cohorts are coded without hashing when their values span
  ///   a small range (``IntegerCoding``).
  static func prepare(_ model: CallawaySantAnna, data: DataTable) throws(DiDError) -> StaggeredSample {
    let frame = try buildFrame(model, data: data)
    var drops = frame.drops
    var notes: [String] = []
    let rows = frame.rowIndices
    var time = try integers(data, model.time, rows: rows) { .nonIntegerTime(column: model.time, value: $0) }
    var cohort = try integers(data, model.cohort, rows: rows) { .invalidCohort(column: model.cohort, value: $0) }
    if let bad = cohort.first(where: { $0 < 0 }) { throw .invalidCohort(column: model.cohort, value: Double(bad)) }
    var keep = [Bool](repeating: true, count: rows.count)
    let timeCoding = IntegerCoding(time)
    guard let last = timeCoding.values.last else { throw .tooFewPeriods(count: 0) }

    // Cohorts after the last period (plus anticipation) are never treated within the sample.
    var late = 0
    for i in cohort.indices where cohort[i] > last + model.anticipation {
      cohort[i] = 0
      late += 1
    }
    if late > 0 {
      notes.append("\(late) row\(late == 1 ? "" : "s") of units first treated after the last period count as never treated.")
    }
    var latestCohort: Int?
    if !cohort.contains(0) {
      // As R did: the last cohort becomes the comparison group, and the periods from its
      // (anticipation-shifted) first treated period on, which have no comparison, are not used.
      let latest = cohort.max() ?? 0
      latestCohort = latest
      let cutoff = latest - model.anticipation
      var removed = 0
      for i in time.indices where time[i] >= cutoff {
        keep[i] = false
        removed += 1
      }
      if model.comparison == .neverTreated {
        for i in cohort.indices where cohort[i] == latest { cohort[i] = 0 }
      }
      notes.append(
        "No unit is never treated: the last cohort (\(latest)) serves as the comparison group"
          + (model.comparison == .neverTreated ? " (counted as never treated)" : "")
          + ", and the \(removed) row\(removed == 1 ? "" : "s") from period \(cutoff) on, which have no comparison "
          + "group, are not used.")
    }
    let first = timeCoding.values[0]
    var already = 0
    for i in cohort.indices where keep[i] && cohort[i] > 0 && cohort[i] <= first + model.anticipation {
      keep[i] = false
      already += 1
    }
    if already > 0 { drops.appendObservations(DropRecord(reason: .alreadyTreated, count: already, variables: [model.cohort])) }

    let unitCodes = model.unit.map { _ in frame.clusters[0] }
    let clusterCodes = model.cluster.map { _ in frame.clusters[model.unit == nil ? 0 : 1] }
    if let units = unitCodes {
      try checkUnits(
        units, time: time, timeCoding: timeCoding, cohort: cohort, cluster: clusterCodes, keep: keep, cohortName: model.cohort,
        clusterName: model.cluster)
      if model.design == .balancedPanel {
        let incomplete = incompleteRows(units, timeCoding: timeCoding, keep: keep)
        for i in incomplete { keep[i] = false }
        if !incomplete.isEmpty {
          drops.appendObservations(DropRecord(reason: .incompleteUnit, count: incomplete.count, variables: [model.unit ?? ""]))
        }
      }
    }
    let kept = keep.indices.filter { keep[$0] }
    let keptAll = kept.count == keep.count
    if !keptAll {
      time = kept.map { time[$0] }
      cohort = kept.map { cohort[$0] }
    }
    let keptTimes = keptAll ? timeCoding : IntegerCoding(time)
    let periods = keptTimes.values
    guard periods.count >= 2 else { throw .tooFewPeriods(count: periods.count) }
    var cohorts = IntegerCoding.distinctValues(cohort).filter { $0 > 0 && $0 > periods[0] + model.anticipation }
    if let latestCohort, model.comparison == .notYetTreated { cohorts.removeAll { $0 >= latestCohort } }
    guard !cohorts.isEmpty else {
      throw .noTreatedCohorts(
        reason: "every treated cohort is treated in the first period (plus the anticipation) or has no comparison group; "
          + "the cohort column must hold the first treated period, 0 for never treated")
    }
    return try assemble(
      model, frame: frame, kept: kept, rowPeriod: keptTimes.codes, cohort: cohort, periods: periods, cohorts: cohorts,
      units: unitCodes, clusters: clusterCodes, drops: drops, notes: notes)
  }

  /// The model frame: outcome and covariates, weights, unit and cluster codes, over the rows
  /// complete in every variable used.
  private static func buildFrame(_ model: CallawaySantAnna, data: DataTable) throws(DiDError) -> ModelFrame {
    do {
      let formula = try Formula(response: model.outcome, covariates: model.covariates)
      let clusters = [model.unit, model.cluster].compactMap { $0 }
      return try ModelFrame(
        formula: formula, data: data, weights: model.weights, clusters: clusters, extraColumns: [model.time, model.cohort])
    } catch let error as DataError {
      throw .data(error)
    } catch let error as FormulaError {
      throw .formula(error)
    } catch let error as ModelFrameError {
      throw .modelFrame(error)
    } catch {
      throw .data(.invalidValues(column: model.outcome, reason: "\(error)"))
    }
  }

  /// The whole-number values of a numeric column over some rows.
  private static func integers(
    _ data: DataTable, _ name: String, rows: [Int], error: (Double) -> DiDError
  ) throws(DiDError) -> [Int] {
    let column: Column
    do { column = try data.column(named: name) } catch { throw .data(error) }
    if case .int(let values) = column.storage {
      // The model frame's rows are complete in this column.
      var out = [Int](repeating: 0, count: rows.count)
      for (i, r) in rows.enumerated() {
        guard abs(values[r]) < 1_000_000_000_000_000 else { throw error(Double(values[r])) }
        out[i] = values[r]
      }
      return out
    }
    let values: [Double]
    do { values = try column.doubles() } catch { throw .data(error) }
    var out = [Int]()
    out.reserveCapacity(rows.count)
    for r in rows {
      let v = values[r]
      guard v.rounded() == v, abs(v) < 1e15 else { throw error(v) }
      out.append(Int(v))
    }
    return out
  }
}

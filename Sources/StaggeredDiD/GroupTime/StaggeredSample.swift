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
  /// The sampling weight of each row (of each unit with ``covariatesPerUnit``); empty without
  /// weights (every weight is 1).
  let weight: [Double]
  /// Whether the data have sampling weights.
  var hasWeights: Bool { !weight.isEmpty }
  /// The covariates of each row (of each unit with ``covariatesPerUnit``), intercept first;
  /// without covariates a 0 × 1 matrix (the cells build their intercept column), so that no
  /// column of ones is stored.
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
  /// Periods and cohorts are coded once (``IntegerCoding``); the rules above then act on their
  /// distinct values and a period × cohort table of row counts, so no row is visited for them.
  /// Units are coded in order of first appearance and checked in one pass over the rows
  /// (``UnitPass``), and the kept rows are laid out in one more
  /// (``init(laying:frame:covariates:time:cohort:rules:units:clusters:drops:notes:)``).
  ///
  /// - Throws: ``DiDError``.
  /// - Complexity: O(n + range) for n rows and the ranges of the integer columns (O(n log n)
  ///   when a range is wide), plus O(n k) to lay out k covariate columns.
  static func prepare(_ model: CallawaySantAnna, data: DataTable) throws(DiDError) -> StaggeredSample {
    // An integer unit column is coded here (in one pass with the checks); otherwise, and with a
    // cluster column, the model frame codes it.
    let unitKeysFromColumn = model.cluster == nil && model.unit.map { UnitKeys.canCode(data[$0]) } == true
    // Plain numeric covariates are read from the table's columns: the frame's design then holds
    // only the first of them (a formula needs a regressor) and no intercept column (only when
    // that leaves the frame's columns, hence its drop notes, in the same order).
    let plain =
      model.weights == nil && model.cluster == nil && (model.unit == nil || unitKeysFromColumn)
      ? CovariateSource.plainColumns(model.covariates, data: data, excluded: [model.outcome]).flatMap { $0.isEmpty ? nil : $0 }
      : nil
    let frame = try buildFrame(model, data: data, codeUnits: !unitKeysFromColumn, plainCovariates: plain?.map(\.0))
    let covariates = plain.map { CovariateSource(columns: $0.map(\.1), frame: frame) } ?? CovariateSource(frame: frame)
    var drops = frame.drops
    var notes: [String] = []
    // Periods, cohorts and the unit column are coded concurrently; errors are then reported in
    // the order of a serial pass (periods, cohorts, units).
    let codings = ColumnCodings(model, data: data, frame: frame, unitFromColumn: unitKeysFromColumn)
    let time = try codings.time.get()
    let cohort = try codings.cohort.get()
    if let bad = cohort.firstNegative() { throw .invalidCohort(column: model.cohort, value: Double(bad)) }
    let rules = PeriodCohortRules(model, time: time.coding, cohort: cohort.coding, notes: &notes, drops: &drops)

    var units: UnitPass?
    if let unit = model.unit {
      let keys = try codings.units?.get() ?? UnitKeys(frame.clusters[0])
      let clusterCodes = model.cluster.map { _ in frame.clusters[1] }
      var pass = try UnitPass(
        keys: keys, time: time.coding, cohort: cohort.coding, rules: rules, cluster: clusterCodes,
        cohortName: model.cohort, clusterName: model.cluster)
      if model.design == .balancedPanel, let removed = pass.removeIncompleteUnits(rules: rules) {
        drops.appendObservations(DropRecord(reason: .incompleteUnit, count: removed, variables: [unit]))
      }
      units = pass
    }
    return try StaggeredSample(
      laying: model, frame: frame, covariates: covariates, time: time.coding, cohort: cohort.coding, rules: rules,
      units: units, clusters: model.cluster.map { _ in frame.clusters[model.unit == nil ? 0 : 1] }, drops: drops,
      notes: notes)
  }

  /// The model frame: outcome and covariates, weights, cluster codes (and unit codes when
  /// `codeUnits`), over the rows complete in every variable used; with `plainCovariates`, the
  /// design holds only the first of them, the others are only checked for missing values.
  private static func buildFrame(
    _ model: CallawaySantAnna, data: DataTable, codeUnits: Bool, plainCovariates: [String]?
  ) throws(DiDError) -> ModelFrame {
    do {
      let formula =
        try plainCovariates.map { try Formula(response: model.outcome, regressors: Array($0.prefix(1)), intercept: false) }
        ?? Formula(response: model.outcome, covariates: model.covariates)
      // The columns in the order of a frame with the covariates in its formula (covariates, unit,
      // cluster, time, cohort), so that drop notes list them in the same order.
      let clusters = codeUnits ? [model.unit, model.cluster].compactMap { $0 } : []
      let extra = Array(plainCovariates?.dropFirst() ?? []) + (codeUnits ? [] : [model.unit].compactMap { $0 }) + [model.time, model.cohort]
      return try ModelFrame(formula: formula, data: data, weights: model.weights, clusters: clusters, extraColumns: extra)
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
}

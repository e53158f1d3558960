import CausalCore
import LinearAlgebra

extension StaggeredSample {
  /// Lays out the frame rows that `rules` keeps and, in panels, that belong to a unit of
  /// `units`: per-unit data, and the outcome, covariates and weights of every row (balanced
  /// panels: period-major, row `p × n + u` for unit `u` in period index `p`, with covariates
  /// and weights stored once per unit when they do not change over time, ``PanelLayout``).
  ///
  /// - Throws: ``DiDError/tooFewPeriods(count:)`` with fewer than two periods left;
  ///   ``DiDError/noTreatedCohorts(reason:)`` without a cohort to estimate.
  /// - Complexity: O(n k) for n kept rows and k covariate columns.
  init(
    laying model: CallawaySantAnna, frame: ModelFrame, covariates source: CovariateSource, time: IntegerCoding,
    cohort: IntegerCoding, rules: PeriodCohortRules, units: UnitPass?, clusters: FactorCodes?, drops: DropReport,
    notes: [String]
  ) throws(DiDError) {
    let frameRows = frame.observationCount
    let periodIndex = Self.periodIndex(time, rules: rules, units: units)
    let periods = time.values.indices.filter { periodIndex[$0] >= 0 }.map { time.values[$0] }
    guard periods.count >= 2 else { throw .tooFewPeriods(count: periods.count) }
    self.periods = periods
    self.design = model.design
    self.drops = drops
    self.notes = notes
    let keepsAll = rules.keepsAll && units?.removedRows ?? 0 == 0
    let kept: [Int]? =
      keepsAll
      ? nil
      : (0..<frameRows).filter { i in
        units.map { $0.rowUnit[i] >= 0 } ?? rules.keeps(time: time.codes[i], cohort: cohort.codes[i])
      }
    let rowCount = kept?.count ?? frameRows
    let row = { (r: Int) in kept?[r] ?? r }
    // Units: first-appearance codes in panels, the rows themselves in repeated cross-sections.
    let unitCount = units?.unitCount ?? rowCount
    self.unitCount = unitCount
    let unitOfRow = { (r: Int) -> Int in units.map { Int($0.rowUnit[row(r)]) } ?? r }
    let unitCohort =
      units.map { pass in pass.firstRow.map { rules.cohortValue[Int(cohort.codes[$0])] } }
      ?? (0..<rowCount).map { rules.cohortValue[Int(cohort.codes[row($0)])] }
    self.unitCohort = unitCohort
    var cohorts = IntegerCoding.distinctValues(unitCohort).filter { $0 > 0 && $0 > periods[0] + model.anticipation }
    if let latest = rules.latestCohort, model.comparison == .notYetTreated { cohorts.removeAll { $0 >= latest } }
    guard !cohorts.isEmpty else {
      throw .noTreatedCohorts(
        reason: "every treated cohort is treated in the first period (plus the anticipation) or has no comparison group; "
          + "the cohort column must hold the first treated period, 0 for never treated")
    }
    self.cohorts = cohorts
    self.unitWeight = Self.unitWeights(
      model.design, frame: frame, rowCount: rowCount, unitCount: unitCount, row: row, unit: unitOfRow,
      period: { periodIndex[Int(time.codes[row($0)])] })
    if let clusters {
      var newCode = [Int32](repeating: -1, count: clusters.levelCount)
      var codes = [Int32](repeating: 0, count: unitCount)
      var next: Int32 = 0
      for r in 0..<rowCount {
        let old = Int(clusters.codes[row(r)])
        if newCode[old] < 0 {
          newCode[old] = next
          next += 1
        }
        codes[unitOfRow(r)] = newCode[old]
      }
      unitCluster = codes
      clusterCount = Int(next)
    } else {
      unitCluster = nil
      clusterCount = 0
    }
    let hasCovariates = source.columnCount > 1
    if model.design == .balancedPanel, let units {
      let layout = PanelLayout(
        frame: frame, covariates: hasCovariates ? source : nil, units: units, timeCodes: time.codes,
        periodIndex: periodIndex, periodCount: periods.count)
      rowUnit = []
      rowPeriod = []
      outcome = layout.outcome
      weight = layout.weight
      covariates = layout.covariates
      covariatesPerUnit = layout.perUnit
      return
    }
    rowUnit = (0..<rowCount).map { Int32(unitOfRow($0)) }
    rowPeriod = (0..<rowCount).map { Int32(periodIndex[Int(time.codes[row($0)])]) }
    outcome = kept.map { rows in rows.map { frame.response[$0] } } ?? frame.response
    weight = frame.weights.map { w in kept.map { rows in rows.map { w[$0] } } ?? w } ?? []
    covariates =
      !hasCovariates
      ? Matrix(uncheckedRows: 0, columns: 1, elements: []) : kept.map { source.gathering($0) } ?? source.allRows(count: frameRows)
    covariatesPerUnit = false
  }

  /// The index of each period code among the periods of the kept rows, or -1.
  private static func periodIndex(_ time: IntegerCoding, rules: PeriodCohortRules, units: UnitPass?) -> [Int] {
    var index = [Int](repeating: -1, count: time.values.count)
    guard units?.unitCount ?? 1 > 0 else { return index }
    var next = 0
    for t in time.values.indices where rules.rowsPerPeriod[t] > 0 {
      index[t] = next
      next += 1
    }
    return index
  }

  /// The units' weights in the aggregation shares: the weight in the first period (balanced
  /// panels), the mean of the rows' weights (unbalanced panels), the row's weight (repeated
  /// cross-sections); 1 without weights.
  private static func unitWeights(
    _ design: SampleDesign, frame: ModelFrame, rowCount: Int, unitCount: Int, row: (Int) -> Int, unit: (Int) -> Int,
    period: (Int) -> Int
  ) -> [Double] {
    guard let weights = frame.weights else { return [Double](repeating: 1, count: unitCount) }
    if design == .balancedPanel {
      var first = [Double](repeating: .nan, count: unitCount)
      for r in 0..<rowCount where period(r) == 0 { first[unit(r)] = weights[row(r)] }
      return first
    }
    var sums = [Double](repeating: 0, count: unitCount)
    var counts = [Int](repeating: 0, count: unitCount)
    for r in 0..<rowCount {
      sums[unit(r)] += weights[row(r)]
      counts[unit(r)] += 1
    }
    return (0..<unitCount).map { sums[$0] / Double(counts[$0]) }
  }
}

import CausalKit

/// The panel with the school effects partialled out, for estimators that take covariates but
/// no absorbed fixed effects (`InterventionalMediation`).
///
/// Every analysed variable (treatment, mediators, outcomes) and every period dummy (one per
/// period after the first, ``AnalysisPanel/periodDummies``) is centred on its school mean over
/// the school's students. By the Frisch–Waugh–Lovell theorem, a linear regression of a centred
/// variable on centred regressors and the centred period dummies has exactly the slopes of the
/// two-way fixed-effects regression `y ~ x | school + year` on the raw data, in an unbalanced
/// panel too (the one-way centring of the dummies is what makes it exact; centring the
/// variables on school and year means separately would not be). The intercept is then zero.
///
/// Two properties make the table fit for a cluster bootstrap by school: a school's centred
/// rows depend on that school's rows only, so a resample that draws a school twice holds two
/// copies of the same centred rows, as if the school effect were refitted for each copy; and a
/// variable constant within a school-year stays constant within it (the school-year
/// ``schoolYearColumn`` identifies those cells, the clusters of a school-year mediator).
///
/// ```swift
/// let within = try WithinSchoolTable(panel: panel, variables: ["treat_post", "peer", "math"])
/// within.table            // school, school_year, centred columns, centred period dummies
/// within.periodDummies    // ["period_2016", ...]
/// ```
public struct WithinSchoolTable: Sendable {
  /// The name of the school-year cell column (the unit's code · 10,000 + the period's index).
  public static let schoolYearColumn = "school_year"

  /// The unit column, the school-year column, the centred variables and dummies.
  public var table: DataTable
  /// The centred period dummies' names.
  public var periodDummies: [String]

  /// Centres the variables and period dummies of a panel within its units.
  ///
  /// - Parameters:
  ///   - panel: The prepared panel.
  ///   - variables: The numeric columns to centre (treatment, mediators, outcomes).
  /// - Throws: `DataError` when a column is missing or not numeric.
  public init(panel: AnalysisPanel, variables: [String]) throws {
    let s = panel.schema
    let unit = try panel.table.column(named: s.unit).doubles()
    let time = try panel.table.column(named: s.time).doubles()
    var code = [Double: Int]()
    var unitIndex = [Int]()
    unitIndex.reserveCapacity(unit.count)
    for u in unit {
      if let g = code[u] {
        unitIndex.append(g)
      } else {
        unitIndex.append(code.count)
        code[u] = code.count
      }
    }
    var counts = [Double](repeating: 0, count: code.count)
    for g in unitIndex { counts[g] += 1 }
    var periodIndex = [Double: Int]()
    for (i, p) in panel.periods.enumerated() { periodIndex[Double(p)] = i }
    let cells = zip(unitIndex, time).map { g, t in g * 10_000 + (periodIndex[t] ?? 0) }
    func centred(_ x: [Double]) -> [Double] {
      var sums = [Double](repeating: 0, count: counts.count)
      for (i, g) in unitIndex.enumerated() { sums[g] += x[i] }
      return x.indices.map { x[$0] - sums[unitIndex[$0]] / counts[unitIndex[$0]] }
    }
    var columns = [Column(name: s.unit, ints: unitIndex), Column(name: Self.schoolYearColumn, ints: cells)]
    for name in variables { columns.append(Column(name: name, doubles: centred(try panel.table.column(named: name).doubles()))) }
    for name in panel.periodDummies {
      columns.append(Column(name: name, doubles: centred(try panel.table.column(named: name).doubles())))
    }
    table = try DataTable(columns: columns)
    periodDummies = panel.periodDummies
  }
}

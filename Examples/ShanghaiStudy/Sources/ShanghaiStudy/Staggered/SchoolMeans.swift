import CausalKit

/// School-level tables of means built from the student rows of an ``AnalysisPanel``: one row
/// per school and period (the balanced panel the Goodman-Bacon decomposition needs) or per
/// school and pre/post half (the two-period panel of the doubly robust 2×2 DiD).
///
/// Columns: ``unitColumn`` (the school's code, 0-based), the key (the period, under the
/// schema's time column, or ``AnalysisPanel/postColumn``), ``AnalysisPanel/treatedColumn``,
/// ``AnalysisPanel/treatPostColumn`` (the school-period mean, 0 or 1 when the treatment is
/// constant within a school-period), ``studentsColumn``, and the mean of every outcome and
/// conditioning covariate (missing values skipped; NaN when a cell has none).
///
/// ```swift
/// let schoolYears = try SchoolMeans.table(prepared, by: .period)   // Goodman-Bacon's balanced panel
/// let schoolHalves = try SchoolMeans.table(prepared, by: .post)    // the DR DiD's two-period panel
/// ```
public enum SchoolMeans {
  /// The generated school-code column.
  public static let unitColumn = "school_code"
  /// The generated column counting the students behind each mean.
  public static let studentsColumn = "students"

  /// How the rows of a school are grouped.
  public enum Key: Sendable {
    /// One row per school and period.
    case period
    /// One row per school and pre/post half (``AnalysisPanel/postColumn``).
    case post
  }

  /// Builds the table of means.
  ///
  /// - Parameters:
  ///   - panel: The prepared panel.
  ///   - key: Period or pre/post.
  /// - Returns: The table, rows ordered by school, then key; school-keys without students are
  ///   absent (so the period table is unbalanced when a school misses a year).
  /// - Throws: `DataError` for a column that cannot be read as numbers.
  /// - Complexity: O(n (outcomes + covariates)) for n students, plus O(n log n) to code schools.
  public static func table(_ panel: AnalysisPanel, by key: Key) throws -> DataTable {
    let s = panel.schema
    let data = panel.table
    let units = try FactorCodes(column: data.column(named: s.unit))
    let keyValues: [Int]
    let keyCount: Int
    let keyLabels: [Int]
    switch key {
    case .period:
      let index = Dictionary(uniqueKeysWithValues: panel.periods.enumerated().map { ($0.element, $0.offset) })
      keyValues = try data.column(named: s.time).doubles().map { index[Int($0)] ?? 0 }
      keyCount = panel.periods.count
      keyLabels = panel.periods
    case .post:
      keyValues = try data.column(named: AnalysisPanel.postColumn).doubles().map { Int($0) }
      keyCount = 2
      keyLabels = [0, 1]
    }
    let cells = units.levelCount * keyCount
    let measured = [AnalysisPanel.treatedColumn, AnalysisPanel.treatPostColumn] + s.outcomes
      + s.conditioningCovariates.filter { !s.outcomes.contains($0) }
    var sums = [[Double]](repeating: [Double](repeating: 0, count: cells), count: measured.count)
    var counts = [[Double]](repeating: [Double](repeating: 0, count: cells), count: measured.count)
    var students = [Int](repeating: 0, count: cells)
    let cellOf = units.codes.indices.map { Int(units.codes[$0]) * keyCount + keyValues[$0] }
    for i in cellOf.indices { students[cellOf[i]] += 1 }
    for (j, name) in measured.enumerated() {
      let x = try data.column(named: name).doubles()
      for i in x.indices where !x[i].isNaN {
        sums[j][cellOf[i]] += x[i]
        counts[j][cellOf[i]] += 1
      }
    }
    let present = (0..<cells).filter { students[$0] > 0 }
    var columns = [
      Column(name: unitColumn, ints: present.map { $0 / keyCount }),
      Column(name: key == .period ? s.time : AnalysisPanel.postColumn, ints: present.map { keyLabels[$0 % keyCount] }),
      Column(name: studentsColumn, ints: present.map { students[$0] }),
    ]
    for (j, name) in measured.enumerated() {
      columns.append(Column(name: name, doubles: present.map { counts[j][$0] > 0 ? sums[j][$0] / counts[j][$0] : .nan }))
    }
    return try DataTable(columns: columns)
  }
}

import CausalCore

/// The time and cohort columns of a staggered-adoption design, read as numbers and checked to
/// hold whole periods (missing values stay NaN).
enum PeriodColumns {
  /// Reads both columns.
  ///
  /// - Parameters:
  ///   - data: The table.
  ///   - time: The time column.
  ///   - cohort: The cohort column (first treated period; 0 or any non-period value for never
  ///     treated).
  ///   - rows: The rows to check, or `nil` for every row.
  /// - Returns: The two columns as doubles, over every row of the table.
  /// - Throws: ``DiDError/data(_:)`` for a missing or text column,
  ///   ``DiDError/nonIntegerTime(column:value:)``, ``DiDError/invalidCohort(column:value:)``
  ///   for a fractional, negative or huge value.
  /// - Complexity: O(n).
  static func read(_ data: DataTable, time: String, cohort: String, rows: [Int]? = nil) throws(DiDError) -> (times: [Double], cohorts: [Double]) {
    let times: [Double]
    let cohorts: [Double]
    do {
      times = try data.column(named: time).doubles()
      cohorts = try data.column(named: cohort).doubles()
    } catch { throw .data(error) }
    for r in rows ?? Array(times.indices) {
      let (t, g) = (times[r], cohorts[r])
      if !t.isNaN, t != t.rounded() || abs(t) >= 1e9 { throw .nonIntegerTime(column: time, value: t) }
      if !g.isNaN, g != g.rounded() || g < 0 || g >= 1e9 { throw .invalidCohort(column: cohort, value: g) }
    }
    return (times, cohorts)
  }
}

import CausalCore

/// The whole-number values of an integer column (periods or cohorts) over the model frame's
/// rows, coded (``IntegerCoding``).
struct RowIntegers: Sendable {
  /// The distinct values and each frame row's code.
  let coding: IntegerCoding

  /// Reads and codes a column over the frame's rows.
  ///
  /// - Parameters:
  ///   - data: The table.
  ///   - name: The column.
  ///   - rows: The table row of each frame row, or `nil` when the frame kept every row.
  ///   - error: The error for a value that is not a whole number (or beyond ±10¹⁵, ±10¹⁸ in an
  ///     integer column), for the first such row.
  /// - Throws: That error, or the data error of a column that is not numeric.
  /// - Complexity: O(n + range) (O(n log n) for a wide range); an integer column with every row
  ///   kept is coded without a copy.
  init(_ data: DataTable, _ name: String, rows: [Int]?, error: (Double) -> DiDError) throws(DiDError) {
    let column: Column
    do { column = try data.column(named: name) } catch { throw .data(error) }
    if case .int(let values) = column.storage {
      // The model frame's rows are complete in this column.
      let limit = 1_000_000_000_000_000_000
      if let rows {
        var out = [Int](repeating: 0, count: rows.count)
        for (i, r) in rows.enumerated() {
          guard values[r] > -limit, values[r] < limit else { throw error(Double(values[r])) }
          out[i] = values[r]
        }
        coding = IntegerCoding(out)
      } else {
        if let bad = values.first(where: { $0 <= -limit || $0 >= limit }) { throw error(Double(bad)) }
        coding = IntegerCoding(values)
      }
      return
    }
    let values: [Double]
    do { values = try column.doubles() } catch { throw .data(error) }
    var out = [Int]()
    out.reserveCapacity(rows?.count ?? values.count)
    for i in 0..<(rows?.count ?? values.count) {
      let v = values[rows?[i] ?? i]
      guard v.rounded() == v, abs(v) < 1e15 else { throw error(v) }
      out.append(Int(v))
    }
    coding = IntegerCoding(out)
  }

  /// The first negative value in row order, or `nil`.
  ///
  /// - Complexity: O(1) without negative values, else O(n).
  func firstNegative() -> Int? {
    guard let lowest = coding.values.first, lowest < 0 else { return nil }
    let negative = Int32(coding.values.firstIndex { $0 >= 0 } ?? coding.values.count)
    return coding.codes.first { $0 < negative }.map { coding.values[Int($0)] }
  }
}

/// R did's rules on periods and cohorts (`pre_process_did`), applied to the distinct values
/// and a period × cohort table of row counts, so that no row is visited.
///
/// Cohorts after the last period (plus the anticipation) count as never treated; without
/// never-treated units the last cohort becomes the comparison group (counted as never treated
/// for the never-treated comparison) and the periods from its (anticipation-shifted) first
/// period on are removed; units treated in the first period (plus the anticipation) are
/// removed. A frame row is kept when neither its period nor its cohort is removed
/// (``keeps(time:cohort:)``).
struct PeriodCohortRules: Sendable {
  /// The cohort each cohort code stands for after the rules (late cohorts, and the last cohort
  /// when it serves as never treated, become 0).
  let cohortValue: [Int]
  /// `true` at `t × cohorts + c` when the rows of period code `t` and cohort code `c` are kept.
  let kept: [Bool]
  /// The number of cohort codes.
  let cohortCount: Int
  /// Kept rows per period code.
  let rowsPerPeriod: [Int]
  /// The last cohort when it serves as the comparison group (no never-treated unit), or `nil`.
  let latestCohort: Int?

  /// Applies the rules, appending their notes and drop records.
  ///
  /// - Complexity: O(n) for the table of counts, plus O(periods × cohorts).
  init(
    _ model: CallawaySantAnna, time: IntegerCoding, cohort: IntegerCoding, notes: inout [String], drops: inout DropReport
  ) {
    let periodCount = time.values.count, cohortCount = cohort.values.count
    var counts = [Int](repeating: 0, count: periodCount * cohortCount)
    counts.withUnsafeMutableBufferPointer { table in
      time.codes.withUnsafeBufferPointer { t in
        cohort.codes.withUnsafeBufferPointer { c in
          for i in 0..<t.count { table[Int(t[i]) * cohortCount + Int(c[i])] += 1 }
        }
      }
    }
    let rowsOfCohort = (0..<cohortCount).map { c in (0..<periodCount).reduce(0) { $0 + counts[$1 * cohortCount + c] } }
    let last = time.values.last ?? 0, first = time.values.first ?? 0
    var value = cohort.values
    // Cohorts after the last period (plus anticipation) are never treated within the sample.
    var late = 0
    for c in 0..<cohortCount where value[c] > last + model.anticipation {
      value[c] = 0
      late += rowsOfCohort[c]
    }
    if late > 0 {
      notes.append("\(late) row\(late == 1 ? "" : "s") of units first treated after the last period count as never treated.")
    }
    var periodKept = [Bool](repeating: true, count: periodCount)
    var latestCohort: Int?
    if !value.contains(0) {
      // As R did: the last cohort becomes the comparison group, and the periods from its
      // (anticipation-shifted) first treated period on, which have no comparison, are not used.
      let latest = value.max() ?? 0
      latestCohort = latest
      let cutoff = latest - model.anticipation
      var removed = 0
      for t in 0..<periodCount where time.values[t] >= cutoff {
        periodKept[t] = false
        removed += (0..<cohortCount).reduce(0) { $0 + counts[t * cohortCount + $1] }
      }
      if model.comparison == .neverTreated {
        for c in 0..<cohortCount where value[c] == latest { value[c] = 0 }
      }
      notes.append(
        "No unit is never treated: the last cohort (\(latest)) serves as the comparison group"
          + (model.comparison == .neverTreated ? " (counted as never treated)" : "")
          + ", and the \(removed) row\(removed == 1 ? "" : "s") from period \(cutoff) on, which have no comparison "
          + "group, are not used.")
    }
    var kept = [Bool](repeating: false, count: periodCount * cohortCount)
    var already = 0
    for t in 0..<periodCount where periodKept[t] {
      for c in 0..<cohortCount {
        if value[c] > 0 && value[c] <= first + model.anticipation {
          already += counts[t * cohortCount + c]
        } else {
          kept[t * cohortCount + c] = true
        }
      }
    }
    if already > 0 { drops.appendObservations(DropRecord(reason: .alreadyTreated, count: already, variables: [model.cohort])) }
    self.cohortValue = value
    self.kept = kept
    self.cohortCount = cohortCount
    self.rowsPerPeriod = (0..<periodCount).map { t in
      (0..<cohortCount).reduce(0) { $0 + (kept[t * cohortCount + $1] ? counts[t * cohortCount + $1] : 0) }
    }
    self.latestCohort = latestCohort
  }

  /// Whether the rows of a period code and a cohort code are kept.
  @inline(__always)
  func keeps(time: Int32, cohort: Int32) -> Bool { kept[Int(time) * cohortCount + Int(cohort)] }

  /// Whether every frame row is kept.
  var keepsAll: Bool { !kept.contains(false) }
}

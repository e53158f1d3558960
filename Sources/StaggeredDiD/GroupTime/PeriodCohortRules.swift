import CausalCore

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

import CausalCore

/// The units of the kept rows, coded in order of first appearance, and checked in the same
/// pass: every unit has one cohort and one cluster, and at most one row per period.
struct UnitPass {
  /// The unit of each frame row; -1 for rows not kept.
  private(set) var rowUnit: [Int32]
  /// The number of units.
  private(set) var unitCount: Int
  /// Each unit's first frame row.
  private(set) var firstRow: [Int]
  /// Each unit's number of rows.
  private(set) var rowCount: [Int32]
  /// Rows removed by ``removeIncompleteUnits(time:)``.
  private(set) var removedRows = 0

  /// Codes and checks the units of the rows that `rules` keeps.
  ///
  /// - Throws: ``DiDError/cohortVariesWithinUnit(unit:column:)``,
  ///   ``DiDError/clusterVariesWithinUnit(unit:column:)``,
  ///   ``DiDError/duplicateUnitPeriod(unit:period:)``, for the first unit at fault in ascending
  ///   order of the units' values.
  /// - Complexity: O(n + keys + units × periods / 64): one pass over the rows; with a problem
  ///   (or too many units × periods for a bit per pair), a second pass grouped by unit finds
  ///   the first unit at fault.
  init(
    keys: UnitKeys, time: IntegerCoding, cohort: IntegerCoding, rules: PeriodCohortRules, cluster: FactorCodes?,
    cohortName: String, clusterName: String?
  ) throws(DiDError) {
    let n = keys.keys.count, periods = time.values.count
    let useBits = keys.count * periods <= 64 * max(n, 1)
    let capacity = min(keys.count, n)
    var table = [Int32](repeating: -1, count: keys.count)
    var rowUnit = [Int32](repeating: -1, count: n)
    var firstRow = [Int](repeating: 0, count: capacity), rowCount = [Int32](repeating: 0, count: capacity)
    var unitCohort = [Int](repeating: 0, count: capacity)
    var unitCluster = [Int32](repeating: 0, count: cluster == nil ? 0 : capacity)
    var seen = [UInt64](repeating: 0, count: useBits ? (keys.count * periods + 63) / 64 : 0)
    var clean = true
    var units = 0
    let keepsAll = rules.keepsAll, cohortCount = rules.cohortCount
    let clusterCodes = cluster?.codes ?? []
    ArrayBuffers.read(keys.keys, time.codes, cohort.codes, clusterCodes) { key, t, c, clusterCodes in
      ArrayBuffers.read(rules.kept, rules.cohortValue) { kept, cohortValue in
        ArrayBuffers.write(&table, &rowUnit, &seen) { table, rowUnit, seen in
          ArrayBuffers.write(&firstRow, &rowCount, &unitCohort) { firstRow, rowCount, unitCohort in
            unitCluster.withUnsafeMutableBufferPointer { unitCluster in
              let hasCluster = !clusterCodes.isEmpty
              for i in 0..<n {
                let tc = Int(t[i]), cc = Int(c[i])
                if !keepsAll && !kept[tc &* cohortCount &+ cc] { continue }
                let value = cohortValue[cc]
                var u = Int(table[Int(key[i])])
                if u < 0 {
                  u = units
                  units += 1
                  table[Int(key[i])] = Int32(truncatingIfNeeded: u)
                  firstRow[u] = i
                  unitCohort[u] = value
                  if hasCluster { unitCluster[u] = clusterCodes[i] }
                } else if value != unitCohort[u] || (hasCluster && clusterCodes[i] != unitCluster[u]) {
                  clean = false
                  break
                }
                rowUnit[i] = Int32(truncatingIfNeeded: u)
                rowCount[u] &+= 1
                if useBits {
                  let bit = u &* periods &+ tc
                  let mask: UInt64 = 1 << UInt64(bit & 63)
                  if seen[bit >> 6] & mask != 0 {
                    clean = false
                    break
                  }
                  seen[bit >> 6] |= mask
                }
              }
            }
          }
        }
      }
    }
    firstRow.removeLast(capacity - units)
    rowCount.removeLast(capacity - units)
    if !clean || !useBits {
      try Self.findFault(
        keys: keys, time: time, cohort: cohort, rules: rules, cluster: cluster, cohortName: cohortName,
        clusterName: clusterName)
    }
    self.rowUnit = rowUnit
    self.unitCount = units
    self.firstRow = firstRow
    self.rowCount = rowCount
  }

  /// Throws for the first unit (in ascending order of keys) with two cohorts, two clusters or
  /// two rows in one period; returns when there is none.
  ///
  /// - Complexity: O(n + keys).
  private static func findFault(
    keys: UnitKeys, time: IntegerCoding, cohort: IntegerCoding, rules: PeriodCohortRules, cluster: FactorCodes?,
    cohortName: String, clusterName: String?
  ) throws(DiDError) {
    let keep = keys.keys.indices.map { rules.keeps(time: time.codes[$0], cohort: cohort.codes[$0]) }
    let byUnit = GroupedRows(codes: keys.keys, groupCount: keys.count, keep: keep)
    let value = { (r: Int) in rules.cohortValue[Int(cohort.codes[r])] }
    var lastUnit = [Int](repeating: -1, count: time.values.count)
    for u in 0..<keys.count {
      let rows = byUnit.rows(of: u)
      guard let head = rows.first else { continue }
      for r in rows {
        if value(r) != value(head) { throw .cohortVariesWithinUnit(unit: keys.label(u), column: cohortName) }
        if let cluster, cluster.codes[r] != cluster.codes[head] {
          throw .clusterVariesWithinUnit(unit: keys.label(u), column: clusterName ?? cluster.name)
        }
      }
      for r in rows {
        let code = Int(time.codes[r])
        if lastUnit[code] == u { throw .duplicateUnitPeriod(unit: keys.label(u), period: Double(time.values[code])) }
        lastUnit[code] = u
      }
    }
  }

  /// Removes the units observed in fewer periods than there are periods among the kept rows
  /// (a balanced panel), keeping the others' order.
  ///
  /// - Returns: The number of rows removed, or `nil` when every unit is complete.
  /// - Complexity: O(n).
  mutating func removeIncompleteUnits(rules: PeriodCohortRules) -> Int? {
    let periods = rules.rowsPerPeriod.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
    guard rowCount.contains(where: { Int($0) < periods }) else { return nil }
    var newCode = [Int32](repeating: -1, count: unitCount)
    var next: Int32 = 0
    var removed = 0
    for u in 0..<unitCount {
      if Int(rowCount[u]) < periods {
        removed += Int(rowCount[u])
      } else {
        newCode[u] = next
        next += 1
      }
    }
    for i in rowUnit.indices where rowUnit[i] >= 0 { rowUnit[i] = newCode[Int(rowUnit[i])] }
    let complete = (0..<unitCount).filter { newCode[$0] >= 0 }
    firstRow = complete.map { firstRow[$0] }
    rowCount = complete.map { rowCount[$0] }
    unitCount = complete.count
    removedRows = removed
    return removed
  }
}

/// The rows of a panel grouped by unit, checked to hold each unit once in every period.
///
/// Built by a counting sort on the unit codes (no hashing, no comparison sort), so that
/// duplicates, missing periods and the onset of treatment are all found in O(n).
struct BaconPanelLayout {
  /// The unit codes, with their labels for messages.
  let units: FactorCodes
  /// The time code of each period index.
  let periods: [Int]
  /// The period index of each row.
  let periodCodes: [Int32]

  /// Groups the rows by unit and checks that every unit has exactly one row per period.
  ///
  /// - Parameters:
  ///   - units: The unit codes of the rows.
  ///   - periods: The time code of each period index, ascending.
  ///   - periodCodes: The period index of each row.
  /// - Throws: ``BaconDecompositionError/duplicateObservation(unit:period:)`` for the first
  ///   unit (in code order) with two rows in a period;
  ///   ``BaconDecompositionError/unbalancedPanel(incompleteUnits:units:periods:exampleUnit:exampleMissingPeriod:)``
  ///   when some unit lacks a period.
  /// - Complexity: O(n + units + periods) time and memory.
  init(units: FactorCodes, periods: [Int], periodCodes: [Int32]) throws(BaconDecompositionError) {
    self.units = units
    self.periods = periods
    self.periodCodes = periodCodes
    let unitCount = units.levelCount, periodCount = periods.count
    var start = [Int](repeating: 0, count: unitCount + 1)
    for code in units.codes { start[Int(code) + 1] += 1 }
    for u in 0..<unitCount { start[u + 1] += start[u] }
    var next = start
    var rowsByUnit = [Int](repeating: 0, count: units.codes.count)
    for (row, code) in units.codes.enumerated() {
      rowsByUnit[next[Int(code)]] = row
      next[Int(code)] += 1
    }
    // lastUnit[p] is the last unit seen in period p: a unit's rows are contiguous in
    // rowsByUnit, so meeting the unit again in the same period is a duplicate.
    var lastUnit = [Int](repeating: -1, count: periodCount)
    var incomplete = 0
    var example: (unit: Int, period: Int)?
    for u in 0..<unitCount {
      for position in start[u]..<start[u + 1] {
        let p = Int(periodCodes[rowsByUnit[position]])
        if lastUnit[p] == u {
          throw .duplicateObservation(unit: units.labels[u], period: periods[p])
        }
        lastUnit[p] = u
      }
      if start[u + 1] - start[u] < periodCount {
        incomplete += 1
        if example == nil, let missing = lastUnit.firstIndex(where: { $0 != u }) { example = (u, missing) }
      }
    }
    if incomplete > 0, let example {
      throw .unbalancedPanel(
        incompleteUnits: incomplete, units: unitCount, periods: periodCount, exampleUnit: units.labels[example.unit],
        exampleMissingPeriod: periods[example.period])
    }
  }

  /// The onset of every unit: the index of its first treated period (`periods.count` for a unit
  /// never treated), after checking that the treatment is absorbing.
  ///
  /// - Parameter treatment: The 0/1 treatment of each row.
  /// - Returns: One onset per unit code.
  /// - Throws: ``BaconDecompositionError/treatmentNotAbsorbing(unit:period:treatedSince:)`` for
  ///   the first unit (in code order) whose treatment is 0 after being 1, naming its last
  ///   untreated period.
  /// - Complexity: O(n + units).
  func onsets(treatment: [Double]) throws(BaconDecompositionError) -> [Int] {
    let unitCount = units.levelCount, periodCount = periods.count
    var firstTreated = [Int](repeating: periodCount, count: unitCount)
    var lastUntreated = [Int](repeating: -1, count: unitCount)
    for row in treatment.indices {
      let u = Int(units.codes[row]), p = Int(periodCodes[row])
      if treatment[row] == 1 {
        firstTreated[u] = min(firstTreated[u], p)
      } else {
        lastUntreated[u] = max(lastUntreated[u], p)
      }
    }
    if let u = (0..<unitCount).first(where: { lastUntreated[$0] > firstTreated[$0] }) {
      throw .treatmentNotAbsorbing(
        unit: units.labels[u], period: periods[lastUntreated[u]], treatedSince: periods[firstTreated[u]])
    }
    return firstTreated
  }
}

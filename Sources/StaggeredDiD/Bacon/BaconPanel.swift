/// The panel a Goodman-Bacon decomposition works on: validated (balanced, absorbing 0/1
/// treatment, integer time) and reduced to its timing groups with their mean outcomes by period.
///
/// Periods are the distinct time codes in ascending order, indexed `0..<periodCount`; a unit's
/// onset is the index of its first treated period (0 for units treated in every period,
/// `periodCount` for units never treated). Gaps between time codes do not matter: the
/// decomposition, like the regression, uses only the order of the periods.
struct BaconPanel {
  /// One group of units sharing an onset: a timing group, the never-treated or the
  /// always-treated units.
  struct Cohort {
    /// Index of the first treated period: 0 for the always treated, `periodCount` for the never
    /// treated.
    let onset: Int
    /// The number of units.
    let units: Int
    /// Prefix sums of the group's mean outcome by period, centred on the group's mean over all
    /// periods (so that window means lose no digits to a large outcome level; the centring
    /// cancels in every before-after difference): `prefix[p]` sums periods `0..<p`.
    let prefix: [Double]

    /// The group's (centred) mean outcome over periods `start..<end`.
    ///
    /// - Complexity: O(1).
    func mean(_ start: Int, _ end: Int) -> Double { (prefix[end] - prefix[start]) / Double(end - start) }

    /// The change of the group's mean outcome from periods `start..<split` to `split..<end`.
    func change(_ start: Int, _ split: Int, _ end: Int) -> Double { mean(split, end) - mean(start, split) }
  }

  /// The time code of each period, ascending.
  let periods: [Int]
  /// The number of units.
  let unitCount: Int
  /// The groups by ascending onset: always treated (if any), timing groups, never treated (if any).
  let cohorts: [Cohort]

  /// The number of periods.
  var periodCount: Int { periods.count }
  /// The timing groups: units first treated after the first period.
  var timingGroups: [Cohort] { cohorts.filter { $0.onset > 0 && $0.onset < periodCount } }
  /// The never-treated group, if any.
  var neverTreated: Cohort? { cohorts.last.flatMap { $0.onset == periodCount ? $0 : nil } }
  /// The always-treated group, if any.
  var alwaysTreated: Cohort? { cohorts.first.flatMap { $0.onset == 0 ? $0 : nil } }

  /// Reads and validates the four columns and builds the cohorts.
  ///
  /// - Parameters:
  ///   - table: The data.
  ///   - outcome: Outcome column (numeric).
  ///   - unit: Unit column (any kind).
  ///   - time: Time column (integers, or doubles with integral values).
  ///   - treatment: Treatment column (numeric or logical, 0/1).
  /// - Throws: `DataError` for an unknown or mistyped column, missing or non-finite values, a
  ///   treatment other than 0/1 or a non-integer time code, or a table without rows;
  ///   ``BaconDecompositionError`` for a duplicated unit-period, an unbalanced panel, a
  ///   treatment that is not absorbing, or no usable variation in treatment timing.
  /// - Complexity: O(n) time and memory for n rows (plus the coding of the unit and time
  ///   columns: O(n) for integer codes of small range, O(n log n) otherwise).
  init(table: DataTable, outcome: String, unit: String, time: String, treatment: String) throws {
    let y = try Self.numbers(table.column(named: outcome))
    let d = try Self.numbers(table.column(named: treatment))
    let timeColumn = try table.column(named: time)
    let unitColumn = try table.column(named: unit)
    guard table.rowCount > 0 else { throw DataError.noObservations(reason: "the table has no rows") }
    if let first = (0..<table.rowCount).first(where: unitColumn.isMissing) {
      let count = (0..<table.rowCount).filter(unitColumn.isMissing).count
      throw DataError.invalidValues(column: unit, reason: Self.missingReason(count: count, firstRow: first))
    }
    let times = try Self.integers(timeColumn)
    if let row = d.firstIndex(where: { $0 != 0 && $0 != 1 }) {
      throw DataError.invalidValues(
        column: treatment,
        reason: "value \(d[row]) in row \(row + 1) is not 0 or 1; the treatment must be a 0/1 indicator of "
          + "treatment in effect")
    }
    let units = try FactorCodes(column: unitColumn)
    let timeCodes = try FactorCodes(column: Column(name: time, ints: times))
    var periods = [Int](repeating: 0, count: timeCodes.levelCount)
    for (row, code) in timeCodes.codes.enumerated() { periods[Int(code)] = times[row] }
    let layout = try BaconPanelLayout(units: units, periods: periods, periodCodes: timeCodes.codes)
    let onsets = try layout.onsets(treatment: d)
    self.periods = periods
    self.unitCount = units.levelCount
    self.cohorts = Self.cohorts(
      onsets: onsets, unitCodes: units.codes, periodCodes: timeCodes.codes, outcome: y, periodCount: periods.count)
    try requireVariation()
  }

  /// Throws ``BaconDecompositionError/noTimingVariation(timingGroups:neverTreatedUnits:alwaysTreatedUnits:)``
  /// unless some timing group has a group to be compared with.
  private func requireVariation() throws(BaconDecompositionError) {
    let timing = timingGroups.count
    guard timing >= 2 || (timing == 1 && cohorts.count >= 2) else {
      throw .noTimingVariation(
        timingGroups: timing, neverTreatedUnits: neverTreated?.units ?? 0, alwaysTreatedUnits: alwaysTreated?.units ?? 0)
    }
  }

  /// The groups by onset with their centred prefix sums of mean outcomes.
  ///
  /// - Complexity: O(n + groups × periods), which is O(n) in a balanced panel.
  private static func cohorts(
    onsets: [Int], unitCodes: [Int32], periodCodes: [Int32], outcome: [Double], periodCount: Int
  ) -> [Cohort] {
    var groupOfOnset = [Int](repeating: -1, count: periodCount + 1)
    var unitsInGroup = [Int]()
    var onsetOfGroup = [Int]()
    for onset in onsets.sorted() where groupOfOnset[onset] < 0 {
      groupOfOnset[onset] = onsetOfGroup.count
      onsetOfGroup.append(onset)
      unitsInGroup.append(0)
    }
    for onset in onsets { unitsInGroup[groupOfOnset[onset]] += 1 }
    var sums = [Double](repeating: 0, count: onsetOfGroup.count * periodCount)
    for row in outcome.indices {
      let group = groupOfOnset[onsets[Int(unitCodes[row])]]
      sums[group * periodCount + Int(periodCodes[row])] += outcome[row]
    }
    return onsetOfGroup.indices.map { g in
      let means = (0..<periodCount).map { sums[g * periodCount + $0] / Double(unitsInGroup[g]) }
      let centre = means.reduce(0, +) / Double(periodCount)
      var prefix = [Double](repeating: 0, count: periodCount + 1)
      for p in 0..<periodCount { prefix[p + 1] = prefix[p] + (means[p] - centre) }
      return Cohort(onset: onsetOfGroup[g], units: unitsInGroup[g], prefix: prefix)
    }
  }

  /// A numeric column's values, refusing missing and infinite values.
  ///
  /// - Throws: `DataError/typeMismatch(column:expected:found:)` for text;
  ///   `DataError/invalidValues(column:reason:)` for missing or infinite values.
  static func numbers(_ column: Column) throws(DataError) -> [Double] {
    let values = try column.doubles()
    if let first = values.firstIndex(where: { !$0.isFinite }) {
      let missing = values.filter(\.isNaN).count
      guard missing > 0 else {
        throw .invalidValues(
          column: column.name,
          reason: "infinite value in row \(first + 1); the decomposition needs finite values in every row")
      }
      throw .invalidValues(
        column: column.name, reason: missingReason(count: missing, firstRow: values.firstIndex(where: \.isNaN) ?? first))
    }
    return values
  }

  /// A time column's values as integers.
  ///
  /// - Throws: `DataError/typeMismatch(column:expected:found:)` for text;
  ///   `DataError/invalidValues(column:reason:)` for missing values or values that are not
  ///   integers.
  static func integers(_ column: Column) throws(DataError) -> [Int] {
    if case .int(let values) = column.storage, column.missing.isEmpty { return values.wideArray }
    let values = try numbers(column)
    if let row = values.firstIndex(where: { $0 != $0.rounded() || abs($0) >= 9.0e15 }) {
      throw .invalidValues(
        column: column.name,
        reason: "value \(values[row]) in row \(row + 1) is not an integer; code the time periods as integers "
          + "(years, or 1, 2, 3, ...)")
    }
    return values.map { Int($0) }
  }

  /// The reason given for missing values in a column.
  static func missingReason(count: Int, firstRow: Int) -> String {
    "\(SummaryFormat.grouped(count)) missing value\(count == 1 ? "" : "s") (the first in row \(firstRow + 1)); "
      + "the decomposition needs a balanced panel with every unit observed in every period: remove the units "
      + "with missing values from the table, or impute the values"
  }
}

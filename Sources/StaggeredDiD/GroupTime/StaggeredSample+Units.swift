import CausalCore
import LinearAlgebra

extension StaggeredSample {
  /// Checks that every unit has one cohort, one cluster and at most one row per period.
  ///
  /// - Throws: ``DiDError/cohortVariesWithinUnit(unit:column:)``,
  ///   ``DiDError/clusterVariesWithinUnit(unit:column:)``,
  ///   ``DiDError/duplicateUnitPeriod(unit:period:)``.
  /// - Complexity: O(n + units × periods / 64): one pass over the rows; with a problem, a second
  ///   pass grouped by unit finds the first unit at fault (a repeated period by stamping each
  ///   period's code with the last unit seen in it).
  static func checkUnits(
    _ units: FactorCodes, time: [Int], timeCoding: IntegerCoding, cohort: [Int], cluster: FactorCodes?, keep: [Bool],
    cohortName: String, clusterName: String?
  ) throws(DiDError) {
    // One pass in row order (each unit's first row, a bit per unit and period); only when it
    // finds a problem does the grouped pass below run, to name the first unit at fault.
    let periodCount = timeCoding.values.count
    if units.levelCount * periodCount <= 64 * max(keep.count, 1) {
      var firstRow = [Int](repeating: -1, count: units.levelCount)
      var seen = [UInt64](repeating: 0, count: (units.levelCount * periodCount + 63) / 64)
      var clean = true
      for r in keep.indices where keep[r] {
        let unit = Int(units.codes[r])
        let head = firstRow[unit]
        if head < 0 {
          firstRow[unit] = r
        } else if cohort[r] != cohort[head] || cluster.map({ $0.codes[r] != $0.codes[head] }) ?? false {
          clean = false
          break
        }
        let bit = unit * periodCount + Int(timeCoding.codes[r])
        if seen[bit >> 6] & (1 << UInt64(bit & 63)) != 0 {
          clean = false
          break
        }
        seen[bit >> 6] |= 1 << UInt64(bit & 63)
      }
      if clean { return }
    }
    let byUnit = rowsByUnit(units, keep: keep)
    var lastUnit = [Int](repeating: -1, count: timeCoding.values.count)
    for u in 0..<units.levelCount {
      let rows = byUnit.rows(of: u)
      guard let head = rows.first else { continue }
      for r in rows {
        if cohort[r] != cohort[head] { throw .cohortVariesWithinUnit(unit: units.labels[u], column: cohortName) }
        if let cluster, cluster.codes[r] != cluster.codes[head] {
          throw .clusterVariesWithinUnit(unit: units.labels[u], column: clusterName ?? cluster.name)
        }
      }
      for r in rows {
        let code = Int(timeCoding.codes[r])
        if lastUnit[code] == u { throw .duplicateUnitPeriod(unit: units.labels[u], period: Double(time[r])) }
        lastUnit[code] = u
      }
    }
  }

  /// The kept rows of units observed in fewer periods than there are periods among the kept
  /// rows.
  ///
  /// - Complexity: O(n).
  static func incompleteRows(_ units: FactorCodes, timeCoding: IntegerCoding, keep: [Bool]) -> [Int] {
    var seen = [Bool](repeating: false, count: timeCoding.values.count)
    for r in keep.indices where keep[r] { seen[Int(timeCoding.codes[r])] = true }
    let periodCount = seen.reduce(0) { $0 + ($1 ? 1 : 0) }
    var count = [Int](repeating: 0, count: units.levelCount)
    for r in keep.indices where keep[r] { count[Int(units.codes[r])] += 1 }
    return keep.indices.filter { keep[$0] && count[Int(units.codes[$0])] < periodCount }
  }

  /// The kept rows grouped by unit (a counting sort by unit code).
  static func rowsByUnit(_ units: FactorCodes, keep: [Bool]) -> GroupedRows {
    GroupedRows(codes: units.codes, groupCount: units.levelCount, keep: keep)
  }

  /// Builds the sample from the kept rows; a balanced panel's rows are stored period-major
  /// (see ``StaggeredSample/isPeriodMajor``).
  ///
  /// - Complexity: O(n k) for n kept rows and k covariate columns.
  static func assemble(
    _ model: CallawaySantAnna, frame: ModelFrame, kept: [Int], rowPeriod: [Int32], cohort: [Int], periods: [Int],
    cohorts: [Int], units: FactorCodes?, clusters: FactorCodes?, drops: DropReport, notes: [String]
  ) throws(DiDError) -> StaggeredSample {
    // Units: compact codes in order of first appearance (rows themselves in repeated
    // cross-sections).
    var rowUnit = [Int32]()
    var unitCount = kept.count
    if let units {
      var newCode = [Int32](repeating: -1, count: units.levelCount)
      var next: Int32 = 0
      rowUnit.reserveCapacity(kept.count)
      for r in kept {
        let old = Int(units.codes[r])
        if newCode[old] < 0 {
          newCode[old] = next
          next += 1
        }
        rowUnit.append(newCode[old])
      }
      unitCount = Int(next)
    } else {
      rowUnit = (0..<kept.count).map { Int32($0) }
    }
    var unitCohort = [Int](repeating: 0, count: unitCount)
    var unitWeight = [Double](repeating: 0, count: unitCount)
    var rowsPerUnit = [Int](repeating: 0, count: unitCount)
    var firstPeriodWeight = [Double](repeating: .nan, count: unitCount)
    for (i, u) in rowUnit.enumerated() {
      let unit = Int(u)
      let weight = frame.weights?[kept[i]] ?? 1
      unitCohort[unit] = cohort[i]
      unitWeight[unit] += weight
      rowsPerUnit[unit] += 1
      if rowPeriod[i] == 0 { firstPeriodWeight[unit] = weight }
    }
    for u in 0..<unitCount { unitWeight[u] /= Double(rowsPerUnit[u]) }
    if model.design == .balancedPanel { unitWeight = firstPeriodWeight }
    var unitCluster: [Int32]?
    var clusterCount = 0
    if let clusters {
      var newCode = [Int32](repeating: -1, count: clusters.levelCount)
      var codes = [Int32](repeating: 0, count: unitCount)
      var next: Int32 = 0
      for (i, r) in kept.enumerated() {
        let old = Int(clusters.codes[r])
        if newCode[old] < 0 {
          newCode[old] = next
          next += 1
        }
        codes[Int(rowUnit[i])] = newCode[old]
      }
      unitCluster = codes
      clusterCount = Int(next)
    }
    // Balanced panels: row p × n + u holds unit u in period p (every unit has every period),
    // which makes the row's unit and period implicit.
    var source = kept
    var orderedUnit = rowUnit, orderedPeriod = rowPeriod
    var perUnit = false
    if model.design == .balancedPanel {
      var order = [Int](repeating: 0, count: kept.count)
      for i in rowUnit.indices { order[Int(rowPeriod[i]) * unitCount + Int(rowUnit[i])] = kept[i] }
      source = order
      orderedUnit = []
      orderedPeriod = []
      perUnit = isTimeInvariant(frame, order: order, units: unitCount)
    }
    let unitRows = perUnit ? Array(source[0..<unitCount]) : source
    let covariates =
      frame.design.columns == 1
      ? Matrix(uncheckedRows: 0, columns: 1, elements: []) : frame.design.gatheringRows(unitRows)
    return StaggeredSample(
      design: model.design, periods: periods, cohorts: cohorts, unitCount: unitCount, unitCohort: unitCohort,
      unitWeight: unitWeight, unitCluster: unitCluster, clusterCount: clusterCount, rowUnit: orderedUnit,
      rowPeriod: orderedPeriod, outcome: source.map { frame.response[$0] },
      weight: frame.weights.map { w in unitRows.map { w[$0] } } ?? [], covariates: covariates,
      covariatesPerUnit: perUnit, drops: drops, notes: notes)
  }

  /// Whether every unit's covariates and weight are the same, bit for bit,
  /// in every period of a balanced panel whose rows are `order` (period-major).
  ///
  /// - Complexity: O(n k), stopping at the first difference.
  static func isTimeInvariant(_ frame: ModelFrame, order: [Int], units n: Int) -> Bool {
    guard n > 0 else { return true }
    let periods = order.count / n
    let design = frame.design
    for j in 0..<(design.columns == 1 ? 0 : design.columns) {
      let column = j * design.rows
      for p in 1..<max(periods, 1) {
        for u in 0..<n where design.elements[column + order[p * n + u]].bitPattern != design.elements[column + order[u]].bitPattern {
          return false
        }
      }
    }
    if let w = frame.weights {
      for p in 1..<max(periods, 1) {
        for u in 0..<n where w[order[p * n + u]].bitPattern != w[order[u]].bitPattern { return false }
      }
    }
    return true
  }
}

/// Row indices grouped by an integer code, built by a counting sort: the rows of group `g` are
/// `rows[offsets[g]..<offsets[g + 1]]`, in their original order.
struct GroupedRows: Sendable {
  /// Start of each group's rows; `groupCount + 1` entries.
  let offsets: [Int]
  /// The row indices, grouped.
  let rows: [Int]

  /// Groups the rows with `keep[i]` by `codes[i]`.
  ///
  /// - Complexity: O(n + groups).
  init(codes: [Int32], groupCount: Int, keep: [Bool]) {
    var offsets = [Int](repeating: 0, count: groupCount + 1)
    for i in codes.indices where keep[i] { offsets[Int(codes[i]) + 1] += 1 }
    for g in 0..<groupCount { offsets[g + 1] += offsets[g] }
    var cursor = offsets
    var rows = [Int](repeating: 0, count: offsets[groupCount])
    for i in codes.indices where keep[i] {
      let g = Int(codes[i])
      rows[cursor[g]] = i
      cursor[g] += 1
    }
    self.offsets = offsets
    self.rows = rows
  }

  /// The rows of one group.
  func rows(of group: Int) -> ArraySlice<Int> { rows[offsets[group]..<offsets[group + 1]] }
}

extension Matrix {
  /// The given rows, in order (LinearAlgebra's `selectingRows` without per-element appends);
  /// large gathers copy their columns concurrently (a plain copy: the result does not depend on
  /// the number of threads).
  ///
  /// - Complexity: O(rows.count × columns).
  func gatheringRows(_ indices: [Int]) -> Matrix {
    let m = indices.count, k = columns, n = rows
    var out = [Double](repeating: 0, count: m * k)
    elements.withUnsafeBufferPointer { xp in
      indices.withUnsafeBufferPointer { ip in
        out.withUnsafeMutableBufferPointer { op in
          guard let xb = xp.baseAddress, let ib = ip.baseAddress, let ob = op.baseAddress else { return }
          let x = SharedReadPointer(xb), index = SharedReadPointer(ib), target = SharedPointer(ob)
          let chunks = m * k >= 1 << 16 ? k : 1  // one column per chunk, or all in one
          ParallelChunks.run(chunks) { c in
            for j in chunks == k ? c..<(c + 1) : 0..<k {
              for r in 0..<m { target[j * m + r] = x[j * n + index[r]] }
            }
          }
        }
      }
    }
    return Matrix(uncheckedRows: m, columns: k, elements: out)
  }
}

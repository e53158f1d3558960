import CausalCore
import LinearAlgebra

/// The kept rows of a staggered-adoption sample laid out for the cells: per-unit data, and the
/// outcome, covariates and weights of every row (balanced panels: period-major, row
/// `p × n + u` for unit `u` in period index `p`, with covariates and weights stored once per
/// unit when they do not change over time).
struct SampleLayout {
  /// The periods of the kept rows, ascending.
  let periods: [Int]
  /// The number of units (rows, for repeated cross-sections).
  let unitCount: Int
  /// Each unit's cohort.
  let unitCohort: [Int]
  /// Each unit's weight in the aggregation shares (see ``StaggeredSample/unitWeight``).
  let unitWeight: [Double]
  /// Each unit's cluster, coded in order of first appearance, or `nil`.
  let unitCluster: [Int32]?
  /// The number of clusters.
  let clusterCount: Int
  /// The unit of each row (empty for balanced panels).
  let rowUnit: [Int32]
  /// The period index of each row (empty for balanced panels).
  let rowPeriod: [Int32]
  /// The outcome of each row.
  let outcome: [Double]
  /// The weight of each row or unit; empty without weights.
  let weight: [Double]
  /// The covariates of each row or unit; 0 × 1 without covariates.
  let covariates: Matrix
  /// Whether ``covariates`` and ``weight`` hold one row per unit.
  let covariatesPerUnit: Bool

  /// Lays out the frame rows that `rules` keeps and, in panels, that belong to a unit of
  /// `units`.
  ///
  /// - Complexity: O(n k) for n kept rows and k covariate columns.
  init(
    _ model: CallawaySantAnna, frame: ModelFrame, covariates source: CovariateSource, time: IntegerCoding,
    cohort: IntegerCoding, rules: PeriodCohortRules, units: UnitPass?, clusters: FactorCodes?
  ) {
    let frameRows = frame.observationCount
    let periodIndex = Self.periodIndex(time, rules: rules, units: units)
    periods = time.values.indices.filter { periodIndex[$0] >= 0 }.map { time.values[$0] }
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
    self.unitCohort =
      units.map { pass in pass.firstRow.map { rules.cohortValue[Int(cohort.codes[$0])] } }
      ?? (0..<rowCount).map { rules.cohortValue[Int(cohort.codes[row($0)])] }
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

/// A balanced panel's outcome, covariates and weights, period-major; covariates and weights
/// once per unit when every unit's are the same (bit for bit) in all periods.
///
/// The rows are scattered and compared in fixed blocks, concurrently: each block writes its
/// own rows' outcome positions and its own flag, so the result does not depend on the number of
/// threads.
struct PanelLayout {
  /// The outcome at `p × n + u`.
  let outcome: [Double]
  /// The weights per unit or period-major; empty without weights.
  let weight: [Double]
  /// The covariates per unit or period-major; 0 × 1 without covariates.
  let covariates: Matrix
  /// Whether covariates and weights are stored per unit.
  let perUnit: Bool

  /// Scatters the kept frame rows (those with a unit in `units`).
  ///
  /// - Complexity: O(n k): one pass for the outcome and the comparison of every row's
  ///   covariates and weight with its unit's first row, and one more to store them
  ///   period-major when they differ.
  init(
    frame: ModelFrame, covariates source: CovariateSource?, units: UnitPass, timeCodes: [Int32], periodIndex: [Int],
    periodCount: Int
  ) {
    let n = units.unitCount, frameRows = frame.observationCount
    let total = n * periodCount
    let blockSize = 1 << 15
    let blocks = (frameRows + blockSize - 1) / blockSize
    var constant = [Bool](repeating: true, count: blocks)
    let outcome = [Double](zeroSafeUninitializedCapacity: total) { out, count in
      frame.response.withUnsafeBufferPointer { y in
        units.rowUnit.withUnsafeBufferPointer { unitOf in
          units.firstRow.withUnsafeBufferPointer { firstRow in
            timeCodes.withUnsafeBufferPointer { t in
              periodIndex.withUnsafeBufferPointer { p in
                constant.withUnsafeMutableBufferPointer { flags in
                  Self.withColumns(source, weights: frame.weights) { columns, rows in
                    let shared = Shared(
                      out: out, y: y, unitOf: unitOf, firstRow: firstRow, t: t, p: p, flags: flags, columns: columns, rows: rows)
                    ParallelChunks.run(blocks) { b in
                      shared.scatter(b * blockSize..<min((b + 1) * blockSize, frameRows), block: b, units: n)
                    }
                  }
                }
              }
            }
          }
        }
      }
      count = total
    }
    self.outcome = outcome
    let perUnit = !constant.contains(false)
    self.perUnit = perUnit
    let rows: [Int]
    if perUnit {
      rows = units.firstRow
    } else {
      var order = [Int](repeating: 0, count: total)
      for i in 0..<frameRows where units.rowUnit[i] >= 0 { order[periodIndex[Int(timeCodes[i])] * n + Int(units.rowUnit[i])] = i }
      rows = order
    }
    weight = frame.weights.map { w in rows.map { w[$0] } } ?? []
    covariates = source.map { $0.gathering(rows) } ?? Matrix(uncheckedRows: 0, columns: 1, elements: [])
  }

  /// Calls `body` with the columns compared between a unit's rows (the covariates that can
  /// vary, then the weights, indexed by source row and by frame row respectively) and the
  /// source row of each frame row for the covariates.
  private static func withColumns(
    _ source: CovariateSource?, weights: [Double]?,
    _ body: (_ columns: [(UnsafeBufferPointer<Double>, bySource: Bool)], _ rows: UnsafeBufferPointer<Int>?) -> Void
  ) {
    func withWeights(_ columns: [(UnsafeBufferPointer<Double>, bySource: Bool)], _ rows: UnsafeBufferPointer<Int>?) {
      guard let weights else { return body(columns, rows) }
      weights.withUnsafeBufferPointer { body(columns + [($0, bySource: false)], rows) }
    }
    guard let source else { return withWeights([], nil) }
    source.withVaryingColumns { columns, rows in withWeights(columns.map { ($0, bySource: true) }, rows) }
  }

  /// The memory one block reads and writes, for the concurrent blocks: each block writes the
  /// outcome positions of its own rows (every period and unit once) and its own flag.
  private struct Shared: @unchecked Sendable {
    let out: UnsafeMutableBufferPointer<Double>
    let y: UnsafeBufferPointer<Double>
    let unitOf: UnsafeBufferPointer<Int32>
    let firstRow: UnsafeBufferPointer<Int>
    let t: UnsafeBufferPointer<Int32>
    let p: UnsafeBufferPointer<Int>
    let flags: UnsafeMutableBufferPointer<Bool>
    let columns: [(UnsafeBufferPointer<Double>, bySource: Bool)]
    let rows: UnsafeBufferPointer<Int>?

    /// Scatters the outcome of the block's rows and compares their covariates and weights with
    /// their units' first rows.
    func scatter(_ range: Range<Int>, block: Int, units n: Int) {
      // Local copies, so that the loops keep them in registers across the stores.
      let out = out, y = y, unitOf = unitOf, firstRow = firstRow, t = t, p = p
      for i in range where unitOf[i] >= 0 {
        out[p[Int(t[i])] &* n &+ Int(unitOf[i])] = y[i]  // every (period, unit) once
      }
      for (values, bySource) in columns {
        let same: Bool
        if bySource, let rows {
          same = range.allSatisfy { i in
            unitOf[i] < 0 || values[rows[i]].bitPattern == values[rows[firstRow[Int(unitOf[i])]]].bitPattern
          }
        } else {
          same = range.allSatisfy { i in
            unitOf[i] < 0 || values[i].bitPattern == values[firstRow[Int(unitOf[i])]].bitPattern
          }
        }
        if !same {
          flags[block] = false
          return
        }
      }
    }
  }
}

extension Matrix {
  /// The given rows, in order; large gathers copy their columns concurrently (a plain copy:
  /// the result does not depend on the number of threads).
  ///
  /// - Complexity: O(rows.count × columns).
  func gatheringRows(_ indices: [Int]) -> Matrix {
    let m = indices.count, k = columns, n = rows
    let out = [Double](zeroSafeUninitializedCapacity: m * k) { buffer, count in
      elements.withUnsafeBufferPointer { xp in
        indices.withUnsafeBufferPointer { ip in
          guard let xb = xp.baseAddress, let ib = ip.baseAddress, let ob = buffer.baseAddress else { return }
          let x = ReadPointer(base: xb), index = IndexPointer(base: ib), target = WritePointer(base: ob)
          let chunks = m * k >= 1 << 16 ? k : 1  // one column per chunk, or all in one
          ParallelChunks.run(chunks) { c in
            for j in chunks == k ? c..<(c + 1) : 0..<k {
              let source = x.base + j * n, destination = target.base + j * m
              for r in 0..<m { (destination + r).initialize(to: source[index.base[r]]) }
            }
          }
        }
      }
      count = m * k
    }
    return Matrix(uncheckedRows: m, columns: k, elements: out)
  }
}

/// Memory that concurrently running chunks read (the owner keeps it alive): concrete types,
/// so that element access compiles to plain loads and stores.
struct ReadPointer: @unchecked Sendable {
  let base: UnsafePointer<Double>
}

/// Row indices that concurrently running chunks read.
struct IndexPointer: @unchecked Sendable {
  let base: UnsafePointer<Int>
}

/// Memory that concurrently running chunks write, each chunk its own region.
struct WritePointer: @unchecked Sendable {
  let base: UnsafeMutablePointer<Double>
}

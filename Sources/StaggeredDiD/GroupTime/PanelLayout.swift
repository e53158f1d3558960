import CausalCore
import LinearAlgebra

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
      ArrayBuffers.read(frame.response, units.rowUnit, units.firstRow) { y, unitOf, firstRow in
        ArrayBuffers.read(timeCodes, periodIndex) { t, p in
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

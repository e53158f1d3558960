import LinearAlgebra

/// The recipe for one column of the design matrix: a numeric factor (or 1) times indicator
/// conditions on coded variables.
struct DesignColumn: Sendable {
  /// A condition `codes[t] == level` on the kept observations.
  struct Indicator: Sendable {
    /// One code per kept observation.
    var codes: [Int32]
    /// The level that gives 1.
    var level: Int32
  }

  /// The column's name, e.g. `x`, `g::b:x`, `rel::-5`.
  var name: String
  /// The formula term the column comes from, e.g. `g:x`, `i(rel,ref=-1)`, `(Intercept)`.
  var term: String
  /// Values over all rows of the table (indexed by original row), or `nil` for 1.
  var numeric: [Double]?
  /// Conditions on the kept observations, all of which must hold for a non-zero value.
  var indicators: [Indicator]

  /// Builds the column-major design matrix over the kept rows, emptying each recipe once its
  /// column is written, so that the data behind it can be freed before the next column fills.
  ///
  /// - Parameters:
  ///   - columns: The column recipes, in order; each is left without values or conditions.
  ///   - rows: The kept rows (original indices), or `nil` when every row is kept.
  ///   - count: The number of kept rows.
  /// - Complexity: O(count × columns.count × (1 + indicators per column)); no allocation per
  ///   element.
  static func matrix(releasing columns: inout [DesignColumn], rows: [Int]?, count m: Int) -> Matrix {
    let k = columns.count
    let blocks = (m + fillBlockRows - 1) / fillBlockRows
    let elements = [Double](zeroSafeUninitializedCapacity: m * k) { buffer, initialized in
      guard let base = buffer.baseAddress else {
        initialized = 0
        return
      }
      let shared = SharedPointer(base)
      for j in 0..<k {
        let column = columns[j]
        // Blocks of rows on every core: a copy, the same whatever the number of threads.
        ParallelChunks.run(blocks) { b in
          let lower = b * fillBlockRows, upper = Swift.min(m, lower + fillBlockRows)
          let out = UnsafeMutableBufferPointer(start: shared.base + j * m + lower, count: upper - lower)
          fill(out, column, rows: rows, from: lower)
        }
        columns[j].numeric = []
        columns[j].indicators = []
      }
      initialized = m * k
    }
    return Matrix(uncheckedRows: m, columns: k, elements: elements)
  }

  /// The rows one job of ``matrix(releasing:rows:count:)`` writes (512 KB of a column).
  static let fillBlockRows = 1 << 16

  /// Writes rows `start ..< start + out.count` (positions among the kept rows) of one column.
  static func fill(_ out: UnsafeMutableBufferPointer<Double>, _ column: DesignColumn, rows: [Int]?, from start: Int) {
    let m = out.count
    guard let numeric = column.numeric else {
      if column.indicators.isEmpty {
        for t in 0..<m { out[t] = 1 }
      } else {
        fillIndicators(out, column.indicators, from: start) { _ in 1 }
      }
      return
    }
    numeric.withUnsafeBufferPointer { v in
      if let rows {
        rows.withUnsafeBufferPointer { r in
          if column.indicators.isEmpty {
            for t in 0..<m { out[t] = v[r[start + t]] }
          } else {
            fillIndicators(out, column.indicators, from: start) { v[r[$0]] }
          }
        }
      } else if column.indicators.isEmpty {
        for t in 0..<m { out[t] = v[start + t] }
      } else {
        fillIndicators(out, column.indicators, from: start) { v[$0] }
      }
    }
  }

  /// Writes `value(t)` for kept rows `t = start ..< start + out.count` where every indicator
  /// holds, and 0 elsewhere.
  @inline(__always)
  static func fillIndicators(
    _ out: UnsafeMutableBufferPointer<Double>, _ indicators: [Indicator], from start: Int, _ value: (Int) -> Double
  ) {
    let m = out.count
    if indicators.count == 1 {
      let level = indicators[0].level
      indicators[0].codes.withUnsafeBufferPointer { c in
        for t in 0..<m { out[t] = c[start + t] == level ? value(start + t) : 0 }
      }
      return
    }
    for t in start..<(start + m) {
      var on = true
      for indicator in indicators where indicator.codes[t] != indicator.level {
        on = false
        break
      }
      out[t - start] = on ? value(t) : 0
    }
  }
}

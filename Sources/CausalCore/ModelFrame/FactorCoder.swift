/// The result of coding a column as a factor: codes, labels and (for numeric columns) the
/// numeric value of each level.
struct FactorCoding: Sendable {
  /// One code per row, in `0..<labels.count`.
  var codes: [Int32]
  /// The label of each level, in ascending order of the values.
  var labels: [String]
  /// The value of each level for `int`, `double` and `bool` columns (bool: 0/1); `nil` for
  /// text columns.
  var numericLevels: [Double]?
}

/// Turns columns into compact integer codes in ascending order of their distinct values.
///
/// Integer-valued data whose range is small (max - min < 4 × rows) is coded with a direct
/// lookup table in O(n + range) and no hashing; other data via sorting the values and binary
/// search, O(n log n).
enum FactorCoder {
  /// Codes the given rows of a column.
  ///
  /// - Parameters:
  ///   - column: Any column.
  ///   - rows: The rows to code, or `nil` for all rows.
  /// - Throws: `DataError/invalidValues(column:reason:)` when a selected row is missing or a
  ///   row index is out of range.
  /// - Complexity: O(n + range) for small-range integer data, O(n log n) otherwise.
  static func code(_ column: Column, rows: [Int]?) throws(DataError) -> FactorCoding {
    if let rows {
      let n = column.count
      for r in rows where r < 0 || r >= n {
        throw .invalidValues(column: column.name, reason: "row index \(r) is outside 0..<\(n)")
      }
    }
    switch column.storage {
    case .int(let values):
      try checkMissing(column, rows: rows)
      func codeStored<E: FixedWidthInteger>(_ v: UnsafeBufferPointer<E>) -> (codes: [Int32], distinct: [Int]) {
        guard let rows else { return codeIntegers(v, AllRows(count: v.count)) }
        return rows.withUnsafeBufferPointer { r in codeIntegers(v, SomeRows(rows: r)) }
      }
      let (codes, distinct) = values.withStorage(narrow: codeStored, wide: codeStored)
      return FactorCoding(codes: codes, labels: distinct.map { String($0) }, numericLevels: distinct.map(Double.init))
    case .double(let values):
      let selected = gather(values, rows)
      if let bad = selected.firstIndex(where: { !$0.isFinite }) {
        let row = rows.map { $0[bad] } ?? bad
        throw .invalidValues(column: column.name, reason: "row \(row) is missing or not finite; remove such rows before coding")
      }
      if let ints = integralValues(selected) {
        let (codes, distinct) = codeIntegers(ints)
        return FactorCoding(codes: codes, labels: distinct.map { String($0) }, numericLevels: distinct.map(Double.init))
      }
      let (codes, distinct) = codeSorted(selected)
      return FactorCoding(codes: codes, labels: distinct.map(FormulaNames.format), numericLevels: distinct)
    case .bool(let values):
      try checkMissing(column, rows: rows)
      let (codes, distinct) = codeIntegers(gather(values, rows).map { $0 ? 1 : 0 })
      return FactorCoding(codes: codes, labels: distinct.map { $0 == 1 ? "TRUE" : "FALSE" }, numericLevels: distinct.map(Double.init))
    case .categorical(let raw, let levels):
      let selected = gather(raw, rows)
      if let bad = selected.firstIndex(where: { $0 < 0 }) {
        let row = rows.map { $0[bad] } ?? bad
        throw .invalidValues(column: column.name, reason: "row \(row) is missing; remove missing rows before coding")
      }
      let (codes, used) = compact(selected, levelCount: levels.count)
      return FactorCoding(codes: codes, labels: used.map { levels[Int($0)] }, numericLevels: nil)
    }
  }

  /// The values at the given rows (the same array when `rows` is `nil`). Row indices must be
  /// in range.
  ///
  /// - Complexity: O(rows.count).
  static func gather<T>(_ values: [T], _ rows: [Int]?) -> [T] {
    guard let rows else { return values }
    return [T](zeroSafeUninitializedCapacity: rows.count) { out, count in
      guard let base = out.baseAddress else {
        count = 0
        return
      }
      values.withUnsafeBufferPointer { v in
        rows.withUnsafeBufferPointer { r in
          for t in 0..<r.count { (base + t).initialize(to: v[r[t]]) }
        }
      }
      count = rows.count
    }
  }

  /// Throws when a selected row of an `int` or `bool` column is missing.
  static func checkMissing(_ column: Column, rows: [Int]?) throws(DataError) {
    let mask = column.missing
    guard !mask.isEmpty else { return }
    if let rows {
      if let r = rows.first(where: { mask[$0] }) {
        throw .invalidValues(column: column.name, reason: "row \(r) is missing; remove missing rows before coding")
      }
    } else if let r = mask.firstIndex(of: true) {
      throw .invalidValues(column: column.name, reason: "row \(r) is missing; remove missing rows before coding")
    }
  }

  /// The values as integers when all are integral and within ±2^53, else `nil`.
  static func integralValues(_ values: [Double]) -> [Int]? {
    let limit = 9_007_199_254_740_992.0
    for v in values where v != v.rounded(.towardZero) || Swift.abs(v) > limit { return nil }
    return values.map { Int($0) }
  }

  /// Codes integers in ascending order; returns the codes and the distinct values.
  static func codeIntegers(_ values: [Int]) -> (codes: [Int32], distinct: [Int]) {
    values.withUnsafeBufferPointer { codeIntegers($0, AllRows(count: $0.count)) }
  }

  /// Codes the selected integers in ascending order; returns the codes (one per selected row)
  /// and the distinct values.
  ///
  /// - Complexity: O(n + range) with a lookup table when max - min < 4n, else O(n log n).
  static func codeIntegers<E: FixedWidthInteger, S: RowSelection>(
    _ v: UnsafeBufferPointer<E>, _ selection: S
  ) -> (codes: [Int32], distinct: [Int]) {
    let n = selection.count
    guard n > 0 else { return ([], []) }
    var lo = Int.max
    var hi = Int.min
    for t in 0..<n {
      let x = Int(v[selection.row(t)])
      if x < lo { lo = x }
      if x > hi { hi = x }
    }
    let (range, overflow) = hi.subtractingReportingOverflow(lo)
    guard !overflow, range / 4 < n, range < Int(Int32.max) else {
      let selected = [Int](zeroSafeUninitializedCapacity: n) { out, count in
        for t in 0..<n { out[t] = Int(v[selection.row(t)]) }
        count = n
      }
      return codeSorted(selected)
    }
    var table = [Int32](repeating: -1, count: range + 1)
    var distinct: [Int] = []
    table.withUnsafeMutableBufferPointer { t in
      for i in 0..<n { t[Int(v[selection.row(i)]) &- lo] = 0 }
      var next: Int32 = 0
      for k in 0..<t.count where t[k] == 0 {
        t[k] = next
        next += 1
        distinct.append(lo &+ k)
      }
    }
    let codes = [Int32](zeroSafeUninitializedCapacity: n) { out, count in
      table.withUnsafeBufferPointer { t in
        for i in 0..<n { out[i] = t[Int(v[selection.row(i)]) &- lo] }
      }
      count = n
    }
    return (codes, distinct)
  }

  /// Codes comparable values by sorting the distinct values and binary search.
  ///
  /// - Complexity: O(n log n).
  static func codeSorted<T: Comparable>(_ values: [T]) -> (codes: [Int32], distinct: [T]) {
    let n = values.count
    guard n > 0 else { return ([], []) }
    var sorted = values.sorted()
    var unique = 0
    for i in 0..<n where i == 0 || sorted[i] != sorted[unique - 1] {
      sorted[unique] = sorted[i]
      unique += 1
    }
    sorted.removeLast(n - unique)
    let distinct = sorted
    let codes = [Int32](zeroSafeUninitializedCapacity: n) { out, count in
      distinct.withUnsafeBufferPointer { d in
        values.withUnsafeBufferPointer { v in
          for i in 0..<n {
            var low = 0
            var high = d.count - 1
            let x = v[i]
            while low < high {
              let mid = (low + high) / 2
              if d[mid] < x { low = mid + 1 } else { high = mid }
            }
            out[i] = Int32(truncatingIfNeeded: low)
          }
        }
      }
      count = n
    }
    return (codes, distinct)
  }

  /// Renumbers codes in `0..<levelCount` to `0..<used`, keeping their order; returns the new
  /// codes and, for each new code, the old one.
  ///
  /// - Complexity: O(n + levelCount).
  static func compact(_ codes: [Int32], levelCount: Int) -> (codes: [Int32], used: [Int32]) {
    var table = [Int32](repeating: -1, count: levelCount)
    table.withUnsafeMutableBufferPointer { t in
      codes.withUnsafeBufferPointer { c in
        for x in c { t[Int(x)] = 0 }
      }
    }
    var used: [Int32] = []
    var next: Int32 = 0
    for k in 0..<levelCount where table[k] == 0 {
      table[k] = next
      next += 1
      used.append(Int32(k))
    }
    if used.count == levelCount { return (codes, used) }
    let n = codes.count
    let out = [Int32](zeroSafeUninitializedCapacity: n) { out, count in
      table.withUnsafeBufferPointer { t in
        codes.withUnsafeBufferPointer { c in
          for i in 0..<n { out[i] = t[Int(c[i])] }
        }
      }
      count = n
    }
    return (out, used)
  }
}

/// Which rows of a column to read: all of them, or a list of indices.
protocol RowSelection {
  /// The number of selected rows.
  var count: Int { get }
  /// The column row of the `t`-th selected row.
  func row(_ t: Int) -> Int
}

/// Every row, in order.
struct AllRows: RowSelection {
  let count: Int
  @inline(__always) func row(_ t: Int) -> Int { t }
}

/// The rows in a list of (valid) indices.
struct SomeRows: RowSelection {
  let rows: UnsafeBufferPointer<Int>
  var count: Int { rows.count }
  @inline(__always) func row(_ t: Int) -> Int { rows[t] }
}

/// Marks the rows to drop because a variable is missing or infinite, or a computed value is
/// not finite, and counts them by reason.
///
/// Each dropped row is counted once, under the first reason that applies, in the order the
/// marking methods must be called:
///
/// 1. ``markMissing(_:)``: a used column is missing there (`NA`, NaN, a missing code or text);
/// 2. ``markInfinite(_:)``: a used `double` column is `Inf` or `-Inf` there;
/// 3. ``markComputed(_:name:)``: with every used column present and finite, a computed
///    expression is NaN (counted as missing, e.g. `log(-1)`) or infinite (e.g. `log(0)`);
/// 4. ``mark(_:)``: other reasons the caller counts itself (zero weights).
struct ListwiseDeletion {
  /// `true` for rows to drop.
  private(set) var dropped: [Bool]
  /// The number of rows marked, for any reason.
  private(set) var droppedCount = 0
  /// The rows marked because of a missing value (in the data or computed).
  private(set) var missingCount = 0
  /// The rows marked because of an infinite value (in the data or computed) and no missing one.
  private(set) var infiniteCount = 0
  /// The variables (columns or expression names) with missing values, in the order checked.
  private(set) var missingVariables: [String] = []
  /// The variables with infinite values in rows not dropped for a missing value, in the order
  /// checked.
  private(set) var infiniteVariables: [String] = []

  /// Starts with no row dropped.
  ///
  /// - Parameter rowCount: The number of rows of the table.
  init(rowCount: Int) {
    dropped = [Bool](repeating: false, count: rowCount)
  }

  /// Marks rows where a column is missing: NaN in a `double` column, a missing code in a
  /// text column, the missing mask of an `int` or `bool` column.
  ///
  /// - Complexity: O(n); O(1) for `int`/`bool` columns without missing values.
  mutating func markMissing(_ column: Column) {
    var found = 0
    var newly = 0
    dropped.withUnsafeMutableBufferPointer { d in
      switch column.storage {
      case .double(let v):
        v.withUnsafeBufferPointer { p in
          guard Self.containsNonFinite(p) else { return }  // the common case, by a fast scan
          for i in 0..<min(p.count, d.count) where p[i].isNaN {
            found += 1
            if !d[i] {
              d[i] = true
              newly += 1
            }
          }
        }
      case .categorical(let c, _):
        c.withUnsafeBufferPointer { p in
          for i in 0..<min(p.count, d.count) where p[i] < 0 {
            found += 1
            if !d[i] {
              d[i] = true
              newly += 1
            }
          }
        }
      case .int, .bool:
        column.missing.withUnsafeBufferPointer { p in
          for i in 0..<min(p.count, d.count) where p[i] {
            found += 1
            if !d[i] {
              d[i] = true
              newly += 1
            }
          }
        }
      }
    }
    droppedCount += newly
    missingCount += newly
    if found > 0, !missingVariables.contains(column.name) { missingVariables.append(column.name) }
  }

  /// Marks rows, not already dropped, where a `double` column is infinite. Call after
  /// ``markMissing(_:)`` for every column.
  ///
  /// - Complexity: O(n) for a `double` column; O(1) for other kinds.
  mutating func markInfinite(_ column: Column) {
    guard case .double(let v) = column.storage else { return }
    var newly = 0
    dropped.withUnsafeMutableBufferPointer { d in
      v.withUnsafeBufferPointer { p in
        guard Self.containsNonFinite(p) else { return }
        for i in 0..<min(p.count, d.count) where p[i].isInfinite && !d[i] {
          d[i] = true
          newly += 1
        }
      }
    }
    record(infinite: newly, name: column.name)
  }

  /// Marks rows, not already dropped, where a computed expression is not finite: NaN counts
  /// as missing, `Inf`/`-Inf` as infinite, under the expression's name (the computation
  /// itself, e.g. `log(0)`, caused the drop, since its input columns are present and finite
  /// in those rows). Call after ``markMissing(_:)`` and ``markInfinite(_:)`` for every column.
  ///
  /// - Parameters:
  ///   - values: One value per row.
  ///   - name: The expression's name, e.g. `log(x5)`.
  /// - Complexity: O(n).
  mutating func markComputed(_ values: [Double], name: String) {
    var nan = 0
    var infinite = 0
    dropped.withUnsafeMutableBufferPointer { d in
      values.withUnsafeBufferPointer { p in
        for i in 0..<min(p.count, d.count) where !p[i].isFinite && !d[i] {
          d[i] = true
          if p[i].isNaN { nan += 1 } else { infinite += 1 }
        }
      }
    }
    droppedCount += nan
    missingCount += nan
    if nan > 0, !missingVariables.contains(name) { missingVariables.append(name) }
    record(infinite: infinite, name: name)
  }

  /// Whether any value is NaN or infinite: `v − v` is `+0` for a finite value and NaN
  /// otherwise, and the bits of these differences are or-ed, a scan without a branch per value
  /// that the compiler vectorizes, so that columns without such values (the common case) cost
  /// a fraction of the marking loops.
  ///
  /// - Complexity: O(n).
  static func containsNonFinite(_ values: UnsafeBufferPointer<Double>) -> Bool {
    var found: UInt64 = 0
    for i in 0..<values.count { found |= (values[i] - values[i]).bitPattern }
    return found != 0
  }

  /// Counts rows newly dropped for an infinite value of `name`.
  private mutating func record(infinite newly: Int, name: String) {
    droppedCount += newly
    infiniteCount += newly
    if newly > 0, !infiniteVariables.contains(name) { infiniteVariables.append(name) }
  }

  /// Marks one row (for zero weights, counted separately by the caller).
  mutating func mark(_ row: Int) {
    if !dropped[row] {
      dropped[row] = true
      droppedCount += 1
    }
  }

  /// The records of the rows dropped for missing and for infinite values (none for a reason
  /// that dropped no row), in that order.
  var records: [DropRecord] {
    var out: [DropRecord] = []
    if missingCount > 0 { out.append(DropRecord(reason: .missingValue, count: missingCount, variables: missingVariables)) }
    if infiniteCount > 0 {
      out.append(DropRecord(reason: .infiniteValue, count: infiniteCount, variables: infiniteVariables))
    }
    return out
  }

  /// The rows not dropped, in order, or `nil` when no row is dropped.
  ///
  /// - Complexity: O(n).
  func keptRows() -> [Int]? {
    guard droppedCount > 0 else { return nil }
    let kept = dropped.count - droppedCount
    return [Int](zeroSafeUninitializedCapacity: kept) { out, count in
      var k = 0
      dropped.withUnsafeBufferPointer { d in
        for i in 0..<d.count where !d[i] && k < kept {
          out[k] = i
          k += 1
        }
      }
      count = k
    }
  }
}

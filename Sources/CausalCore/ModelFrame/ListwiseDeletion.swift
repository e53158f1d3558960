/// Marks the rows to drop because a variable is missing or a computed value is not finite, and
/// remembers which variables caused drops.
struct ListwiseDeletion {
  /// `true` for rows to drop.
  private(set) var dropped: [Bool]
  /// The number of rows marked.
  private(set) var droppedCount = 0
  /// The variables (columns or expression names) with missing or non-finite values, in the
  /// order they were checked.
  private(set) var variables: [String] = []

  /// Starts with no row dropped.
  ///
  /// - Parameter rowCount: The number of rows of the table.
  init(rowCount: Int) {
    dropped = [Bool](repeating: false, count: rowCount)
  }

  /// Marks rows where a column is missing; for `double` columns also infinite values.
  ///
  /// - Complexity: O(n); O(1) for `int`/`bool` columns without missing values.
  mutating func markMissing(_ column: Column) {
    var found = 0
    var newly = 0
    dropped.withUnsafeMutableBufferPointer { d in
      switch column.storage {
      case .double(let v):
        v.withUnsafeBufferPointer { p in
          for i in 0..<min(p.count, d.count) where !p[i].isFinite {
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
    if found > 0, !variables.contains(column.name) { variables.append(column.name) }
  }

  /// Marks rows where a computed expression is not finite. The expression's name is recorded
  /// when some of those rows have all of the expression's input columns present (so the
  /// computation itself, e.g. `log(0)`, caused the drop).
  ///
  /// - Parameters:
  ///   - values: One value per row.
  ///   - name: The expression's name, e.g. `log(x5)`.
  ///   - inputs: The columns the expression reads.
  /// - Complexity: O(n).
  mutating func markNonFinite(_ values: [Double], name: String, inputs: [Column]) {
    var own = false
    var newly = 0
    dropped.withUnsafeMutableBufferPointer { d in
      values.withUnsafeBufferPointer { p in
        for i in 0..<min(p.count, d.count) where !p[i].isFinite {
          if !d[i] {
            d[i] = true
            newly += 1
          }
          if !own, !inputs.contains(where: { Self.isMissingOrInfinite($0, at: i) }) { own = true }
        }
      }
    }
    droppedCount += newly
    if own, !variables.contains(name) { variables.append(name) }
  }

  /// Marks one row (for zero weights, counted separately by the caller).
  mutating func mark(_ row: Int) {
    if !dropped[row] {
      dropped[row] = true
      droppedCount += 1
    }
  }

  /// Whether a column's value at a row is missing, or infinite for a `double` column.
  static func isMissingOrInfinite(_ column: Column, at i: Int) -> Bool {
    if case .double(let v) = column.storage { return !v[i].isFinite }
    return column.isMissing(i)
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

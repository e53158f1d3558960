import CausalCore

/// Each frame row's unit as a key in `0..<count`, in ascending order of the unit's value, with
/// the unit's label for errors.
struct UnitKeys: Sendable {
  /// One key per frame row.
  let keys: [Int32]
  /// The number of keys.
  let count: Int
  /// For an integer column coded by offset, the value of key 0; else `nil`.
  private let offset: Int?
  /// The labels of the keys, when not coded by offset.
  private let labels: [String]

  /// Whether ``init(column:rows:count:)`` codes the column itself: an integer column.
  static func canCode(_ column: Column?) -> Bool {
    guard let column, case .int = column.storage else { return false }
    return true
  }

  /// Codes an integer column over the frame's rows: by offset from the smallest value when the
  /// values span a small range, else as ``FactorCodes``.
  ///
  /// - Parameters:
  ///   - column: The unit column (integer).
  ///   - rows: The table row of each frame row, or `nil` for all rows.
  ///   - count: The number of frame rows.
  /// - Throws: ``DiDError/data(_:)`` when the column cannot be coded.
  /// - Complexity: O(n + range), O(n log n) for a wide range.
  init(column: Column?, rows: [Int]?, count n: Int) throws(DiDError) {
    guard let column else { throw .data(.noObservations(reason: "no unit column")) }
    if case .int(let values) = column.storage, n > 0,
      let coded = values.withStorage(
        narrow: { Self.offsetKeys($0, rows: rows, count: n) }, wide: { Self.offsetKeys($0, rows: rows, count: n) })
    {
      self.init(keys: coded.keys, count: coded.span + 1, offset: coded.low, labels: [])
      return
    }
    do { self.init(try FactorCodes(column: column, rows: rows)) } catch { throw .data(error) }
  }

  /// Keys by offset from the smallest value of the selected rows, or `nil` when the values span
  /// too wide a range for a dense key space.
  ///
  /// - Complexity: O(n).
  private static func offsetKeys<E: FixedWidthInteger>(
    _ v: UnsafeBufferPointer<E>, rows: [Int]?, count n: Int
  ) -> (keys: [Int32], span: Int, low: Int)? {
    var low = Int.max, high = Int.min
    for i in 0..<n {
      let x = Int(v[rows?[i] ?? i])
      low = min(low, x)
      high = max(high, x)
    }
    let (span, overflow) = high.subtractingReportingOverflow(low)
    guard !overflow, span < max(1 << 16, 4 * n), span < Int(Int32.max) else { return nil }
    let keys = [Int32](zeroSafeUninitializedCapacity: n) { out, initialized in
      if let rows {
        for i in 0..<n { out[i] = Int32(truncatingIfNeeded: Int(v[rows[i]]) &- low) }
      } else {
        for i in 0..<n { out[i] = Int32(truncatingIfNeeded: Int(v[i]) &- low) }
      }
      initialized = n
    }
    return (keys, span, low)
  }

  /// The keys of factor codes.
  init(_ codes: FactorCodes) {
    self.init(keys: codes.codes, count: codes.levelCount, offset: nil, labels: codes.labels)
  }

  private init(keys: [Int32], count: Int, offset: Int?, labels: [String]) {
    self.keys = keys
    self.count = count
    self.offset = offset
    self.labels = labels
  }

  /// The label of a key, as ``FactorCodes`` labels it.
  func label(_ key: Int) -> String { offset.map { String($0 + key) } ?? labels[key] }
}

/// The distinct values of an integer column and each row's index among them.
///
/// Periods and cohorts usually span a small range (years, period numbers), so a direct table
/// over `min...max` codes them in two passes without hashing; values spread wider fall back to
/// sorting the distinct values found with a set.
struct IntegerCoding: Sendable {
  /// The distinct values, ascending.
  let values: [Int]
  /// Each row's index into ``values``.
  let codes: [Int32]

  /// Codes `data`.
  ///
  /// - Complexity: O(n + range) with a direct table (range ≤ max(2¹⁶, 2n)), else
  ///   O(n + d log d) for d distinct values, with hashing.
  init(_ data: [Int]) {
    self.init(data, withCodes: true)
  }

  /// The distinct values of `data`, ascending, without coding the rows.
  ///
  /// - Complexity: as ``init(_:)``, without the pass that writes the codes.
  static func distinctValues(_ data: [Int]) -> [Int] {
    IntegerCoding(data, withCodes: false).values
  }

  private init(_ data: [Int], withCodes: Bool) {
    guard var low = data.first else {
      (values, codes) = ([], [])
      return
    }
    var high = low
    data.withUnsafeBufferPointer { d in
      for i in 0..<d.count {
        low = min(low, d[i])
        high = max(high, d[i])
      }
    }
    let (span, overflow) = high.subtractingReportingOverflow(low)
    if !overflow, span < max(1 << 16, 2 * data.count), span < 1 << 28 {
      var table = [Int32](repeating: -1, count: span + 1)
      var distinct: [Int] = []
      table.withUnsafeMutableBufferPointer { t in
        data.withUnsafeBufferPointer { d in
          for i in 0..<d.count { t[d[i] &- low] = 0 }
        }
        for i in 0..<t.count where t[i] == 0 {
          t[i] = Int32(distinct.count)
          distinct.append(low + i)
        }
      }
      values = distinct
      codes =
        withCodes
        ? [Int32](unsafeUninitializedCapacity: data.count) { out, count in
          table.withUnsafeBufferPointer { t in
            data.withUnsafeBufferPointer { d in
              for i in 0..<d.count { out[i] = t[d[i] &- low] }
            }
          }
          count = data.count
        } : []
    } else {
      let distinct = Array(Set(data)).sorted()
      let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($0.element, Int32($0.offset)) })
      values = distinct
      codes = withCodes ? data.map { index[$0] ?? 0 } : []
    }
  }
}

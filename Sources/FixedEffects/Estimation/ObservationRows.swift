/// The table rows a fit used, stored as one bit per table row (1.25 MB for ten million rows)
/// instead of one 8-byte index per observation.
///
/// The rows kept after deletion are ascending, and removing observations (singletons) keeps
/// that order, so a bit set represents them exactly.
struct ObservationRows: Sendable {
  /// Bit r of word r / 64 is set when table row r is used.
  private var words: [UInt64]
  /// The number of observations.
  private(set) var count: Int

  /// The rows kept from a table of `tableRowCount` rows: `kept` (ascending), or all when `nil`.
  init(kept: [Int]?, tableRowCount n: Int) {
    words = [UInt64](repeating: 0, count: (n + 63) / 64)
    if let kept {
      for r in kept { words[r >> 6] |= 1 << UInt64(r & 63) }
      count = kept.count
    } else {
      for w in words.indices { words[w] = ~0 }
      if n % 64 != 0, let last = words.indices.last { words[last] = (1 << UInt64(n % 64)) - 1 }
      count = n
    }
  }

  /// Keeps the observations whose position (in row order) is marked in `keep`.
  ///
  /// - Complexity: O(table rows / 64 + observations).
  mutating func filter(keeping keep: [Bool]) {
    var position = 0, kept = 0
    for w in words.indices {
      var bits = words[w]
      var out = bits
      while bits != 0 {
        let b = UInt64(bits.trailingZeroBitCount)
        bits &= bits &- 1
        if keep[position] { kept += 1 } else { out &= ~(1 << b) }
        position += 1
      }
      words[w] = out
    }
    count = kept
  }

  /// Calls `body` with each used row, in order.
  @inline(__always)
  func forEach(_ body: (Int) -> Void) {
    for w in words.indices {
      var bits = words[w]
      while bits != 0 {
        body(w << 6 | bits.trailingZeroBitCount)
        bits &= bits &- 1
      }
    }
  }

  /// The used rows.
  var rows: [Int] {
    var out = [Int]()
    out.reserveCapacity(count)
    forEach { out.append($0) }
    return out
  }

  /// `values[r]` for each used row r, where `values` covers every row of the table.
  func gather(_ values: [Double]) -> [Double] {
    var out = [Double]()
    out.reserveCapacity(count)
    values.withUnsafeBufferPointer { v in forEach { out.append(v[$0]) } }
    return out
  }
}

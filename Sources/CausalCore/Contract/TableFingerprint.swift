/// A cheap identity of a ``DataTable``: its row count, column names and kinds, and a hash of a
/// fixed sample of its values.
///
/// Results that refer back to rows of their input (a fit's used rows, a matched set's units)
/// keep the fingerprint of the table they were fitted on and check it with
/// ``check(_:)`` before they index another table, so that a shorter table throws instead of
/// trapping and a different table of the same size is caught instead of silently misaligned.
///
/// The hash is FNV-1a over the names, kinds, missing flags and up to 64 evenly spaced values
/// of every column: it is stable across processes and platforms (so it survives JSON
/// encoding) and it costs O(columns × 64), whatever the number of rows. Two tables that differ
/// only in rows outside the sample share a fingerprint; the row count and column layout are
/// always compared exactly.
public struct TableFingerprint: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Rows of the table.
  public let rowCount: Int
  /// The 64-bit hash of names, kinds and sampled values.
  public let hash: UInt64

  /// Values sampled per column.
  static let sampleSize = 64

  /// Fingerprints a table.
  ///
  /// - Complexity: O(number of columns × 64).
  public init(_ table: DataTable) {
    var h = FNV1a()
    rowCount = table.rowCount
    let step = max(1, table.rowCount / Self.sampleSize)
    for column in table.columns {
      h.combine(column.name)
      h.combine(column.kind.rawValue)
      var i = 0
      while i < table.rowCount {
        if column.isMissing(i) {
          h.combine(UInt64.max)
        } else {
          switch column.storage {
          case .double(let v): h.combine(v[i].bitPattern)
          case .int(let v): h.combine(UInt64(bitPattern: Int64(v[i])))
          case .bool(let v): h.combine(UInt64(v[i] ? 1 : 0))
          case .categorical(let codes, let levels): h.combine(levels[Int(codes[i])])
          }
        }
        i += step
      }
    }
    hash = h.value
  }

  /// Throws unless `table` has this fingerprint.
  ///
  /// - Parameter table: The table a result is about to index.
  /// - Throws: ``DataError/tableMismatch(expectedRows:foundRows:)`` when the row count or the
  ///   sampled contents differ from the table the result was fitted on.
  public func check(_ table: DataTable) throws(DataError) {
    let other = TableFingerprint(table)
    guard other == self else {
      throw .tableMismatch(expectedRows: rowCount, foundRows: other.rowCount)
    }
  }

  /// `rows=N hash=…`, for messages.
  public var description: String { "rows=\(rowCount) hash=\(String(hash, radix: 16))" }

  enum CodingKeys: String, CodingKey {
    case rowCount = "row_count"
    case hash
  }
}

/// The 64-bit Fowler-Noll-Vo (FNV-1a) hash, stable across runs (unlike `Hasher`).
struct FNV1a {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  mutating func combine(_ byte: UInt8) {
    value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
  }

  mutating func combine(_ word: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) { combine(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
  }

  mutating func combine(_ text: String) {
    for byte in text.utf8 { combine(byte) }
    combine(UInt8(0xff))
  }
}

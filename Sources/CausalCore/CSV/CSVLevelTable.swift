/// A hash table from the bytes of a text cell to its first-seen level index, used to build a
/// categorical column without creating a `String` per cell.
///
/// Open addressing with linear probing over a power-of-two slot array; level bytes are stored
/// back to back in one arena.
struct CSVLevelTable {
  private var arena: [UInt8] = []
  private var starts: [Int] = [0]
  private var hashes: [UInt64] = []
  private var slots = [Int32](repeating: -1, count: 64)

  /// The number of distinct levels seen.
  var count: Int { hashes.count }

  /// The index of the level with these bytes, adding it if new; `nil` when the table already
  /// holds `Int32.max` levels.
  ///
  /// - Complexity: O(length of the key) expected, amortised.
  @inline(__always)
  mutating func index(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
    let hash = Self.hash(key)
    var mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let existing = slots[slot]
      if existing < 0 { break }
      if hashes[Int(existing)] == hash, equals(Int(existing), key) { return existing }
      slot = (slot + 1) & mask
    }
    guard count < Int(Int32.max) else { return nil }
    let index = Int32(count)
    arena.append(contentsOf: key)
    starts.append(arena.count)
    hashes.append(hash)
    slots[slot] = index
    if count * 2 > slots.count {
      slots = [Int32](repeating: -1, count: slots.count * 2)
      mask = slots.count - 1
      for (i, h) in hashes.enumerated() {
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] >= 0 { s = (s + 1) & mask }
        slots[s] = Int32(i)
      }
    }
    return index
  }

  /// Whether level `index` has exactly these bytes.
  @inline(__always)
  private func equals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[index]
    guard starts[index + 1] - start == key.count else { return false }
    for k in 0..<key.count where arena[start + k] != key[k] { return false }
    return true
  }

  /// Calls `body` with the bytes of level `index` (in first-seen order).
  ///
  /// - Complexity: O(1) plus the cost of `body`.
  func withLevel<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[starts[index]..<starts[index + 1]])) }
  }

  /// The levels as strings sorted ascending, with a map from first-seen index to sorted code.
  ///
  /// Distinct byte strings that are canonically equivalent Unicode (equal as Swift `String`s)
  /// become one level.
  ///
  /// - Complexity: O(L log L) string comparisons for L levels.
  func sortedLevels() -> (levels: [String], codes: [Int32]) {
    let strings = (0..<count).map { i in
      arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[starts[i]..<starts[i + 1]]), as: UTF8.self) }
    }
    let order = strings.indices.sorted { strings[$0] < strings[$1] }
    var levels: [String] = []
    levels.reserveCapacity(strings.count)
    var codes = [Int32](repeating: -1, count: strings.count)
    for i in order {
      if levels.last != strings[i] { levels.append(strings[i]) }
      codes[i] = Int32(levels.count - 1)
    }
    return (levels, codes)
  }

  /// FNV-1a over the bytes, then a 64-bit finaliser so that the low bits are well mixed.
  @inline(__always)
  private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    h ^= h >> 33
    h = h &* 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    return h
  }
}

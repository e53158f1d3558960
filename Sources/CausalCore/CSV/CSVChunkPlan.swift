/// Where the parallel reader cuts a file's records into chunks.
///
/// A cut must fall on a record boundary, and a line feed inside a quoted field is not one. The
/// plan therefore counts quotes: outside quotes the number of `"` bytes read since the start of
/// the records is even (an escaped `""` adds two), so the first line feed after a nominal cut
/// point at which that count is even ends a record. The quote counts of the nominal segments are
/// taken in parallel; the cuts are then placed one after another.
///
/// A file with a literal `"` inside an unquoted field (which ``CSVTokenizer`` keeps as text)
/// breaks the parity rule. The plan may then cut inside a record, but the reader finds out:
/// each chunk's tokenizer must end with a line break exactly at the next cut (see
/// ``CSVTokenizer/misaligned``), which is the case only when every earlier cut was a record
/// boundary, and otherwise the whole input is read sequentially.
enum CSVChunkPlan {
  /// The default chunk size in bytes for ``CSVReader``.
  static let defaultChunkBytes = 1 << 21

  /// The cut points of the records in `range`: the first is `range.lowerBound`, the last
  /// `range.upperBound`, and each chunk in between holds about `chunkBytes` bytes.
  ///
  /// Cuts are placed only after line feeds (a file whose lines end with a lone CR is one chunk).
  ///
  /// - Parameters:
  ///   - input: The whole input.
  ///   - range: The bytes of the records, from the first data record to the end of the last.
  ///   - chunkBytes: The nominal chunk size (at least 1).
  /// - Returns: At least two offsets, increasing.
  /// - Complexity: O(range size) work, spread over the cores for the quote count.
  static func cuts(_ input: UnsafeBufferPointer<UInt8>, range: Range<Int>, chunkBytes: Int) -> [Int] {
    let size = range.count
    let chunks = max(1, size / max(1, chunkBytes))
    guard chunks > 1, let base = input.baseAddress else { return [range.lowerBound, range.upperBound] }
    let nominal = (0...chunks).map { range.lowerBound + Int((Double(size) * Double($0) / Double(chunks)).rounded(.down)) }
    let shared = SharedReadPointer(base)
    let parities = (try? ParallelMap.map(chunks) { k in
      quoteParity(UnsafeBufferPointer(start: shared.base + nominal[k], count: nominal[k + 1] - nominal[k]))
    }) ?? []
    guard parities.count == chunks else { return [range.lowerBound, range.upperBound] }
    let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n")
    var cuts = [range.lowerBound]
    var parity: UInt8 = 0
    for k in 1..<chunks {
      parity ^= parities[k - 1]
      let start = nominal[k]
      guard let last = cuts.last, start > last else { continue }
      var inQuotes = parity
      var p = start
      while p < range.upperBound {
        let b = input[p]
        if b == quote {
          inQuotes ^= 1
        } else if b == lf, inQuotes == 0 {
          break
        }
        p += 1
      }
      guard p + 1 < range.upperBound else { break }
      cuts.append(p + 1)
    }
    cuts.append(range.upperBound)
    return cuts
  }

  /// The parity (0 or 1) of the number of `"` bytes in `bytes`, eight bytes at a time.
  ///
  /// - Complexity: O(bytes.count).
  static func quoteParity(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
    guard let base = bytes.baseAddress else { return 0 }
    let raw = UnsafeRawPointer(base)
    let n = bytes.count
    let quotes: UInt64 = 0x2222_2222_2222_2222, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    // Only the parity matters, and the parity of a sum of bit counts is the bit count of the
    // exclusive or: the words are combined by XOR and counted once.
    var folded: UInt64 = 0
    var i = 0
    while i + 8 <= n {
      let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ quotes
      // The high bit of each byte of `zero` is set exactly where x has a zero byte.
      let zero = ~(((x & low) &+ low) | x | low)
      folded ^= zero
      i += 8
    }
    var bits = folded.nonzeroBitCount
    while i < n {
      if bytes[i] == UInt8(ascii: "\"") { bits &+= 1 }
      i += 1
    }
    return UInt8(bits & 1)
  }
}

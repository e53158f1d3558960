/// A bounds-checked reading position in the bytes of a `.dta` file.
///
/// Every read checks that the bytes exist first and throws ``StataError/truncated(offset:expected:)``
/// otherwise, naming what was being read; multi-byte integers are read unaligned in the file's
/// byte order. The cursor borrows the bytes: it must not outlive the buffer it was made from.
struct StataByteCursor {
  /// The whole file.
  let bytes: UnsafeRawBufferPointer
  /// Whether the file stores multi-byte values most significant byte first (`MSF`).
  var bigEndian = false
  /// The offset of the next byte to read.
  private(set) var offset = 0

  /// Creates a cursor at the start of the bytes.
  init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  /// The bytes left after the cursor.
  var remaining: Int { bytes.count - offset }

  /// Throws unless `count` more bytes exist.
  ///
  /// - Throws: ``StataError/truncated(offset:expected:)``.
  @inline(__always)
  func require(_ count: Int, for what: @autoclosure () -> String) throws(StataError) {
    guard count >= 0, count <= remaining else { throw .truncated(offset: offset, expected: what()) }
  }

  /// Moves past `count` bytes.
  ///
  /// - Throws: ``StataError/truncated(offset:expected:)``.
  mutating func skip(_ count: Int, for what: @autoclosure () -> String) throws(StataError) {
    try require(count, for: what())
    offset += count
  }

  /// Reads past the ASCII tag `tag` (such as `<header>`).
  ///
  /// - Throws: ``StataError/truncated(offset:expected:)`` or
  ///   ``StataError/malformed(offset:expected:found:)``.
  mutating func expect(_ tag: StaticString) throws(StataError) {
    let count = tag.utf8CodeUnitCount
    guard matches(tag) else {
      if count > remaining { throw .truncated(offset: offset, expected: "'\(tag)'") }
      throw .malformed(offset: offset, expected: "'\(tag)'", found: Self.shown(bytes, from: offset, count: count))
    }
    offset += count
  }

  /// Whether the bytes at the cursor are the ASCII tag `tag` (nothing is consumed).
  func matches(_ tag: StaticString) -> Bool {
    let count = tag.utf8CodeUnitCount
    guard count <= remaining else { return false }
    return tag.withUTF8Buffer { t in
      for k in 0..<count where bytes[offset + k] != t[k] { return false }
      return true
    }
  }

  /// Reads one byte.
  mutating func uint8(_ what: @autoclosure () -> String) throws(StataError) -> UInt8 {
    try require(1, for: what())
    defer { offset += 1 }
    return bytes[offset]
  }

  /// Reads an unsigned integer of `width` bytes (1 to 8) in the file's byte order.
  ///
  /// - Throws: ``StataError/truncated(offset:expected:)``.
  mutating func unsigned(width: Int, _ what: @autoclosure () -> String) throws(StataError) -> UInt64 {
    try require(width, for: what())
    defer { offset += width }
    return Self.unsigned(bytes, at: offset, width: width, bigEndian: bigEndian)
  }

  /// Reads a big- or little-endian unsigned integer of `width` bytes at `at`. The caller checks
  /// the bounds.
  @inline(__always)
  static func unsigned(_ bytes: UnsafeRawBufferPointer, at: Int, width: Int, bigEndian: Bool) -> UInt64 {
    var value: UInt64 = 0
    if bigEndian {
      for k in 0..<width { value = value << 8 | UInt64(bytes[at + k]) }
    } else {
      for k in stride(from: width - 1, through: 0, by: -1) { value = value << 8 | UInt64(bytes[at + k]) }
    }
    return value
  }

  /// Reads a signed 32-bit integer in the file's byte order.
  mutating func int32(_ what: @autoclosure () -> String) throws(StataError) -> Int32 {
    Int32(truncatingIfNeeded: try unsigned(width: 4, what()))
  }

  /// Reads `count` bytes as a raw slice (start offset and count), checked to exist.
  mutating func slice(_ count: Int, _ what: @autoclosure () -> String) throws(StataError) -> Range<Int> {
    try require(count, for: what())
    defer { offset += count }
    return offset..<(offset + count)
  }

  /// Checks that `count × width` bytes (a section of `count` entries read at `fieldOffset`)
  /// fit in the rest of the file, before anything is allocated for them.
  ///
  /// - Throws: ``StataError/sizeExceedsFile(offset:field:claimed:available:)``.
  func checkFits(count: UInt64, width: Int, field: String, fieldOffset: Int) throws(StataError) {
    let (total, overflow) = count.multipliedReportingOverflow(by: UInt64(max(width, 0)))
    guard !overflow, total <= UInt64(remaining) else {
      throw .sizeExceedsFile(offset: fieldOffset, field: field, claimed: count, available: remaining)
    }
  }

  /// Up to `count` bytes from `from`, shown for a message: printable ASCII in quotes, anything
  /// else in hexadecimal.
  static func shown(_ bytes: UnsafeRawBufferPointer, from: Int, count: Int) -> String {
    let end = min(bytes.count, from + min(count, 24))
    guard from < end else { return "nothing (end of file)" }
    let part = bytes[from..<end]
    if part.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) {
      return "'" + String(decoding: part, as: UTF8.self) + "'"
    }
    let hex = part.map { byte -> String in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }
    return "bytes " + hex.joined(separator: " ")
  }
}

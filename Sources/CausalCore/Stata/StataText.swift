/// Text in a `.dta` file: null-terminated fixed-width fields, UTF-8 (formats 118 and 119) or
/// Windows-1252 (format 117, Stata 13's encoding on every platform for Latin text).
enum StataText {
  /// The length of a field's text: the bytes before the first null, at most `count`.
  @inline(__always)
  static func terminatedLength(_ bytes: UnsafeRawBufferPointer, at start: Int, count: Int) -> Int {
    var n = 0
    while n < count, bytes[start + n] != 0 { n += 1 }
    return n
  }

  /// Decodes a null-terminated field of `count` bytes at `start`.
  ///
  /// - Parameters:
  ///   - utf8: Whether the file's text is UTF-8 (else Windows-1252).
  ///   - field: What the field is, for the error.
  /// - Throws: ``StataError/invalidText(offset:field:)`` for invalid UTF-8.
  static func field(
    _ bytes: UnsafeRawBufferPointer, at start: Int, count: Int, utf8: Bool, field: @autoclosure () -> String
  ) throws(StataError) -> String {
    let length = terminatedLength(bytes, at: start, count: count)
    return try decode(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)]), utf8: utf8, offset: start, field: field())
  }

  /// Decodes bytes (without terminator) as text.
  ///
  /// - Throws: ``StataError/invalidText(offset:field:)`` for invalid UTF-8.
  static func decode(
    _ part: UnsafeRawBufferPointer, utf8: Bool, offset: Int, field: @autoclosure () -> String
  ) throws(StataError) -> String {
    if utf8 {
      guard isValidUTF8(part) else { throw .invalidText(offset: offset, field: field()) }
      return String(decoding: part, as: UTF8.self)
    }
    var scalars = String.UnicodeScalarView()
    for byte in part { scalars.append(windows1252(byte)) }
    return String(scalars)
  }

  /// Appends the UTF-8 encoding of Windows-1252 bytes to `out`.
  static func appendTranscoded(_ part: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    for byte in part {
      if byte < 0x80 {
        out.append(byte)
      } else {
        out.append(contentsOf: String(windows1252(byte)).utf8)
      }
    }
  }

  /// Whether the bytes are all ASCII.
  @inline(__always)
  static func isASCII(_ part: UnsafeRawBufferPointer) -> Bool {
    for byte in part where byte >= 0x80 { return false }
    return true
  }

  /// Whether the bytes are well-formed UTF-8 (no overlong forms, surrogates or values above
  /// U+10FFFF).
  ///
  /// - Complexity: O(n).
  static func isValidUTF8(_ part: UnsafeRawBufferPointer) -> Bool {
    var i = 0
    let n = part.count
    while i < n {
      let b0 = part[i]
      if b0 < 0x80 {
        i += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80, high: UInt8 = 0xbf
      switch b0 {
      case 0xc2...0xdf: length = 2
      case 0xe0: length = 3; low = 0xa0
      case 0xe1...0xec, 0xee...0xef: length = 3
      case 0xed: length = 3; high = 0x9f
      case 0xf0: length = 4; low = 0x90
      case 0xf1...0xf3: length = 4
      case 0xf4: length = 4; high = 0x8f
      default: return false
      }
      guard i + length <= n, (low...high).contains(part[i + 1]) else { return false }
      for k in 2..<max(length, 2) where !(0x80...0xbf).contains(part[i + k]) { return false }
      i += length
    }
    return true
  }

  /// The character of a Windows-1252 byte (bytes undefined in Windows-1252 map to the C1
  /// control of the same number, as ISO 8859-1 does).
  static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
    guard (0x80...0x9f).contains(byte) else { return Unicode.Scalar(byte) }
    let table: [UInt32] = [
      0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
      0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
      0x0153, 0x9d, 0x017e, 0x0178,
    ]
    return Unicode.Scalar(table[Int(byte) - 0x80]) ?? Unicode.Scalar(byte)
  }
}

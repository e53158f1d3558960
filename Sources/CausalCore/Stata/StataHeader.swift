/// The byte order a `.dta` file stores its numbers in.
public enum StataByteOrder: String, Sendable, Equatable, Codable {
  /// Most significant byte first (`MSF`, big-endian).
  case msf = "MSF"
  /// Least significant byte first (`LSF`, little-endian).
  case lsf = "LSF"
}

/// The `<header>` and `<map>` of a `.dta` file of format 117, 118 or 119.
///
/// Layout: `<stata_dta><header><release>117</release><byteorder>LSF</byteorder><K>…</K>`
/// `<N>…</N><label>…</label><timestamp>…</timestamp></header><map>…</map>`, where `K` (the
/// variable count) has 2 bytes (4 in 119), `N` (the observation count) 4 bytes (8 in 118 and
/// 119), the label a 1-byte (2 in 118 and 119) length prefix and the timestamp a 1-byte length
/// prefix (0 or 17). The map's 14 offsets are not needed, because the sections are read in
/// order and each is checked by its tags.
struct StataHeader {
  /// The format.
  let release: StataRelease
  /// The byte order.
  let byteOrder: StataByteOrder
  /// The number of variables.
  let variableCount: Int
  /// The number of observations, as the file declares it (checked against the data section
  /// before use).
  let observationCount: UInt64
  /// The offset of the `N` field, for messages.
  let observationCountOffset: Int
  /// The dataset label.
  let label: String
  /// The time stamp (`dd Mon yyyy hh:mm`), or empty.
  let timestamp: String

  /// The ASCII magic every supported file starts with.
  static let magic: StaticString = "<stata_dta>"

  /// Reads the header and the map, leaving the cursor after `</map>` with its byte order set.
  ///
  /// - Throws: ``StataError/notStata(found:)``, ``StataError/unsupportedRelease(release:)``,
  ///   ``StataError/truncated(offset:expected:)``, ``StataError/malformed(offset:expected:found:)``,
  ///   ``StataError/sizeExceedsFile(offset:field:claimed:available:)`` or
  ///   ``StataError/invalidText(offset:field:)``.
  static func read(_ cursor: inout StataByteCursor) throws(StataError) -> StataHeader {
    guard cursor.matches(magic) else { throw notStataError(cursor.bytes) }
    try cursor.expect(magic)
    try cursor.expect("<header>")
    try cursor.expect("<release>")
    let releaseStart = cursor.offset
    let digits = try cursor.slice(3, "the 3-digit format number")
    guard let number = Int(String(decoding: cursor.bytes[digits], as: UTF8.self)) else {
      throw .malformed(offset: releaseStart, expected: "a 3-digit format number",
                       found: StataByteCursor.shown(cursor.bytes, from: releaseStart, count: 3))
    }
    let release = try StataRelease(number)
    try cursor.expect("</release>")
    try cursor.expect("<byteorder>")
    let orderStart = cursor.offset
    let byteOrder: StataByteOrder
    if cursor.matches("MSF") {
      byteOrder = .msf
    } else if cursor.matches("LSF") {
      byteOrder = .lsf
    } else {
      try cursor.require(3, for: "the byte order 'MSF' or 'LSF'")
      throw .malformed(offset: orderStart, expected: "the byte order 'MSF' or 'LSF'",
                       found: StataByteCursor.shown(cursor.bytes, from: orderStart, count: 3))
    }
    try cursor.skip(3, for: "the byte order")
    cursor.bigEndian = byteOrder == .msf
    try cursor.expect("</byteorder>")
    try cursor.expect("<K>")
    let variableCountOffset = cursor.offset
    let k = try cursor.unsigned(width: release.variableCountBytes, "the variable count K")
    try cursor.expect("</K>")
    try cursor.expect("<N>")
    let observationCountOffset = cursor.offset
    let n = try cursor.unsigned(width: release.observationCountBytes, "the observation count N")
    try cursor.expect("</N>")
    try cursor.expect("<label>")
    let label = try text(&cursor, lengthWidth: release.labelLengthBytes, utf8: release.isUTF8, "the dataset label")
    try cursor.expect("</label>")
    try cursor.expect("<timestamp>")
    let timestamp = try text(&cursor, lengthWidth: 1, utf8: release.isUTF8, "the time stamp")
    try cursor.expect("</timestamp>")
    try cursor.expect("</header>")
    try cursor.expect("<map>")
    try cursor.skip(14 * 8, for: "the 14 section offsets of <map>")
    try cursor.expect("</map>")
    // Every variable takes at least its descriptor bytes: check K before allocating for it.
    try cursor.checkFits(count: k, width: release.descriptorBytesPerVariable, field: "the variable count K",
                         fieldOffset: variableCountOffset)
    return StataHeader(
      release: release, byteOrder: byteOrder, variableCount: Int(k), observationCount: n,
      observationCountOffset: observationCountOffset, label: label, timestamp: timestamp)
  }

  /// The error for input without the `<stata_dta>` magic: an older binary format (its first
  /// byte is the format number, its second the byte order 1 or 2), or not Stata at all.
  static func notStataError(_ bytes: UnsafeRawBufferPointer) -> StataError {
    if bytes.count >= 4, (102...116).contains(bytes[0]), bytes[1] == 1 || bytes[1] == 2 {
      return .unsupportedRelease(release: Int(bytes[0]))
    }
    return .notStata(found: StataByteCursor.shown(bytes, from: 0, count: 11))
  }

  /// Reads a text field stored as its length (`lengthWidth` bytes) followed by its bytes.
  ///
  /// - Throws: ``StataError`` when the file ends early or the text cannot be decoded.
  private static func text(
    _ cursor: inout StataByteCursor, lengthWidth: Int, utf8: Bool, _ field: String
  ) throws(StataError) -> String {
    let length = Int(try cursor.unsigned(width: lengthWidth, "\(field)'s length"))
    let range = try cursor.slice(length, "\(field) (\(length) bytes)")
    return try StataText.decode(
      UnsafeRawBufferPointer(rebasing: cursor.bytes[range]), utf8: utf8, offset: range.lowerBound, field: field)
  }
}

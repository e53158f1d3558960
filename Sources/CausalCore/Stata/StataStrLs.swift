/// The `<strls>` section of a `.dta` file: the long strings (strL values), each stored once as
/// a GSO block and referenced from the data rows by a (variable, observation) pair.
///
/// A GSO block is `GSO`, the variable number `v` (4 bytes), the observation number `o` (4
/// bytes in format 117, 8 in 118 and 119), a type byte (129 binary, 130 text with a
/// terminating null counted in the length), a 4-byte length and the contents. In a data row a
/// strL value is 8 bytes: `v` in the first 4 (117), 2 (118) or 3 (119) bytes, `o` in the rest,
/// each in the file's byte order; `(0, 0)` is the empty string.
struct StataStrLs {
  /// A (variable, observation) pair naming a stored string.
  struct Key: Hashable {
    /// The variable number.
    let v: UInt64
    /// The observation number.
    let o: UInt64
  }

  /// Where each stored string's contents lie in the file (without a text terminator).
  private(set) var contents: [Key: Range<Int>] = [:]

  /// The number of stored strings.
  var count: Int { contents.count }

  /// Reads `<strls>…</strls>`.
  ///
  /// - Throws: ``StataError`` for truncated or malformed blocks.
  static func read(_ cursor: inout StataByteCursor, release: StataRelease) throws(StataError) -> StataStrLs {
    var table = StataStrLs()
    try cursor.expect("<strls>")
    while cursor.matches("GSO") {
      try cursor.expect("GSO")
      let v = try cursor.unsigned(width: 4, "the variable number of a stored string")
      let o = try cursor.unsigned(width: release.gsoObservationBytes, "the observation number of a stored string")
      let typeOffset = cursor.offset
      let type = try cursor.uint8("the type of a stored string")
      guard type == 129 || type == 130 else {
        throw .malformed(offset: typeOffset, expected: "a stored-string type 129 (binary) or 130 (text)",
                         found: "\(type)")
      }
      let lengthOffset = cursor.offset
      let length = try cursor.unsigned(width: 4, "the length of a stored string")
      try cursor.checkFits(count: length, width: 1, field: "the length of stored string (\(v), \(o))",
                           fieldOffset: lengthOffset)
      var range = try cursor.slice(Int(length), "stored string (\(v), \(o))")
      if type == 130, !range.isEmpty, cursor.bytes[range.upperBound - 1] == 0 {
        range = range.lowerBound..<(range.upperBound - 1)
      }
      table.contents[Key(v: v, o: o)] = range
    }
    try cursor.expect("</strls>")
    return table
  }

  /// The key of the strL reference of 8 bytes at `at`.
  @inline(__always)
  static func key(_ bytes: UnsafeRawBufferPointer, at: Int, release: StataRelease, bigEndian: Bool) -> Key {
    let vWidth = release.strLVariableBytes
    let v = StataByteCursor.unsigned(bytes, at: at, width: vWidth, bigEndian: bigEndian)
    let o = StataByteCursor.unsigned(bytes, at: at + vWidth, width: 8 - vWidth, bigEndian: bigEndian)
    return Key(v: v, o: o)
  }
}

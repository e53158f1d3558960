/// The `<value_labels>` section of a `.dta` file: named tables mapping integers to texts.
///
/// Each table is `<lbl>`, a 4-byte length, the table's name (33 bytes in format 117, 129 in 118
/// and 119), 3 padding bytes, then the table itself: the entry count `n`, the text length,
/// `n` 4-byte text offsets, `n` 4-byte values and the null-terminated texts; then `</lbl>`.
/// Labels of the extended missing values (`.a` … `.z`) are stored under their `long` missing
/// codes (2,147,483,622 …) and are kept apart by ``StataValueLabelTable/missingLabels``.
struct StataValueLabelTable: Sendable, Equatable {
  /// The label of each non-missing value.
  let labels: [Int32: String]
  /// The labels of missing values (`.` and `.a` … `.z`), by missing code 0 … 26.
  let missingLabels: [Int: String]
}

/// Reads the value-label tables.
enum StataValueLabels {
  /// Reads `<value_labels>…</value_labels>`.
  ///
  /// - Returns: The tables by name (a later table of the same name replaces an earlier one).
  /// - Throws: ``StataError`` for truncated sections or inconsistent tables.
  static func read(_ cursor: inout StataByteCursor, release: StataRelease) throws(StataError) -> [String: StataValueLabelTable] {
    var tables: [String: StataValueLabelTable] = [:]
    try cursor.expect("<value_labels>")
    while cursor.matches("<lbl>") {
      try cursor.expect("<lbl>")
      let lengthOffset = cursor.offset
      let length = try cursor.unsigned(width: 4, "the length of a value-label table")
      let nameRange = try cursor.slice(release.nameBytes, "the name of a value-label table")
      let name = try StataText.field(cursor.bytes, at: nameRange.lowerBound, count: release.nameBytes,
                                     utf8: release.isUTF8, field: "the name of a value-label table")
      try cursor.skip(3, for: "the padding of value-label table '\(name)'")
      try cursor.checkFits(count: length, width: 1, field: "the length of value-label table '\(name)'",
                           fieldOffset: lengthOffset)
      let body = try cursor.slice(Int(length), "value-label table '\(name)' (\(length) bytes)")
      tables[name] = try table(cursor.bytes, body: body, name: name, release: release, bigEndian: cursor.bigEndian)
      try cursor.expect("</lbl>")
    }
    try cursor.expect("</value_labels>")
    return tables
  }

  /// Decodes one table's body.
  private static func table(
    _ bytes: UnsafeRawBufferPointer, body: Range<Int>, name: String, release: StataRelease, bigEndian: Bool
  ) throws(StataError) -> StataValueLabelTable {
    func int32(_ at: Int) -> Int32 {
      Int32(truncatingIfNeeded: StataByteCursor.unsigned(bytes, at: at, width: 4, bigEndian: bigEndian))
    }
    let start = body.lowerBound
    guard body.count >= 8 else {
      throw .invalidValueLabels(offset: start, name: name, reason: "the table has \(body.count) bytes, fewer than its 8-byte counts")
    }
    let n = Int(int32(start)), textLength = Int(int32(start + 4))
    guard n >= 0, textLength >= 0, n <= (body.count - 8) / 8, 8 + 8 * n + textLength <= body.count else {
      throw .invalidValueLabels(
        offset: start, name: name, reason: "\(n) entries and \(textLength) bytes of text do not fit in its \(body.count) bytes")
    }
    let textStart = start + 8 + 8 * n
    var labels: [Int32: String] = [:]
    var missingLabels: [Int: String] = [:]
    for i in 0..<n {
      let textOffset = Int(int32(start + 8 + 4 * i))
      let value = int32(start + 8 + 4 * n + 4 * i)
      guard textOffset >= 0, textOffset < textLength else {
        throw .invalidValueLabels(
          offset: start + 8 + 4 * i, name: name, reason: "entry \(i + 1) points at text offset \(textOffset) of \(textLength)")
      }
      let text = try StataText.field(
        bytes, at: textStart + textOffset, count: textLength - textOffset, utf8: release.isUTF8,
        field: "the label of value \(value) in value-label table '\(name)'")
      if value >= StataMissingCode.longBase {
        missingLabels[Int(value - StataMissingCode.longBase)] = text
      } else {
        labels[value] = text
      }
    }
    return StataValueLabelTable(labels: labels, missingLabels: missingLabels)
  }
}

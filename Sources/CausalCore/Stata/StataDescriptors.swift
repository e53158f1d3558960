/// The variable descriptors of a `.dta` file: the sections between `</map>` and `<data>`.
///
/// `<variable_types>` (K 2-byte codes), `<varnames>` (K null-terminated names), `<sortlist>`
/// (K + 1 entries, skipped), `<formats>` (K display formats), `<value_label_names>` (K names of
/// value-label tables, empty for none), `<variable_labels>` (K labels) and
/// `<characteristics>` (`<ch>` blocks of a 4-byte length and contents, skipped).
struct StataDescriptors {
  /// Each variable's storage type.
  let types: [StataStorageType]
  /// Each variable's name.
  let names: [String]
  /// Each variable's display format (such as `%9.0g` or `%td`).
  let formats: [String]
  /// Each variable's value-label table name; empty for none.
  let valueLabelNames: [String]
  /// Each variable's label.
  let variableLabels: [String]

  /// Reads the descriptor sections, leaving the cursor before `<data>`.
  ///
  /// - Throws: ``StataError`` for truncated or malformed sections, unknown storage types,
  ///   invalid text, or empty or duplicate variable names.
  static func read(_ cursor: inout StataByteCursor, header: StataHeader) throws(StataError) -> StataDescriptors {
    let k = header.variableCount
    let release = header.release
    try cursor.expect("<variable_types>")
    var types: [StataStorageType] = []
    types.reserveCapacity(k)
    for j in 0..<k {
      let at = cursor.offset
      let code = Int(try cursor.unsigned(width: 2, "the storage type of variable \(j + 1)"))
      guard let type = StataStorageType(code: code) else {
        throw .invalidStorageType(offset: at, position: j + 1, code: code)
      }
      types.append(type)
    }
    try cursor.expect("</variable_types>")
    try cursor.expect("<varnames>")
    let names = try fields(&cursor, count: k, width: release.nameBytes, utf8: release.isUTF8, what: "the name")
    try checkNames(names)
    try cursor.expect("</varnames>")
    try cursor.expect("<sortlist>")
    try cursor.skip((k + 1) * release.sortEntryBytes, for: "the sort list (\(k + 1) entries)")
    try cursor.expect("</sortlist>")
    try cursor.expect("<formats>")
    let formats = try fields(&cursor, count: k, width: release.formatBytes, utf8: release.isUTF8, what: "the format")
    try cursor.expect("</formats>")
    try cursor.expect("<value_label_names>")
    let valueLabelNames = try fields(
      &cursor, count: k, width: release.nameBytes, utf8: release.isUTF8, what: "the value-label name")
    try cursor.expect("</value_label_names>")
    try cursor.expect("<variable_labels>")
    let variableLabels = try fields(
      &cursor, count: k, width: release.variableLabelBytes, utf8: release.isUTF8, what: "the label")
    try cursor.expect("</variable_labels>")
    try skipCharacteristics(&cursor)
    return StataDescriptors(
      types: types, names: names, formats: formats, valueLabelNames: valueLabelNames, variableLabels: variableLabels)
  }

  /// Reads `count` null-terminated text fields of `width` bytes.
  private static func fields(
    _ cursor: inout StataByteCursor, count: Int, width: Int, utf8: Bool, what: String
  ) throws(StataError) -> [String] {
    var out: [String] = []
    out.reserveCapacity(count)
    for j in 0..<count {
      let range = try cursor.slice(width, "\(what) of variable \(j + 1) (\(width) bytes)")
      out.append(try StataText.field(cursor.bytes, at: range.lowerBound, count: width, utf8: utf8,
                                     field: "\(what) of variable \(j + 1)"))
    }
    return out
  }

  /// Throws for an empty or repeated variable name.
  private static func checkNames(_ names: [String]) throws(StataError) {
    var seen = Set<String>()
    for (j, name) in names.enumerated() {
      guard !name.isEmpty, seen.insert(name).inserted else { throw .invalidVariableName(position: j + 1, name: name) }
    }
  }

  /// Skips `<characteristics>…</characteristics>`.
  private static func skipCharacteristics(_ cursor: inout StataByteCursor) throws(StataError) {
    try cursor.expect("<characteristics>")
    while cursor.matches("<ch>") {
      try cursor.expect("<ch>")
      let at = cursor.offset
      let length = try cursor.unsigned(width: 4, "the length of a characteristic")
      try cursor.checkFits(count: length, width: 1, field: "the length of a characteristic", fieldOffset: at)
      try cursor.skip(Int(length), for: "a characteristic")
      try cursor.expect("</ch>")
    }
    try cursor.expect("</characteristics>")
  }
}

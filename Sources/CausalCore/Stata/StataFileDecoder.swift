/// Decodes the bytes of a whole `.dta` file, section by section, into a ``StataDataset``.
///
/// The sections are read in file order (header, map, descriptors, `<data>`, `<strls>`,
/// `<value_labels>`, `</stata_dta>`), each checked by its opening and closing tags; the
/// columns are decoded last, once the long strings and value labels are known.
enum StataFileDecoder {
  /// Decodes a file.
  ///
  /// - Parameter bytes: The whole file, bound to `UInt8`.
  /// - Throws: ``StataError``.
  /// - Complexity: O(bytes.count + L log L) for L distinct strings and labels.
  static func decode(_ bytes: UnsafeRawBufferPointer) throws(StataError) -> StataDataset {
    var cursor = StataByteCursor(bytes)
    let header = try StataHeader.read(&cursor)
    let descriptors = try StataDescriptors.read(&cursor, header: header)
    try cursor.expect("<data>")
    let layout = try dataLayout(&cursor, header: header, types: descriptors.types)
    try cursor.skip(layout.rowCount * layout.rowWidth, for: "the \(layout.rowCount) rows of <data>")
    try cursor.expect("</data>")
    let strLs = try StataStrLs.read(&cursor, release: header.release)
    let valueLabels = try StataValueLabels.read(&cursor, release: header.release)
    try cursor.expect("</stata_dta>")

    let text = StataTextDecoder(
      bytes: bytes, layout: layout, release: header.release, bigEndian: cursor.bigEndian, strLs: strLs)
    var columns: [Column] = []
    var variables: [StataVariable] = []
    columns.reserveCapacity(header.variableCount)
    variables.reserveCapacity(header.variableCount)
    for j in 0..<header.variableCount {
      let name = descriptors.names[j], type = descriptors.types[j]
      let labelName = descriptors.valueLabelNames[j]
      var tallies = [Int](repeating: 0, count: 27)
      let column: Column
      if !type.isNumeric {
        column = try text.column(variable: j, name: name, type: type, tallies: &tallies)
      } else if let table = valueLabels[labelName], !labelName.isEmpty {
        let values = StataNumericDecoder.doubles(
          bytes, layout: layout, variable: j, type: type, bigEndian: cursor.bigEndian, tallies: &tallies)
        column = try StataLabeledColumn.column(name: name, values: values, table: table)
      } else if type == .float || type == .double {
        column = Column(name: name, doubles: StataNumericDecoder.doubles(
          bytes, layout: layout, variable: j, type: type, bigEndian: cursor.bigEndian, tallies: &tallies))
      } else {
        let (values, missing) = StataNumericDecoder.integers(
          bytes, layout: layout, variable: j, type: type, bigEndian: cursor.bigEndian, tallies: &tallies)
        column = missing.isEmpty
          ? Column(name: name, ints: values) : Column(name: name, ints: values.indices.map { missing[$0] ? nil : values[$0] })
      }
      columns.append(column)
      variables.append(StataVariable(
        name: name, storageType: type, format: descriptors.formats[j], variableLabel: descriptors.variableLabels[j],
        valueLabelName: labelName.isEmpty ? nil : labelName, columnKind: column.kind,
        missing: StataMissingCounts(tallies: tallies)))
    }
    let table: DataTable
    do {
      table = try DataTable(columns: columns)
    } catch {
      throw .tableConstruction(error)
    }
    return StataDataset(
      table: table, release: header.release.number, byteOrder: header.byteOrder, label: header.label,
      timestamp: header.timestamp, variables: variables, storedStringCount: strLs.count)
  }

  /// The layout of the data section starting at the cursor, with N checked against the bytes
  /// left in the file.
  ///
  /// - Throws: ``StataError/sizeExceedsFile(offset:field:claimed:available:)``.
  private static func dataLayout(
    _ cursor: inout StataByteCursor, header: StataHeader, types: [StataStorageType]
  ) throws(StataError) -> StataDataLayout {
    var offsets: [Int] = []
    offsets.reserveCapacity(types.count)
    var width = 0
    for type in types {
      offsets.append(width)
      width += type.width
    }
    // A table without variables has no rows to hold; its N is not checked against the file.
    let rows = width == 0 ? 0 : header.observationCount
    try cursor.checkFits(count: rows, width: width, field: "the observation count N",
                         fieldOffset: header.observationCountOffset)
    return StataDataLayout(start: cursor.offset, rowCount: Int(rows), rowWidth: width, offsets: offsets)
  }
}

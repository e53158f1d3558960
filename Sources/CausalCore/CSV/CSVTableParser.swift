/// The two-pass CSV-to-table conversion behind ``CSVReader``.
///
/// Pass 1 tokenizes every record, checks structure (quotes, field counts, UTF-8), validates
/// forced kinds and gathers per-column counts for type inference, without storing values.
/// Pass 2 tokenizes again and converts each cell straight into its column's typed storage,
/// reserved to the exact row count. Scanning the bytes twice costs less than keeping a
/// position for every cell of a multi-million-row file.
struct CSVTableParser {
  let separator: UInt8
  let missingTokens: CSVMissingTokens
  let columnNames: [String]?
  let columnTypes: [String: Column.Kind]
  let looksNumericThreshold: Double

  /// Parses the bytes into a table.
  ///
  /// - Parameters:
  ///   - input: The CSV bytes.
  ///   - validatesUTF8: Whether to check non-ASCII content (not needed for `String` input).
  /// - Throws: Any parse error of ``CSVError``.
  /// - Complexity: O(input size + L log L) for L categorical levels.
  func parse(_ input: UnsafeBufferPointer<UInt8>, validatesUTF8: Bool) throws(CSVError) -> DataTable {
    var tokenizer = CSVTokenizer(input: input, separator: separator, validatesUTF8: validatesUTF8)
    let names: [String]
    let headerLine: Int?
    if let given = columnNames {
      names = given
      headerLine = nil
    } else {
      guard try tokenizer.nextRecord() else { throw .emptyInput }
      let header = (0..<tokenizer.fields.count).map { j in
        tokenizer.withField(j) { bytes, _ in String(decoding: bytes, as: UTF8.self) }
      }
      names = Self.namingRowNames(header)
      headerLine = tokenizer.recordLine
    }
    try Self.checkNames(names, line: headerLine)
    let forced = try forcedKinds(names)
    let width = names.count

    // Pass 1: structure, forced kinds, counts.
    var stats = [CSVColumnStats](repeating: CSVColumnStats(), count: width)
    var rows = 0
    while try tokenizer.nextRecord() {
      guard tokenizer.fields.count == width else {
        throw .raggedRow(line: tokenizer.recordLine, expected: width, found: tokenizer.fields.count)
      }
      for j in 0..<width {
        try tokenizer.withField(j) { (bytes, field) throws(CSVError) in
          if missingTokens.matches(bytes) {
            stats[j].missing += 1
          } else if let kind = forced[j] {
            guard CSVTypeInference.accepts(bytes, as: kind) else {
              throw .invalidValue(line: field.line, column: j + 1, name: names[j],
                                  text: String(decoding: bytes, as: UTF8.self), expected: .forced(kind))
            }
          } else {
            stats[j].count(bytes, line: field.line)
          }
        }
      }
      rows += 1
    }
    let kinds = try inferKinds(names: names, forced: forced, stats: stats)

    // Pass 2: values.
    var builders = (0..<width).map { j in
      CSVColumnBuilder(kind: kinds[j], name: names[j], position: j + 1, rows: rows,
                       hasMissing: stats[j].missing > 0)
    }
    tokenizer = CSVTokenizer(input: input, separator: separator, validatesUTF8: false)
    if columnNames == nil { _ = try tokenizer.nextRecord() }
    while try tokenizer.nextRecord() {
      for j in 0..<width {
        try tokenizer.withField(j) { (bytes, field) throws(CSVError) in
          try builders[j].append(bytes, isMissing: missingTokens.matches(bytes), line: field.line)
        }
      }
    }
    var columns: [Column] = []
    columns.reserveCapacity(width)
    for builder in builders { columns.append(try builder.makeColumn()) }
    do {
      return try DataTable(columns: columns)
    } catch {
      throw .tableConstruction(error)
    }
  }

  /// The name of an unnamed first column of row names (R's `write.csv`).
  static let rowNamesColumn = "rowname"

  /// The header with an empty first name, when other columns follow, replaced by
  /// ``rowNamesColumn`` (or `rowname_2`, `rowname_3`, ... when the header has that name).
  static func namingRowNames(_ header: [String]) -> [String] {
    guard header.count > 1, header[0].isEmpty else { return header }
    let taken = Set(header)
    var name = rowNamesColumn
    var suffix = 1
    while taken.contains(name) {
      suffix += 1
      name = "\(rowNamesColumn)_\(suffix)"
    }
    return [name] + header.dropFirst()
  }

  /// Throws for an empty or duplicate column name.
  private static func checkNames(_ names: [String], line: Int?) throws(CSVError) {
    var seen: [String: Int] = [:]
    for (j, name) in names.enumerated() {
      guard !name.isEmpty else { throw .emptyColumnName(line: line, column: j + 1) }
      if let first = seen[name] {
        throw .duplicateColumnName(line: line, name: name, firstColumn: first, secondColumn: j + 1)
      }
      seen[name] = j + 1
    }
  }

  /// The forced kind of each column, by position.
  private func forcedKinds(_ names: [String]) throws(CSVError) -> [Column.Kind?] {
    var forced = [Column.Kind?](repeating: nil, count: names.count)
    for name in columnTypes.keys.sorted() {
      guard let j = names.firstIndex(of: name) else {
        throw .unknownColumnType(name: name, suggestions: NameSuggestions.closest(to: name, among: names))
      }
      forced[j] = columnTypes[name]
    }
    return forced
  }

  /// Each column's kind; throws for the earliest cell (by line, then column) that trips the
  /// stray-text guard.
  private func inferKinds(
    names: [String], forced: [Column.Kind?], stats: [CSVColumnStats]
  ) throws(CSVError) -> [Column.Kind] {
    var kinds: [Column.Kind] = []
    var firstError: CSVError?
    var firstLine = Int.max
    for j in names.indices {
      if let kind = forced[j] {
        kinds.append(kind)
        continue
      }
      switch CSVTypeInference.infer(stats[j], threshold: looksNumericThreshold) {
      case .kind(let kind):
        kinds.append(kind)
      case .looksNumeric(let line, let text, let hasCommas, let numbers, let nonMissing):
        kinds.append(.categorical)
        if line < firstLine {
          firstLine = line
          firstError = .invalidValue(
            line: line, column: j + 1, name: names[j], text: text,
            expected: hasCommas
              ? .numberWithCommas(numericCount: numbers, nonMissingCount: nonMissing)
              : .inferredNumber(numericCount: numbers, nonMissingCount: nonMissing))
        }
      }
    }
    if let firstError { throw firstError }
    return kinds
  }
}

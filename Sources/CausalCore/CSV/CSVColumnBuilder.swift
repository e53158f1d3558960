/// Accumulates one column's values in the reader's second pass, once its kind is known.
struct CSVColumnBuilder {
  /// The column's kind.
  let kind: Column.Kind
  /// The column's name.
  let name: String
  /// The column's 1-based position, for error messages.
  let position: Int
  private let tracksMissing: Bool
  private var doubles: [Double] = []
  private var ints: [Int] = []
  private var bools: [Bool] = []
  private var codes: [Int32] = []
  private var missing: [Bool] = []
  private var levels = CSVLevelTable()

  /// Creates an empty builder.
  ///
  /// - Parameters:
  ///   - kind: The column's kind.
  ///   - name: The column's name.
  ///   - position: The column's 1-based position.
  ///   - rows: The number of rows, to reserve storage.
  ///   - hasMissing: Whether the first pass saw a missing cell in this column.
  init(kind: Column.Kind, name: String, position: Int, rows: Int, hasMissing: Bool) {
    self.kind = kind
    self.name = name
    self.position = position
    self.tracksMissing = hasMissing && (kind == .int || kind == .bool)
    switch kind {
    case .double: doubles.reserveCapacity(rows)
    case .int: ints.reserveCapacity(rows)
    case .bool: bools.reserveCapacity(rows)
    case .categorical: codes.reserveCapacity(rows)
    }
    if tracksMissing { missing.reserveCapacity(rows) }
  }

  /// Appends one cell.
  ///
  /// - Parameters:
  ///   - b: The cell's content bytes.
  ///   - isMissing: Whether the cell is a missing token.
  ///   - line: The cell's physical line, for error messages.
  /// - Throws: ``CSVError/invalidValue(line:column:name:text:expected:)`` if the cell does not
  ///   parse as the column's kind (the first pass rules this out), or
  ///   ``CSVError/tooManyLevels(column:name:)``.
  /// - Complexity: O(length of the cell), amortised.
  @inline(__always)
  mutating func append(_ b: UnsafeBufferPointer<UInt8>, isMissing: Bool, line: Int) throws(CSVError) {
    switch kind {
    case .double:
      doubles.append(try parsed(isMissing ? .nan : CSVValueParsing.parseDouble(b), b, line: line))
    case .int:
      ints.append(try parsed(isMissing ? 0 : CSVValueParsing.parseInt(b), b, line: line))
      if tracksMissing { missing.append(isMissing) }
    case .bool:
      bools.append(try parsed(isMissing ? false : CSVValueParsing.parseBool(b), b, line: line))
      if tracksMissing { missing.append(isMissing) }

    case .categorical:
      if isMissing {
        codes.append(-1)
      } else if let code = levels.index(of: b) {
        codes.append(code)
      } else {
        throw .tooManyLevels(column: position, name: name)
      }
    }
  }

  /// The parsed value (or a missing cell's placeholder), or the error for a cell that does
  /// not parse as this column's kind.
  @inline(__always)
  private func parsed<Value>(_ value: Value?, _ b: UnsafeBufferPointer<UInt8>, line: Int) throws(CSVError) -> Value {
    guard let value else { throw invalid(b, line: line) }
    return value
  }

  /// The error for a cell that does not parse as this column's kind.

  private func invalid(_ b: UnsafeBufferPointer<UInt8>, line: Int) -> CSVError {
    .invalidValue(line: line, column: position, name: name, text: String(decoding: b, as: UTF8.self),
                  expected: .forced(kind))
  }

  /// The finished column.
  ///
  /// - Throws: ``CSVError/tableConstruction(_:)`` if the categorical codes are inconsistent
  ///   (a defect).
  /// - Complexity: O(rows + L log L) for L levels.
  func makeColumn() throws(CSVError) -> Column {
    switch kind {
    case .double:
      return Column(name: name, doubles: doubles)
    case .int:
      if !tracksMissing { return Column(name: name, ints: ints) }
      let values: [Int?] = ints.indices.map { missing[$0] ? nil : ints[$0] }
      return Column(name: name, ints: values)
    case .bool:
      let values: [Bool?] = bools.indices.map { tracksMissing && missing[$0] ? nil : bools[$0] }
      return Column(name: name, bools: values)
    case .categorical:
      let (sortedLevels, remap) = levels.sortedLevels()
      let sortedCodes = codes.map { $0 < 0 ? -1 : remap[Int($0)] }
      do {
        return try Column(name: name, codes: sortedCodes, levels: sortedLevels)
      } catch {
        throw .tableConstruction(error)
      }
    }
  }
}

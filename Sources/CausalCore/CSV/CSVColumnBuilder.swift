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
  private var ints = IntegerAccumulator(capacity: 0)
  private var bools: [Bool] = []
  private var codes: [Int32] = []
  /// A flag per cell once a cell is missing (empty while none is: no cell is then missing).
  private var missing: [Bool] = []
  private var levels = CSVLevelTable()

  /// Creates an empty builder.
  ///
  /// Integer and logical builders keep a missing flag per cell from their first missing cell
  /// on; the builders of a column's chunks are joined whichever chunks hold missing cells.
  ///
  /// - Parameters:
  ///   - kind: The column's kind.
  ///   - name: The column's name.
  ///   - position: The column's 1-based position.
  ///   - rows: The number of rows expected, to reserve storage.
  init(kind: Column.Kind, name: String, position: Int, rows: Int) {
    self.kind = kind
    self.name = name
    self.position = position
    self.tracksMissing = kind == .int || kind == .bool
    switch kind {
    case .double: doubles.reserveCapacityAdvisingHugePages(rows)
    case .int: ints = IntegerAccumulator(capacity: rows)
    case .bool: bools.reserveCapacityAdvisingHugePages(rows)
    case .categorical: codes.reserveCapacityAdvisingHugePages(rows)
    }
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
      let value = try parsed(isMissing ? 0 : CSVValueParsing.parseInt(b), b, line: line)
      noteMissing(isMissing)
      ints.append(value)
    case .bool:
      let value = try parsed(isMissing ? false : CSVValueParsing.parseBool(b), b, line: line)
      noteMissing(isMissing)
      bools.append(value)

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

  /// Appends a non-missing cell that pass 1 already parsed (``CSVColumnStats/count(_:line:)``),
  /// when it is a value of this builder's kind.
  ///
  /// The stored value is the one ``append(_:isMissing:line:)`` stores for the same text: an
  /// integer in a number column converts exactly as its text would (`-0` as −0.0).
  ///
  /// - Parameters:
  ///   - value: What pass 1 parsed.
  ///   - b: The cell's content bytes.
  /// - Returns: `false`, storing nothing, when the cell is not a value of this kind (or a
  ///   categorical column is full).
  /// - Complexity: O(1) for numbers, O(length of the cell) for levels, amortised.
  @inline(__always)
  mutating func append(counted value: CSVCellValue, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    switch (kind, value) {
    case (.double, .int(let v)): doubles.append(v == 0 && b.first == UInt8(ascii: "-") ? -0.0 : Double(v))
    case (.double, .number(let scan)): doubles.append(CSVValueParsing.double(from: scan, b))
    case (.int, .int(let v)):
      noteMissing(false)
      ints.append(v)
    case (.bool, .bool(let v)):
      noteMissing(false)
      bools.append(v)
    case (.categorical, _):
      guard let code = levels.index(of: b) else { return false }
      codes.append(code)
    default:
      return false
    }
    return true
  }

  /// Appends a missing cell.
  ///
  /// - Complexity: O(1) amortised.
  @inline(__always)
  mutating func appendMissing() {
    if tracksMissing { noteMissing(true) }
    switch kind {
    case .double: doubles.append(.nan)
    case .int: ints.append(0)
    case .bool: bools.append(false)
    case .categorical: codes.append(-1)
    }
  }

  /// Records whether the cell about to be appended is missing: the first missing cell starts
  /// the flags (all earlier cells present); until then nothing is stored.
  ///
  /// - Complexity: O(1) amortised; O(count) at the first missing cell.
  @inline(__always)
  private mutating func noteMissing(_ isMissing: Bool) {
    if isMissing {
      if missing.isEmpty { missing = [Bool](repeating: false, count: count) }
      missing.append(true)
    } else if !missing.isEmpty {
      missing.append(false)
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

  /// Appends the cells of a later part of the same column (the builder of a later chunk of the
  /// file), in order.
  ///
  /// Categorical levels keep their first-seen order over all parts, as one builder fed the
  /// whole column would number them.
  ///
  /// - Parameter part: A builder of the same column (same kind, name and missing tracking).
  /// - Throws: ``CSVError/tooManyLevels(column:name:)`` when the parts together hold more than
  ///   `Int32.max` levels.
  /// - Complexity: O(cells of `part` + its level bytes), amortised.
  mutating func absorb(_ part: CSVColumnBuilder) throws(CSVError) {
    let before = count
    switch kind {
    case .double: doubles.append(contentsOf: part.doubles)
    case .int: ints.append(contentsOf: part.ints)
    case .bool: bools.append(contentsOf: part.bools)
    case .categorical:
      var global = [Int32](repeating: -1, count: part.levels.count)
      for i in global.indices {
        guard let code = part.levels.withLevel(i, { levels.index(of: $0) }) else {
          throw .tooManyLevels(column: position, name: name)
        }
        global[i] = code
      }
      codes.append(contentsOf: part.codes.lazy.map { $0 < 0 ? -1 : global[Int($0)] })
    }
    guard tracksMissing, !missing.isEmpty || !part.missing.isEmpty else { return }
    if missing.isEmpty { missing = [Bool](repeating: false, count: before) }
    if part.missing.isEmpty {
      missing.append(contentsOf: repeatElement(false, count: part.count))
    } else {
      missing.append(contentsOf: part.missing)
    }
  }

  /// One builder holding the cells of several builders of the same column, in order.
  ///
  /// - Parameter parts: Builders of the same column, in file order.
  /// - Returns: The concatenation (`parts[0]` when there is one part), or `nil` for no parts.
  /// - Throws: ``CSVError/tooManyLevels(column:name:)`` as ``absorb(_:)``.
  /// - Complexity: O(total cells + total level bytes).
  static func concatenating(_ parts: [CSVColumnBuilder]) throws(CSVError) -> CSVColumnBuilder? {
    guard var whole = parts.first else { return nil }
    guard parts.count > 1 else { return whole }
    whole.reserveCapacity(parts.reduce(0) { $0 + $1.count })
    for part in parts.dropFirst() { try whole.absorb(part) }
    return whole
  }

  /// Reserves room for `rows` cells in all.
  ///
  /// - Complexity: O(count) when the storage moves.
  mutating func reserveCapacity(_ rows: Int) {
    switch kind {
    case .double: doubles.reserveCapacityAdvisingHugePages(rows)
    case .int: ints.reserveCapacity(rows)
    case .bool: bools.reserveCapacityAdvisingHugePages(rows)
    case .categorical: codes.reserveCapacityAdvisingHugePages(rows)
    }
  }

  /// The number of cells appended.
  private var count: Int {
    switch kind {
    case .double: return doubles.count
    case .int: return ints.count
    case .bool: return bools.count
    case .categorical: return codes.count
    }
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
      do {
        return try Column(name: name, integers: IntegerValues(joining: [ints]), missing: missing)
      } catch {
        throw .tableConstruction(error)
      }
    case .bool:
      let values: [Bool?] = bools.indices.map { !missing.isEmpty && missing[$0] ? nil : bools[$0] }
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

/// Pass 1's visitor: counts each cell for type inference, checks forced kinds, and stores the
/// cell in a builder of the column's guessed kind.
///
/// A forced-kind violation is kept in ``error`` (the first of the record) rather than thrown,
/// so that the caller can first report a record with the wrong number of fields, as a
/// sequential reader that checks the count before looking at cells does. A cell that is not a
/// value of its column's guessed kind marks the column ``spoiled``: its builder stops, and the
/// chunk is converted again in pass 2 once the kinds are known.
struct CSVCellCounter: CSVFieldVisitor {
  /// The columns.
  let layout: CSVRecordLayout
  /// The missing-value tokens.
  let missingTokens: CSVMissingTokens
  /// The counts so far, by column, with lines counted from the chunk's start.
  var stats: [CSVColumnStats]
  /// A builder per column of its guessed kind, or none (counting only).
  var builders: [CSVColumnBuilder]
  /// Whether a cell of the column did not fit its guessed kind.
  var spoiled: [Bool]
  /// The first forced-kind violation of the current record.
  var error: CSVError?
  /// Whether ``error`` is set (a flag, cheaper to test per cell than the optional).
  private var failed = false

  /// Creates a counter with empty counts.
  ///
  /// - Parameters:
  ///   - layout: The columns.
  ///   - missingTokens: The missing-value tokens.
  ///   - guesses: The guessed kind of each column, or `nil` to count only.
  ///   - rows: The number of records expected, to reserve storage.
  init(layout: CSVRecordLayout, missingTokens: CSVMissingTokens, guesses: [Column.Kind]?, rows: Int) {
    self.layout = layout
    self.missingTokens = missingTokens
    self.stats = Array(repeating: CSVColumnStats(), count: layout.width)
    self.builders = guesses.map { kinds in
      kinds.indices.map {
        CSVColumnBuilder(
          kind: kinds[$0], name: layout.names[$0], position: $0 + 1, rows: layout.selected[$0] ? rows : 0)
      }
    } ?? []
    self.spoiled = Array(repeating: guesses == nil, count: layout.width)
  }

  @inline(__always)
  mutating func visit(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
    if index == 0, failed {
      error = nil
      failed = false
    }
    guard index < layout.width, layout.selected[index] else { return }
    if missingTokens.matches(bytes) {
      stats[index].missing += 1
      if !spoiled[index] { builders[index].appendMissing() }
    } else if let kind = layout.forced[index] {
      if CSVTypeInference.accepts(bytes, as: kind) {
        if !spoiled[index], (try? builders[index].append(bytes, isMissing: false, line: line)) == nil {
          spoiled[index] = true
        }
      } else if !failed {
        failed = true
        error = .invalidValue(
          line: line, column: index + 1, name: layout.names[index], text: String(decoding: bytes, as: UTF8.self),
          expected: .forced(kind))
      }
    } else {
      let value = stats[index].count(bytes, line: line)
      if !spoiled[index], !builders[index].append(counted: value, bytes) { spoiled[index] = true }
    }
  }
}

/// Pass 2's visitor: converts each cell into its column's builder.
struct CSVCellConverter: CSVFieldVisitor {
  /// The builders, by column.
  var builders: [CSVColumnBuilder]
  /// The missing-value tokens.
  let missingTokens: CSVMissingTokens
  /// Whether each column is read, by position.
  let selected: [Bool]
  /// The first conversion error (which pass 1 rules out).
  var error: CSVError?
  /// Whether ``error`` is set.
  private var failed = false

  /// Creates a converter over empty builders.
  init(builders: [CSVColumnBuilder], missingTokens: CSVMissingTokens, selected: [Bool]) {
    self.builders = builders
    self.missingTokens = missingTokens
    self.selected = selected
  }

  @inline(__always)
  mutating func visit(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
    guard index < builders.count, selected[index], !failed else { return }
    do throws(CSVError) {
      try builders[index].append(bytes, isMissing: missingTokens.matches(bytes), line: line)
    } catch {
      self.error = error
      failed = true
    }
  }
}

/// Pass 1's visitor: counts each cell for type inference and checks forced kinds.
///
/// A forced-kind violation is kept in ``error`` (the first of the record) rather than thrown,
/// so that the caller can first report a record with the wrong number of fields, as a
/// sequential reader that checks the count before looking at cells does.
struct CSVCellCounter: CSVFieldVisitor {
  /// The columns.
  let layout: CSVRecordLayout
  /// The missing-value tokens.
  let missingTokens: CSVMissingTokens
  /// The counts so far, by column, with lines counted from the chunk's start.
  var stats: [CSVColumnStats]
  /// The first forced-kind violation of the current record.
  var error: CSVError?
  /// Whether ``error`` is set (a flag, cheaper to test per cell than the optional).
  private var failed = false

  /// Creates a counter with empty counts.
  init(layout: CSVRecordLayout, missingTokens: CSVMissingTokens) {
    self.layout = layout
    self.missingTokens = missingTokens
    self.stats = Array(repeating: CSVColumnStats(), count: layout.width)
  }

  @inline(__always)
  mutating func visit(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
    if index == 0, failed {
      error = nil
      failed = false
    }
    guard index < layout.width else { return }
    if missingTokens.matches(bytes) {
      stats[index].missing += 1
    } else if let kind = layout.forced[index] {
      guard !failed, !CSVTypeInference.accepts(bytes, as: kind) else { return }
      failed = true
      error = .invalidValue(
        line: line, column: index + 1, name: layout.names[index], text: String(decoding: bytes, as: UTF8.self),
        expected: .forced(kind))
    } else {
      stats[index].count(bytes, line: line)
    }
  }
}

/// Pass 2's visitor: converts each cell into its column's builder.
struct CSVCellConverter: CSVFieldVisitor {
  /// The builders, by column.
  var builders: [CSVColumnBuilder]
  /// The missing-value tokens.
  let missingTokens: CSVMissingTokens
  /// The first conversion error (which pass 1 rules out).
  var error: CSVError?
  /// Whether ``error`` is set.
  private var failed = false

  /// Creates a converter over empty builders.
  init(builders: [CSVColumnBuilder], missingTokens: CSVMissingTokens) {
    self.builders = builders
    self.missingTokens = missingTokens
  }

  @inline(__always)
  mutating func visit(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
    guard index < builders.count, !failed else { return }
    do throws(CSVError) {
      try builders[index].append(bytes, isMissing: missingTokens.matches(bytes), line: line)
    } catch {
      self.error = error
      failed = true
    }
  }
}

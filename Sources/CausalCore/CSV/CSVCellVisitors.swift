/// Pass 1's visitor: counts each cell for type inference, checks forced kinds, and stores the
/// cell in a builder of the column's guessed kind.
///
/// A forced-kind violation is kept in ``error`` (the first of the record) rather than thrown,
/// so that the caller can first report a record with the wrong number of fields, as a
/// sequential reader that checks the count before looking at cells does. A cell that is not a
/// value of its column's guessed kind marks the column ``spoiled``: its builder stops, and the
/// chunk is converted again in pass 2 once the kinds are known.
///
/// Each column's counts, builder and flags sit together in one slot of a buffer the counter
/// owns (it is not copyable, and frees the buffer when it ends), so that a cell reaches its
/// column's state through one pointer, without the uniqueness checks of arrays held in a
/// mutable value.
struct CSVCellCounter: CSVFieldVisitor, ~Copyable {
  /// One column's state.
  private struct Slot {
    /// The counts so far, with lines counted from the chunk's start.
    var stats = CSVColumnStats()
    /// A builder of the guessed kind (an unused empty one when counting only).
    var builder: CSVColumnBuilder
    /// Whether a cell did not fit the guessed kind (always when counting only).
    var spoiled: Bool
    /// Whether the column is read.
    let selected: Bool
    /// The kind forced on the column, if any.
    let forced: Column.Kind?
  }

  /// The column names, for errors.
  private let names: [String]
  /// The missing-value tokens.
  private let missingTokens: CSVMissingTokens
  /// The columns' slots, `names.count` of them.
  private let slots: UnsafeMutablePointer<Slot>
  /// The position of the last selected column (-1 when none is).
  let lastVisitedField: Int
  /// The first forced-kind violation of the current record.
  private(set) var error: CSVError?
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
    self.names = layout.names
    self.missingTokens = missingTokens
    lastVisitedField = layout.selected.lastIndex(of: true) ?? -1
    slots = .allocate(capacity: layout.width)
    for j in 0..<layout.width {
      let kind = guesses?[j] ?? .double
      let builder = CSVColumnBuilder(
        kind: kind, name: layout.names[j], position: j + 1, rows: guesses != nil && layout.selected[j] ? rows : 0)
      (slots + j).initialize(
        to: Slot(builder: builder, spoiled: guesses == nil, selected: layout.selected[j], forced: layout.forced[j]))
    }
  }

  deinit {
    slots.deinitialize(count: names.count)
    slots.deallocate()
  }

  /// The counts so far, by column (copied out of the slots: O(columns), so call it once, not
  /// once per column).
  func columnStats() -> [CSVColumnStats] { (0..<names.count).map { slots[$0].stats } }
  /// The builders, by column (copied out of the slots: O(columns)).
  func columnBuilders() -> [CSVColumnBuilder] { (0..<names.count).map { slots[$0].builder } }
  /// Whether a cell of each column did not fit its guessed kind (O(columns)).
  func spoiledColumns() -> [Bool] { (0..<names.count).map { slots[$0].spoiled } }

  @inline(__always)
  mutating func visit(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
    if index == 0, failed {
      error = nil
      failed = false
    }
    guard index < names.count else { return }
    let slot = slots + index
    guard slot.pointee.selected else { return }
    if missingTokens.matches(bytes) {
      slot.pointee.stats.missing += 1
      if !slot.pointee.spoiled { slot.pointee.builder.appendMissing() }
    } else if let kind = slot.pointee.forced {
      if CSVTypeInference.accepts(bytes, as: kind) {
        if !slot.pointee.spoiled, (try? slot.pointee.builder.append(bytes, isMissing: false, line: line)) == nil {
          slot.pointee.spoiled = true
        }
      } else if !failed {
        failed = true
        error = .invalidValue(
          line: line, column: index + 1, name: names[index], text: String(decoding: bytes, as: UTF8.self),
          expected: .forced(kind))
      }
    } else {
      let value = slot.pointee.stats.count(bytes, line: line)
      if !slot.pointee.spoiled, !slot.pointee.builder.append(counted: value, bytes) { slot.pointee.spoiled = true }
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
  /// The position of the last column read (-1 when none is).
  let lastVisitedField: Int
  /// The first conversion error (which pass 1 rules out).
  var error: CSVError?
  /// Whether ``error`` is set.
  private var failed = false

  /// Creates a converter over empty builders.
  init(builders: [CSVColumnBuilder], missingTokens: CSVMissingTokens, selected: [Bool]) {
    self.builders = builders
    self.missingTokens = missingTokens
    self.selected = selected
    lastVisitedField = selected.lastIndex(of: true) ?? -1
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

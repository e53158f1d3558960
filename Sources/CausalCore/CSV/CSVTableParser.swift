/// The CSV-to-table conversion behind ``CSVReader``, run over chunks of the records in
/// parallel.
///
/// The records after the header are cut into chunks at record boundaries (``CSVChunkPlan``).
/// Each column's kind is first guessed from the first ``sampleRecords`` records. Pass 1
/// tokenizes every chunk, checks structure (quotes, field counts, UTF-8), validates forced
/// kinds, gathers per-column counts for type inference and, from the same parse of each cell,
/// stores it as its column's guessed kind. The counts of the chunks are then added up in file
/// order and the kinds inferred over the whole file. Pass 2 converts again only the chunks in
/// which a column's guess was wrong, and the chunks' columns are joined. A file whose first
/// records show the kinds of its columns is thus tokenized once.
///
/// The result, and every error with its line and column, are those of one sequential pass:
/// each chunk counts lines from its start and the totals of the chunks before it are added; the
/// first error in file order wins; and when the chunk plan cut inside a record (possible only
/// with a literal `"` in an unquoted field), the records are read again as a single chunk.
struct CSVTableParser: Sendable {
  let separator: UInt8
  let missingTokens: CSVMissingTokens
  let columnNames: [String]?
  let columnTypes: [String: Column.Kind]
  let looksNumericThreshold: Double
  /// The columns to read, or `nil` for all.
  let selectedColumns: [String]?
  /// The nominal chunk size in bytes; an input with fewer than two chunks' worth of records is
  /// read as one chunk.
  let chunkBytes: Int

  /// Parses the bytes into a table.
  ///
  /// - Parameters:
  ///   - input: The CSV bytes.
  ///   - validatesUTF8: Whether to check non-ASCII content (not needed for `String` input).
  ///   - file: The file buffer that `input` views, when the bytes come from a file: the pages
  ///     of the records pass 1 has read are then recycled or released, and read again from the
  ///     file for the rare second reading.
  /// - Throws: Any parse error of ``CSVError``.
  /// - Complexity: O(input size + L log L) for L categorical levels, spread over the cores.
  func parse(
    _ input: UnsafeBufferPointer<UInt8>, validatesUTF8: Bool, file: CSVFileBuffer? = nil
  ) throws(CSVError) -> DataTable {
    var tokenizer = CSVTokenizer(input: input, separator: separator, validatesUTF8: validatesUTF8)
    let names: [String]
    let headerLine: Int?
    if let given = columnNames {
      names = given
      headerLine = nil
    } else {
      var header = CSVFieldTexts()
      guard try tokenizer.nextRecord(&header) != nil else { throw .emptyInput }
      names = Self.namingRowNames(header.texts)
      headerLine = tokenizer.recordLine
    }
    if let file, !file.isComplete, tokenizer.position + 8 > file.prefixEnd || tokenizer.end <= file.suffixStart {
      // The header, or the blank lines at the end, run past the bytes read so far.
      try file.readAll()
      return try parse(input, validatesUTF8: validatesUTF8, file: file)
    }
    try Self.checkNames(names, line: headerLine)
    let layout = CSVRecordLayout(
      names: names, forced: try forcedKinds(names), selected: try selection(names), firstLine: tokenizer.line,
      validatesUTF8: validatesUTF8)
    let records = tokenizer.position..<tokenizer.end
    let source = CSVSharedInput(bytes: input, file: file)
    if let file, !file.isComplete {
      // Only the first bytes are read: guess from the complete records among them, then read
      // the rest window by window.
      let sample = records.lowerBound..<min(records.upperBound, max(records.lowerBound, file.prefixEnd - 8))
      let guess = guessKinds(input, records: sample, layout: layout)
      if let windows = try scanWindows(source, file: file, records: records, layout: layout, guess: guess),
        let table = try assemble(
          source, cuts: windows.cuts, scans: windows.scans, join: windows.join, layout: layout, guess: guess)
      {
        return table
      }
      try file.readAll()
      return try readAsOneChunk(source, records: records, layout: layout, guess: guess)
    }
    let guess = guessKinds(input, records: records, layout: layout)
    let cuts = CSVChunkPlan.cuts(input, range: records, chunkBytes: chunkBytes)
    if cuts.count > 2 {
      if let table = try read(source, cuts: cuts, layout: layout, guess: guess) { return table }
      try file?.restore(records)
    }
    return try readAsOneChunk(source, records: records, layout: layout, guess: guess)
  }

  /// Reads all the records as one chunk.
  private func readAsOneChunk(
    _ source: CSVSharedInput, records: Range<Int>, layout: CSVRecordLayout, guess: CSVKindGuess
  ) throws(CSVError) -> DataTable {
    let whole = [records.lowerBound, records.upperBound]
    guard let table = try read(source, cuts: whole, layout: layout, guess: guess) else {
      throw .tableConstruction(.noObservations(reason: "the CSV records could not be read as one chunk"))
    }
    return table
  }

  /// Reads the records cut into chunks at `cuts`; `nil` when a chunk did not end at its cut,
  /// that is when a cut fell inside a record.
  private func read(
    _ source: CSVSharedInput, cuts: [Int], layout: CSVRecordLayout, guess: CSVKindGuess
  ) throws(CSVError) -> DataTable? {
    guard var scans = scanChunks(source, cuts: cuts, endsInput: true, layout: layout, guess: guess) else { return nil }
    let join = CSVColumnJoin(selected: layout.selected, expectedRows: guess.records(inBytes: cuts[cuts.count - 1] - cuts[0]))
    join.absorb(&scans)
    return try assemble(source, cuts: cuts, scans: scans, join: join, layout: layout, guess: guess)
  }

  /// Pass 1 over the chunks between `cuts`, in parallel, each chunk's pages released once read
  /// unless `releasing` is false; `nil` if a job did not run. `endsInput`: whether the last
  /// chunk ends the records.
  private func scanChunks(
    _ source: CSVSharedInput, cuts: [Int], endsInput: Bool, layout: CSVRecordLayout, guess: CSVKindGuess,
    releasing: Bool = true
  ) -> [CSVChunkScan]? {
    let chunks = cuts.count - 1
    let guesses = guess.kinds
    let scans = ParallelMap.values(chunks) { k in
      let scan = scanChunk(source.bytes, cuts[k]..<cuts[k + 1], last: endsInput && k == chunks - 1, layout: layout,
                           guesses: guesses, rows: guess.records(inBytes: cuts[k + 1] - cuts[k]))
      if releasing { source.file?.release(cuts[k]..<cuts[k + 1]) }
      return scan
    }
    return scans.count == chunks ? scans : nil
  }

  /// Pass 1 over a lazily read file, window by window: each window's bytes are read from the
  /// file, cut into chunks at record boundaries (the bytes after the last cut wait for the next
  /// window), and scanned; the cuts and scans of all windows with their columns joined, or `nil`
  /// if a job did not run. The pages of each window's scanned records are recycled under the
  /// next window's bytes, and its column pieces are joined and freed before the next is read.
  private func scanWindows(
    _ source: CSVSharedInput, file: CSVFileBuffer, records: Range<Int>, layout: CSVRecordLayout, guess: CSVKindGuess
  ) throws(CSVError) -> (cuts: [Int], scans: [CSVChunkScan], join: CSVColumnJoin)? {
    defer { file.releaseSpare() }
    let join = CSVColumnJoin(selected: layout.selected, expectedRows: guess.records(inBytes: records.count))
    let window = Self.windowBytes(chunkBytes: chunkBytes)
    var cuts = [records.lowerBound]
    var scans: [CSVChunkScan] = []
    var start = records.lowerBound, filled = min(records.upperBound, file.prefixEnd), size = window
    while start < records.upperBound {
      let end = records.upperBound - start <= size ? records.upperBound : start + size
      if end > filled {
        try file.restore(filled..<end)
        filled = end
      }
      var windowCuts = CSVChunkPlan.cuts(source.bytes, range: start..<end, chunkBytes: chunkBytes)
      let endsInput = end == records.upperBound
      if !endsInput { windowCuts.removeLast() }
      guard windowCuts.count > 1, let last = windowCuts.last else {
        // No record ends in this window: widen it.
        size = size > Int.max / 2 ? Int.max : size * 2
        continue
      }
      guard
        var windowScans = scanChunks(
          source, cuts: windowCuts, endsInput: endsInput, layout: layout, guess: guess, releasing: false)
      else { return nil }
      file.recycle(start..<last)
      join.absorb(&windowScans)
      scans += windowScans
      cuts += windowCuts.dropFirst()
      start = last
      size = window
    }
    return (cuts, scans, join)
  }

  /// Stats, kinds, pass 2 and the columns, after pass 1 (`scans`, one per chunk between `cuts`,
  /// whose column pieces `join` holds); `nil` when a chunk did not end at its cut.
  private func assemble(
    _ source: CSVSharedInput, cuts: [Int], scans: [CSVChunkScan], join: CSVColumnJoin, layout: CSVRecordLayout,
    guess: CSVKindGuess
  ) throws(CSVError) -> DataTable? {
    let chunks = cuts.count - 1
    let guesses = guess.kinds
    guard scans.count == chunks else { return nil }
    // Pass 1 results, in file order: the first misaligned chunk or error decides.
    var stats = [CSVColumnStats](repeating: CSVColumnStats(), count: layout.width)
    var lineOffsets: [Int] = []
    var lineOffset = layout.firstLine - 1
    for scan in scans {
      if scan.misaligned { return nil }
      if let error = scan.error { throw error.shiftingLines(by: lineOffset) }
      for j in 0..<layout.width { stats[j].merge(scan.stats[j], lineOffset: lineOffset) }
      lineOffsets.append(lineOffset)
      lineOffset += scan.lines
    }
    let kinds = try inferKinds(layout: layout, stats: stats, guesses: guesses)

    // The columns joined as guessed are done; pass 2 reads the others again from every chunk.
    let kept = (0..<layout.width).filter { layout.selected[$0] }
    var joined = [CSVColumnBuilder?](repeating: nil, count: layout.width)
    for j in kept {
      let column = try join.take(j)
      if guesses[j] == kinds[j] { joined[j] = column }
    }
    let again = (0..<layout.width).map { layout.selected[$0] && joined[$0] == nil }
    let rowCounts = scans.map(\.rows), offsets = lineOffsets
    let redo = again.contains(true)
    let converted: [Result<[CSVColumnBuilder], CSVError>] = !redo ? [] : ParallelMap.values(chunks) { k in
      do throws(CSVError) {
        try source.file?.restore(cuts[k]..<cuts[k + 1])
      } catch {
        return Result<[CSVColumnBuilder], CSVError>.failure(error)
      }
      let converted = convertChunk(source.bytes, cuts[k]..<cuts[k + 1], last: k == chunks - 1, layout: layout,
                                   kinds: kinds, selected: again, rows: rowCounts[k])
      source.file?.release(cuts[k]..<cuts[k + 1])
      return converted.mapError { $0.shiftingLines(by: offsets[k]) }
    }
    guard converted.count == (redo ? chunks : 0) else { return nil }
    // Each column's pieces move into a slot of their own, so that they are freed as soon as the
    // column is joined.
    var pieces: [[CSVColumnBuilder]] = Array(repeating: [], count: layout.width)
    for k in converted.indices {
      let chunk = try converted[k].get()
      for j in 0..<layout.width where again[j] { pieces[j].append(chunk[j]) }
    }
    let slots = kept.map { CSVColumnPieces(joined[$0].map { [$0] } ?? pieces[$0]) }
    pieces = []
    joined = []
    let assembled = ParallelMap.values(kept.count) { i in
      Result { () throws(CSVError) -> Column? in try CSVColumnBuilder.concatenating(slots[i].take())?.makeColumn() }
    }
    guard assembled.count == kept.count else { return nil }
    var columns: [Column] = []
    columns.reserveCapacity(kept.count)
    for result in assembled {
      guard let column = try result.get() else { return nil }
      columns.append(column)
    }
    do {
      return try DataTable(columns: columns)
    } catch {
      throw .tableConstruction(error)
    }
  }

  /// Each column's kind as inferred from the first records (at most `sampleRecords`), for pass
  /// 1 to convert cells speculatively (a wrong guess costs a second pass over the chunks
  /// concerned, never a different result), and the records' mean length, to size storage.
  private func guessKinds(_ input: UnsafeBufferPointer<UInt8>, records: Range<Int>, layout: CSVRecordLayout) -> CSVKindGuess {
    var tokenizer = CSVTokenizer(
      chunk: input, range: records, separator: separator, validatesUTF8: false, endsAtLineBreak: false)
    var counter = CSVCellCounter(layout: layout, missingTokens: missingTokens, guesses: nil, rows: 0)
    var sampled = 0
    while sampled < Self.sampleRecords, let fields = try? tokenizer.nextRecord(&counter), fields == layout.width {
      sampled += 1
    }
    let stats = counter.columnStats()
    let kinds = layout.names.indices.map { j -> Column.Kind in
      if let kind = layout.forced[j] { return kind }
      if case .kind(let kind) = CSVTypeInference.infer(stats[j], threshold: looksNumericThreshold) { return kind }
      return .categorical
    }
    let length = sampled > 0 ? Double(tokenizer.position - records.lowerBound) / Double(sampled) : 0
    return CSVKindGuess(kinds: kinds, bytesPerRecord: length)
  }

  /// The bytes of records read from a file at a time (16 chunks), saturating.
  static func windowBytes(chunkBytes: Int) -> Int {
    chunkBytes > Int.max / 16 ? Int.max : 16 * chunkBytes
  }

  /// The bytes read from a file's end before parsing, for the blank lines that end it.
  static let suffixBytes = 1 << 16

  /// How many records ``guessKinds(_:records:layout:)`` looks at.
  static let sampleRecords = 1_000

  /// Pass 1 over one chunk: structure, forced kinds, counts, and the cells stored as guessed;
  /// an error is kept, not thrown.
  private func scanChunk(
    _ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, last: Bool, layout: CSVRecordLayout,
    guesses: [Column.Kind], rows: Int
  ) -> CSVChunkScan {
    var tokenizer = CSVTokenizer(
      chunk: input, range: range, separator: separator, validatesUTF8: layout.validatesUTF8, endsAtLineBreak: !last)
    var counter = CSVCellCounter(layout: layout, missingTokens: missingTokens, guesses: guesses, rows: rows)
    var scan = CSVChunkScan()
    do throws(CSVError) {
      while let fields = try tokenizer.nextRecord(&counter) {
        guard fields == layout.width else {
          throw .raggedRow(line: tokenizer.recordLine, expected: layout.width, found: fields)
        }
        if let error = counter.error { throw error }
        scan.rows += 1
      }
    } catch {
      scan.error = error
    }
    scan.stats = counter.columnStats()
    scan.builders = counter.columnBuilders()
    scan.spoiled = counter.spoiledColumns()
    scan.misaligned = tokenizer.misaligned
    scan.lines = tokenizer.line - 1
    return scan
  }

  /// Pass 2 over one chunk: each cell of the `selected` columns converted into a builder of its
  /// column's inferred kind.
  private func convertChunk(
    _ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, last: Bool, layout: CSVRecordLayout,
    kinds: [Column.Kind], selected: [Bool], rows: Int
  ) -> Result<[CSVColumnBuilder], CSVError> {
    var converter = CSVCellConverter(
      builders: (0..<layout.width).map { j in
        CSVColumnBuilder(kind: kinds[j], name: layout.names[j], position: j + 1, rows: selected[j] ? rows : 0)
      },
      missingTokens: missingTokens, selected: selected)
    var tokenizer = CSVTokenizer(
      chunk: input, range: range, separator: separator, validatesUTF8: false, endsAtLineBreak: !last)
    do throws(CSVError) {
      while try tokenizer.nextRecord(&converter) != nil {
        if let error = converter.error { throw error }
      }
    } catch {
      return .failure(error)
    }
    return .success(converter.builders)
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

  /// Whether each column is read: all, or those ``selectedColumns`` names.
  ///
  /// - Throws: ``CSVError/unknownColumn(name:suggestions:)`` for a selected name that the
  ///   header does not have.
  private func selection(_ names: [String]) throws(CSVError) -> [Bool] {
    guard let selectedColumns else { return Array(repeating: true, count: names.count) }
    var selected = [Bool](repeating: false, count: names.count)
    for name in selectedColumns {
      guard let j = names.firstIndex(of: name) else {
        throw .unknownColumn(name: name, suggestions: NameSuggestions.closest(to: name, among: names))
      }
      selected[j] = true
    }
    return selected
  }

  /// Each column's kind; throws for the earliest cell (by line, then column) that trips the
  /// stray-text guard.
  private func inferKinds(
    layout: CSVRecordLayout, stats: [CSVColumnStats], guesses: [Column.Kind]
  ) throws(CSVError) -> [Column.Kind] {
    let names = layout.names
    var kinds: [Column.Kind] = []
    var firstError: CSVError?
    var firstLine = Int.max
    for j in names.indices {
      if !layout.selected[j] {
        kinds.append(guesses[j])
        continue
      }
      if let kind = layout.forced[j] {
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

/// The column names, forced kinds and position of the records, shared by every chunk.
struct CSVRecordLayout: Sendable {
  /// The column names.
  let names: [String]
  /// The kind forced for each column, by position.
  let forced: [Column.Kind?]
  /// Whether each column is read (typed and stored), by position.
  let selected: [Bool]
  /// The physical line on which the first record starts.
  let firstLine: Int
  /// Whether pass 1 checks non-ASCII content.
  let validatesUTF8: Bool
  /// The number of columns.
  var width: Int { names.count }
}

/// Each column's guessed kind and the mean record length, from the first records.
struct CSVKindGuess: Sendable {
  /// The guessed kind of each column.
  let kinds: [Column.Kind]
  /// The mean length of the sampled records in bytes (0 when none was sampled).
  let bytesPerRecord: Double

  /// The number of records expected in `bytes` bytes, a little over the mean, to reserve
  /// storage; 0 when unknown.
  func records(inBytes bytes: Int) -> Int {
    bytesPerRecord > 0 ? Int(Double(bytes) / bytesPerRecord * 1.02) + 16 : 0
  }
}

/// What pass 1 learned from one chunk.
struct CSVChunkScan: Sendable {
  /// Per-column counts, with lines counted from the chunk's start.
  var stats: [CSVColumnStats] = []
  /// The cells stored as the guessed kinds, by column.
  var builders: [CSVColumnBuilder] = []
  /// Whether a cell of the column did not fit its guessed kind.
  var spoiled: [Bool] = []
  /// The records read.
  var rows = 0
  /// The physical line breaks consumed.
  var lines = 0
  /// The chunk's first error, with lines counted from the chunk's start.
  var error: CSVError?
  /// Whether a record ran past the chunk's end (see ``CSVTokenizer/misaligned``).
  var misaligned = false
}

/// The input bytes, shared read-only by the chunks while ``CSVTableParser/parse(_:validatesUTF8:)``
/// runs.
struct CSVSharedInput: @unchecked Sendable {
  /// The bytes; valid for the duration of the parse.
  let bytes: UnsafeBufferPointer<UInt8>
  /// The file buffer behind `bytes`, whose read chunks are released and restored; `nil` for
  /// bytes held by the caller.
  let file: CSVFileBuffer?
}

/// One column's chunk builders, taken once by the job that joins them.
final class CSVColumnPieces: @unchecked Sendable {
  private var pieces: [CSVColumnBuilder]

  /// Holds the pieces.
  init(_ pieces: [CSVColumnBuilder]) { self.pieces = pieces }

  /// The pieces, which the slot no longer holds. Each slot is taken by exactly one job.
  func take() -> [CSVColumnBuilder] {
    defer { pieces = [] }
    return pieces
  }
}

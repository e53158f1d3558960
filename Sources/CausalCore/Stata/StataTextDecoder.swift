/// Decodes string variables (`str1` … `str2045` and `strL`) of the data section into
/// categorical columns, the way ``CSVReader`` stores text: levels are the distinct strings
/// sorted ascending, and an empty string (Stata's missing string) is missing.
///
/// Text is hashed from the file's bytes (no `String` per value); format 117 text is converted
/// from Windows-1252 to UTF-8 first, and 118/119 text is checked to be UTF-8.
struct StataTextDecoder {
  /// The file.
  let bytes: UnsafeRawBufferPointer
  /// The rows.
  let layout: StataDataLayout
  /// The format.
  let release: StataRelease
  /// Whether the file is `MSF`.
  let bigEndian: Bool
  /// The stored long strings.
  let strLs: StataStrLs

  /// The categorical column of variable `j`.
  ///
  /// - Parameters:
  ///   - tallies: 27 counters of missing codes; empty strings count as `.` (index 0).
  /// - Throws: ``StataError/invalidText(offset:field:)``, ``StataError/missingStrL(offset:variable:row:v:o:)``
  ///   or ``StataError/tableConstruction(_:)``.
  /// - Complexity: O(bytes of the variable's values + L log L) for L distinct strings.
  func column(variable j: Int, name: String, type: StataStorageType, tallies: inout [Int]) throws(StataError) -> Column {
    let n = layout.rowCount
    var levels = CSVLevelTable()
    var codes = [Int32](repeating: -1, count: n)
    var scratch: [UInt8] = []
    var resolved: [StataStrLs.Key: Int32] = [:]
    for row in 0..<n {
      let at = layout.offset(row: row, variable: j)
      let code: Int32
      if case .string(let width) = type {
        let length = StataText.terminatedLength(bytes, at: at, count: width)
        code = try level(UnsafeRawBufferPointer(rebasing: bytes[at..<(at + length)]), at: at, name: name, row: row,
                         levels: &levels, scratch: &scratch)
      } else {
        let key = StataStrLs.key(bytes, at: at, release: release, bigEndian: bigEndian)
        if key.v == 0 && key.o == 0 {
          code = -1
        } else if let known = resolved[key] {
          code = known
        } else {
          guard let range = strLs.contents[key] else {
            throw .missingStrL(offset: at, variable: name, row: row + 1, v: key.v, o: key.o)
          }
          code = try level(UnsafeRawBufferPointer(rebasing: bytes[range]), at: range.lowerBound, name: name, row: row,
                           levels: &levels, scratch: &scratch)
          resolved[key] = code
        }
      }
      if code < 0 { tallies[0] += 1 }
      codes[row] = code
    }
    let (sortedLevels, remap) = levels.sortedLevels()
    for row in 0..<n where codes[row] >= 0 { codes[row] = remap[Int(codes[row])] }
    do {
      return try Column(name: name, codes: codes, levels: sortedLevels)
    } catch {
      throw .tableConstruction(error)
    }
  }

  /// The first-seen level index of one value's bytes, or −1 for an empty string.
  private func level(
    _ part: UnsafeRawBufferPointer, at: Int, name: String, row: Int, levels: inout CSVLevelTable, scratch: inout [UInt8]
  ) throws(StataError) -> Int32 {
    if part.isEmpty { return -1 }
    let index: Int32?
    if release.isUTF8 || StataText.isASCII(part) {
      if release.isUTF8, !StataText.isASCII(part), !StataText.isValidUTF8(part) {
        throw .invalidText(offset: at, field: "the value of variable '\(name)' in row \(row + 1)")
      }
      index = levels.index(of: UnsafeBufferPointer(start: part.baseAddress?.assumingMemoryBound(to: UInt8.self), count: part.count))
    } else {
      scratch.removeAll(keepingCapacity: true)
      StataText.appendTranscoded(part, to: &scratch)
      index = scratch.withUnsafeBufferPointer { levels.index(of: $0) }
    }
    guard let index else {
      throw .tableConstruction(.invalidCategorical(column: name, reason: "more than 2147483647 distinct values"))
    }
    return index
  }
}

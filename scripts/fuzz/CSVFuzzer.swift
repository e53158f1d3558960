// libFuzzer entry point for the CSV reader: separator detection (the default) on the text, then
// the raw bytes (UTF-8 validation) with a separator chosen by the first byte and extra
// missing-value codes, read as one chunk and again cut into chunks of 1 to 64 bytes (chosen by
// the second byte) by the parallel reader. Any input must give a table or a thrown error, never
// a crash, a hang or a sanitizer report, and the chunked read must give the same table, bit for
// bit, or the same error as the one-chunk read (a difference traps, so libFuzzer reports it);
// when the file reads, a selection of its columns (CSVReader.selectedColumns) must read the
// same values.
// Built and run by scripts/fuzz.sh.
import CausalCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  if let table = try? CSVReader().read(string: String(decoding: bytes, as: UTF8.self)) {
    _ = table.rowCount
  }
  let separators: [Unicode.Scalar?] = [nil, ",", ";", "\t", "|"]
  var reader = CSVReader(
    separator: separators[Int(bytes.first ?? 0) % separators.count], missingTokens: ["", "NA", ".", "n/a"])
  reader.chunkBytes = Int.max
  let whole = Result { try reader.read(bytes: bytes) }
  reader.chunkBytes = 1 + Int(bytes.count > 1 ? bytes[1] : 0) % 64
  let chunked = Result { try reader.read(bytes: bytes) }
  switch (whole, chunked) {
  case (.success(let a), .success(let b)):
    if !identical(a, b) { fatalError("the chunked read gives another table") }
    // A selection of the columns (chosen by the third byte) reads exactly those columns.
    let mask = Int(bytes.count > 2 ? bytes[2] : 0)
    let names = a.columnNames.enumerated().filter { mask >> ($0.offset % 8) & 1 == 1 }.map(\.element)
    reader.selectedColumns = names
    guard let selected = try? reader.read(bytes: bytes),
      let expected = try? DataTable(columns: a.columns.filter { names.contains($0.name) })
    else { fatalError("a selection of the columns of a table that reads fails") }
    if !identical(selected, expected) { fatalError("a selection of the columns gives other values") }
  case (.failure(let a), .failure(let b)):
    if "\(a)" != "\(b)" { fatalError("the chunked read gives another error: \(b) instead of \(a)") }
  default:
    fatalError("the chunked read and the one-chunk read disagree on success")
  }
  return 0
}

/// Whether two tables have the same columns, kinds, levels, missing cells and values (doubles
/// compared bit for bit).
private func identical(_ a: DataTable, _ b: DataTable) -> Bool {
  guard a.columnNames == b.columnNames else { return false }
  for (x, y) in zip(a.columns, b.columns) {
    guard x.kind == y.kind, x.count == y.count, x.levels == y.levels else { return false }
    if case .double(let u) = x.storage, case .double(let v) = y.storage {
      guard u.map(\.bitPattern) == v.map(\.bitPattern) else { return false }
    } else if x != y {
      return false
    }
    for i in 0..<x.count where x.isMissing(i) != y.isMissing(i) { return false }
  }
  return true
}

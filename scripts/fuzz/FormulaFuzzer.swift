// libFuzzer entry point for CausalKit's text parsers: the formula parser and the CSV reader
// (with separator detection, and with each separator given).
// Built and run by scripts/fuzz.sh; any input must give a value or a thrown error, never a
// crash, a hang or a sanitizer report.
import CausalCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let text = String(decoding: bytes, as: UTF8.self)
  if let formula = try? Formula(text) {
    _ = formula.description
    _ = formula.variables
  }
  // Separator detection (the default), then a separator chosen by the first byte, reading the
  // raw bytes (UTF-8 validation) with extra missing-value codes.
  if let table = try? CSVReader().read(string: text) {
    _ = table.rowCount
  }
  let separators: [Unicode.Scalar?] = [nil, ",", ";", "\t", "|"]
  let reader = CSVReader(
    separator: separators[Int(bytes.first ?? 0) % separators.count], missingTokens: ["", "NA", ".", "n/a"])
  if let table = try? reader.read(bytes: bytes) {
    _ = table.rowCount
  }
  return 0
}

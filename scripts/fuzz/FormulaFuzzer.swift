// libFuzzer entry point for CausalKit's text parsers: the formula parser and the CSV reader.
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
  if let table = try? CSVReader().read(string: text) {
    _ = table.rowCount
  }
  return 0
}

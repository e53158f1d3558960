// libFuzzer entry point for the CSV reader: separator detection (the default) on the text, then
// the raw bytes (UTF-8 validation) with a separator chosen by the first byte and extra
// missing-value codes. Any input must give a table or a thrown error, never a crash, a hang or
// a sanitizer report. Built and run by scripts/fuzz.sh.
import CausalCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  if let table = try? CSVReader().read(string: String(decoding: bytes, as: UTF8.self)) {
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

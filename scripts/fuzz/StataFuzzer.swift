// libFuzzer entry point for CausalKit's Stata .dta reader. Built and run by scripts/fuzz.sh
// with the seed corpus scripts/fuzz/corpus/stata; any input must give a table or a thrown
// StataError, never a crash, a hang, an oversized allocation or a sanitizer report.
import CausalCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  if let dataset = try? StataReader().readDataset(bytes: bytes) {
    _ = dataset.table.rowCount
    _ = dataset.missingValueCount
    for column in dataset.table.columns where column.count > 0 {
      _ = column.text(at: column.count - 1)
    }
  }
  return 0
}

// libFuzzer entry point for the formula parser: any text must parse to a formula or throw a
// FormulaError, never crash, hang or trip the sanitizer.
// Built and run by scripts/fuzz.sh.
import CausalCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  if let formula = try? Formula(text) {
    _ = formula.description
    _ = formula.variables
  }
  return 0
}

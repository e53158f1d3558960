#if canImport(Glibc)
import Glibc
#endif

/// The process's heap, for a tool that reads a large file and then fits.
enum ProcessMemory {
  /// Hands the heap's free memory back to the system (glibc's `malloc_trim`), so that what a
  /// reader freed does not count against the fit that follows. Nothing happens where the call
  /// does not exist.
  static func returnFreeMemory() {
    #if canImport(Glibc)
    typealias Trim = @convention(c) (Int) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
    _ = unsafeBitCast(symbol, to: Trim.self)(0)
    #endif
  }
}

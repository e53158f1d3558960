import CausalCore
import Foundation
import Testing

/// Read time of a large `.dta` file, against pyreadstat's on the same file. Off by default:
/// write the file (and time pyreadstat) with
/// `python3 Tests/Fixtures/generate_stata.py --benchmark /tmp/stata-bench.dta`, then run
/// `CAUSALKIT_STATA_BENCH=/tmp/stata-bench.dta swift test -c release -Xswiftc -enable-testing --filter StataBenchmark`.
@Suite("Stata benchmark")
struct StataBenchmarkTests {
  @Test("read the 1,000,000-row × 6-column benchmark file", .enabled(if: ProcessInfo.processInfo.environment["CAUSALKIT_STATA_BENCH"] != nil))
  func readTime() throws {
    let path = ProcessInfo.processInfo.environment["CAUSALKIT_STATA_BENCH"] ?? ""
    var best = Duration.seconds(1000)
    var table = DataTable()
    for _ in 0..<3 {
      let start = ContinuousClock.now
      table = try StataReader().read(path: path)
      best = min(best, ContinuousClock.now - start)
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
    print(String(format: "StataReader: %d rows x %d columns in %.3f s (best of 3)", table.rowCount, table.columns.count, seconds))
    #expect(table.rowCount == 1_000_000)
    #expect(table.columns.map(\.kind) == Array(repeating: .double, count: 6))
  }
}

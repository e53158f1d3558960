import CausalCore
import Foundation
import Testing

/// Parse throughput on a generated 1,000,000-row, 6-column file. Off by default; run with
/// `CAUSALKIT_CSV_BENCH=1 swift test -c release --filter CSVBenchmark`.
@Suite("CSV benchmark")
struct CSVBenchmarkTests {
  @Test("read 1,000,000 rows × 6 columns", .enabled(if: ProcessInfo.processInfo.environment["CAUSALKIT_CSV_BENCH"] != nil))
  func readThroughput() throws {
    let rows = 1_000_000
    var generator = SystemRandomNumberGenerator()
    var text = "id,x,y,group,treated,count\n"
    text.reserveCapacity(rows * 64)
    for i in 0..<rows {
      let x = Double.random(in: -1000..<1000, using: &generator)
      let y = Double(Int.random(in: 0..<1_000_000, using: &generator)) / 1000
      let group = "school_\(Int.random(in: 0..<200, using: &generator))"
      let treated = Bool.random(using: &generator) ? "true" : "false"
      let count = i % 50 == 0 ? "NA" : String(Int.random(in: 0..<100_000, using: &generator))
      text += "\(i),\(x),\(y),\(group),\(treated),\(count)\n"
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-bench-\(UUID()).csv")
    try Data(text.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let bytes = Double(text.utf8.count)
    var best = Duration.seconds(1000)
    var table = DataTable()
    for _ in 0..<3 {
      let start = ContinuousClock.now
      table = try CSVReader().read(path: url.path)
      best = min(best, ContinuousClock.now - start)
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
    print(String(format: "CSV read: %.1f MB in %.3f s = %.1f MB/s, %.0f rows/s",
                 bytes / 1e6, seconds, bytes / 1e6 / seconds, Double(rows) / seconds))
    #expect(table.rowCount == rows)
    #expect(table.columns.map(\.kind) == [.int, .double, .double, .categorical, .bool, .int])
    let writeStart = ContinuousClock.now
    try CSVWriter().write(table, to: url)
    let w = ContinuousClock.now - writeStart
    print("CSV write: \(w)")
  }
}

import CausalCore
import Foundation
import Testing

/// Large-data checks. The 10-million-row timing runs only when `CAUSALKIT_BENCHMARK=1`, and is
/// meant for release builds: `CAUSALKIT_BENCHMARK=1 swift test -c release --filter ModelFrameBenchmark`.
@Suite("ModelFrameBenchmark")
struct ModelFrameBenchmarkTests {
  /// A table with y, x1, x2 (doubles) and two integer fixed effects.
  static func table(rows n: Int, firms: Int, years: Int) throws -> DataTable {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return state
    }
    var y = [Double](repeating: 0, count: n)
    var x1 = [Double](repeating: 0, count: n)
    var x2 = [Double](repeating: 0, count: n)
    var fe1 = [Int](repeating: 0, count: n)
    var fe2 = [Int](repeating: 0, count: n)
    for i in 0..<n {
      let r = next()
      x1[i] = Double(r & 0xFFFF) / 65536
      x2[i] = Double((r >> 16) & 0xFFFF) / 65536
      fe1[i] = Int((r >> 32) % UInt64(firms)) + 1000
      fe2[i] = Int((r >> 48) % UInt64(years)) + 1990
      y[i] = x1[i] - 2 * x2[i] + Double(fe2[i] % 7)
    }
    return try DataTable(columns: [
      Column(name: "y", doubles: y), Column(name: "x1", doubles: x1), Column(name: "x2", doubles: x2),
      Column(name: "fe1", ints: fe1), Column(name: "fe2", ints: fe2),
    ])
  }

  @Test("Fixed-effect codes agree with a dictionary-based reference on random data")
  func codesAgreeWithReference() throws {
    let data = try Self.table(rows: 50_000, firms: 3_000, years: 30)
    let frame = try ModelFrame("y ~ x1 + x2 | fe1 + fe1^fe2", data: data)
    guard case .int(let fe1) = try data.column(named: "fe1").storage,
      case .int(let fe2) = try data.column(named: "fe2").storage
    else {
      Issue.record("integer columns expected")
      return
    }
    let sorted = Array(Set(fe1)).sorted()
    var index: [Int: Int32] = [:]
    for (k, v) in sorted.enumerated() { index[v] = Int32(k) }
    #expect(frame.fixedEffects[0].codes == fe1.map { index[$0] ?? -1 })
    #expect(frame.fixedEffects[0].labels == sorted.map(String.init))
    struct Pair: Hashable, Comparable {
      var a: Int
      var b: Int
      static func < (l: Pair, r: Pair) -> Bool { (l.a, l.b) < (r.a, r.b) }
    }
    let pairs = zip(fe1, fe2).map { Pair(a: $0, b: $1) }
    let sortedPairs = Array(Set(pairs)).sorted()
    var pairIndex: [Pair: Int32] = [:]
    for (k, p) in sortedPairs.enumerated() { pairIndex[p] = Int32(k) }
    #expect(frame.fixedEffects[1].codes == pairs.map { pairIndex[$0] ?? -1 })
    #expect(frame.fixedEffects[1].labels == sortedPairs.map { "\($0.a)_\($0.b)" })
    #expect(frame.design.column(1) == (try data.column(named: "x2").doubles()))
  }

  @Test(
    "10 million rows, 2 regressors, 2 integer fixed effects",
    .enabled(if: ProcessInfo.processInfo.environment["CAUSALKIT_BENCHMARK"] == "1"))
  func tenMillionRows() throws {
    let n = 10_000_000
    let data = try Self.table(rows: n, firms: 100_000, years: 50)
    let formula = try Formula("y ~ x1 + x2 | fe1 + fe2")
    var best = Duration.seconds(1000)
    var frame: ModelFrame?
    for _ in 0..<3 {
      let clock = ContinuousClock()
      let start = clock.now
      frame = try ModelFrame(formula: formula, data: data)
      best = min(best, clock.now - start)
    }
    print("ModelFrame 10M rows x 2 regressors + 2 int FE: best of 3 = \(best)")
    #expect(frame?.design.rows == n)
    #expect(frame?.fixedEffects.map(\.levelCount) == [100_000, 50])
    #expect(best < .seconds(1))

    // With missing values (listwise deletion path) and a cluster.
    var withMissing = data
    var y = try data.column(named: "y").doubles()
    for i in stride(from: 0, to: n, by: 97) { y[i] = .nan }
    try withMissing.set(Column(name: "y", doubles: y))
    var bestDropped = Duration.seconds(1000)
    var dropped: ModelFrame?
    for _ in 0..<3 {
      let clock = ContinuousClock()
      let start = clock.now
      dropped = try ModelFrame(formula: formula, data: withMissing, clusters: ["fe1"])
      bestDropped = min(bestDropped, clock.now - start)
    }
    print("ModelFrame 10M rows with 1% missing + cluster: best of 3 = \(bestDropped)")
    #expect(dropped?.drops.observationCount(.missingValue) == (n + 96) / 97)
    #expect(dropped?.clusters.first?.levelCount == 100_000)
    #expect(bestDropped < .seconds(1))
  }
}

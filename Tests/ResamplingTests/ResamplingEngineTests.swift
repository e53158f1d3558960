import Resampling
import CausalCore
import Foundation
import Testing

/// A small table: y, a cluster id g (5 clusters of sizes 1…5) and a stratum s.
private func sampleTable() throws -> DataTable {
  var g: [String] = []
  var s: [String] = []
  var y: [Double] = []
  var row = 0
  for cluster in 0..<5 {
    for _ in 0...cluster {
      g.append("c\(cluster)")
      s.append(row % 3 == 0 ? "a" : "b")
      y.append(Double(row * row % 11) + 0.25 * Double(cluster))
      row += 1
    }
  }
  return try DataTable(columns: [
    Column(name: "y", doubles: y), Column(name: "g", strings: g), Column(name: "s", strings: s),
  ])
}

/// Mean of y and the number of rows.
private let meanAndCount: @Sendable (DataTable) throws -> [Double] = { d in
  let y = try d.column(named: "y").doubles()
  return [y.reduce(0, +) / Double(y.count), Double(y.count)]
}

/// Thread-safe storage for test callbacks.
private final class Recorder: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Int] = []
  func add(_ v: Int) { lock.lock(); values.append(v); lock.unlock() }
  var all: [Int] { lock.lock(); defer { lock.unlock() }; return values }
}

@Suite("Bootstrap resampling engine")
struct ResamplingEngineTests {
  @Test("parallel and sequential runs are bit-identical for every scheme", arguments: [
    ResamplingScheme.pairs, .cluster(column: "g"), .stratified(column: "s"),
  ])
  func parallelEqualsSequential(scheme: ResamplingScheme) throws {
    let table = try sampleTable()
    let parallel = try BootstrapResampler(scheme: scheme, replicates: 257, seed: 2024, parallel: true)
      .run(on: table, statistic: meanAndCount)
    let sequential = try BootstrapResampler(scheme: scheme, replicates: 257, seed: 2024, parallel: false)
      .run(on: table, statistic: meanAndCount)
    #expect(parallel == sequential)
    #expect(parallel.t.count == 257)
    #expect(parallel.failures == 0)
    let other = try BootstrapResampler(scheme: scheme, replicates: 257, seed: 2025).run(on: table, statistic: meanAndCount)
    #expect(other.t != parallel.t)
  }

  @Test("replicate r uses SeededGenerator(seed:).derived(stream: r) with nextInt(below: n)")
  func pairsStream() throws {
    let table = try sampleTable()
    let resampler = BootstrapResampler(replicates: 10, seed: 77)
    let sample = try resampler.resample(table, replicate: 3)
    var rng = SeededGenerator(seed: 77).derived(stream: 3)
    let rows = try (0..<table.rowCount).map { _ in try rng.nextInt(below: table.rowCount) }
    #expect(sample == table.selecting(rows: rows))
  }

  @Test("cluster bootstrap keeps whole clusters and labels each drawn copy")
  func clusterBootstrap() throws {
    let table = try sampleTable()
    let resampler = BootstrapResampler(scheme: .cluster(column: "g"), replicates: 50, seed: 9)
    var sawDuplicate = false
    for r in 0..<50 {
      let sample = try resampler.resample(table, replicate: r)
      let g = try sample.column(named: "g")
      let ids = try sample.column(named: BootstrapResampler.clusterColumnName).doubles().map { Int($0) }
      #expect(Set(ids) == Set(0..<5))  // G = 5 draws, each a distinct id
      var sizeOfCopy: [Int: Int] = [:]
      var labelOfCopy: [Int: String] = [:]
      for i in 0..<sample.rowCount {
        sizeOfCopy[ids[i], default: 0] += 1
        let label = g.text(at: i) ?? ""
        if let known = labelOfCopy[ids[i]] { #expect(known == label) } else { labelOfCopy[ids[i]] = label }
      }
      for (copy, label) in labelOfCopy {
        // cluster "cK" has K + 1 rows, all of them present in every copy.
        #expect(sizeOfCopy[copy] == (Int(label.dropFirst()) ?? -1) + 1)
      }
      if Set(labelOfCopy.values).count < 5 { sawDuplicate = true }
    }
    #expect(sawDuplicate)
  }

  @Test("stratified resampling keeps each stratum's positions and size")
  func stratified() throws {
    let table = try sampleTable()
    let resampler = BootstrapResampler(scheme: .stratified(column: "s"), replicates: 20, seed: 3)
    let strata = try table.column(named: "s")
    for r in 0..<20 {
      let sample = try resampler.resample(table, replicate: r)
      let s = try sample.column(named: "s")
      #expect((0..<table.rowCount).allSatisfy { s.text(at: $0) == strata.text(at: $0) })
    }
  }

  @Test("failed replicates are counted, reported and stored as NaN rows")
  func failures() throws {
    let table = try sampleTable()
    struct Odd: Error {}
    let result = try BootstrapResampler(replicates: 200, seed: 1).run(on: table) { d in
      let v = try meanAndCount(d)
      if v[0] > 5.2 { throw Odd() }
      if v[0] < 4.0 { return [.nan, v[1]] }
      return v
    }
    #expect(result.failures > 0)
    #expect(result.failures < 200)
    #expect(result.firstFailure != nil)
    let column = try result.replicates(of: 0)
    #expect(column.filter(\.isNaN).count == result.failures)
    #expect(result.failedReplicateIndices.allSatisfy { column[$0].isNaN })
    _ = try result.percentileInterval(level: 0.9)
  }

  @Test("typed errors: B ≤ 0, all replicates failing, cancellation, unknown column")
  func errors() throws {
    let table = try sampleTable()
    #expect(throws: BootstrapError.invalidReplicates(0)) {
      try BootstrapResampler(replicates: 0, seed: 1).run(on: table, statistic: meanAndCount)
    }
    do {
      _ = try BootstrapResampler(replicates: 5, seed: 1).run(on: table) { d in
        d.rowCount == 15 && d == table ? [1] : [.infinity]
      }
      Issue.record("expected allReplicatesFailed")
    } catch {
      guard case .allReplicatesFailed(let count, _) = error else { Issue.record("\(error)"); return }
      #expect(count == 5)
    }
    #expect(throws: BootstrapError.cancelled) {
      try BootstrapResampler(replicates: 50, seed: 1).run(on: table, isCancelled: { true }, statistic: meanAndCount)
    }
    #expect(throws: BootstrapError.self) {
      try BootstrapResampler(scheme: .cluster(column: "nope"), replicates: 5, seed: 1).run(on: table, statistic: meanAndCount)
    }
  }

  @Test("progress reports every replicate once, ending at (B, B)")
  func progress() throws {
    let table = try sampleTable()
    let recorder = Recorder()
    _ = try BootstrapResampler(replicates: 64, seed: 5).run(
      on: table, progress: { done, total in recorder.add(done); #expect(total == 64) }, statistic: meanAndCount)
    #expect(recorder.all.sorted() == Array(1...64))
  }
}

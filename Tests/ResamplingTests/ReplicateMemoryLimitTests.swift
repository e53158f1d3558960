import CausalCore
import Foundation
import Testing

@testable import Resampling

/// Counts the statistic's calls from any thread.
private final class CallCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  func increment() { lock.lock(); value += 1; lock.unlock() }
  var count: Int { lock.lock(); defer { lock.unlock() }; return value }
}

/// The memory a replicate count needs is checked before any replicate runs, in every loop of
/// the Resampling module.
@Suite("Resampling: replicate counts beyond the machine's memory are refused before allocating")
struct ReplicateMemoryLimitTests {
  static func table() throws -> DataTable {
    try DataTable(columns: [Column(name: "y", doubles: (0..<20).map { Double($0 * $0 % 7) })])
  }

  @Test("BootstrapResampler with replicates = 1000000000000 throws exceedsMemory after t0 only")
  func resamplerTrillion() throws {
    let calls = CallCounter()
    let resampler = BootstrapResampler(replicates: 1_000_000_000_000, seed: 1)
    let error = #expect(throws: BootstrapError.self) {
      try resampler.run(on: try Self.table()) { sample in
        calls.increment()
        let y = try sample.column(named: "y").doubles()
        return [y.reduce(0, +) / Double(y.count), 1]
      }
    }
    guard case .invalidOption(.exceedsMemory(let option, let value, let bytes, let memory))? = error else {
      Issue.record("expected exceedsMemory, got \(String(describing: error))")
      return
    }
    #expect(option == "replicates")
    #expect(value == 1_000_000_000_000)
    #expect(bytes == BootstrapResampler.memory(width: 2).bytesPerItem)
    #expect(bytes >= 2 * 8 + 48)
    #expect(memory == ProcessInfo.processInfo.physicalMemory)
    #expect(calls.count == 1)
  }

  @Test("BootstrapResampler with replicates = Int.max throws instead of trapping")
  func resamplerIntMax() throws {
    let resampler = BootstrapResampler(replicates: Int.max, seed: 1, parallel: false)
    #expect(throws: BootstrapError.self) { try resampler.run(on: try Self.table()) { _ in [1] } }
  }

  @Test("ReplicateLoop with count = 1000000000000 and Int.max throws invalidOption without running a replicate")
  func replicateLoop() {
    for count in [1_000_000_000_000, Int.max] {
      let calls = CallCounter()
      let error = #expect(throws: ResampledInferenceError.self) {
        try ReplicateLoop.run(
          count: count, width: 4, parallel: true, progress: nil, isCancelled: nil, makeScratch: { 0 }
        ) { _, _ in
          calls.increment()
          return [1, 2, 3, 4]
        }
      }
      guard case .invalidOption(.exceedsMemory(_, let value, let bytes, _))? = error else {
        Issue.record("expected exceedsMemory, got \(String(describing: error))")
        continue
      }
      #expect(value == count)
      #expect(bytes == ReplicateLoop.memory(width: 4).bytesPerItem)
      #expect(calls.count == 0)
    }
  }

  @Test("ReplicateLoop with count = 999 still runs every replicate")
  func replicateLoopSmall() throws {
    let output = try ReplicateLoop.run(
      count: 999, width: 1, parallel: true, progress: nil, isCancelled: nil, makeScratch: { 0 }
    ) { r, _ in [Double(r)] }
    #expect(output.rows.count == 999)
    #expect(output.rows[998] == [998])
  }
}

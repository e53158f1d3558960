import CausalCore
import Foundation
import Matching
import Resampling
import Testing

/// `match --bootstrap --reps 1000000000000` ended the process in an allocation; the
/// matched-set bootstrap now refuses the count with a typed error before any replicate.
@Suite("Matched-set bootstrap: replicate counts beyond the machine's memory are refused")
struct MatchedPairsMemoryLimitTests {
  @Test("MatchedPairsBootstrap with replicates = 1000000000000 throws exceedsMemory")
  func trillion() throws {
    var rng = SeededGenerator(seed: 3)
    let treated = (0..<80).map { $0 % 4 == 0 }
    let score = treated.map { ($0 ? 0.5 : 0) + rng.nextNormal() }
    let y = score.indices.map { 1 + (treated[$0] ? 2 : 0) + score[$0] + rng.nextNormal() }
    let table = try DataTable(columns: [
      Column(name: "y", doubles: y), Column(name: "treat", ints: treated.map { $0 ? 1 : 0 }),
    ])
    let matched = try NearestNeighborMatcher().match(treatment: treated, distance: .score(score))
    let bootstrap = try MatchedPairsBootstrap(
      source: .matchedSet(matched), treatment: "treat", outcome: "y", replicates: 1_000_000_000_000, seed: 1)
    let error = #expect(throws: ResampledInferenceError.self) { try bootstrap.fit(table) }
    guard case .invalidOption(.exceedsMemory(let option, let value, let bytes, let memory))? = error else {
      Issue.record("expected exceedsMemory, got \(String(describing: error))")
      return
    }
    #expect(option == "replicates" && value == 1_000_000_000_000)
    #expect(bytes == ReplicateLoop.memory(width: 2).bytesPerItem)
    #expect(memory == ProcessInfo.processInfo.physicalMemory)
  }
}

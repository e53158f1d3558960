import CausalCore
import Foundation
import Testing

@testable import Mediation

/// Simulation and replicate counts whose draws cannot fit in the machine's memory are refused
/// with a typed error before any model is fitted (`mediate --sims 1000000000000` ended the
/// process with "failed to allocate 16000000000032 bytes" before).
@Suite("Mediation: simulation and replicate counts beyond the machine's memory are refused")
struct MediationReplicateMemoryLimitTests {
  /// `(option, value, bytes per draw)` of a memory refusal wrapped in a `MediationError`.
  static func refusal(_ error: MediationError?) -> (option: String, value: Int, bytes: Int)? {
    guard case .invalidOption(.exceedsMemory(let option, let value, let bytes, let memory))? = error,
      memory == ProcessInfo.processInfo.physicalMemory
    else { return nil }
    return (option, value, bytes)
  }

  @Test("quasiBayesian(simulations: 1000000000000) throws exceedsMemory for 'simulations'")
  func simulationsTrillion() throws {
    let data = try SimulatedData.interaction(n: 100, seed: 1)
    let analysis = try MediationAnalysis(
      treatment: "t", mediators: ["m"], outcome: "y", method: .quasiBayesian(simulations: 1_000_000_000_000))
    let error = #expect(throws: MediationError.self) { try analysis.fit(data) }
    let refusal = try #require(Self.refusal(error))
    #expect(refusal.option == "simulations" && refusal.value == 1_000_000_000_000)
    // Sixteen effects per draw: the row, three summary columns, the array and the map's slot.
    let width = MediationStatistics.names(mediators: ["m"]).count
    #expect(width == 16)
    #expect(refusal.bytes >= (width + 3) * 8 + 48 + 8)
  }

  @Test("bootstrap(replicates: Int.max) throws exceedsMemory for 'replicates' instead of trapping")
  func bootstrapIntMax() throws {
    let data = try SimulatedData.interaction(n: 100, seed: 1)
    let analysis = try MediationAnalysis(
      treatment: "t", mediators: ["m"], outcome: "y", method: .bootstrap(replicates: Int.max))
    let error = #expect(throws: MediationError.self) { try analysis.fit(data) }
    let refusal = try #require(Self.refusal(error))
    #expect(refusal.option == "replicates" && refusal.value == Int.max)
  }

  @Test("sensitivity(replicates: 1000000000000) throws exceedsMemory for 'replicates'")
  func sensitivityTrillion() throws {
    let data = try SimulatedData.interaction(n: 100, seed: 1)
    let analysis = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", method: .closedForm)
    let error = #expect(throws: MediationError.self) { try analysis.sensitivity(data, replicates: 1_000_000_000_000) }
    let refusal = try #require(Self.refusal(error))
    #expect(refusal.value == 1_000_000_000_000)
  }

  @Test("quasiBayesian(simulations: 1000) still runs")
  func simulationsThousand() throws {
    let data = try SimulatedData.interaction(n: 100, seed: 1)
    let result = try MediationAnalysis(
      treatment: "t", mediators: ["m"], outcome: "y", method: .quasiBayesian(simulations: 1_000), seed: 2
    ).fit(data)
    #expect(result.draws.count == 1_000)
  }
}

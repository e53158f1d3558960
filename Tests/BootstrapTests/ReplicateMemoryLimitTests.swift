import CausalCore
import FixedEffects
import Foundation
import Resampling
import Testing

@testable import Bootstrap

/// The bootstraps of the Bootstrap module check, before running any replicate, that the
/// results of `B` replicates fit in the machine's memory, and throw a typed error otherwise
/// (they ended the process with "failed to allocate 2000000000032 bytes" before).
@Suite("Bootstrap: replicate counts beyond the machine's memory are refused before allocating")
struct BootstrapReplicateMemoryLimitTests {
  /// The `OptionError` an error wraps, if it is a memory refusal.
  static func memoryRefusal(_ error: (any Error)?) -> (option: String, value: Int, bytes: Int)? {
    let option: OptionError?
    switch error {
    case ResampledInferenceError.invalidOption(let e)?: option = e
    case WildBootstrapError.invalidOption(let e)?: option = e
    default: option = nil
    }
    guard case .exceedsMemory(let name, let value, let bytes, let memory)? = option,
      memory == ProcessInfo.processInfo.physicalMemory
    else { return nil }
    return (name, value, bytes)
  }

  @Test("FixedEffectsBootstrap pairs with replicates = 1000000000000 throws exceedsMemory")
  func pairsTrillion() throws {
    let data = try WildHeteroskedasticData.table()
    let model = try FixedEffectsModel(formula: "y ~ x + treat")
    let bootstrap = try FixedEffectsBootstrap(model: model, scheme: .pairs, replicates: 1_000_000_000_000, seed: 1)
    let error = #expect(throws: ResampledInferenceError.self) { try bootstrap.fit(data) }
    let refusal = try #require(Self.memoryRefusal(error))
    #expect(refusal.option == "replicates" && refusal.value == 1_000_000_000_000)
    // Three coefficients: estimates and variances, six values per replicate.
    #expect(refusal.bytes == ReplicateLoop.memory(width: 6).bytesPerItem)
  }

  @Test("FixedEffectsBootstrap cluster with replicates = Int.max throws instead of trapping")
  func clusterIntMax() throws {
    let data = try WildFixtures.table("small")
    let model = try FixedEffectsModel(formula: "y ~ x + treat | period", vcov: .cluster(["cl"]))
    let bootstrap = try FixedEffectsBootstrap(model: model, scheme: .cluster(column: "cl"), replicates: Int.max, seed: 1)
    let error = #expect(throws: ResampledInferenceError.self) { try bootstrap.fit(data) }
    #expect(Self.memoryRefusal(error)?.value == Int.max)
  }

  @Test("WildBootstrap (heteroskedastic) with replicates = 1000000000000 throws exceedsMemory")
  func heteroskedasticTrillion() throws {
    let data = try WildHeteroskedasticData.table()
    let model = try FixedEffectsModel(formula: "y ~ x + treat | f1")
    for level in [nil, 0.95] as [Double?] {
      let test = try WildBootstrap(
        model: model, hypothesis: .term("treat"), replicates: 1_000_000_000_000, confidenceLevel: level)
      let error = #expect(throws: WildBootstrapError.self) { try test.fit(data) }
      let refusal = try #require(Self.memoryRefusal(error))
      #expect(refusal.value == 1_000_000_000_000)
      #expect(refusal.bytes == (level == nil ? 24 : 112))
    }
  }

  @Test("WildClusterBootstrap with Webb weights and replicates = 1000000000000 throws exceedsMemory")
  func clusterTrillion() throws {
    let data = try WildFixtures.table("large")
    let model = try #require(WildFixtures.model)
    let test = try WildClusterBootstrap(
      model: model, cluster: "cl", hypothesis: .term("treat"), weights: .webb, replicates: 1_000_000_000_000)
    let error = #expect(throws: WildBootstrapError.self) { try test.fit(data) }
    let refusal = try #require(Self.memoryRefusal(error))
    #expect(refusal.value == 1_000_000_000_000)
    #expect(refusal.bytes == 24)
  }

  @Test("WildClusterBootstrap with replicates = 1000000000000 and few clusters enumerates 2^G and runs")
  func clusterTrillionEnumerated() throws {
    let data = try WildFixtures.table("small")
    let model = try #require(WildFixtures.model)
    let result = try WildClusterBootstrap(
      model: model, cluster: "cl", hypothesis: .term("treat"), replicates: 1_000_000_000_000
    ).fit(data)
    #expect(result.enumerated)
    #expect(result.replicates == 1 << result.clusterCount)
  }
}

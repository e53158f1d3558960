import Bootstrap
import CausalCore
import FixedEffects
import Testing

/// The test-inversion interval's bounds are where the test of `β = r`, run from scratch with
/// `.restriction`, switches between rejecting and not rejecting.
@Suite("Wild bootstrap confidence interval by test inversion")
struct WildConfidenceIntervalTests {
  @Test("bounds separate rejected from non-rejected values", arguments: [
    ("small", true, 9_999), ("small", false, 9_999), ("large", true, 999), ("large", false, 999),
  ])
  func bounds(sample: String, imposeNull: Bool, replicates: Int) throws {
    let data = try WildFixtures.table(sample)
    let model = try #require(WildFixtures.model)
    let result = try WildClusterBootstrap(model: model, 
      cluster: "cl", hypothesis: .term("treat"), replicates: replicates, imposeNull: imposeNull, seed: 5,
      confidenceLevel: 0.95
    ).fit(data)
    let interval = try #require(result.confidenceInterval)
    #expect(interval.contains(result.estimate))
    #expect(interval.lower.isFinite && interval.upper.isFinite)
    let width = interval.upper - interval.lower
    func p(_ r: Double) throws -> Double {
      try WildClusterBootstrap(model: model, 
        cluster: "cl", hypothesis: .restriction(["treat": 1], equals: r), replicates: replicates,
        imposeNull: imposeNull, seed: 5
      ).fit(data).pValue
    }
    let eps = 1e-6 * width
    #expect(try p(interval.lower + eps) >= 0.05)
    #expect(try p(interval.lower - eps) < 0.05)
    #expect(try p(interval.upper - eps) >= 0.05)
    #expect(try p(interval.upper + eps) < 0.05)
  }

  @Test("a confidence level outside (0, 1) is an error")
  func badLevel() throws {
    let data = try WildFixtures.table("small")
    let model = try #require(WildFixtures.model)
    #expect(
      throws: WildBootstrapError.invalidOption(
        .invalid(option: "confidenceLevel", value: "1.5", expected: "a number strictly between 0 and 1"))
    ) {
      try WildClusterBootstrap(model: model, cluster: "cl", hypothesis: .term("x"), confidenceLevel: 1.5).fit(data)
    }
  }
}

import Bootstrap
import CausalCore
import FixedEffects
import Testing

@Suite("Wild cluster bootstrap behaviour")
struct WildClusterBootstrapTests {
  @Test("single- and multi-threaded runs are bit-identical")
  func deterministic() throws {
    let data = try WildFixtures.table("large")
    let model = try #require(WildFixtures.model)
    for weights in BootstrapWeightDistribution.allCases {
      func test(seed: UInt64 = 7, parallel: Bool = true) throws -> WildClusterBootstrap {
        try WildClusterBootstrap(
          model: model, cluster: "cl", hypothesis: .term("treat"), weights: weights, replicates: 3_001, seed: seed,
          parallel: parallel)
      }
      let parallel = try test().fit(data)
      let serial = try test(parallel: false).fit(data)
      #expect(parallel == serial)
      #expect(parallel.bootstrapStatistics.map(\.bitPattern) == serial.bootstrapStatistics.map(\.bitPattern))
      #expect(try test(seed: 8, parallel: false).fit(data).pValue != serial.pValue || weights == .rademacher)
    }
  }

  @Test("a restriction row equal to a term gives the same test as the term")
  func restriction() throws {
    let data = try WildFixtures.table("small")
    let model = try #require(WildFixtures.model)
    let byTerm = try WildClusterBootstrap(model: model, cluster: "cl", hypothesis: .term("treat")).fit(data)
    let byRow = try WildClusterBootstrap(model: model, cluster: "cl", hypothesis: .restriction(["treat": 1], equals: 0)).fit(data)
    #expect(byTerm.pValue == byRow.pValue)
    #expect(byTerm.statistic == byRow.statistic)
    // Rβ = r with r ≠ 0 shifts the statistic by r / se.
    let shifted = try WildClusterBootstrap(model: model, cluster: "cl", hypothesis: .restriction(["treat": 2], equals: 0.1)).fit(data)
    #expect(shifted.estimate == 2 * byTerm.estimate)
    #expect(shifted.pValue >= 0 && shifted.pValue <= 1)
  }

  @Test("p-value forms are consistent")
  func pValueForms() throws {
    let data = try WildFixtures.table("small")
    let model = try #require(WildFixtures.model)
    func test(_ type: WildBootstrapPValueType) throws -> WildBootstrapResult {
      try WildClusterBootstrap(model: model, cluster: "cl", hypothesis: .term("x"), pValueType: type).fit(data)
    }
    let symmetric = try test(.symmetric)
    let greater = try test(.greater)
    let less = try test(.less)
    let equal = try test(.equalTailed)
    #expect(symmetric.statistic > 0)
    // Enumerated Rademacher replicates come in ± pairs, so the distribution is symmetric.
    #expect(abs(greater.pValue - symmetric.pValue / 2) <= 1e-12)
    #expect(abs(equal.pValue - symmetric.pValue) <= 1e-12)
    #expect(greater.pValue + less.pValue >= 1)
  }

  @Test("errors: B ≤ 0, unknown term, one cluster")
  func errors() throws {
    let data = try WildFixtures.table("small")
    let model = try #require(WildFixtures.model)
    #expect(
      throws: WildBootstrapError.invalidOption(.invalid(option: "replicates", value: "0", expected: "an integer of at least 1"))
    ) {
      try WildClusterBootstrap(model: model, cluster: "cl", hypothesis: .term("x"), replicates: 0).fit(data)
    }
    #expect(throws: WildBootstrapError.termNotInModel("z")) {
      try WildClusterBootstrap(model: model, cluster: "cl", hypothesis: .term("z")).fit(data)
    }
    #expect(throws: WildBootstrapError.invalidRestriction) {
      try WildClusterBootstrap(model: model, cluster: "cl", hypothesis: .restriction(["x": 0], equals: 0)).fit(data)
    }
    var one = data
    try one.set(Column(name: "cl", ints: [Int](repeating: 1, count: data.rowCount)))
    #expect(throws: WildBootstrapError.tooFewClusters(count: 1)) {
      try WildClusterBootstrap(model: model, cluster: "cl", hypothesis: .term("x")).fit(one)
    }
    let weighted = try FixedEffectsModel(formula: "y ~ x + treat | period", weights: "x")
    #expect(throws: WildBootstrapError.weightedModel) {
      try WildClusterBootstrap(model: weighted, cluster: "cl", hypothesis: .term("x")).fit(data)
    }
  }

  @Test("without fixed effects the intercept is a regressor and the test still enumerates")
  func noFixedEffects() throws {
    let data = try WildFixtures.table("small")
    let model = try FixedEffectsModel(formula: "y ~ x + treat")
    let result = try WildClusterBootstrap(model: model, cluster: "cl", hypothesis: .term("treat")).fit(data)
    #expect(result.enumerated)
    let clustered = try model.withVariance(.cluster(["cl"]))
    let row = try #require(try clustered.fit(data).coefficient("treat"))
    #expect(abs(result.statistic - row.statistic) <= 1e-10 * abs(row.statistic))
  }
}

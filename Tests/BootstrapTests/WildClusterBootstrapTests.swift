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
      var test = WildClusterBootstrap(cluster: "cl", hypothesis: .term("treat"), weights: weights, replicates: 3_001, seed: 7)
      let parallel = try test.run(model, on: data)
      test.parallel = false
      let serial = try test.run(model, on: data)
      #expect(parallel == serial)
      #expect(parallel.bootstrapStatistics.map(\.bitPattern) == serial.bootstrapStatistics.map(\.bitPattern))
      test.seed = 8
      #expect(try test.run(model, on: data).pValue != serial.pValue || weights == .rademacher)
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
    var test = WildClusterBootstrap(cluster: "cl", hypothesis: .term("x"))
    let symmetric = try test.run(model, on: data)
    test.pValueType = .greater
    let greater = try test.run(model, on: data)
    test.pValueType = .less
    let less = try test.run(model, on: data)
    test.pValueType = .equalTailed
    let equal = try test.run(model, on: data)
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
    #expect(throws: WildBootstrapError.invalidReplicates(0)) {
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
    var clustered = model
    clustered.vcov = .cluster(["cl"])
    let row = try #require(try clustered.fit(data).coefficient("treat"))
    #expect(abs(result.statistic - row.statistic) <= 1e-10 * abs(row.statistic))
  }
}

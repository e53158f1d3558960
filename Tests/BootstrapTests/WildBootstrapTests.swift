import CausalCore
import FixedEffects
import Testing

@testable import Bootstrap

@Suite("Heteroskedastic wild bootstrap behaviour")
struct WildBootstrapTests {
  @Test("single- and multi-threaded runs are bit-identical, and replicate b depends only on b")
  func deterministic() throws {
    let data = try WildHeteroskedasticData.table(n: 300, seed: 4)
    let model = try FixedEffectsModel(formula: "y ~ x + treat | f1 + f2")
    for weights in BootstrapWeightDistribution.allCases {
      func test(replicates: Int = 1_001, seed: UInt64 = 7, parallel: Bool = true) throws -> WildBootstrap {
        try WildBootstrap(
          model: model, hypothesis: .term("treat"), weights: weights, replicates: replicates, seed: seed,
          parallel: parallel, confidenceLevel: 0.95)
      }
      let parallel = try test().fit(data)
      let serial = try test(parallel: false).fit(data)
      #expect(parallel == serial)
      #expect(parallel.bootstrapStatistics.map(\.bitPattern) == serial.bootstrapStatistics.map(\.bitPattern))
      let prefix = try test(replicates: 300, parallel: false).fit(data)
      #expect(prefix.bootstrapStatistics.map(\.bitPattern) == Array(serial.bootstrapStatistics.prefix(300)).map(\.bitPattern))
      #expect(try test(replicates: 300, seed: 8, parallel: false).fit(data).pValue != prefix.pValue)
    }
  }

  @Test("p-values of a true null are roughly uniform")
  func uniformUnderNull() throws {
    // 200 data sets with heteroskedastic errors and no treatment effect, B = 199 each, WR with
    // Rademacher weights. A Kolmogorov–Smirnov distance above 0.115 (the 1% critical value for
    // 200 draws) or a 5% rejection rate outside [0.01, 0.10] would fail.
    let model = try FixedEffectsModel(formula: "y ~ x + treat | f1")
    var pValues: [Double] = []
    for s in 0..<200 {
      let data = try WildHeteroskedasticData.table(n: 60, seed: 1_000 + UInt64(s))
      let test = try WildBootstrap(model: model, hypothesis: .term("treat"), replicates: 199, seed: UInt64(s), parallel: false)
      pValues.append(try test.fit(data).pValue)
    }
    let sorted = pValues.sorted()
    let count = Double(sorted.count)
    var distance = 0.0
    for (i, p) in sorted.enumerated() {
      distance = max(distance, abs(Double(i + 1) / count - p), abs(Double(i) / count - p))
    }
    let rejections = Double(pValues.filter { $0 < 0.05 }.count) / count
    #expect(distance < 0.115, "KS distance \(distance)")
    #expect(rejections >= 0.01 && rejections <= 0.10, "rejection rate \(rejections)")
  }

  @Test("the statistic is the fit's HC1 t statistic and p-value forms are consistent")
  func statisticAndForms() throws {
    let data = try WildHeteroskedasticData.table(effect: 1)
    let model = try FixedEffectsModel(formula: "y ~ x + treat | f1", vcov: .hetero)
    let row = try #require(try model.fit(data).coefficient("treat"))
    func test(_ type: WildBootstrapPValueType) throws -> WildBootstrapResult {
      try WildBootstrap(model: model, hypothesis: .term("treat"), replicates: 999, seed: 2, pValueType: type).fit(data)
    }
    let symmetric = try test(.symmetric)
    #expect(abs(symmetric.statistic - row.estimate / row.standardError) <= 1e-12 * abs(symmetric.statistic))
    #expect(symmetric.estimate == row.estimate)
    let greater = try test(.greater)
    let less = try test(.less)
    let equal = try test(.equalTailed)
    #expect(greater.pValue + less.pValue >= 1)
    #expect(equal.pValue == min(1, 2 * min(greater.pValue, less.pValue)))
    #expect(symmetric.pValue >= greater.pValue)
  }

  @Test("errors: B ≤ 0, unknown term, invalid restriction or level, weighted model")
  func errors() throws {
    let data = try WildHeteroskedasticData.table()
    let model = try FixedEffectsModel(formula: "y ~ x + treat | f1")
    for b in [0, -5] {
      #expect(
        throws: WildBootstrapError.invalidOption(
          .invalid(option: "replicates", value: "\(b)", expected: "an integer of at least 1"))
      ) {
        try WildBootstrap(model: model, hypothesis: .term("x"), replicates: b).fit(data)
      }
    }
    #expect(throws: WildBootstrapError.termNotInModel("z")) {
      try WildBootstrap(model: model, hypothesis: .term("z")).fit(data)
    }
    #expect(throws: WildBootstrapError.invalidRestriction) {
      try WildBootstrap(model: model, hypothesis: .restriction(["x": 0], equals: 0)).fit(data)
    }
    #expect(
      throws: WildBootstrapError.invalidOption(
        .invalid(option: "confidenceLevel", value: "1.5", expected: "a number strictly between 0 and 1"))
    ) {
      try WildBootstrap(model: model, hypothesis: .term("x"), confidenceLevel: 1.5).fit(data)
    }
    let weighted = try FixedEffectsModel(formula: "y ~ x + treat | f1", weights: "f2")
    #expect(throws: WildBootstrapError.weightedModel) {
      try WildBootstrap(model: weighted, hypothesis: .term("x")).fit(data)
    }
  }
}

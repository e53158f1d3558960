import Bootstrap
import CausalCore
import FixedEffects
import Foundation
import Testing
import TestSupport

/// The wild cluster bootstrap of models whose period effects are factor terms (`i(period)`,
/// `i(period, ref = 5)`, `i(period, x)`): it refused them before ("the design column of term
/// 'period::1' cannot be rebuilt from the data").
@Suite("Wild cluster bootstrap with factor terms against references")
struct WildFactorFixtureTests {
  /// The cases of `Tests/Fixtures/expected/wild_bootstrap_factors.json`, written by
  /// `Tests/Fixtures/generate_wild_bootstrap.py factors` (numpy definitional enumeration,
  /// wildboottest 0.3.2 with the period dummies as explicit columns of X); each names its formula.
  static let cases: [WildFixtureCase] = FixtureFiles.cases("wild_bootstrap_factors.json")

  @Test("fixtures load: 8 enumerated and 5 random-draw cases")
  func loaded() {
    #expect(Self.cases.count == 13)
    #expect(Self.cases.filter { $0.sample == "small" }.count == 8)
  }

  @Test("y ~ x + treat + i(period) and y ~ treat + i(period, x) | period: enumeration matches the definitional refit and wildboottest",
        arguments: Self.cases.filter { $0.sample == "small" })
  func enumeration(_ c: WildFixtureCase) throws {
    let data = try WildFixtures.table("small")
    let model = try FixedEffectsModel(formula: try #require(c.formula))
    let result = try WildClusterBootstrap(
      model: model, cluster: "cl", hypothesis: .term(c.term), imposeNull: c.impose_null
    ).fit(data)
    let refP = try #require(c.definitional_p)
    let refT = try #require(c.definitional_t)
    #expect(result.enumerated)
    #expect(result.replicates == 1024)
    #expect(result.failures == 0)
    #expect(abs(result.pValue - refP) <= 1e-12, "ours \(result.pValue) vs \(refP)")
    #expect(abs(result.statistic - refT) <= 1e-9 * abs(refT))
    #expect(abs(result.statistic - c.wildboottest.t) <= 1e-9 * abs(refT))
    #expect(c.wildboottest.enumerated)
    #expect(abs(result.pValue - c.wildboottest.p_ge) <= 1e-12)
    #expect(abs(result.pValue - c.wildboottest.p) <= Double(c.wildboottest.near_ties) / 1024 + 1e-12)
    // The t statistic is the fit's own CR1 t for the factor coefficient too.
    let row = try #require(try model.withVariance(.cluster(["cl"])).fit(data).coefficient(c.term))
    #expect(abs(result.statistic - row.statistic) <= 1e-10 * abs(row.statistic))
  }

  @Test("y ~ x + treat + i(period, ref = 5), B = 9,999: random draws agree with wildboottest within Monte Carlo error",
        arguments: Self.cases.filter { $0.sample == "large" })
  func randomDraws(_ c: WildFixtureCase) throws {
    let data = try WildFixtures.table("large")
    let weights = try #require(BootstrapWeightDistribution(rawValue: c.weights))
    let result = try WildClusterBootstrap(
      model: try FixedEffectsModel(formula: try #require(c.formula)), cluster: "cl", hypothesis: .term(c.term), weights: weights,
      replicates: 9_999, imposeNull: c.impose_null, seed: 20_261_122
    ).fit(data)
    #expect(!result.enumerated)
    #expect(result.replicates == 9_999)
    #expect(abs(result.statistic - c.wildboottest.t) <= 1e-9 * abs(c.wildboottest.t))
    let p = c.wildboottest.p
    let bound = 4 * (p * (1 - p) / 9_999).squareRoot()
    #expect(abs(result.pValue - p) < bound, "ours \(result.pValue) vs wildboottest \(p)")
  }

  @Test("the test of treat does not depend on how the period effects are written")
  func periodEffectsSpelling() throws {
    let data = try WildFixtures.table("small")
    func test(_ formula: String) throws -> WildBootstrapResult {
      try WildClusterBootstrap(
        model: try FixedEffectsModel(formula: formula), cluster: "cl", hypothesis: .term("treat"), confidenceLevel: 0.95
      ).fit(data)
    }
    let absorbed = try test("y ~ x + treat | period")
    for formula in ["y ~ x + treat + i(period)", "y ~ x + treat + i(period, ref = 2)"] {
      let factor = try test(formula)
      #expect(abs(factor.statistic - absorbed.statistic) <= 1e-9 * abs(absorbed.statistic), "\(formula)")
      #expect(factor.pValue == absorbed.pValue, "\(formula)")
      let a = try #require(absorbed.confidenceInterval), b = try #require(factor.confidenceInterval)
      #expect(abs(a.lower - b.lower) <= 1e-7 && abs(a.upper - b.upper) <= 1e-7, "\(formula)")
    }
  }

  @Test("a text dummy (y ~ x + treat + sample on both samples) and an i(period, treat, ref = 0) interaction are supported")
  func otherFactorTerms() throws {
    let all = try CSVReader().read(path: FixtureFiles.data("sim_wild.csv"))
    let dummy = try WildClusterBootstrap(
      model: try FixedEffectsModel(formula: "y ~ x + treat + sample | period"), cluster: "cl",
      hypothesis: .term("sample::small")
    ).fit(all)
    let fitted = try FixedEffectsModel(formula: "y ~ x + treat + sample | period", vcov: .cluster(["cl"])).fit(all)
    let row = try #require(fitted.coefficient("sample::small"))
    #expect(abs(dummy.statistic - row.statistic) <= 1e-10 * abs(row.statistic))
    let large = try WildFixtures.table("large")
    let interaction = try WildClusterBootstrap(
      model: try FixedEffectsModel(formula: "y ~ x + i(period, treat, ref = 0) | cl"), cluster: "cl",
      hypothesis: .term("period::4:treat"), replicates: 999, seed: 3
    ).fit(large)
    let interactionRow = try #require(
      try FixedEffectsModel(formula: "y ~ x + i(period, treat, ref = 0) | cl", vcov: .cluster(["cl"])).fit(large)
        .coefficient("period::4:treat"))
    #expect(abs(interaction.statistic - interactionRow.statistic) <= 1e-10 * abs(interactionRow.statistic))
    #expect(interaction.replicates == 999)
  }

  @Test("the heteroskedastic wild bootstrap of y ~ x + treat + i(period) tests period::3 with the fit's HC1 t")
  func heteroskedasticFactor() throws {
    let data = try WildFixtures.table("small")
    let model = try FixedEffectsModel(formula: "y ~ x + treat + i(period)")
    let result = try WildBootstrap(model: model, hypothesis: .term("period::3"), replicates: 999, seed: 5).fit(data)
    let row = try #require(try model.withVariance(.hetero).fit(data).coefficient("period::3"))
    #expect(abs(result.statistic - row.statistic) <= 1e-10 * abs(row.statistic))
    #expect(result.replicates == 999 && result.failures == 0)
  }
}

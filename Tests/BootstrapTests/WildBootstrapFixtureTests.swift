import Bootstrap
import CausalCore
import FixedEffects
import Foundation
import Testing
import TestSupport

/// One case of `Tests/Fixtures/expected/wild_bootstrap.json`, written by
/// `Tests/Fixtures/generate_wild_bootstrap.py` (numpy definitional enumeration, wildboottest 0.3.2).
struct WildFixtureCase: Decodable, Sendable, CustomStringConvertible {
  struct PyfixestReference: Decodable, Sendable {
    var t: Double
    var p: Double
    var version: String
  }
  struct Reference: Decodable, Sendable {
    var t: Double
    var p: Double
    var p_ge: Double
    var p_equal_tailed: Double
    var near_ties: Int
    var replicates: Int
    var enumerated: Bool
  }
  var name: String
  var sample: String
  /// The model, in the factor-term cases (the other cases use the suite's fixed model).
  var formula: String?
  var term: String
  var impose_null: Bool
  var weights: String
  var definitional_t: Double?
  var definitional_p: Double?
  var replicates: Int?
  var B: Int?
  var wildboottest: Reference
  /// pyfixest's `Feols.wildboottest` (small design only; it reports wildboottest's
  /// strict-inequality p-value).
  var pyfixest: PyfixestReference?
  var description: String { name }
}

enum WildFixtures {
  static let root = FixtureFiles.root

  static let cases: [WildFixtureCase] = FixtureFiles.cases("wild_bootstrap.json")

  /// The rows of `data/sim_wild.csv` whose `sample` column is `name`.
  static func table(_ name: String) throws -> DataTable {
    let all = try CSVReader().read(path: root.appendingPathComponent("data/sim_wild.csv").path)
    let sample = try all.column(named: "sample")
    let rows = (0..<all.rowCount).filter { sample.text(at: $0) == name }
    return all.selecting(rows: rows)
  }

  static let model: FixedEffectsModel? = try? FixedEffectsModel(formula: "y ~ x + treat | period")
}

@Suite("Wild cluster bootstrap against references")
struct WildBootstrapFixtureTests {
  @Test("fixtures load")
  func loaded() {
    #expect(WildFixtures.cases.count == 8)
  }

  @Test("full enumeration matches the definitional refit implementation, wildboottest and pyfixest",
        arguments: WildFixtures.cases.filter { $0.sample == "small" })
  func enumeration(_ c: WildFixtureCase) throws {
    let data = try WildFixtures.table("small")
    let model = try #require(WildFixtures.model)
    let test = try WildClusterBootstrap(model: model, cluster: "cl", hypothesis: .term(c.term), imposeNull: c.impose_null)
    let result = try test.fit(data)
    let refP = try #require(c.definitional_p)
    let refT = try #require(c.definitional_t)
    #expect(result.enumerated)
    #expect(result.replicates == 1024)
    #expect(result.failures == 0)
    #expect(abs(result.pValue - refP) <= 1e-12)
    #expect(abs(result.statistic - refT) <= 1e-9 * abs(refT))
    #expect(abs(result.statistic - c.wildboottest.t) <= 1e-9 * abs(refT))
    // wildboottest enumerates the same 2^G vectors; with the >= convention its t* give our p
    // exactly, and its strict-inequality p differs by at most the ties it drops.
    #expect(c.wildboottest.enumerated)
    #expect(abs(result.pValue - c.wildboottest.p_ge) <= 1e-12)
    #expect(abs(result.pValue - c.wildboottest.p) <= Double(c.wildboottest.near_ties) / 1024 + 1e-12)
    if c.wildboottest.near_ties == 0 {
      // without ties the equal-tailed p-values agree exactly too
      let equal = try WildClusterBootstrap(
        model: model, cluster: "cl", hypothesis: .term(c.term), imposeNull: c.impose_null, pValueType: .equalTailed)
      #expect(abs(try equal.fit(data).pValue - c.wildboottest.p_equal_tailed) <= 1e-12)
    }
    // pyfixest's wild bootstrap, fixed effects absorbed: the same t, and wildboottest's p (strict
    // inequality), so ours differs from it by at most the near-ties it drops
    let pyfixest = try #require(c.pyfixest)
    #expect(abs(result.statistic - pyfixest.t) <= 1e-9 * abs(refT))
    #expect(abs(pyfixest.p - c.wildboottest.p) <= 1e-12)
    #expect(abs(result.pValue - pyfixest.p) <= Double(c.wildboottest.near_ties) / 1024 + 1e-12)
    // the t statistic is the fit's own CR1 t (fixest small-sample factor)
    let clustered = try model.withVariance(.cluster(["cl"]))
    let row = try #require(try clustered.fit(data).coefficient(c.term))
    #expect(abs(result.statistic - row.statistic) <= 1e-10 * abs(row.statistic))
  }

  @Test("B = 9,999 random draws agree with wildboottest within Monte Carlo error",
        arguments: WildFixtures.cases.filter { $0.sample == "large" })
  func randomDraws(_ c: WildFixtureCase) throws {
    let data = try WildFixtures.table("large")
    let model = try #require(WildFixtures.model)
    let weights = try #require(BootstrapWeightDistribution(rawValue: c.weights))
    let test = try WildClusterBootstrap(
      model: model, cluster: "cl", hypothesis: .term(c.term), weights: weights, replicates: 9_999,
      imposeNull: c.impose_null, seed: 20_261_122)
    let result = try test.fit(data)
    #expect(!result.enumerated)
    #expect(result.replicates == 9_999)
    #expect(result.clusterCount == 30)
    #expect(abs(result.statistic - c.wildboottest.t) <= 1e-9 * abs(c.wildboottest.t))
    let p = c.wildboottest.p
    let bound = 4 * (p * (1 - p) / 9_999).squareRoot()
    #expect(abs(result.pValue - p) < bound, "ours \(result.pValue) vs wildboottest \(p)")
  }
}

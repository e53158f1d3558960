import Bootstrap
import CausalCore
import FixedEffects
import Foundation
import Testing
import TestSupport

/// One case of `Tests/Fixtures/expected/wild_hc.json`, written by
/// `Tests/Fixtures/generate_wild_hc.py` (wildboottest 0.3.2, `WildboottestHC`, B = 9999).
struct WildHCFixtureCase: Decodable, Sendable, CustomStringConvertible {
  var name: String
  var term: String
  var weights: String
  var p_value_type: String
  var B: Int
  var t: Double
  var p: Double
  var description: String { name }
}

@Suite("Heteroskedastic wild bootstrap against wildboottest")
struct WildBootstrapHCFixtureTests {
  static let cases: [WildHCFixtureCase] = FixtureFiles.cases("wild_hc.json")

  @Test("fixtures load")
  func loaded() {
    #expect(Self.cases.count == 4)
  }

  @Test("p-values agree with WildboottestHC within Monte Carlo error", arguments: Self.cases)
  func agreement(_ c: WildHCFixtureCase) throws {
    let data = try CSVReader().read(path: FixtureFiles.data("sim_wild_hc.csv"))
    let model = try FixedEffectsModel(formula: "y ~ x + treat", vcov: .hetero)
    let weights = try #require(BootstrapWeightDistribution(rawValue: c.weights))
    let type = try #require(WildBootstrapPValueType(rawValue: c.p_value_type))
    let result = try WildBootstrap(model: model, hypothesis: .term(c.term), weights: weights, replicates: c.B, seed: 1, pValueType: type)
      .fit(data)
    // wildboottest's HC1 factor is (N−1)/(N−k), fixest's N/(N−k), so wildboottest's t is
    // CausalKit's times √(N/(N−1)).
    let n = Double(result.observationCount)
    #expect(abs(result.statistic * (n / (n - 1)).squareRoot() - c.t) <= 1e-12 * abs(c.t))
    // Two independent sets of B draws: the difference has s.d. √(2p(1−p)/B) for the symmetric
    // p-value and √(2p(2−p)/B) for the equal-tailed one (twice a tail share); allow 4 of them.
    let spread = type == .equalTailed ? c.p * (2 - c.p) : c.p * (1 - c.p)
    let sd = (2 * spread / Double(c.B)).squareRoot()
    #expect(abs(result.pValue - c.p) <= 4 * sd, "CausalKit \(result.pValue) vs wildboottest \(c.p)")
  }
}

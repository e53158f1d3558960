import Bootstrap
import Foundation
import Testing

/// The bootstraps' results are `EstimationResult`s whose JSON holds the keys `causalkit feols
/// --bootstrap` prints, with NaN and infinite numbers as `null`.
@Suite("Bootstrap results: contract and JSON")
struct BootstrapCodingTests {
  private func object(_ value: some Encodable) throws -> [String: Any] {
    let data = try JSONEncoder().encode(value)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test("a wild bootstrap result: one tidy row, the tool's keys, no interval encoded as null")
  func wildResult() throws {
    let data = try WildHeteroskedasticData.table()
    let model = try FixedEffectsModel(formula: "y ~ x + treat | f1")
    let result = try WildBootstrap(model: model, hypothesis: .term("treat"), replicates: 99, seed: 1).fit(data)
    #expect(result.coefficients.count == 1)
    let row = try #require(result.coefficient("treat"))
    #expect(row.pValue == result.pValue && row.statistic == result.statistic && row.confLow.isNaN)
    #expect(abs(row.estimate / row.standardError - result.statistic) <= 1e-12 * abs(result.statistic))
    let json = try object(result)
    for key in ["term", "p_value", "conf_low", "conf_high", "reps", "enumerated", "failed", "method", "weights",
      "estimate", "std_error", "statistic", "nobs", "dropped"]
    {
      #expect(json[key] != nil, "missing \(key)")
    }
    #expect(json["conf_low"] is NSNull && json["method"] as? String == "wild-hetero-restricted")
    #expect(json["weights"] as? String == "rademacher" && json["reps"] as? Int == 99)
    #expect(json["term"] as? String == "treat" && json["failed"] as? Int == result.failures)
    let estimate = try #require(json["estimate"] as? Double), statistic = try #require(json["statistic"] as? Double)
    #expect(abs(estimate - result.estimate) <= 1e-14 * abs(result.estimate))
    #expect(abs(statistic - result.statistic) <= 1e-14 * abs(result.statistic))
  }

  @Test("an unbounded test-inversion interval encodes its infinite bound as null")
  func unboundedInterval() throws {
    let result = WildBootstrapResult(
      hypothesis: "x", estimate: 1, standardError: 0.5, statistic: 2, pValue: 0.2, pValueType: .symmetric,
      replicates: 8, enumerated: true, failures: 0, imposeNull: true, clustered: true, weights: .rademacher,
      clusterCount: 3, observationCount: 30, confidenceLevel: 0.95,
      confidenceInterval: ConfidenceInterval(lower: -.infinity, upper: 3), bootstrapStatistics: [.nan, 1])
    let json = try object(result)
    #expect(json["conf_low"] is NSNull && json["conf_high"] as? Double == 3)
    #expect((json["bootstrap_statistics"] as? [Any])?.first is NSNull)
    #expect(json["method"] as? String == "wild-cluster-restricted")
  }

  @Test("the wild bootstraps share one validated options value")
  func sharedOptions() throws {
    #expect(
      throws: WildBootstrapError.invalidOption(.invalid(option: "replicates", value: "0", expected: "an integer of at least 1"))
    ) {
      try WildBootstrapOptions(hypothesis: .term("x"), replicates: 0)
    }
    let data = try WildHeteroskedasticData.table()
    let model = try FixedEffectsModel(formula: "y ~ x + treat | f1")
    let options = try WildBootstrapOptions(hypothesis: .term("treat"), replicates: 49, seed: 3)
    let hetero = try WildBootstrap(model: model, hypothesis: .term("treat"), replicates: 49, seed: 3)
    let clustered = try WildClusterBootstrap(model: model, cluster: "f1", hypothesis: .term("treat"), replicates: 49, seed: 3)
    #expect(hetero.options == options && clustered.options == options)
    #expect(try hetero.fit(data) == hetero.fit(data))
  }

  @Test("a fixed-effects bootstrap result: tidy rows and the tool's bootstrap[] entries")
  func fixedEffectsResult() throws {
    let data = try simulatedPanel(clusters: 12, size: 5)
    let model = try FixedEffectsModel(formula: "y ~ x + z", vcov: .cluster(["g"]))
    let result = try FixedEffectsBootstrap(model: model, scheme: .cluster(column: "g"), replicates: 30, seed: 2).fit(data)
    #expect(result.terms == ["(Intercept)", "x", "z"])
    #expect(result.coefficient("x")?.standardError == result.estimate("x")?.standardError)
    let json = try object(result)
    let entries = try #require(json["bootstrap"] as? [[String: Any]])
    #expect(entries.count == 3)
    for entry in entries {
      for key in ["term", "p_value", "conf_low", "conf_high", "reps", "enumerated", "failed", "method", "ci", "estimate",
        "std_error"]
      {
        #expect(entry[key] != nil, "missing \(key)")
      }
      #expect(entry["method"] as? String == "cluster" && entry["ci"] as? String == "perc")
    }
    #expect(json["nobs"] as? Int == 60 && json["coefficients"] != nil && json["dropped"] != nil)
  }
}

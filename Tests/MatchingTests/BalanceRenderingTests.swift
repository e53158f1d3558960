import CausalCore
import Foundation
import Matching
import Testing

@Suite("Balance rendering and tidy rows")
struct BalanceRenderingTests {
  static func matched() throws -> BalanceTable {
    let c = try #require(BalanceFixtures.cases.first { $0.name == "nearest_att" })
    return try BalanceFixtures.balance(for: c)
  }

  @Test("the text summary has MatchIt's sections and numbers")
  func summary() throws {
    let text = try Self.matched().summary()
    for heading in [
      "SMD denominator: treated SD (unmatched sample)", "Summary of Balance for All Data:",
      "Summary of Balance for Matched Data:", "Percent Balance Improvement:", "Sample Sizes:",
    ] {
      #expect(text.contains(heading), "\(heading)")
    }
    let lines = text.split(separator: "\n").map(String.init)
    // MatchIt prints: raceblack 0.8432 0.2028 1.7615 . 0.6404 0.6404
    let black = try #require(lines.first { $0.hasPrefix("race::black") })
    #expect(black.split(separator: " ").map(String.init) == ["race::black", "0.8432", "0.2028", "1.7615", ".", "0.6404", "0.6404"])
    let matchedRow = try #require(lines.first { $0.hasPrefix("Matched ") })
    #expect(matchedRow.split(separator: " ").map(String.init) == ["Matched", "185", "185"])
    #expect(lines.contains { $0.split(separator: " ").map(String.init) == ["Unmatched", "244", "0"] })
  }

  @Test("a table without matching weights has only the before section")
  func beforeOnly() throws {
    let data = try BalanceFixtures.lalonde()
    let table = try BalanceTable(
      data: data, covariates: ["age", "race"], treatment: try BalanceTable.treatment(column: "treat", in: data), estimand: .ate)
    #expect(!table.isMatched)
    #expect(table.rows.allSatisfy { $0.after == nil && $0.improvement == nil })
    let text = table.summary()
    #expect(text.contains("Summary of Balance for All Data:"))
    #expect(!text.contains("Matched Data"))
    #expect(text.contains("pooled SD"))
  }

  @Test("Markdown pipe tables")
  func markdown() throws {
    let md = try Self.matched().markdown()
    #expect(md.contains("| Covariate | Means Treated | Means Control | Std. Mean Diff. | Var. Ratio | eCDF Mean | eCDF Max |"))
    #expect(md.contains("| :--- | ---: | ---: | ---: | ---: | ---: | ---: |"))
    #expect(md.contains("| race::black | 0.8432 | 0.2028 | 1.7615 | . | 0.6404 | 0.6404 |"))
  }

  @Test("tidy rows encode the seven CLI keys (and more), with null for NA")
  func compactJSON() throws {
    let rows = try Self.matched().tidyRows()
    let black = try #require(rows.first { $0.covariate == "race::black" })
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(black)) as? [String: Any])
    #expect(
      Set(object.keys).isSuperset(of: [
        "covariate", "smd_before", "smd_after", "variance_ratio_before", "variance_ratio_after", "ks_before", "ks_after",
      ]))
    #expect(object["variance_ratio_before"] is NSNull)
    #expect(abs((object["smd_before"] as? Double ?? 0) - 1.7615418898154271) < 1e-12)
  }

  @Test("tidy rows carry means, SMDs, variance ratios, eCDF mean and KS")
  func tidy() throws {
    let table = try Self.matched()
    let tidy = table.tidyRows()
    #expect(tidy.count == table.rows.count)
    let age = try #require(tidy.first { $0.covariate == "age" })
    let row = try #require(table["age"])
    #expect(age.type == .continuous)
    #expect(age.smdAfter == row.after?.standardizedMeanDifference)
    #expect(age.ksBefore == row.before.ecdfMax)
    #expect(age.ecdfMeanAfter == row.after?.ecdfMean)
    #expect(age.meanControlAfter == row.after?.meanControl)
    #expect(age.varianceRatioAfter == row.after?.varianceRatio)
  }

  @Test("infinite and NaN statistics encode as null with a plain JSONEncoder")
  func nonFinite() throws {
    let c = try #require(BalanceFixtures.cases.first { $0.name == "nearest_att_degenerate" })
    let table = try BalanceFixtures.balance(for: c)
    let rows = table.tidyRows()
    #expect(rows.contains { $0.smdBefore == .infinity })
    #expect(rows.contains { $0.varianceRatioBefore?.isNaN == true })
    let json = String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
    #expect(json.contains("\"smd_before\":null"))
    #expect(json.contains("\"variance_ratio_before\":null"))
    // The whole table (an EstimationResult) encodes too, NaN inference rows included.
    let whole = try JSONEncoder().encode(table)
    let object = try #require(try JSONSerialization.jsonObject(with: whole) as? [String: Any])
    for key in ["smd_denominator", "binary_covariates", "balance", "coefficients", "nobs", "sample_sizes"] {
      #expect(object[key] != nil, "missing \(key)")
    }
    #expect(table.summary().contains("Inf"))
  }
}

import CausalCore
import Foundation
import Testing

/// A balance assessment made by hand, to check the protocol's default `isAdjusted`.
private struct HandBalance: BalanceSummary {
  var balanceRows: [BalanceSummaryRow] = []
  var balanceSampleSizes: BalanceSampleSizeSummary
  var estimandName = "ATT"
  var smdDenominatorDescription = "treated SD"
  var standardizesBinaryCovariates = false
}

@Suite("Result summary protocols and their values")
struct ResultSummaryTests {
  @Test("an event-time estimate encodes the row's keys flat with relative_time and is_reference, NaN as null, and decodes")
  func eventTimeEstimateCoding() throws {
    let reference = EventTimeEstimate(
      relativeTime: -1,
      row: CoefficientRow(
        term: "event_time::-1", estimate: 0, standardError: 0, statistic: .nan, pValue: .nan, confLow: 0, confHigh: 0),
      isReference: true)
    let data = try JSONEncoder().encode(reference)
    let json = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(
      Set(json.keys)
        == ["term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high", "relative_time", "is_reference"])
    #expect(json["statistic"] is NSNull && json["p_value"] is NSNull)
    #expect(json["relative_time"] as? Int == -1 && json["is_reference"] as? Bool == true)
    let decoded = try JSONDecoder().decode(EventTimeEstimate.self, from: data)
    #expect(decoded.relativeTime == -1 && decoded.isReference && decoded.row.term == "event_time::-1")
    #expect(decoded.row.statistic.isNaN)
  }

  @Test("variance types have the short table labels etable prints")
  func tableLabels() {
    #expect(VarianceType.iid.tableLabel == "IID")
    #expect(VarianceType.hetero.tableLabel == "HC1")
    #expect(VarianceType.hc0.tableLabel == "HC0")
    #expect(VarianceType.hc2.tableLabel == "HC2")
    #expect(VarianceType.hc3.tableLabel == "HC3")
    #expect(VarianceType.cluster(["school id", "year"]).tableLabel == "Clustered (school id & year)")
  }

  @Test("a balance summary is adjusted exactly when it has adjusted sample sizes")
  func isAdjusted() {
    #expect(!HandBalance(balanceSampleSizes: BalanceSampleSizeSummary(treated: 3, control: 5)).isAdjusted)
    let adjusted = BalanceSampleSizeSummary(treated: 3, control: 5, adjustedTreated: 3, adjustedControl: 3, adjustedEffectiveControl: 2.5)
    #expect(HandBalance(balanceSampleSizes: adjusted).isAdjusted)
  }
}

import CausalCore
import Foundation
import Resampling
import Testing

/// The resampling results encode with snake_case keys and NaN as `null`, and decode back.
@Suite("Resampling results: JSON")
struct ResamplingCodingTests {
  /// The JSON object of a value.
  private func object(_ value: some Encodable) throws -> [String: Any] {
    let data = try JSONEncoder().encode(value)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test("a bootstrap result with a failed (NaN) replicate encodes it as null and round-trips")
  func bootstrapResult() throws {
    let result = BootstrapResult(
      t0: [1.5, 2], t: [[1, 2], [.nan, .nan], [2, 3]], failedReplicateIndices: [1], firstFailure: "replicate 1: boom")
    let json = try object(result)
    #expect(Set(json.keys) == ["t0", "t", "failed_replicate_indices", "first_failure", "reps", "failed"])
    let rows = try #require(json["t"] as? [[Any]])
    #expect(rows[1].allSatisfy { $0 is NSNull })
    #expect(json["failed"] as? Int == 1 && json["reps"] as? Int == 3)
    let decoded = try JSONDecoder().decode(BootstrapResult.self, from: JSONEncoder().encode(result))
    #expect(decoded.t0 == result.t0 && decoded.failures == 1 && decoded.t[1].allSatisfy(\.isNaN))
    #expect(decoded.t[0] == result.t[0] && decoded.firstFailure == result.firstFailure)
  }

  @Test("a resampled estimate holds the keys the tool prints, its interval as a ConfidenceInterval")
  func resampledEstimate() throws {
    let interval = BootstrapInterval(method: .bca, level: 0.9, interval: ConfidenceInterval(lower: -.infinity, upper: 2))
    let estimate = ResampledEstimate(
      term: "x", estimate: 1, standardError: 0.5, interval: interval, pValue: 0.04, replicates: 3, failures: 1,
      replicateValues: [0.9, .nan, 1.1])
    let json = try object(estimate)
    for key in ["term", "estimate", "std_error", "p_value", "conf_low", "conf_high", "ci", "confidence_level", "reps",
      "failed", "enumerated", "replicate_values"]
    {
      #expect(json[key] != nil, "missing \(key)")
    }
    #expect(json["conf_low"] is NSNull && json["conf_high"] as? Double == 2 && json["ci"] as? String == "bca")
    #expect(json["enumerated"] as? Bool == false && json["failed"] as? Int == 1)
    let decoded = try JSONDecoder().decode(ResampledEstimate.self, from: JSONEncoder().encode(estimate))
    #expect(decoded.term == "x" && decoded.interval.method == .bca && decoded.interval.upper == 2)
    #expect(decoded.interval.lower.isNaN && decoded.replicateValues[1].isNaN && decoded.failures == 1)
    #expect(estimate.row.statistic == 2 && estimate.row.confHigh == 2)
  }

  @Test("jackknife results and resampling schemes round-trip")
  func jackknifeAndScheme() throws {
    let jackknife = JackknifeResult(t0: [1], leaveOut: [[0.5], [1.5]])
    #expect(try JSONDecoder().decode(JackknifeResult.self, from: JSONEncoder().encode(jackknife)) == jackknife)
    #expect(try object(jackknife).keys.sorted() == ["leave_out", "t0"])
    for scheme in [ResamplingScheme.pairs, .cluster(column: "school id"), .stratified(column: "grade")] {
      #expect(try JSONDecoder().decode(ResamplingScheme.self, from: JSONEncoder().encode(scheme)) == scheme)
    }
    #expect(try object(ResamplingScheme.cluster(column: "g"))["type"] as? String == "cluster")
  }

  @Test("invalid options are OptionError values")
  func options() throws {
    let table = try DataTable(columns: [Column(name: "x", doubles: [1, 2, 3])])
    #expect(
      throws: BootstrapError.invalidOption(.invalid(option: "replicates", value: "0", expected: "an integer of at least 1"))
    ) {
      try BootstrapResampler(replicates: 0, seed: 1).run(on: table) { _ in [1] }
    }
    #expect(
      throws: BootstrapError.invalidOption(
        .invalid(option: "confidenceLevel", value: "1.5", expected: "a number strictly between 0 and 1"))
    ) {
      try IntervalEstimators.percentile(t: [1, 2, 3], level: 1.5)
    }
  }
}

import CausalCore
import Foundation
import Testing
import TestSupport

/// Infinite values are dropped listwise like missing values but reported apart, with their
/// own reason, count and variables (fixest reports NA and infinite values apart too).
@Suite("Model frame: infinite values are reported apart from missing values")
struct ModelFrameInfiniteTests {
  @Test("r_write_csv.csv (x NA in row 4, z Inf in row 6 and -Inf in row 9): 1 missing, 2 infinite")
  func rWriteCSVInfinities() throws {
    let table = try CSVReader().read(path: FixtureFiles.data("r_write_csv.csv"))
    let frame = try ModelFrame("y ~ x + z", data: table)
    #expect(frame.rowIndices == [0, 1, 2, 4, 6, 7, 9, 10, 11])
    #expect(frame.drops.observations == [
      DropRecord(reason: .missingValue, count: 1, variables: ["x"]),
      DropRecord(reason: .infiniteValue, count: 2, variables: ["z"]),
    ])
    #expect(frame.drops.observationCount(.missingValue) == 1)
    #expect(frame.drops.observationCount(.infiniteValue) == 2)
    #expect(frame.drops.totalObservations == 3)
    #expect(frame.drops.notes == [
      "1 observation removed because of missing values in x.",
      "2 observations removed because of infinite values in z.",
    ])
  }

  @Test("a row both missing and infinite counts once, as missing")
  func missingAndInfiniteRow() throws {
    let data = try DataTable(columns: [
      Column(name: "y", doubles: [1, 2, .nan, 4, 5]),
      Column(name: "x", doubles: [1, -.infinity, .infinity, 3, 1]),
      Column(name: "w", doubles: [1, 1, 1, 1, 0]),
    ])
    let frame = try ModelFrame("y ~ x", data: data, weights: "w")
    #expect(frame.rowIndices == [0, 3])
    #expect(frame.drops.observations == [
      DropRecord(reason: .missingValue, count: 1, variables: ["y"]),
      DropRecord(reason: .infiniteValue, count: 1, variables: ["x"]),
      DropRecord(reason: .zeroWeight, count: 1, variables: ["w"]),
    ])
  }

  @Test("log(0) and 1/0 computed from present inputs are infinite values of the expression; log(-1) is missing")
  func computedInfinities() throws {
    let data = try DataTable(columns: [
      Column(name: "y", doubles: [1, 2, 3, 4, 5]),
      Column(name: "x", ints: [0, 1, -1, 2, 3]),
      Column(name: "z", doubles: [1, 1, 1, 0, 2]),
    ])
    let frame = try ModelFrame("y ~ log(x) + I(1/z)", data: data)
    #expect(frame.rowIndices == [1, 4])
    #expect(frame.drops.observations == [
      DropRecord(reason: .missingValue, count: 1, variables: ["log(x)"]),
      DropRecord(reason: .infiniteValue, count: 2, variables: ["log(x)", "I(1/z)"]),
    ])
  }

  @Test("an infinite input makes its row infinite, not the NaN its expression computes (log(-Inf))")
  func infiniteInputOfExpression() throws {
    let data = try DataTable(columns: [Column(name: "y", doubles: [1, 2, 3]), Column(name: "x", doubles: [1, -.infinity, 2])])
    let frame = try ModelFrame("y ~ log(x)", data: data)
    #expect(frame.drops.observations == [DropRecord(reason: .infiniteValue, count: 1, variables: ["x"])])
  }

  @Test("the drop report encodes infinite_value beside the existing keys, and decodes back")
  func dropReportJSON() throws {
    let report = DropReport(observations: [
      DropRecord(reason: .missingValue, count: 1, variables: ["x"]),
      DropRecord(reason: .infiniteValue, count: 2, variables: ["z"]),
    ])
    let data = try JSONEncoder().encode(report)
    let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["missing_value"] as? Int == 1)
    #expect(object["infinite_value"] as? Int == 2)
    #expect(Set(object.keys) == [
      "observations", "terms", "missing_value", "infinite_value", "singleton", "zero_weight", "collinear",
      "absorbed_by_fixed_effects",
    ])
    #expect(try JSONDecoder().decode(DropReport.self, from: data) == report)
    #expect(DropReason(rawValue: "infinite_value") == .infiniteValue)
  }
}

import CausalKit
import Foundation
import TestSupport
import Testing

@testable import CausalKitTool

/// Whether the parsed JSON value `b` contains `a`: every key of an object of `a` present in `b`
/// with a value that contains `a`'s (the library may add keys), arrays of the same length, the
/// same strings and booleans, and numbers equal to 1e-14 relative (the tool and `JSONEncoder`
/// may print a different last digit).
private func agree(_ a: Any, _ b: Any) -> Bool {
  switch (a, b) {
  case (let x as [String: Any], let y as [String: Any]):
    return x.allSatisfy { key, value in y[key].map { agree(value, $0) } ?? false }
  case (let x as [Any], let y as [Any]):
    return x.count == y.count && zip(x, y).allSatisfy { agree($0, $1) }
  case (let x as String, let y as String):
    return x == y
  case (is NSNull, is NSNull):
    return true
  case (let x as NSNumber, let y as NSNumber):
    let u = x.doubleValue, v = y.doubleValue
    return u == v || abs(u - v) <= 1e-14 * max(abs(u), abs(v))
  default:
    return false
  }
}

@Suite("causalkit feols --json and the library's encoding")
struct FeolsJSONTests {
  @Test("every key the tool prints has the same value in JSONEncoder's encoding of the fit", arguments: [
    ("y ~ x1 + x2 | firm", "cluster:firm"), ("y ~ x1 + x2", "hetero"), ("y ~ x1 | firm + state", "cluster:firm+state"),
  ])
  func toolKeysInLibraryEncoding(formula: String, vcov: String) throws {
    let table = try CSVReader().read(path: FixtureFiles.data("sim_fe.csv"))
    let fit = try FixedEffectsModel(formula: formula, vcov: try VarianceType(parsing: vcov)).fit(table)
    let tool = try #require(
      try JSONSerialization.jsonObject(with: Data(ToolJSON.feols(fit).utf8)) as? [String: Any])
    let library = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(fit)) as? [String: Any])
    for (key, value) in tool {
      let encoded = try #require(library[key], "the library's encoding has no key \(key)")
      #expect(agree(value, encoded), "\(key): tool \(value), library \(encoded)")
    }
  }
}

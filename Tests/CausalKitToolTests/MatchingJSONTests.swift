import CausalKit
import Foundation
import TestSupport
import Testing

@testable import CausalKitTool

/// The `logit` and `match` objects the tool prints are contained in the library's own encoding
/// of the same results (same keys, same values), so the tool can switch to `JSONEncoder`.
@Suite("Tool JSON for logit and match")
struct MatchingJSONTests {
  static func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  static func object<T: Encodable>(encoding value: T) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any])
  }

  /// Whether every key of `tool` is in `library` with an equal value (numbers to 1e-12 relative).
  static func contained(_ tool: Any, in library: Any?, path: String = "") -> [String] {
    switch tool {
    case let object as [String: Any]:
      guard let other = library as? [String: Any] else { return [path] }
      return object.flatMap { key, value in contained(value, in: other[key], path: path + "." + key) }
    case let array as [Any]:
      guard let other = library as? [Any], other.count == array.count else { return [path] }
      return zip(array, other).enumerated().flatMap { i, pair in contained(pair.0, in: pair.1, path: path + "[\(i)]") }
    case let number as NSNumber where !(tool is String):
      guard let other = library as? NSNumber else { return [path] }
      let a = number.doubleValue, b = other.doubleValue
      return a == b || abs(a - b) <= 1e-12 * max(abs(a), abs(b)) ? [] : [path]
    case is NSNull:
      return library is NSNull || library == nil ? [] : [path]
    default:
      return "\(tool)" == "\(library ?? "nil")" ? [] : [path]
    }
  }

  @Test("causalkit logit's object is part of BinaryRegressionFit's encoding")
  func logit() throws {
    let data = try CSVReader().read(path: FixtureFiles.data("lalonde.csv"))
    let fit = try BinaryRegression(formula: "treat ~ age + educ + race", vcov: .hetero).fit(data)
    let tool = try Self.object(ToolJSON.binaryFit(fit))
    let library = try Self.object(encoding: fit)
    #expect(tool.count == 14)
    #expect(Self.contained(tool, in: library).isEmpty, "\(Self.contained(tool, in: library))")
    // The comparison does notice a difference.
    #expect(Self.contained(["nobs": fit.observationCount + 1, "missing": 1], in: library).count == 2)
  }

  @Test("causalkit match's object is part of PropensityScoreMatchingResult's encoding")
  func match() throws {
    let data = try CSVReader().read(path: FixtureFiles.data("lalonde.csv"))
    let result = try PropensityScoreMatching(
      treatment: "treat", covariates: ["age", "educ", "race", "married", "nodegree", "re74", "re75"],
      matcher: NearestNeighborMatcher(caliper: Caliper(0.2)), outcome: "re78"
    ).fit(data)
    let effect = try #require(result.effect)
    let tool = try Self.object(
      ToolJSON.matching(
        result, caliper: 0.2, stdCaliper: true, effect: (effect.estimand.rawValue, effect.row, effect.method)))
    let library = try Self.object(encoding: result)
    #expect(Self.contained(tool, in: library).isEmpty, "\(Self.contained(tool, in: library))")
  }
}

import Foundation
import Testing

@testable import CausalCore

/// The reference file written by `Tests/Fixtures/generate_distributions.py` (mpmath, 100 digits, checked at 160).
struct DistributionFixtureFile: Decodable {
  struct Case: Decodable {
    let distribution: String
    let parameters: [String: Double]
    let function: String
    let x: Double
    let expected: Double
  }

  struct RandomSection: Decodable {
    let seed42_next: [String]
    let seed0_next: [String]
    let splitmix64_seed42_state: [String]
    let seed42_uniform: [Double]
    let seed42_uniform_open_closed: [Double]
    let seed42_normal: [Double]
    let seed42_int_below: [String: [UInt64]]
    let seed42_rademacher: [Double]
    let seed42_derived: [String: [String]]
    let seed42_after_jump: [String]
  }

  let cases: [Case]
  let random: RandomSection

  /// Loads the fixture relative to this source file (no SwiftPM resources).
  static func load() throws -> DistributionFixtureFile {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // CausalCoreTests
      .deletingLastPathComponent()  // Tests
      .appendingPathComponent("Fixtures/expected/distributions.json")
    return try JSONDecoder().decode(DistributionFixtureFile.self, from: Data(contentsOf: url))
  }
}

/// Evaluates one fixture case with CausalKit's implementation.
private func evaluate(_ c: DistributionFixtureFile.Case) throws -> Double {
  let dist: any ContinuousDistribution
  let p = c.parameters
  switch c.distribution {
  case "normal":
    dist = try NormalDistribution(mean: p["mean"] ?? .nan, standardDeviation: p["standardDeviation"] ?? .nan)
  case "studentT":
    dist = try StudentTDistribution(degreesOfFreedom: p["degreesOfFreedom"] ?? .nan)
  case "chiSquared":
    dist = try ChiSquaredDistribution(degreesOfFreedom: p["degreesOfFreedom"] ?? .nan)
  case "f":
    dist = try FDistribution(
      numeratorDegreesOfFreedom: p["numeratorDegreesOfFreedom"] ?? .nan,
      denominatorDegreesOfFreedom: p["denominatorDegreesOfFreedom"] ?? .nan)
  default:
    Issue.record("unknown distribution \(c.distribution)")
    return .nan
  }
  switch c.function {
  case "cdf": return dist.cdf(c.x)
  case "survival": return dist.survival(c.x)
  case "density": return dist.density(c.x)
  case "quantile": return dist.quantile(c.x)
  case "upperQuantile": return dist.upperQuantile(c.x)
  default:
    Issue.record("unknown function \(c.function)")
    return .nan
  }
}

/// Relative error, or absolute error when the reference is exactly zero.
private func relativeError(_ got: Double, _ expected: Double) -> Double {
  if got == expected { return 0 }
  return expected == 0 ? abs(got) : abs(got - expected) / abs(expected)
}

@Suite("Distributions against mpmath references")
struct DistributionFixtureTests {
  /// Every function of every distribution is within 1e-12 relative error of the 100-digit
  /// reference, including p-values down to 1e-300 and quantiles for probabilities down to 1e-300.
  @Test(arguments: ["normal", "studentT", "chiSquared", "f"])
  func matchesReference(distribution: String) throws {
    let fixture = try DistributionFixtureFile.load()
    let cases = fixture.cases.filter { $0.distribution == distribution }
    #expect(cases.count > 50)
    var worst: [String: (error: Double, label: String)] = [:]
    for c in cases {
      let got = try evaluate(c)
      let error = relativeError(got, c.expected)
      let label = "\(c.function)(\(c.x)) \(c.parameters.sorted { $0.key < $1.key })"
      #expect(error <= 1e-12, "\(distribution) \(label): got \(got), expected \(c.expected), rel err \(error)")
      if error > worst[c.function]?.error ?? -1 { worst[c.function] = (error, label) }
    }
    for (function, entry) in worst.sorted(by: { $0.key < $1.key }) {
      print("max rel err \(distribution).\(function): \(entry.error) at \(entry.label)")
    }
  }
}

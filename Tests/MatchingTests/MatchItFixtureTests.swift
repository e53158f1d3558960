import Foundation
import Matching
import Testing

/// `Tests/Fixtures/expected/matching.json`, written by `Tests/Fixtures/generate_matching.R`
/// with R 4.2 and MatchIt 4.5.1 (see the script's header for what each case's reference is).
struct MatchingFixture: Decodable, Sendable {
  struct Lalonde: Decodable, Sendable {
    var treat: [Int]
    var ps: [Double]
    var married: [Int]
    var age: [Double]
    var educ: [Double]
    var re74: [Double]
    var re75: [Double]

    var treatment: [Bool] { treat.map { $0 == 1 } }

    func column(_ name: String) -> [Double] {
      switch name {
      case "age": return age
      case "educ": return educ
      case "re74": return re74
      case "re75": return re75
      default: return []
      }
    }
  }

  struct Counts: Decodable, Sendable, Equatable {
    struct Group: Decodable, Sendable, Equatable {
      var all: Int
      var matched: Int
      var unmatched: Int
      var discarded: Int
    }
    var control: Group
    var treated: Group
  }

  struct Case: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var reference: String
    var distance: String
    var estimand: String
    var ratio: Int
    var replace: Bool
    var order: String
    var caliper: Double?
    var std_caliper: Bool?
    var caliper_raw: Double?
    var discard: String
    var exact: [String]
    var focal_units: [Int]
    var match_matrix: [[Int]?]
    var weights: [Double]
    var subclass: [Int?]
    var discarded: [Bool]
    var counts: Counts
    var matchit_differences: Int?
    var matrix_path_differences: Int?
    var matrix_path_score_differences: Int?
    var covariates: [String]?
    var mahalanobis_score: String?

    var testDescription: String { "\(name) [\(reference)]" }
  }

  struct KernelCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var kernel: String
    var bandwidth: Double
    var estimand: String
    var weights: [Double]
    var counts: Counts

    var testDescription: String { name }
  }

  var matchit_version: String
  var lalonde: Lalonde
  var cases: [Case]
  var kernel_cases: [KernelCase]

  static let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/expected/matching.json")

  /// The fixture, or `nil` when it cannot be read (a test below fails in that case).
  static let loaded: MatchingFixture? = {
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(MatchingFixture.self, from: data)
  }()

  static var allCases: [Case] { loaded?.cases ?? [] }
  static var allKernelCases: [KernelCase] { loaded?.kernel_cases ?? [] }
}

extension MatchingFixture.Counts {
  /// Whether these counts equal CausalKit's.
  func equals(_ counts: MatchCounts) -> Bool {
    func same(_ a: Group, _ b: MatchGroupCounts) -> Bool {
      a.all == b.all && a.matched == b.matched && a.unmatched == b.unmatched
        && a.discarded == b.discarded
    }
    return same(control, counts.control) && same(treated, counts.treated)
  }
}

/// Canonical pair membership: each unit in a subclass is labelled by the smallest unit index
/// of its subclass, so two numberings of the same partition compare equal.
func canonicalSubclasses(_ subclass: [Int?]) -> [Int?] {
  var smallest: [Int: Int] = [:]
  for (i, s) in subclass.enumerated() {
    if let s, smallest[s] == nil { smallest[s] = i }
  }
  return subclass.map { $0.flatMap { smallest[$0] } }
}

@Suite("MatchIt 4.5.1 reference cases (Lalonde)")
struct MatchItFixtureTests {
  @Test("the fixture loads and has every case")
  func fixtureLoads() throws {
    let fixture = try #require(MatchingFixture.loaded, "cannot read \(MatchingFixture.url.path)")
    #expect(fixture.matchit_version == "4.5.1")
    #expect(fixture.cases.count == 17)
    #expect(fixture.kernel_cases.count == 4)
    #expect(fixture.lalonde.treat.count == 614)
  }

  /// Builds the matcher and distance a case describes and runs it.
  static func run(_ fixtureCase: MatchingFixture.Case) throws -> MatchedSet {
    let data = try #require(MatchingFixture.loaded).lalonde
    let order: MatchingOrder
    switch fixtureCase.order {
    case "largest": order = .largest
    case "smallest": order = .smallest
    default: order = .data
    }
    let matcher = try NearestNeighborMatcher(
      estimand: fixtureCase.estimand == "ATC" ? .atc : .att, ratio: fixtureCase.ratio, replace: fixtureCase.replace,
      caliper: fixtureCase.caliper.map { Caliper($0, scale: fixtureCase.std_caliper == false ? .raw : .standardDeviation) },
      order: order, discard: try #require(CommonSupport(rawValue: fixtureCase.discard)))
    let exact: [[Int32]] = fixtureCase.exact.map { name in
      name == "married" ? data.married.map { Int32($0) } : []
    }
    let distance: MatchingDistance
    if fixtureCase.distance == "mahalanobis" {
      let columns = (fixtureCase.covariates ?? []).map { data.column($0) }
      distance = try MatchingDistance.mahalanobis(
        covariateColumns: columns, score: fixtureCase.mahalanobis_score == "ps" ? data.ps : nil)
    } else {
      distance = .score(data.ps)
    }
    return try matcher.match(treatment: data.treatment, distance: distance, exact: exact)
  }

  @Test("matched sets per focal unit are identical", arguments: MatchingFixture.allCases)
  func matchedSets(_ fixtureCase: MatchingFixture.Case) throws {
    let result = try Self.run(fixtureCase)
    try #require(result.focalUnits == fixtureCase.focal_units)
    try #require(result.focalUnits.count == fixtureCase.match_matrix.count)
    var differing: [Int] = []
    for (k, expected) in fixtureCase.match_matrix.enumerated()
    where Set(expected ?? []) != Set(result.matches[k]) {
      differing.append(result.focalUnits[k])
    }
    #expect(differing.isEmpty, "focal units with different matches: \(differing)")
  }

  @Test("weights agree within 1e-12", arguments: MatchingFixture.allCases)
  func weights(_ fixtureCase: MatchingFixture.Case) throws {
    let result = try Self.run(fixtureCase)
    let worst = zip(result.weights, fixtureCase.weights).map { abs($0 - $1) }.max() ?? .infinity
    #expect(worst <= 1e-12, "largest weight difference \(worst)")
  }

  @Test("pair membership, discards and counts agree", arguments: MatchingFixture.allCases)
  func pairsAndCounts(_ fixtureCase: MatchingFixture.Case) throws {
    let result = try Self.run(fixtureCase)
    #expect(canonicalSubclasses(result.subclass) == canonicalSubclasses(fixtureCase.subclass))
    #expect(result.discarded == fixtureCase.discarded)
    #expect(fixtureCase.counts.equals(result.counts), "counts \(result.counts)")
  }

  @Test("the caliper in raw units agrees", arguments: MatchingFixture.allCases.filter { $0.caliper != nil })
  func caliperWidth(_ fixtureCase: MatchingFixture.Case) throws {
    let result = try Self.run(fixtureCase)
    let width = try #require(result.caliperWidth)
    let expected = try #require(fixtureCase.caliper_raw)
    #expect(abs(width - expected) <= 1e-14 * expected)
  }
}

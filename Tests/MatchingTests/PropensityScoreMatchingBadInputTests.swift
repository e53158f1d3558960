import CausalCore
import Matching
import Propensity
import Testing

/// Issue 3's bad-input list, through the one-call workflow: each gets a typed error or a
/// reported drop.
@Suite("Propensity-score matching bad input")
struct PropensityScoreMatchingBadInputTests {
  static func table(treat: [Int?], x: [Double?], z: [Double]) throws -> DataTable {
    try DataTable(columns: [
      Column(name: "treat", ints: treat), Column(name: "x", doubles: x), Column(name: "z", doubles: z),
    ])
  }

  static let x: [Double?] = [0.1, 0.5, 1.2, 0.3, 2.0, 1.1, 0.7, 1.9, 0.2, 1.4, 0.9, 1.6]
  static let z: [Double] = [1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1]

  @Test("a treatment coded other than 0/1 is rejected")
  func notBinary() throws {
    let t = try Self.table(treat: [0, 1, 2, 0, 1, 0, 1, 0, 0, 1, 0, 1], x: Self.x, z: Self.z)
    #expect(throws: PropensityError.self) { try PropensityScoreMatching(treatment: "treat", covariates: Covariates(formula: "x")).fit(t) }
  }

  @Test("no treated units is rejected")
  func noTreated() throws {
    let t = try Self.table(treat: Array(repeating: 0, count: 12), x: Self.x, z: Self.z)
    #expect(throws: PropensityError.self) { try PropensityScoreMatching(treatment: "treat", covariates: Covariates(formula: "x")).fit(t) }
  }

  @Test("missing covariates are removed listwise and counted")
  func missing() throws {
    var x = Self.x
    x[3] = nil
    let t = try Self.table(treat: [0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1], x: x, z: Self.z)
    let result = try PropensityScoreMatching(treatment: "treat", covariates: Covariates(formula: "x + z")).fit(t)
    #expect(result.missingDropped == 1)
    #expect(result.propensity.drops.observationCount(.missingValue) == 1)
    #expect(result.weightsByRow[3] == 0)
  }

  @Test("perfect separation is a typed error naming the variable")
  func separation() throws {
    // Treated exactly when x > 1.
    let treat = Self.x.map { ($0 ?? 0) > 1 ? 1 : 0 }
    let t = try Self.table(treat: treat, x: Self.x, z: Self.z)
    #expect(throws: PropensityError.self) { try PropensityScoreMatching(treatment: "treat", covariates: Covariates(formula: "x")).fit(t) }
  }

  @Test("no overlap after discarding is a typed error")
  func noOverlap() throws {
    let treat = [0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1]
    let scores = [0.01, 0.9, 0.02, 0.03, 0.95, 0.04, 0.91, 0.97, 0.05, 0.02, 0.01, 0.92]
    let treated = treat.map { $0 == 1 }
    #expect(throws: MatchingError.self) {
      try NearestNeighborMatcher(discard: .both).match(treatment: treated, distance: .score(scores))
    }
  }

  @Test("fewer eligible controls than requested: as many as possible are matched and the shortfall is counted")
  func fewerControls() throws {
    let treat = [0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1]
    let treated = treat.map { $0 == 1 }
    let scores = [0.2, 0.6, 0.3, 0.7, 0.5, 0.4, 0.65, 0.8, 0.55, 0.35, 0.45, 0.75]
    let matched = try NearestNeighborMatcher(ratio: 2).match(treatment: treated, distance: .score(scores))
    #expect(matched.counts.control.matched == 4)
    #expect(matched.counts.focalUnitsShortOfRatio > 0)
  }
}

import Foundation
import StaggeredDiD
import TestSupport
import Testing

/// The decomposition against `Tests/Fixtures/expected/bacon.json`, written by
/// `Tests/Fixtures/generate_bacon.py` from diff-diff 3.13.0 and pybacondecomp 0.1.0 (a port of
/// Stata's bacondecomp) for the comparisons and pyfixest 0.60.0 for the two-way fixed-effects
/// coefficient and its standard error clustered by unit.
@Suite("Goodman-Bacon decomposition: reference values")
struct BaconDecompositionReferenceTests {
  struct Row: Decodable {
    let treated: Int
    let control: Int?
    let type: String
    let estimate: Double
    let weight: Double
  }

  struct Total: Decodable {
    let type: String
    let weight: Double
    let estimate: Double
    let count: Int
  }

  struct Pair: Decodable {
    let earlier: Int
    let later: Int
    let estimate: Double
    let weight: Double
  }

  struct Case: Decodable, CustomTestStringConvertible {
    let name, data, outcome, treatment, unit, time: String
    let observations, units, periods: Int
    let timing_groups, never_treated_units, always_treated_units: Int
    let twfe: [String: Double]
    let comparisons: [Row]
    let totals: [Total]
    let stata_timing_pairs: [Pair]
    let merged_untreated: Total?
    var testDescription: String { name }
  }

  static let cases = FixtureFiles.cases("bacon.json", as: Case.self)

  @Test("the fixture holds its four cases")
  func caseCount() {
    #expect(Self.cases.map(\.name) == ["castle", "math_reform", "sim_always_never", "sim_timing_only"])
  }

  static func fit(_ c: Case) throws -> BaconDecompositionResult {
    let table = try CSVReader().read(path: FixtureFiles.data(c.data))
    return try BaconDecomposition(outcome: c.outcome, unit: c.unit, time: c.time, treatment: c.treatment).fit(table)
  }

  @Test("every comparison's estimate and weight match the references", arguments: cases)
  func comparisons(_ c: Case) throws {
    let result = try Self.fit(c)
    #expect(result.comparisons.count == c.comparisons.count)
    for expected in c.comparisons {
      let found = result.comparisons.filter {
        $0.treatedGroup == expected.treated && $0.controlGroup == expected.control && $0.type.rawValue == expected.type
      }
      try #require(found.count == 1, "\(c.name): \(expected.treated) vs \(expected.control.map(String.init) ?? "-") \(expected.type)")
      #expect(relativeDifference(found[0].estimate, expected.estimate) < 1e-11, "\(c.name) \(expected)")
      #expect(relativeDifference(found[0].weight, expected.weight) < 1e-11, "\(c.name) \(expected)")
    }
  }

  @Test("totals by type, counts and the clustered coefficient match the references", arguments: cases)
  func totalsAndCoefficient(_ c: Case) throws {
    let result = try Self.fit(c)
    #expect(result.totals.map(\.type.rawValue) == c.totals.map(\.type))
    for (found, expected) in zip(result.totals, c.totals) {
      #expect(relativeDifference(found.weight, expected.weight) < 1e-11)
      #expect(relativeDifference(found.estimate, expected.estimate) < 1e-11)
      #expect(found.comparisons == expected.count)
    }
    #expect(result.observationCount == c.observations)
    #expect(result.unitCount == c.units && result.periodCount == c.periods)
    #expect(result.timingGroupCount == c.timing_groups)
    #expect(result.neverTreatedUnits == c.never_treated_units && result.alwaysTreatedUnits == c.always_treated_units)
    let twfe = result.twoWayFixedEffects
    #expect(twfe.term == c.treatment)
    #expect(relativeDifference(twfe.estimate, try #require(c.twfe["estimate"])) < 1e-12)
    #expect(relativeDifference(twfe.standardError, try #require(c.twfe["std_error"])) < 1e-12)
  }

  @Test("the two directed comparisons of each pair combine into Stata's timing-group pair", arguments: cases)
  func stataPairs(_ c: Case) throws {
    let result = try Self.fit(c)
    #expect(!c.stata_timing_pairs.isEmpty)
    for pair in c.stata_timing_pairs {
      let both = result.comparisons.filter {
        Set([$0.treatedGroup, $0.controlGroup]) == Set([pair.earlier, pair.later])
      }
      try #require(both.count == 2)
      let weight = both.reduce(0) { $0 + $1.weight }
      let estimate = both.reduce(0) { $0 + $1.weight * $1.estimate } / weight
      #expect(relativeDifference(weight, pair.weight) < 1e-11)
      #expect(relativeDifference(estimate, pair.estimate) < 1e-11)
    }
  }

  @Test("never- and always-treated controls together are diff-diff's merged untreated group")
  func mergedUntreated() throws {
    let c = try #require(Self.cases.first { $0.name == "sim_always_never" })
    let merged = try #require(c.merged_untreated)
    let result = try Self.fit(c)
    let untreated = result.comparisons.filter { $0.controlGroup == nil }
    #expect(Set(untreated.map(\.type)) == [.treatedVsNeverTreated, .treatedVsAlwaysTreated])
    let weight = untreated.reduce(0) { $0 + $1.weight }
    #expect(relativeDifference(weight, merged.weight) < 1e-11)
    #expect(relativeDifference(untreated.reduce(0) { $0 + $1.weight * $1.estimate } / weight, merged.estimate) < 1e-11)
  }
}

import Foundation
import StaggeredDiD
import Testing
import TestSupport

/// The two-stage DiD's pre-trend test and its handling of unusual input.
@Suite("Two-stage DiD: pre-trend test and input")
struct TwoStageDiDTests {
  static func panel() throws -> DataTable { try CSVReader().read(path: FixtureFiles.data("did_sim_panel.csv")) }

  /// The simulated panel with an anticipation effect of `shift` in the period before treatment.
  static func anticipating(_ shift: Double) throws -> DataTable {
    var table = try panel()
    let y = try table.column(named: "y").doubles()
    let t = try table.column(named: "year").doubles()
    let g = try table.column(named: "cohort").doubles()
    try table.set(Column(name: "y", doubles: y.indices.map { g[$0] > 0 && t[$0] == g[$0] - 1 ? y[$0] + shift : y[$0] }))
    return table
  }

  @Test("the pre-trend test does not reject on parallel trends and rejects an anticipation effect")
  func preTrends() throws {
    let model = try TwoStageDiD(outcome: "y", unit: "id", time: "year", cohort: "cohort", preTrendLeads: 3)
    let clean = try #require(try model.fit(try Self.panel()).preTrendTest)
    #expect(clean.terms.count == 3)
    #expect(clean.pValue > 0.01)
    let shifted = try #require(try model.fit(try Self.anticipating(1.0)).preTrendTest)
    #expect(shifted.pValue < 1e-6)
  }

  @Test("the pooled ATT is the treated-share average of the event-time effects")
  func pooledIsAverage() throws {
    let data = try Self.panel()
    let pooled = try TwoStageDiD(outcome: "y", unit: "id", time: "year", cohort: "cohort").fit(data)
    let events = try TwoStageDiD(
      outcome: "y", unit: "id", time: "year", cohort: "cohort", secondStage: .eventStudy(referencePeriods: [-1])
    ).fit(data)
    let g = try data.column(named: "cohort").doubles()
    let t = try data.column(named: "year").doubles()
    var counts: [Int: Double] = [:]
    for i in g.indices where g[i] > 0 && t[i] >= g[i] { counts[Int(t[i] - g[i]), default: 0] += 1 }
    let total = counts.values.reduce(0, +)
    let average = events.eventTimeEstimates.filter { $0.relativeTime >= 0 }
      .reduce(0) { $0 + $1.row.estimate * (counts[$1.relativeTime] ?? 0) / total }
    #expect(abs(try #require(pooled.att).estimate - average) < 1e-12)
  }

  @Test("always-treated units are removed and counted; bad options are refused")
  func input() throws {
    var table = try Self.panel()
    let g = try table.column(named: "cohort").doubles()
    let id = try table.column(named: "id").doubles()
    try table.set(Column(name: "cohort", doubles: g.indices.map { id[$0] < 10 ? 2001 : g[$0] }))
    let result = try TwoStageDiD(outcome: "y", unit: "id", time: "year", cohort: "cohort").fit(table)
    #expect(result.drops.observationCount(.alreadyTreated) == id.filter { $0 < 10 }.count)
    #expect(throws: OptionError.self) { try TwoStageDiD(outcome: "y", unit: "id", time: "year", cohort: "cohort", preTrendLeads: -1) }
    #expect(throws: OptionError.self) {
      try TwoStageDiD(outcome: "", unit: "id", time: "year", cohort: "cohort")
    }
  }
}

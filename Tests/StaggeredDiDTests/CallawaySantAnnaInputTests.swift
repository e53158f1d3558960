import Foundation
import StaggeredDiD
import Testing

/// Bad and unusual inputs for Callaway-Sant'Anna: each gets a clear error or a reported,
/// documented handling (issue 12, section 7).
@Suite("Callaway-Sant'Anna: bad and unusual input")
struct CallawaySantAnnaInputTests {
  /// A panel of `units` units over periods 1...`periods`; unit u's cohort is `cohort(u)`, its
  /// outcome `u + t + 2·1{t ≥ cohort}` plus a little unit-specific noise.
  static func panel(units: Int = 12, periods: Int = 4, cohort: (Int) -> Int) -> [(id: Double, t: Double, g: Double, y: Double)] {
    var rows: [(Double, Double, Double, Double)] = []
    for u in 0..<units {
      let g = cohort(u)
      for t in 1...periods {
        let effect = g > 0 && t >= g ? 2.0 : 0
        rows.append((Double(u), Double(t), Double(g), Double(u) + Double(t) + effect + 0.1 * sin(Double(u * 7 + t))))
      }
    }
    return rows
  }

  static func table(_ rows: [(id: Double, t: Double, g: Double, y: Double)]) throws -> DataTable {
    try DataTable(columns: [
      Column(name: "id", doubles: rows.map(\.id)), Column(name: "t", doubles: rows.map(\.t)),
      Column(name: "g", doubles: rows.map(\.g)), Column(name: "y", doubles: rows.map(\.y)),
    ])
  }

  static let model = try! CallawaySantAnna(outcome: "y", time: "t", unit: "id", cohort: "g")

  static func staggered(_ u: Int) -> Int { [0, 3, 4][u % 3] }

  @Test("a clean staggered panel recovers the effect of 2 in every post-treatment cell")
  func recovers() throws {
    let result = try Self.model.fit(try Self.table(Self.panel(cohort: Self.staggered)))
    for e in result.effects where e.isPostTreatment { #expect(abs(e.row.estimate - 2) < 0.5) }
    #expect(result.unitCount == 12 && result.drops.totalObservations == 0)
    let simple = try result.aggregated(.simple)
    #expect(abs(simple.overall.estimate - 2) < 0.3)
  }

  @Test("two rows of one unit in one period are refused, naming the unit and period")
  func duplicateRows() throws {
    var rows = Self.panel(cohort: Self.staggered)
    rows.append(rows[5])
    #expect(throws: DiDError.duplicateUnitPeriod(unit: "1", period: 2)) { try Self.model.fit(try Self.table(rows)) }
  }

  @Test("a cohort that changes within a unit (treatment switching off or re-coded) is refused")
  func cohortChanges() throws {
    var rows = Self.panel(cohort: Self.staggered)
    rows[4].g = 4  // unit 1 (cohort 3) says 4 in its first period
    #expect(throws: DiDError.cohortVariesWithinUnit(unit: "1", column: "g")) { try Self.model.fit(try Self.table(rows)) }
  }

  @Test("non-integer time and negative or fractional cohorts are refused")
  func nonInteger() throws {
    var rows = Self.panel(cohort: Self.staggered)
    rows[0].t = 1.5
    #expect(throws: DiDError.nonIntegerTime(column: "t", value: 1.5)) { try Self.model.fit(try Self.table(rows)) }
    #expect("\(DiDError.nonIntegerTime(column: "t", value: 1.5))".contains("not a whole number"))
    rows[0].t = 1e20
    #expect(throws: DiDError.nonIntegerTime(column: "t", value: 1e20)) { try Self.model.fit(try Self.table(rows)) }
    #expect("\(DiDError.nonIntegerTime(column: "t", value: 1e20))".contains("too large to be a period"))
    rows = Self.panel(cohort: Self.staggered)
    for i in 0..<4 { rows[i].g = -1 }
    #expect(throws: DiDError.invalidCohort(column: "g", value: -1)) { try Self.model.fit(try Self.table(rows)) }
  }

  @Test("units treated in the first period are removed and counted; cohorts after the last period count as never treated")
  func outsideTheTimeRange() throws {
    let rows = Self.panel(cohort: { [0, 3, 1, 9][$0 % 4] })
    let result = try Self.model.fit(try Self.table(rows))
    #expect(result.drops.observationCount(.alreadyTreated) == 3 * 4)
    #expect(result.unitCount == 9)
    #expect(result.cohorts == [3])
    #expect(result.notes.contains { $0.contains("first treated after the last period count as never treated") })
  }

  @Test("units missing a period are removed from a balanced panel and kept in an unbalanced one")
  func unbalanced() throws {
    var rows = Self.panel(cohort: Self.staggered)
    rows.remove(at: 9)  // unit 2, period 2
    let balanced = try Self.model.fit(try Self.table(rows))
    #expect(balanced.drops.observationCount(.incompleteUnit) == 3)
    #expect(balanced.unitCount == 11)
    let model = try CallawaySantAnna(outcome: "y", time: "t", unit: "id", cohort: "g", design: .unbalancedPanel)
    let unbalanced = try model.fit(try Self.table(rows))
    #expect(unbalanced.unitCount == 12 && unbalanced.drops.totalObservations == 0)
  }

  @Test("every cohort treated in the first period: nothing to estimate")
  func noCohorts() throws {
    let rows = Self.panel(cohort: { $0 % 2 == 0 ? 0 : 1 })
    #expect(throws: DiDError.self) { try Self.model.fit(try Self.table(rows)) }
  }

  @Test("no never-treated unit: the last cohort becomes the comparison group, with a note")
  func noNeverTreated() throws {
    let rows = Self.panel(periods: 5, cohort: { [3, 5][$0 % 2] })
    let result = try Self.model.fit(try Self.table(rows))
    #expect(result.cohorts == [3])
    #expect(result.periods == [1, 2, 3, 4])
    #expect(result.notes.contains { $0.contains("No unit is never treated") })
  }

  @Test("a cohort with a single unit is estimated (its cells have large but finite standard errors)")
  func singleUnitCohort() throws {
    let rows = Self.panel(cohort: { $0 == 0 ? 3 : ($0 < 6 ? 0 : 4) })
    let result = try Self.model.fit(try Self.table(rows))
    let cell = try #require(result.effect(group: 3, time: 3))
    #expect(cell.row.estimate.isFinite && cell.row.standardError.isFinite)
  }

  @Test("options are checked when the estimator is made")
  func options() {
    #expect(throws: OptionError.self) { try CallawaySantAnna(outcome: "y", time: "t", unit: "id", cohort: "g", anticipation: -1) }
    #expect(throws: OptionError.self) { try CallawaySantAnna(outcome: "y", time: "t", unit: "id", cohort: "g", confidenceLevel: 1) }
    #expect(throws: OptionError.self) { try CallawaySantAnna(outcome: "y", time: "t", unit: nil, cohort: "g", design: .balancedPanel) }
    #expect(throws: OptionError.self) { try CallawaySantAnna(outcome: "y", time: "t", unit: "id", cohort: "g", cluster: "id") }
    #expect(throws: OptionError.self) { try MultiplierBootstrap(replicates: 10) }
  }

  @Test("JSON round trip keeps the effects; a decoded result cannot be aggregated again")
  func coding() throws {
    let result = try Self.model.fit(try Self.table(Self.panel(cohort: Self.staggered)))
    let data = try JSONEncoder().encode(result)
    let decoded = try JSONDecoder().decode(CallawaySantAnnaResult.self, from: data)
    #expect(decoded.effects == result.effects)
    #expect(throws: DiDError.influenceUnavailable) { try decoded.aggregated(.simple) }
    let dynamic = try result.aggregated(.dynamic())
    let again = try JSONDecoder().decode(AggregatedEffect.self, from: try JSONEncoder().encode(dynamic))
    #expect(again.breakdown.map(\.key) == dynamic.breakdown.map(\.key))
    #expect(again.overall == dynamic.overall)
  }

  @Test("a dynamic aggregation is an event study (the universal base period's cell is its reference)")
  func eventStudyView() throws {
    let model = try CallawaySantAnna(outcome: "y", time: "t", unit: "id", cohort: "g", basePeriod: .universal)
    let result = try model.fit(try Self.table(Self.panel(cohort: Self.staggered)))
    let dynamic = try result.aggregated(.dynamic())
    #expect(dynamic.eventTimeEstimates.map(\.relativeTime) == dynamic.breakdown.map(\.key))
    #expect(dynamic.eventTimeEstimates.filter(\.isReference).map(\.relativeTime) == [-1])
    #expect(dynamic.observationCount == 48 && dynamic.coefficients.count == dynamic.breakdown.count + 1)
    #expect(try result.aggregated(.group).eventTimeEstimates.isEmpty)
  }

  @Test("the multiplier bootstrap is reproducible and close to the analytic standard errors")
  func bootstrap() throws {
    let rows = Self.panel(units: 300, periods: 4, cohort: Self.staggered)
    let model = try CallawaySantAnna(
      outcome: "y", time: "t", unit: "id", cohort: "g", bootstrap: try MultiplierBootstrap(replicates: 1999, seed: 7))
    let a = try model.fit(try Self.table(rows))
    let b = try model.fit(try Self.table(rows))
    #expect(a.effects == b.effects)
    let analytic = try Self.model.fit(try Self.table(rows))
    for (boot, plain) in zip(a.effects, analytic.effects) where plain.row.standardError.isFinite {
      #expect(abs(boot.row.standardError / plain.row.standardError - 1) < 0.15)
    }
    let critical = try #require(a.criticalValue)
    #expect(critical > 1.96 && critical < 4)
  }
}

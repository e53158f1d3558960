import CausalCore
import Foundation
import Propensity
import StaggeredDiD
import Testing

/// R did 2.5.1's per-cell overlap and rank checks in Callaway-Sant'Anna: a cell that fails one
/// is NaN with the reason, counted among the omitted cells of an aggregation, and the other
/// cells are unaffected. The threshold decisions are confirmed with Propensity's logit.
@Suite("Callaway-Sant'Anna: did's overlap and rank checks")
struct CallawaySantAnnaGuardTests {
  /// One row of a test panel.
  struct Row {
    var id: Int
    var t: Int
    var g: Int
    var y: Double
    var x: Double
    var w: Double = 1
  }

  /// A panel over periods 1...`periods`: unit u of cohort `cohorts[u]` with covariate
  /// `covariate(u, t)` and weight `weight(u)`; the outcome is a unit effect, a trend, the
  /// covariate and an effect of 1.5 once treated, plus seeded noise.
  static func panel(
    cohorts: [Int], periods: Int = 4, seed: UInt64 = 7, weight: (Int) -> Double = { _ in 1 },
    covariate: (Int, Int) -> Double
  ) -> [Row] {
    var random = SeededGenerator(seed: seed)
    var rows: [Row] = []
    for (u, g) in cohorts.enumerated() {
      let level = Double.random(in: -1...1, using: &random)
      for t in 1...periods {
        let x = covariate(u, t)
        let effect = g > 0 && t >= g ? 1.5 : 0
        let noise = Double.random(in: -0.3...0.3, using: &random)
        rows.append(Row(id: u, t: t, g: g, y: level + 0.4 * Double(t) + 0.8 * x + effect + noise, x: x, w: weight(u)))
      }
    }
    return rows
  }

  static func table(_ rows: [Row]) throws -> DataTable {
    try DataTable(columns: [
      Column(name: "id", doubles: rows.map { Double($0.id) }), Column(name: "t", doubles: rows.map { Double($0.t) }),
      Column(name: "g", doubles: rows.map { Double($0.g) }), Column(name: "y", doubles: rows.map(\.y)),
      Column(name: "x", doubles: rows.map(\.x)), Column(name: "w", doubles: rows.map(\.w)),
    ])
  }

  static func model(
    _ method: TwoByTwoMethod, panel: Bool = true, covariates: Covariates = ["x"], weights: String? = nil,
    comparison: ComparisonGroup = .neverTreated, design: SampleDesign? = nil
  ) throws -> CallawaySantAnna {
    try CallawaySantAnna(
      outcome: "y", time: "t", unit: panel ? "id" : nil, cohort: "g", covariates: covariates, method: method,
      comparison: comparison, design: design, weights: weights)
  }

  /// The largest fitted probability of Propensity's logit of "cohort `group`" on `x` over the
  /// units of `group` and the never treated, in `period`, weighted by `w` when asked.
  static func largestScore(_ rows: [Row], group: Int, period: Int, weighted: Bool = false, covariate: Bool = true) throws
    -> Double
  {
    let cell = rows.filter { $0.t == period && ($0.g == group || $0.g == 0) }
    let data = try DataTable(columns: [
      Column(name: "d", doubles: cell.map { $0.g == group ? 1 : 0 }), Column(name: "x", doubles: cell.map(\.x)),
      Column(name: "w", doubles: cell.map(\.w)),
    ])
    let logit = try BinaryRegression(
      formula: covariate ? "d ~ x" : "d ~ 1", weights: weighted ? "w" : nil, allowSeparation: true)
    return try #require(try logit.fit(data).fittedProbabilities.max())
  }

  /// The cohorts of the overlap panel: 40 never treated, 20 first treated in period 3 and 20
  /// in period 4.
  static let overlapCohorts = (0..<80).map { u in u < 40 ? 0 : (u < 60 ? 3 : 4) }

  /// Never treated and cohort 3 share the covariate's range; cohort 4 lies mostly above it, with
  /// a little overlap (the logit's maximum exists, its largest score is close to 1).
  static func overlapCovariate(_ u: Int, _ t: Int, timeVarying: Bool) -> Double {
    let drift = timeVarying ? 0.01 * Double(t) : 0
    let position = Double((u * 37) % 20) / 19
    switch overlapCohorts[u] {
    case 4: return 0.8 + 3.2 * position + drift
    default: return position + drift
    }
  }

  @Test(
    "a cohort the covariate nearly separates from the never treated is NaN for dr, ipw and imp, estimated by reg",
    arguments: [(SampleDesign.balancedPanel, false), (.balancedPanel, true), (.unbalancedPanel, false), (.repeatedCrossSections, false)])
  func overlapViolation(design: SampleDesign, timeVarying: Bool) throws {
    let panel = design != .repeatedCrossSections
    let rows = Self.panel(cohorts: Self.overlapCohorts) { Self.overlapCovariate($0, $1, timeVarying: timeVarying) }
    // Propensity's logit confirms the decision: cohort 4 reaches 0.999, cohort 3 does not.
    for t in 1...4 {
      #expect(try Self.largestScore(rows, group: 4, period: t) >= 0.999)
      #expect(try Self.largestScore(rows, group: 3, period: t) < 0.9)
    }
    let withoutFour = rows.filter { $0.g != 4 }
    for method in TwoByTwoMethod.allCases {
      let model = try Self.model(method, panel: panel, design: design)
      let result = try model.fit(try Self.table(rows))
      let reference = try model.fit(try Self.table(withoutFour))
      for effect in result.effects where effect.group == 4 {
        if method == .outcomeRegression {
          #expect(effect.row.estimate.isFinite, "reg has no overlap check: ATT(4,\(effect.time))")
        } else {
          #expect(effect.row.estimate.isNaN, "\(method) ATT(4,\(effect.time))")
          #expect(result.notes.contains { $0.hasPrefix("ATT(4,\(effect.time)) not estimated: overlap condition violated") })
        }
      }
      // Cohort 3 compares with the never treated only: its cells are those of the data without
      // cohort 4.
      for effect in result.effects where effect.group == 3 {
        let other = try #require(reference.effect(group: 3, time: effect.time))
        #expect(abs(effect.row.estimate - other.row.estimate) <= 1e-9 * max(1, abs(other.row.estimate)))
        #expect(abs(effect.row.standardError - other.row.standardError) <= 1e-9 * max(1, other.row.standardError))
      }
      // Aggregations leave out every NaN cell (did drops its NA cells first).
      let failed = result.effects.filter { $0.row.estimate.isNaN }.count
      #expect(failed == (method == .outcomeRegression ? 0 : 3))
      for aggregation in [GroupTimeAggregation.simple, .dynamic()] {
        let aggregated = try result.aggregated(aggregation)
        #expect(aggregated.omittedCells == failed)
        #expect(aggregated.overall.estimate.isFinite)
      }
    }
  }

  @Test("with not-yet-treated controls the separated cohort's cells fail and the other cohort's are estimated")
  func overlapNotYetTreated() throws {
    // Cohort 4 is a comparison group of cohort 3 before period 4; its high covariate values
    // then predict the comparison group, which does not break overlap.
    let rows = Self.panel(cohorts: Self.overlapCohorts) { Self.overlapCovariate($0, $1, timeVarying: false) }
    for method in TwoByTwoMethod.allCases {
      let result = try Self.model(method, comparison: .notYetTreated).fit(try Self.table(rows))
      for effect in result.effects {
        let fails = effect.group == 4 && method != .outcomeRegression
        #expect(effect.row.estimate.isNaN == fails, "\(method) ATT(\(effect.group),\(effect.time))")
      }
    }
  }

  /// A binary covariate: at x = 1 one never-treated unit faces `treatedAtOne` units of cohort
  /// 3; at x = 0 there are 20 of each. Cohort 4 (20 units) spreads over both values.
  static func binaryPanel(treatedAtOne: Int, weight: @escaping (Int, Int) -> Double) -> [Row] {
    var cohorts = [Int](repeating: 0, count: 21) + [Int](repeating: 3, count: 20 + treatedAtOne)
    cohorts += [Int](repeating: 4, count: 20)
    let x = { (u: Int) -> Double in
      switch cohorts[u] {
      case 0: return u == 0 ? 1 : 0
      case 3: return u >= 41 ? 1 : 0
      default: return Double(u % 2)
      }
    }
    return panel(cohorts: cohorts, weight: { weight($0, cohorts[$0]) }) { u, _ in x(u) }
  }

  @Test("the overlap check ignores sampling weights: a weighted logit below 0.999 does not save the cell, nor one above it fail it")
  func weightsIgnored() throws {
    // 1000 treated per comparison unit at x = 1: the unweighted score 1000/1001 ≥ 0.999; the
    // comparison unit's weight 10 brings the weighted one to 1000/1010.
    let failing = Self.binaryPanel(treatedAtOne: 1000) { u, g in g == 0 && u == 0 ? 10 : 1 }
    #expect(try Self.largestScore(failing, group: 3, period: 2) >= 0.999)
    #expect(try Self.largestScore(failing, group: 3, period: 2, weighted: true) < 0.999)
    // 500 per comparison unit: unweighted 500/501 < 0.999; weight 10 on those treated units
    // gives 5000/5001.
    let passing = Self.binaryPanel(treatedAtOne: 500) { u, g in g == 3 && u >= 41 ? 10 : 1 }
    #expect(try Self.largestScore(passing, group: 3, period: 2) < 0.999)
    #expect(try Self.largestScore(passing, group: 3, period: 2, weighted: true) >= 0.999)
    for method in [TwoByTwoMethod.traditionalDoublyRobust, .inverseProbabilityWeighting, .improvedDoublyRobust] {
      for panel in [true, false] {
        let model = try Self.model(method, panel: panel, weights: "w")
        let failed = try model.fit(try Self.table(failing))
        for effect in failed.effects {
          #expect(effect.row.estimate.isNaN == (effect.group == 3), "\(method) ATT(\(effect.group),\(effect.time))")
        }
        #expect(failed.notes.contains { $0.contains("overlap condition violated") })
        let kept = try model.fit(try Self.table(passing))
        for effect in kept.effects { #expect(effect.row.estimate.isFinite, "\(method) ATT(\(effect.group),\(effect.time))") }
        #expect(!kept.notes.contains { $0.contains("overlap condition violated") })
      }
    }
  }

  @Test("without covariates the overlap check is the share treated: more than 999 treated per comparison unit fails it")
  func interceptOnly() throws {
    // Cohort 3: 1500 units against one never-treated unit (share 0.99933); cohort 4: 5 units.
    let cohorts = [0] + [Int](repeating: 3, count: 1500) + [Int](repeating: 4, count: 5)
    let rows = Self.panel(cohorts: cohorts) { _, _ in 0 }
    #expect(try Self.largestScore(rows, group: 3, period: 2, covariate: false) >= 0.999)
    #expect(try Self.largestScore(rows, group: 4, period: 2, covariate: false) < 0.999)
    for method in TwoByTwoMethod.allCases {
      for panel in [true, false] {
        let result = try Self.model(method, panel: panel, covariates: Covariates()).fit(try Self.table(rows))
        for effect in result.effects {
          let fails = effect.group == 3 && method != .outcomeRegression
          #expect(effect.row.estimate.isNaN == fails, "\(method) ATT(\(effect.group),\(effect.time))")
        }
        #expect(result.notes.contains { $0.contains("overlap condition violated") } == (method != .outcomeRegression))
      }
    }
  }

  @Test("comparison units with a constant covariate in a cell: reg, dr and imp NaN with the rank reason, ipw estimated")
  func rankViolation() throws {
    // In period 1 every never-treated unit has x = 0.5 while the treated spread around it (no
    // separation); later periods vary. Cells whose earlier period is 1 fail the rank check.
    let cohorts = (0..<60).map { u in u < 20 ? 0 : (u < 40 ? 3 : 4) }
    let rows = Self.panel(cohorts: cohorts) { u, t in
      cohorts[u] == 0 && t == 1 ? 0.5 : Double((u * 13 + t * 7) % 20) / 19
    }
    #expect(try Self.largestScore(rows, group: 3, period: 1) < 0.999)
    for method in TwoByTwoMethod.allCases {
      let result = try Self.model(method).fit(try Self.table(rows))
      for effect in result.effects {
        let earlierIsFirst = min(effect.time, effect.basePeriod) == 1
        let fails = earlierIsFirst && method != .inverseProbabilityWeighting
        #expect(effect.row.estimate.isNaN == fails, "\(method) ATT(\(effect.group),\(effect.time))")
        if fails {
          #expect(result.notes.contains {
            $0.hasPrefix("ATT(\(effect.group),\(effect.time)) not estimated: covariate matrix for comparison units is singular")
          })
        }
      }
      #expect(result.effects.contains { min($0.time, $0.basePeriod) == 1 })
    }
  }
}

import Foundation
import StaggeredDiD
import TestSupport
import Testing

/// The decomposition's defining identities (weights sum to 1, the weighted sum of the 2×2
/// estimates is the two-way fixed-effects coefficient), each 2×2 estimate recomputed from the
/// raw rows, and the values published with R's bacondecomp and in Goodman-Bacon (2021).
@Suite("Goodman-Bacon decomposition: identities and published values")
struct BaconDecompositionIdentityTests {
  /// Designs for the seeded simulations: time codes and onset indices (`nil` never, 0 always).
  static let designs: [(seed: UInt64, units: Int, periods: [Int], onsets: [Int?])] = [
    (11, 40, Array(1...6), [nil, 2, 4]),
    (12, 75, Array(stride(from: 1990, through: 2012, by: 2)), [nil, 0, 3, 5, 8, 11]),
    (13, 30, [3, 7, 8, 20, 21], [1, 2, 3, 4]),
    (14, 50, Array(1...10), [0, 5, 9]),
    (15, 200, Array(1...4), [nil, 0, 1, 2, 3]),
  ]

  static func check(_ table: DataTable, outcome: String, unit: String, time: String, treatment: String) throws {
    let result = try BaconDecomposition(outcome: outcome, unit: unit, time: time, treatment: treatment).fit(table)
    let rows = try BaconPanels.rows(table, outcome: outcome, unit: unit, time: time, treatment: treatment)
    let weights = result.comparisons.reduce(0) { $0 + $1.weight }
    #expect(abs(weights - 1) < 1e-12)
    #expect(result.comparisons.allSatisfy { $0.weight > 0 })
    let coefficient = result.twoWayFixedEffects.estimate
    #expect(abs(result.weightedSum - coefficient) <= 1e-10 * max(1, abs(coefficient)))
    #expect(abs(BaconPanels.twoWayCoefficient(rows) - coefficient) <= 1e-10 * max(1, abs(coefficient)))
    for c in result.comparisons {
      let direct = BaconPanels.directEstimate(
        rows: rows, treated: c.treatedGroup, control: c.controlGroup, always: c.type == .treatedVsAlwaysTreated,
        window: c.firstPeriod...c.lastPeriod)
      #expect(abs(c.estimate - direct) <= 1e-10 * max(1, abs(direct)), "\(c)")
    }
  }

  @Test("castle data: weights sum to 1, the weighted sum is the coefficient, every 2x2 recomputed")
  func castleIdentity() throws {
    try Self.check(BaconPanels.castle(), outcome: "l_homicide", unit: "state", time: "year", treatment: "post")
  }

  @Test("seeded simulations: the same identities", arguments: 0..<designs.count)
  func simulatedIdentity(_ index: Int) throws {
    let d = Self.designs[index]
    let table = try BaconPanels.simulated(seed: d.seed, units: d.units, periods: d.periods, onsets: d.onsets)
    try Self.check(table, outcome: "y", unit: "unit", time: "time", treatment: "treat")
  }

  /// bacondecomp's tests/testthat/test_summary.R states the totals Stata's bacondecomp prints
  /// for the castle data (three decimals).
  @Test("castle data: the totals Stata prints (bacondecomp tests/testthat/test_summary.R)")
  func castlePublished() throws {
    let result = try BaconDecomposition(outcome: "l_homicide", unit: "state", time: "year", treatment: "post")
      .fit(BaconPanels.castle())
    let published: [(BaconComparisonType, Double, Double)] = [
      (.earlierVsLaterTreated, 0.060, -0.006), (.laterVsEarlierTreated, 0.032, 0.070),
      (.treatedVsNeverTreated, 0.908, 0.088),
    ]
    for (type, weight, estimate) in published {
      let total = try #require(result.total(type))
      #expect(abs(total.weight - weight) <= 0.0005, "\(type)")
      #expect(abs(total.estimate - estimate) <= 0.0005, "\(type)")
    }
    #expect(result.totals.count == 3)
    #expect(result.timingGroups.map(\.firstTreated) == [2005, 2006, 2007, 2008, 2009])
    #expect(result.timingGroups.map(\.units) == [1, 13, 4, 2, 1])
  }

  /// bacondecomp's README.md prints six comparisons of the math-reform data (Goodman 2019)
  /// and the totals of `bacon_summary()`.
  @Test("math-reform data: the comparisons and totals of bacondecomp's README")
  func mathReformPublished() throws {
    let table = try CSVReader().read(path: FixtureFiles.data("math_reform.csv"))
    let result = try BaconDecomposition(outcome: "incearn_ln", unit: "state", time: "class", treatment: "reform_math")
      .fit(table)
    let published: [(Int, Int, Double, Double, BaconComparisonType)] = [
      (1987, 1985, 0.04575585, 0.031655309, .laterVsEarlierTreated),
      (1986, 1985, 0.11390411, 0.001978457, .laterVsEarlierTreated),
      (1984, 1985, 0.12012908, 0.001978457, .earlierVsLaterTreated),
      (1985, 1987, 0.01021379, 0.039569136, .earlierVsLaterTreated),
      (1986, 1987, -0.09374495, 0.005440756, .earlierVsLaterTreated),
      (1984, 1987, 0.09784857, 0.013354583, .earlierVsLaterTreated),
    ]
    for (treated, control, estimate, weight, type) in published {
      let c = try #require(result.comparisons.first { $0.treatedGroup == treated && $0.controlGroup == control })
      #expect(c.type == type)
      #expect(abs(c.estimate - estimate) <= 5e-9, "\(treated) vs \(control)")
      #expect(abs(c.weight - weight) <= 5e-10, "\(treated) vs \(control)")
    }
    let totals: [(BaconComparisonType, Double, Double)] = [
      (.earlierVsLaterTreated, 0.06353, 0.02868), (.laterVsEarlierTreated, 0.05265, 0.03375),
      (.treatedVsNeverTreated, 0.88382, -0.00129),
    ]
    for (type, weight, estimate) in totals {
      let total = try #require(result.total(type))
      #expect(abs(total.weight - weight) <= 5e-6 && abs(total.estimate - estimate) <= 5e-6, "\(type)")
    }
  }

  /// Goodman-Bacon (2021), Figure 2's example as bacondecomp's tests/testthat/test_bacon_weights.R
  /// sets it up: 100 periods, one never-treated unit, one treated from period 34, one from
  /// period 85; the weights (rounded to three decimals) are .365, .222, .278 and .135 whatever
  /// the outcome.
  @Test("the weights of the paper's Figure 2 example (bacondecomp tests/testthat/test_bacon_weights.R)")
  func paperFigureTwo() throws {
    var unit = [Int](), time = [Int](), treat = [Int](), y = [Double]()
    var rng = SeededGenerator(seed: 2)
    for (id, onset) in [(1, Int.max), (2, 34), (3, 85)] {
      for t in 1...100 {
        unit.append(id)
        time.append(t)
        treat.append(t >= onset ? 1 : 0)
        y.append(rng.nextNormal())
      }
    }
    let table = try DataTable(columns: [
      Column(name: "id", ints: unit), Column(name: "time", ints: time), Column(name: "treated", ints: treat),
      Column(name: "y", doubles: y),
    ])
    let result = try BaconDecomposition(outcome: "y", unit: "id", time: "time", treatment: "treated").fit(table)
    let weights = { (treated: Int, control: Int?, type: BaconComparisonType) in
      result.comparisons.first { $0.treatedGroup == treated && $0.controlGroup == control && $0.type == type }?.weight
    }
    let published: [(Int, Int?, BaconComparisonType, Double)] = [
      (34, nil, .treatedVsNeverTreated, 0.365), (85, nil, .treatedVsNeverTreated, 0.222),
      (34, 85, .earlierVsLaterTreated, 0.278), (85, 34, .laterVsEarlierTreated, 0.135),
    ]
    for (treated, control, type, weight) in published {
      let found = try #require(weights(treated, control, type))
      #expect(abs(found - weight) <= 0.0005, "\(treated) vs \(control.map(String.init) ?? "never")")
    }
    #expect(result.comparisons.count == 4)
  }

  @Test("row order and the spacing of time codes do not change the decomposition")
  func invariances() throws {
    let design = Self.designs[1]
    let table = try BaconPanels.simulated(seed: design.seed, units: design.units, periods: design.periods, onsets: design.onsets)
    let model = try BaconDecomposition(outcome: "y", unit: "unit", time: "time", treatment: "treat")
    let base = try model.fit(table)
    var rng = SeededGenerator(seed: 99)
    var order = Array(0..<table.rowCount)
    for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, try rng.nextInt(below: i + 1)) }
    let shuffled = try model.fit(table.selecting(rows: order))
    var respaced = table
    try respaced.set(Column(name: "time", ints: try table.column(named: "time").doubles().map { Int($0) * 7 - 3000 }))
    let spaced = try model.fit(respaced)
    for other in [shuffled, spaced] {
      #expect(other.comparisons.count == base.comparisons.count)
      for (a, b) in zip(other.comparisons, base.comparisons) {
        #expect(a.type == b.type && a.treatedUnits == b.treatedUnits && a.controlUnits == b.controlUnits)
        #expect(abs(a.estimate - b.estimate) < 1e-12 && abs(a.weight - b.weight) < 1e-14)
      }
    }
    #expect(spaced.comparisons.map(\.treatedGroup) == base.comparisons.map { $0.treatedGroup * 7 - 3000 })
  }

  @Test("a logical treatment column gives the same decomposition as its 0/1 numbers")
  func logicalTreatment() throws {
    var table = try BaconPanels.castle()
    let base = try BaconDecomposition(outcome: "l_homicide", unit: "state", time: "year", treatment: "post").fit(table)
    try table.append(Column(name: "law", bools: try table.column(named: "post").doubles().map { $0 == 1 }))
    let logical = try BaconDecomposition(outcome: "l_homicide", unit: "state", time: "year", treatment: "law").fit(table)
    #expect(logical.comparisons == base.comparisons)
    #expect(logical.twoWayFixedEffects.term == "law")
    #expect(abs(logical.twoWayFixedEffects.estimate - base.twoWayFixedEffects.estimate) < 1e-14)
    #expect(abs(logical.twoWayFixedEffects.standardError - base.twoWayFixedEffects.standardError) < 1e-14)
  }

  @Test("the JSON encoding has snake_case keys and decodes to the same result")
  func codable() throws {
    let result = try BaconDecomposition(outcome: "l_homicide", unit: "state", time: "year", treatment: "post")
      .fit(BaconPanels.castle())
    let data = try JSONEncoder().encode(result)
    #expect(try JSONDecoder().decode(BaconDecompositionResult.self, from: data) == result)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    for key in [
      "twfe", "weighted_sum", "treatment_variance", "comparisons", "totals", "timing_groups", "units", "periods",
      "never_treated_units", "always_treated_units", "coefficients", "nobs", "dropped",
    ] {
      #expect(object[key] != nil, "\(key)")
    }
    let first = try #require((object["comparisons"] as? [[String: Any]])?.first)
    #expect(Set(first.keys) == [
      "treated_group", "control_group", "type", "estimate", "weight", "treated_units", "control_units",
      "first_period", "last_period",
    ])
    #expect(object["nobs"] as? Int == 550)
  }

  @Test("the summary prints the totals, the coefficient and every comparison")
  func summary() throws {
    let result = try BaconDecomposition(outcome: "l_homicide", unit: "state", time: "year", treatment: "post")
      .fit(BaconPanels.castle())
    let text = result.summary()
    #expect(text.contains("Treated vs Never Treated  0.90834   0.08796            5"))
    #expect(text.contains("Panel: 50 units x 11 periods (2000 to 2010), 550 observations"))
    #expect(text.contains("Timing groups (first treated period, units): 2005 (1), 2006 (13), 2007 (4), 2008 (2), 2009 (1)"))
    #expect(text.contains("   2006      never   0.06824  0.59239  Treated vs Never Treated"))
    // 5 lines on the panel, a blank, header and 3 totals, a blank, the regression's title and
    // table (5 lines), the weighted sum, a blank, the title, header and 25 rows of comparisons.
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 5 + 1 + 4 + 1 + 6 + 1 + 1 + 2 + 25)
    #expect(!lines.contains { $0.hasSuffix(" ") })
  }
}

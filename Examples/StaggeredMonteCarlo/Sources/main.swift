// A Monte Carlo study of staggered adoption with effects that differ by cohort and grow with
// exposure: two-way fixed effects is biased (its event study even changes sign), while
// Callaway-Sant'Anna, Sun-Abraham and the two-stage (imputation) DiD recover the truth, and the
// pointwise intervals and Callaway-Sant'Anna's uniform bands have their nominal coverage (the
// two-stage DiD with Gardner's GMM and with Borusyak-Jaravel-Spiess's conservative variance).
//
// Usage: swift run -c release did-montecarlo [REPLICATIONS] [SEED]   (defaults 500, 20261203)
// Prints a Markdown table (the one in the "Staggered adoption and modern DiD" article).
// Not part of the test run: 500 replications take a few minutes in a release build.
import CausalKit
import Foundation

/// The design: 400 units over 2001-2008; cohorts 2003, 2004, 2005, 2006 (80 units each) and 80
/// never treated; unit and year effects; the effect of cohort `g` at exposure `e >= 0` is
/// `(0.5 + 0.25 k) (e + 1)` with `k = 0, 1, 2, 3` the cohort's rank, so it grows with exposure and
/// is larger for later cohorts.
enum Design {
  static let years = Array(2001...2008)
  static let cohorts = [2003, 2004, 2005, 2006]
  static let unitsPerGroup = 80

  static func effect(cohort: Int, exposure e: Int) -> Double {
    guard e >= 0, let k = cohorts.firstIndex(of: cohort) else { return 0 }
    return (0.5 + 0.25 * Double(k)) * Double(e + 1)
  }

  /// The true event-time effect: the cohort-size weighted average over the cohorts observed at
  /// exposure `e` (equal sizes, so the plain mean); 0 before treatment.
  static func truth(_ e: Int) -> Double {
    let observed = cohorts.filter { $0 + e <= years.last! && $0 + e >= years.first! }
    guard e >= 0, !observed.isEmpty else { return 0 }
    return observed.map { effect(cohort: $0, exposure: e) }.reduce(0, +) / Double(observed.count)
  }

  static func panel(seed: UInt64) throws -> DataTable {
    var rng = SeededGenerator(seed: seed)
    var id = [Double](), year = [Double](), cohort = [Double](), post = [Double](), y = [Double]()
    let groups = [0] + cohorts
    var unit = 0
    for g in groups {
      for _ in 0..<unitsPerGroup {
        let alpha = rng.nextNormal()
        for t in years {
          let treated = g > 0 && t >= g
          id.append(Double(unit))
          year.append(Double(t))
          cohort.append(Double(g))
          post.append(treated ? 1 : 0)
          let trend = 0.1 * Double(t - 2001)
          y.append(alpha + trend + (treated ? effect(cohort: g, exposure: t - g) : 0) + rng.nextNormal())
        }
        unit += 1
      }
    }
    return try DataTable(columns: [
      Column(name: "id", doubles: id), Column(name: "year", doubles: year), Column(name: "cohort", doubles: cohort),
      Column(name: "post", doubles: post), Column(name: "y", doubles: y),
    ])
  }
}

/// Running sums for one estimator and event time.
struct Tally {
  var estimates = 0.0
  var covered = 0
  var banded = 0
  var count = 0

  mutating func add(_ estimate: Double, low: Double, high: Double, band: ConfidenceInterval?, truth: Double) {
    estimates += estimate
    count += 1
    if low <= truth && truth <= high { covered += 1 }
    if let band, band.lower <= truth && truth <= band.upper { banded += 1 }
  }
}

let arguments = CommandLine.arguments.dropFirst()
let replications = arguments.first.flatMap { Int($0) } ?? 500
let seed = arguments.dropFirst().first.flatMap { UInt64($0) } ?? 20_261_203
let events = Array(-4...5)
var tallies: [String: [Int: Tally]] = [:]
var uniformCS = 0
var staticTWFE = 0.0
let start = Date()
for r in 0..<replications {
  let data = try Design.panel(seed: seed &+ UInt64(r))
  let cs = try CallawaySantAnna(
    outcome: "y", time: "year", unit: "id", cohort: "cohort", basePeriod: .universal,
    bootstrap: try MultiplierBootstrap(replicates: 499, seed: UInt64(r))
  ).fit(data)
  let dynamic = try cs.aggregated(.dynamic())
  var allInBand = true
  for row in dynamic.breakdown where events.contains(row.key) && row.row.standardError.isFinite {
    let truth = Design.truth(row.key)
    tallies["Callaway-Sant'Anna", default: [:]][row.key, default: Tally()]
      .add(row.row.estimate, low: row.row.confLow, high: row.row.confHigh, band: row.band, truth: truth)
    if let band = row.band, !(band.lower <= truth && truth <= band.upper) { allInBand = false }
  }
  if allInBand { uniformCS += 1 }
  let sa = try SunAbraham(outcome: "y", unit: "id", time: "year", cohort: "cohort").fit(data)
  let twoStage = try TwoStageDiD(
    outcome: "y", unit: "id", time: "year", cohort: "cohort", secondStage: .eventStudy(referencePeriods: [-1])
  ).fit(data)
  let twoStageBJS = try TwoStageDiD(
    outcome: "y", unit: "id", time: "year", cohort: "cohort", secondStage: .eventStudy(referencePeriods: [-1]),
    variance: .imputation
  ).fit(data)
  let twfe = try EventStudy(
    outcome: "y", unit: "id", time: "year", treatmentStart: "cohort", window: -4...3, binEndpoints: true
  ).fit(data)
  for (name, estimates) in [
    ("Sun-Abraham", sa.eventTimeEstimates), ("Two-stage (imputation)", twoStage.eventTimeEstimates),
    ("Two-stage, BJS conservative SE", twoStageBJS.eventTimeEstimates),
    ("TWFE event study (binned at -4, 3)", twfe.estimates),
  ] {
    for e in estimates where events.contains(e.relativeTime) && !e.isReference {
      tallies[name, default: [:]][e.relativeTime, default: Tally()]
        .add(e.row.estimate, low: e.row.confLow, high: e.row.confHigh, band: nil, truth: Design.truth(e.relativeTime))
    }
  }
  let pooled = try FixedEffectsModel(formula: "y ~ post | id + year", vcov: .cluster(["id"])).fit(data)
  staticTWFE += pooled.coefficient("post")?.estimate ?? .nan
}

let elapsed = Date().timeIntervalSince(start)
print("Staggered adoption Monte Carlo: \(replications) replications, seed \(seed), \(String(format: "%.0f", elapsed)) s\n")
print("| Estimator | " + events.map { "e = \($0)" }.joined(separator: " | ") + " |")
print("|---|" + events.map { _ in "---:" }.joined(separator: "|") + "|")
print("| Truth | " + events.map { String(format: "%.3f", Design.truth($0)) }.joined(separator: " | ") + " |")
for name in [
  "Callaway-Sant'Anna", "Sun-Abraham", "Two-stage (imputation)", "Two-stage, BJS conservative SE",
  "TWFE event study (binned at -4, 3)",
] {
  let cells = events.map { e -> String in
    guard let t = tallies[name]?[e], t.count > 0 else { return "" }
    return String(format: "%.3f (%.1f%%)", t.estimates / Double(t.count), 100 * Double(t.covered) / Double(t.count))
  }
  print("| \(name): mean (95% coverage) | " + cells.joined(separator: " | ") + " |")
}
print("\nCallaway-Sant'Anna uniform 95% band (multiplier bootstrap, 499 draws) covers every event time in "
  + String(format: "%.1f%%", 100 * Double(uniformCS) / Double(replications)) + " of the replications.")
let averageEffect = Design.cohorts.map { g in
  let es = Design.years.filter { $0 >= g }.map { Design.effect(cohort: g, exposure: $0 - g) }
  return es.reduce(0, +) / Double(es.count)
}
print("Static TWFE coefficient on post: mean " + String(format: "%.3f", staticTWFE / Double(replications))
  + "; the average effect over treated cells is "
  + String(format: "%.3f", zip(Design.cohorts, averageEffect).map { g, a in a * Double(Design.years.last! - g + 1) }.reduce(0, +)
    / Double(Design.cohorts.map { Design.years.last! - $0 + 1 }.reduce(0, +))) + ".")

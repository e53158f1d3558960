import CausalCore
import Foundation
import LinearAlgebra
import Matching
import Testing
import TestSupport

/// One dataset of `Tests/Fixtures/expected/abadie_imbens.json`: a CSV file plus columns
/// stored in the JSON (the estimated propensity score).
struct AbadieImbensDataset: Decodable, Sendable {
  struct Extra: Decodable, Sendable {
    var name: String
    var values: [Double]
  }
  var name: String
  var csv: String
  var outcome: String
  var treatment: String
  var rows: Int
  var extra_columns: [Extra]
}

/// One `Matching::Match` call and its results, written by
/// `Tests/Fixtures/generate_abadie_imbens.R` with Matching 4.10-8.
struct AbadieImbensCase: Decodable, Sendable, CustomTestStringConvertible {
  var name: String
  var dataset: String
  var x: [String]
  var z: [String]?
  var estimand: String
  var m: Int
  var caliper: [Double]?
  var var_calc: Int
  var bias_adjust: Bool
  var sample: Bool
  var est: Double
  var se: Double
  var se_standard: Double
  var se_cond: Double
  var est_noadj: Double
  var nobs: Int
  var wnobs: Double
  var ndrops: Double
  var ndrops_matches: Double
  var index_treated: [Int]
  var index_control: [Int]
  var weights: [Double]

  var testDescription: String { name }
}

/// Loads the fixtures relative to this source file.
enum AbadieImbensFixtures {
  static let root = FixtureFiles.root

  struct File: Decodable, Sendable {
    var matching_version: String
    var datasets: [AbadieImbensDataset]
    var cases: [AbadieImbensCase]
  }

  static let file: File? = {
    let url = root.appendingPathComponent("expected/abadie_imbens.json")
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(File.self, from: data)
  }()

  static var cases: [AbadieImbensCase] { file?.cases ?? [] }

  /// The dataset's table with its extra columns appended.
  static func table(_ name: String) throws -> (DataTable, AbadieImbensDataset) {
    let dataset = try #require(file?.datasets.first { $0.name == name })
    var table = try CSVReader().read(path: root.appendingPathComponent(dataset.csv).path)
    for extra in dataset.extra_columns { try table.append(Column(name: extra.name, doubles: extra.values)) }
    #expect(table.rowCount == dataset.rows)
    return (table, dataset)
  }

  static func matrix(_ table: DataTable, _ names: [String]) throws -> Matrix {
    try Matrix(columns: names.map { try table.column(named: $0).doubles() })
  }

  /// The estimator configured as the case's `Match` call, and its inputs.
  static func run(_ c: AbadieImbensCase) throws -> AbadieImbensResult {
    let (table, dataset) = try table(c.dataset)
    let estimand = try #require(MatchingEstimand(rawValue: c.estimand))
    let estimator = try AbadieImbensEstimator(
      estimand: estimand, matches: c.m,
      conditionalVariance: c.var_calc == 0 ? .homoskedastic : .matching(neighbors: c.var_calc),
      varianceTarget: c.sample ? .sample : .population, biasAdjustment: c.bias_adjust, caliper: c.caliper)
    let outcome = try table.column(named: dataset.outcome).doubles()
    let treatment = try table.column(named: dataset.treatment).doubles().map { $0 == 1 }
    return try estimator.estimate(
      outcome: outcome, treatment: treatment, covariates: matrix(table, c.x),
      adjustmentCovariates: c.z.map { try matrix(table, $0) })
  }
}

/// Largest relative deviation seen, across all cases, for the report line.
struct AbadieImbensDeviation {
  var maxRelative = 0.0

  /// Expects |value − reference| ≤ tolerance · max(|reference|, 1e-12).
  mutating func check(
    _ value: Double, _ reference: Double, _ label: String, tolerance: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let relative = abs(value - reference) / max(abs(reference), 1e-12)
    maxRelative = max(maxRelative, relative)
    #expect(relative <= tolerance, "\(label): \(value) vs Match \(reference)", sourceLocation: sourceLocation)
  }
}

@Suite("Abadie–Imbens matching agrees with Matching::Match 4.10-8")
struct AbadieImbensFixtureTests {
  @Test("the fixture file loads")
  func fixturesLoad() throws {
    let file = try #require(AbadieImbensFixtures.file)
    #expect(file.matching_version == "4.10.8")
    #expect(file.cases.count == 24)
  }

  @Test("estimate and standard errors", arguments: AbadieImbensFixtures.cases)
  func estimates(_ c: AbadieImbensCase) throws {
    let result = try AbadieImbensFixtures.run(c)
    var deviation = AbadieImbensDeviation()
    deviation.check(result.estimate, c.est, "est")
    deviation.check(result.standardError, c.se, "se")
    deviation.check(result.naiveStandardError, c.se_standard, "se.standard")
    deviation.check(result.unadjustedEstimate, c.est_noadj, "est.noadj")
    // se.cond is √(max(V_s, V_p) − V_s): a difference of nearly equal numbers, so its
    // relative accuracy is that of the variances scaled by V / (V_p − V_s).
    let conditionalScale = max(c.se_cond, c.se * 1e-3)
    let conditionalError = abs(result.conditionalStandardError - c.se_cond) / conditionalScale
    #expect(conditionalError <= 1e-6, "se.cond: \(result.conditionalStandardError) vs Match \(c.se_cond)")
    #expect(result.observationCount == c.nobs)
    #expect(Double(result.matchedCount) == c.wnobs.rounded())
    #expect(abs(Double(result.matchedCount) - c.wnobs) < 1e-9)
    #expect(Double(result.droppedCount) == c.ndrops_matches)
    #expect(abs(Double(result.droppedCount) - c.ndrops) < 1e-9)
    #expect(result.row.term == c.estimand)
    print(
      "abadie-imbens \(c.name): est \(result.estimate) se \(result.standardError) "
        + "max rel diff \(deviation.maxRelative), se.cond diff \(conditionalError) of max(se.cond, se/1000)")
  }

  @Test("matched pairs and weights", arguments: AbadieImbensFixtures.cases)
  func pairs(_ c: AbadieImbensCase) throws {
    let result = try AbadieImbensFixtures.run(c)
    try #require(result.pairs.count == c.weights.count, "number of pairs")
    #expect(result.pairs.map(\.treated) == c.index_treated.map { $0 - 1 })
    #expect(result.pairs.map(\.control) == c.index_control.map { $0 - 1 })
    let worst = zip(result.pairs, c.weights).map { abs($0.weight - $1) }.max() ?? 0
    #expect(worst <= 1e-15)
    // K_M(j) is the sum of the weights of j's pairs as a match (the non-focal side).
    var counts = [Double](repeating: 0, count: result.matchCounts.count)
    for (t, (i, w)) in zip(c.index_treated, zip(c.index_control, c.weights)) {
      switch c.estimand {
      case "ATT": counts[i - 1] += w
      case "ATC": counts[t - 1] += w
      default: break
      }
    }
    if c.estimand != "ATE" {
      let gap = zip(counts, result.matchCounts).map { abs($0 - $1) }.max() ?? 0
      #expect(gap <= 1e-12)
    }
  }
}

import CausalCore
import Foundation
import Matching
import Testing
import TestSupport

/// A number from `balance.json`: `null` is R's `NA`, the strings `NaN`, `Inf`, `-Inf` are
/// non-finite values.
enum ReferenceNumber: Decodable, Sendable, Equatable {
  case notAvailable
  case value(Double)

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .notAvailable
    } else if let s = try? c.decode(String.self) {
      switch s {
      case "NaN": self = .value(.nan)
      case "Inf": self = .value(.infinity)
      case "-Inf": self = .value(-.infinity)
      default: throw DecodingError.dataCorruptedError(in: c, debugDescription: "unexpected string \(s)")
      }
    } else {
      self = .value(try c.decode(Double.self))
    }
  }
}

/// One case of `Tests/Fixtures/expected/balance.json`, written by
/// `Tests/Fixtures/generate_balance.R` with MatchIt 4.5.1.
struct BalanceCase: Decodable, Sendable, CustomTestStringConvertible {
  struct Statistics: Decodable, Sendable {
    var means_treated: ReferenceNumber
    var means_control: ReferenceNumber
    var std_mean_diff: ReferenceNumber
    var var_ratio: ReferenceNumber
    var ecdf_mean: ReferenceNumber
    var ecdf_max: ReferenceNumber
  }
  struct Improvement: Decodable, Sendable {
    var std_mean_diff: ReferenceNumber
    var var_ratio: ReferenceNumber
    var ecdf_mean: ReferenceNumber
    var ecdf_max: ReferenceNumber
  }
  struct Row: Decodable, Sendable {
    var covariate: String
    var matchit_name: String
    var type: String
    var all: Statistics
    var matched: Statistics
    var improvement: Improvement?
  }
  struct Extra: Decodable, Sendable {
    var name: String
    var values: [Double]
  }
  struct Sizes: Decodable, Sendable {
    var all_ess: [Double]
    var all: [Double]
    var matched_ess: [Double]
    var matched: [Double]
    var unmatched: [Double]
  }
  var name: String
  var estimand: String
  var covariates: [String]
  var treat: [Int]
  var weights: [Double]
  var s_weights: [Double]?
  var distance: [Double]
  var extra_columns: [Extra]
  var sample_sizes: Sizes
  var improvement_var_ratio_compared: Bool
  var rows: [Row]

  var testDescription: String { name }
}

/// Loads the balance fixtures relative to this source file.
enum BalanceFixtures {
  static let root = FixtureFiles.root

  static let cases: [BalanceCase] = FixtureFiles.cases("balance.json")

  static func lalonde() throws -> DataTable {
    try CSVReader().read(path: root.appendingPathComponent("data/lalonde.csv").path)
  }

  /// The Lalonde table plus a case's propensity score (`distance`) and extra columns.
  static func table(for c: BalanceCase) throws -> DataTable {
    var table = try lalonde()
    try table.append(Column(name: "distance", doubles: c.distance))
    for extra in c.extra_columns { try table.append(Column(name: extra.name, doubles: extra.values)) }
    return table
  }

  /// The balance table computed with MatchIt's treatment and weights.
  static func balance(for c: BalanceCase) throws -> BalanceTable {
    let estimand = try #require(MatchingEstimand(rawValue: c.estimand))
    return try BalanceTable(
      data: try table(for: c), covariates: c.covariates, treatment: c.treat.map { $0 == 1 }, estimand: estimand,
      matchingWeights: c.weights, baseWeights: c.s_weights, binaryDifference: .standardized)
  }
}

/// Tracks the largest deviation from the reference values.
struct Deviation {
  var maxAbsolute = 0.0
  var maxScaled = 0.0
  var compared = 0

  /// Checks `value` against `reference` within `tolerance`, absolute below 1 and relative
  /// above; `nil` must match R's `NA`, NaN must match NaN, infinities must match exactly.
  mutating func check(
    _ value: Double?, _ reference: ReferenceNumber, tolerance: Double = 1e-6, _ label: @autoclosure () -> String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    compared += 1
    switch (value, reference) {
    case (nil, .notAvailable):
      return
    case (let v?, .value(let r)):
      if r.isNaN || v.isNaN {
        #expect(r.isNaN && v.isNaN, "\(label()): \(v) vs MatchIt \(r)", sourceLocation: sourceLocation)
      } else if r.isInfinite || v.isInfinite {
        #expect(v == r, "\(label()): \(v) vs MatchIt \(r)", sourceLocation: sourceLocation)
      } else {
        let d = abs(v - r)
        let scaled = d / max(1, abs(r))
        maxAbsolute = max(maxAbsolute, d)
        maxScaled = max(maxScaled, scaled)
        #expect(scaled <= tolerance, "\(label()): \(v) vs MatchIt \(r)", sourceLocation: sourceLocation)
      }
    default:
      Issue.record("\(label()): \(String(describing: value)) vs MatchIt \(reference)", sourceLocation: sourceLocation)
    }
  }

  mutating func check(_ s: BalanceStatistics, _ r: BalanceCase.Statistics, _ label: String) {
    check(s.meanTreated, r.means_treated, "\(label) Means Treated")
    check(s.meanControl, r.means_control, "\(label) Means Control")
    check(s.standardizedMeanDifference, r.std_mean_diff, "\(label) Std. Mean Diff.")
    check(s.varianceRatio, r.var_ratio, "\(label) Var. Ratio")
    check(s.ecdfMean, r.ecdf_mean, "\(label) eCDF Mean")
    check(s.ecdfMax, r.ecdf_max, "\(label) eCDF Max")
  }
}

@Suite("Balance agrees with MatchIt 4.5.1 summary()")
struct BalanceFixtureTests {
  @Test("the fixture file loads")
  func fixturesLoad() {
    #expect(BalanceFixtures.cases.count == 6)
  }

  @Test("every statistic before and after matching", arguments: BalanceFixtures.cases)
  func statistics(_ c: BalanceCase) throws {
    let table = try BalanceFixtures.balance(for: c)
    #expect(table.rows.map(\.covariate) == c.rows.map(\.covariate))
    var deviation = Deviation()
    for reference in c.rows {
      let row = try #require(table[reference.covariate])
      #expect(row.type.rawValue == reference.type, "\(reference.covariate) type")
      deviation.check(row.before, reference.all, "\(reference.covariate) all")
      let after = try #require(row.after)
      deviation.check(after, reference.matched, "\(reference.covariate) matched")
    }
    print("balance \(c.name): \(deviation.compared) numbers, max |diff| \(deviation.maxAbsolute), max scaled diff \(deviation.maxScaled)")
  }

  /// Percent improvements divide by the statistic before matching; where MatchIt's is a
  /// rounding residue (|before| < 1e-10, e.g. 5.6e-17 for the eCDF of a constant) the ratio
  /// is meaningless and not compared.
  @Test("percent balance improvement", arguments: BalanceFixtures.cases)
  func improvement(_ c: BalanceCase) throws {
    let table = try BalanceFixtures.balance(for: c)
    var deviation = Deviation()
    for reference in c.rows {
      let row = try #require(table[reference.covariate])
      let mine = try #require(row.improvement)
      let theirs = try #require(reference.improvement)
      func compare(_ value: Double?, _ ref: ReferenceNumber, before: ReferenceNumber, _ label: String) {
        if case .value(let b) = before, b.isFinite, abs(b) < 1e-10 { return }
        deviation.check(value, ref, "\(reference.covariate) improvement \(label)")
      }
      compare(mine.standardizedMeanDifference, theirs.std_mean_diff, before: reference.all.std_mean_diff, "SMD")
      if c.improvement_var_ratio_compared {
        compare(mine.varianceRatio, theirs.var_ratio, before: reference.all.var_ratio, "Var. Ratio")
      }
      compare(mine.ecdfMean, theirs.ecdf_mean, before: reference.all.ecdf_mean, "eCDF Mean")
      compare(mine.ecdfMax, theirs.ecdf_max, before: reference.all.ecdf_max, "eCDF Max")
    }
    print("balance improvement \(c.name): \(deviation.compared) numbers, max scaled diff \(deviation.maxScaled)")
  }

  @Test("sample sizes and effective sample sizes", arguments: BalanceFixtures.cases)
  func sampleSizes(_ c: BalanceCase) throws {
    let s = try BalanceFixtures.balance(for: c).sampleSizes
    var deviation = Deviation()
    let pairs: [(Double?, Double, String)] = [
      (Double(s.allControl), c.sample_sizes.all[0], "all control"),
      (Double(s.allTreated), c.sample_sizes.all[1], "all treated"),
      (s.allEffectiveControl, c.sample_sizes.all_ess[0], "all ESS control"),
      (s.allEffectiveTreated, c.sample_sizes.all_ess[1], "all ESS treated"),
      (s.matchedControl.map(Double.init), c.sample_sizes.matched[0], "matched control"),
      (s.matchedTreated.map(Double.init), c.sample_sizes.matched[1], "matched treated"),
      (s.matchedEffectiveControl, c.sample_sizes.matched_ess[0], "matched ESS control"),
      (s.matchedEffectiveTreated, c.sample_sizes.matched_ess[1], "matched ESS treated"),
      (s.unmatchedControl.map(Double.init), c.sample_sizes.unmatched[0], "unmatched control"),
      (s.unmatchedTreated.map(Double.init), c.sample_sizes.unmatched[1], "unmatched treated"),
    ]
    for (value, reference, label) in pairs { deviation.check(value, .value(reference), tolerance: 1e-9, label) }
  }

  @Test("the formula right-hand side gives the same table as column names")
  func formulaMatchesNames() throws {
    let c = try #require(BalanceFixtures.cases.first { $0.name == "nearest_att" })
    let byNames = try BalanceFixtures.balance(for: c)
    let byFormula = try BalanceTable(
      data: try BalanceFixtures.table(for: c),
      formula: "treat ~ distance + age + educ + race + married + nodegree + re74 + re75",
      treatment: c.treat.map { $0 == 1 }, estimand: .att, matchingWeights: c.weights,
      binaryDifference: .standardized)
    #expect(byFormula == byNames)
  }

  @Test("the treatment column reads as MatchIt's treat")
  func treatmentColumn() throws {
    let c = try #require(BalanceFixtures.cases.first)
    let treatment = try BalanceTable.treatment(column: "treat", in: try BalanceFixtures.lalonde())
    #expect(treatment == c.treat.map { $0 == 1 })
  }
}

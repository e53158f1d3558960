import CausalCore
import Foundation
import LinearAlgebra
import TestSupport
import Testing

@testable import Matching

@Suite("Abadie–Imbens matching: worked examples and invariants")
struct AbadieImbensPropertyTests {
  // Treated at x = 0, 0.5, 10; controls at 1, 9, 20, 30. Treated 0 and 0.5 both use the
  // control at 1 (K = 2), treated 10 uses the control at 9.
  static let x: [Double] = [0, 0.5, 10, 1, 9, 20, 30]
  static let treatment = [true, true, true, false, false, false, false]
  static let y: [Double] = [5, 6, 20, 1, 3, 7, 2]

  @Test("worked ATT example: estimate, Match's homoskedastic SE, naive SE")
  func workedExample() throws {
    let result = try AbadieImbensEstimator().estimate(outcome: Self.y, treatment: Self.treatment, score: Self.x)
    let effects: [Double] = [5 - 1, 6 - 1, 20 - 3]
    let estimate: Double = effects.reduce(0, +) / 3
    var squares = 0.0
    for e in effects { squares += (e - estimate) * (e - estimate) }
    let sigma2: Double = 0.5 * squares / 3
    // Control 1 is used twice (K = 2, KK = 2), control 9 once (K = KK = 1).
    let population: Double = sigma2 * (2 * 2 - 2) / 9 + squares / 9
    #expect(abs(result.estimate - estimate) < 1e-12)
    #expect(abs(result.standardError - population.squareRoot()) < 1e-12)
    #expect(abs(result.standardError - 3.937788) < 1e-6)  // Match's printed value
    #expect(abs(result.naiveStandardError - 3.410224) < 1e-6)
    #expect(result.pairs == [
      AbadieImbensPair(treated: 0, control: 3, weight: 1), AbadieImbensPair(treated: 1, control: 3, weight: 1),
      AbadieImbensPair(treated: 2, control: 4, weight: 1),
    ])
    #expect(result.matchCounts == [0, 0, 0, 2, 1, 0, 0])
    #expect(result.matchedCount == 3 && result.droppedCount == 0)
    let row = result.row
    #expect(row.term == "ATT")
    #expect(abs(row.statistic - estimate / population.squareRoot()) < 1e-12)
    #expect(abs(row.pValue - 2 * NormalDistribution.standard.survival(abs(row.statistic))) < 1e-15)
    #expect(abs(row.confHigh - (estimate + 1.959963984540054 * row.standardError)) < 1e-9)
  }

  @Test("worked example with within-group variance matching (Var.calc = 1)")
  func workedExampleMatchingVariance() throws {
    let result = try AbadieImbensEstimator(conditionalVariance: .matching(neighbors: 1))
      .estimate(outcome: Self.y, treatment: Self.treatment, score: Self.x)
    // Each unit with its nearest unit of its own group: sample variances of the two outcomes.
    #expect(result.conditionalVariances == [0.5, 0.5, 98, 2, 2, 12.5, 12.5])
    #expect(abs(result.standardError - 3.474777) < 1e-6)  // Match's printed value
  }

  @Test("ATE on the worked example matches Match to full precision")
  func workedExampleATE() throws {
    let result = try AbadieImbensEstimator(estimand: .ate).estimate(
      outcome: Self.y, treatment: Self.treatment, score: Self.x)
    #expect(abs(result.estimate - 11.285714285714286) < 1e-12)
    #expect(abs(result.standardError - 3.5888206260619215) < 1e-12)
    #expect(result.matchedCount == 7)
  }

  @Test("units tied at the M-th distance are all kept, each with weight 1/(number tied)")
  func ties() throws {
    // The treated unit at 5 has controls at 4 and 6 (equal distances) and one at 7.
    let x: [Double] = [5, 4, 6, 7, 0]
    let treatment = [true, false, false, false, false]
    let y: [Double] = [10, 1, 3, 8, 0]
    let one = try AbadieImbensEstimator().estimate(outcome: y, treatment: treatment, score: x)
    #expect(one.pairs.map(\.control) == [1, 2])
    #expect(one.pairs.map(\.weight) == [0.5, 0.5])
    #expect(abs(one.estimate - (10 - 2)) < 1e-12)
    // With M = 2 the two tied units are exactly the two matches.
    let two = try AbadieImbensEstimator(matches: 2).estimate(outcome: y, treatment: treatment, score: x)
    #expect(two.pairs.map(\.control) == [1, 2])
    // Without a tolerance a difference far below it still separates; with the default it ties.
    let near: [Double] = [5, 4, 6 + 1e-9, 7, 0]
    let strict = try AbadieImbensEstimator(distanceTolerance: 0).estimate(outcome: y, treatment: treatment, score: near)
    #expect(strict.pairs.map(\.control) == [1])
    let tolerant = try AbadieImbensEstimator().estimate(outcome: y, treatment: treatment, score: near)
    #expect(tolerant.pairs.map(\.control) == [1, 2])
  }

  @Test("ties that would give more pairs than memory holds: a typed error, counted, before the pairs are stored")
  func tooManyTies() throws {
    // A binary covariate: each of the 40 treated units ties with all 30 controls of its value
    // (60 controls in all), 1,200 pairs at 72 bytes.
    let x = (0..<100).map { Double($0 % 2) }
    let treatment = (0..<100).map { $0 < 40 }
    let metric = try AbadieImbensMetric(covariates: Matrix(uncheckedRows: 100, columns: 1, elements: x), caliper: nil, names: ["x"])
    let search = AbadieImbensNeighborSearch(metric: metric, treatment: treatment, tolerance: 1e-5)
    let enough = try AbadieImbensMatchSet(
      search: search, focal: treatment, treatment: treatment, everyUnit: false, count: 1, physicalMemory: 1_200 * 72)
    #expect(enough.rowCount == 1_200 && enough.units.count == 40)
    // With room for 1,000 pairs, the 34th unit's matches would make 1,020.
    #expect(
      throws: MatchingError.tooManyTies(
        matchedUnits: 34, totalUnits: 40, pairs: 1_020, bytesPerPair: 72, physicalMemory: 1_000 * 72)
    ) {
      try AbadieImbensMatchSet(
        search: search, focal: treatment, treatment: treatment, everyUnit: false, count: 1, physicalMemory: 1_000 * 72)
    }
    let message = MatchingError.tooManyTies(
      matchedUnits: 34, totalUnits: 40, pairs: 1_020, bytesPerPair: 72, physicalMemory: 72_000
    ).description
    #expect(message.contains("the first 34 of 40 units") && message.contains("1,020 matched pairs"))
    #expect(message.contains("about 86.4 kB") && message.contains("72.0 kB") && message.contains("nearest-neighbour"))
  }

  @Test("the ATC equals minus the ATT with the treatment flipped")
  func atcIsFlippedATT() throws {
    var g = SplitMixGenerator(state: 11)
    let n = 300
    let x = (0..<n).map { _ in g.normal() }
    let treatment = x.map { $0 + g.normal() > 0.3 }
    let y = zip(x, treatment).map { 1 + 2 * $0 + ($1 ? 1.5 : 0) + g.normal() }
    let atc = try AbadieImbensEstimator(estimand: .atc, matches: 2, conditionalVariance: .matching(neighbors: 2))
      .estimate(outcome: y, treatment: treatment, score: x)
    let att = try AbadieImbensEstimator(estimand: .att, matches: 2, conditionalVariance: .matching(neighbors: 2))
      .estimate(outcome: y, treatment: treatment.map { !$0 }, score: x)
    #expect(abs(atc.estimate + att.estimate) < 1e-12)
    #expect(abs(atc.standardError - att.standardError) < 1e-12)
    #expect(atc.pairs.map(\.treated) == att.pairs.map(\.control))
  }

  @Test("a caliper drops units without close matches")
  func caliper() throws {
    let x: [Double] = [0, 0.1, 10, 0.2, 0.3, 0.4, 5]
    let treatment = [true, true, true, false, false, false, false]
    let y: [Double] = [1, 2, 3, 0, 0, 0, 0]
    let result = try AbadieImbensEstimator(caliper: [0.1]).estimate(outcome: y, treatment: treatment, score: x)
    #expect(result.droppedCount == 1)
    #expect(result.matchedCount == 2)
    #expect(!result.pairs.contains { $0.treated == 2 })
  }

  @Test("sorted search and brute-force scan find identical matches", arguments: [1, 3])
  func sortedEqualsScan(matches: Int) throws {
    var g = SplitMixGenerator(state: 2024)
    let n = 1500
    // Rounded values create many exact ties, and near-ties within the tolerance.
    let x = (0..<n).map { _ in (g.normal() * 40).rounded() / 40 + (g.uniform() < 0.2 ? 1e-7 : 0) }
    let treatment = (0..<n).map { _ in g.uniform() < 0.35 }
    let matrix = Matrix(uncheckedRows: n, columns: 1, elements: x)
    for caliper in [nil, [0.05]] as [[Double]?] {
      let metric = try AbadieImbensMetric(covariates: matrix, caliper: caliper, names: ["x"])
      let sorted = AbadieImbensNeighborSearch(metric: metric, treatment: treatment, tolerance: 1e-5)
      let scan = AbadieImbensNeighborSearch(metric: metric, treatment: treatment, tolerance: 1e-5, sortedSearch: false)
      for i in 0..<n {
        for group in [false, true] {
          let a = sorted.matches(of: i, treatedGroup: group, count: matches)
          let b = scan.matches(of: i, treatedGroup: group, count: matches)
          #expect(a == b, "unit \(i), group \(group), caliper \(String(describing: caliper))")
          if a != b { return }
        }
      }
    }
  }

  /// With Match's default tolerance (10⁻⁵ on the squared scaled distance) every unit of a
  /// sample this large ties with all units within about 0.003 SD: some 7.5 million pairs
  /// here, which takes about a second in a release build but long in a debug build. The test
  /// therefore uses tolerance 0, where the work is the search itself.
  @Test("matching on a score of 100,000 units uses the sorted search (well under a minute)")
  func largeScore() throws {
    var g = SplitMixGenerator(state: 7)
    let n = 100_000
    let x = (0..<n).map { _ in g.normal() }
    let treatment = x.map { 1 / (1 + exp(-$0)) > g.uniform() }
    let score = x.map { 1 / (1 + exp(-$0)) }
    let y = zip(x, treatment).map { $0 + ($1 ? 2 : 0) + g.normal() }
    let clock = ContinuousClock()
    var result: AbadieImbensResult?
    let elapsed = try clock.measure {
      result = try AbadieImbensEstimator(
        estimand: .ate, conditionalVariance: .matching(neighbors: 1), distanceTolerance: 0
      ).estimate(outcome: y, treatment: treatment, score: score)
    }
    let r = try #require(result)
    print("abadie-imbens n = 100000 ATE with Var.calc = 1: \(elapsed), \(r.pairs.count) pairs, est \(r.estimate), se \(r.standardError)")
    #expect(elapsed < .seconds(60))
    #expect(r.matchedCount == n)
    #expect(abs(r.estimate - 2) < 6 * r.standardError)
  }
}

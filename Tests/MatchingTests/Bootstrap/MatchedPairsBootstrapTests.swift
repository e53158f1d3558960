import Resampling
import CausalCore
import Matching
import Foundation
import Testing

/// Simulated units: 60 treated and 140 controls, score `x` shifted for the treated, outcome
/// `y = 2 + 1.5 d + x + e`.
private func simulatedUnits() throws -> (table: DataTable, treated: [Bool], score: [Double]) {
  var rng = SeededGenerator(seed: 21)
  var y: [Double] = [], d: [Int] = [], x: [Double] = [], treated: [Bool] = []
  for i in 0..<200 {
    let isTreated = i % 10 < 3
    let xi = rng.nextNormal() + (isTreated ? 0.6 : 0)
    x.append(xi)
    d.append(isTreated ? 1 : 0)
    treated.append(isTreated)
    y.append(2 + 1.5 * (isTreated ? 1 : 0) + xi + rng.nextNormal())
  }
  let table = try DataTable(columns: [
    Column(name: "y", doubles: y), Column(name: "treat", ints: d), Column(name: "x", doubles: x),
  ])
  return (table, treated, x)
}

@Suite("Matched-pairs (Abadie-Spiess) bootstrap")
struct MatchedPairsBootstrapTests {
  @Test("SE and replicates equal a direct resampling of matched sets", arguments: [1, 2])
  func directComputation(ratio: Int) throws {
    let (table, treated, score) = try simulatedUnits()
    let matched = try NearestNeighborMatcher(ratio: ratio).match(treatment: treated, distance: .score(score))
    let result = try MatchedPairsBootstrap(source: .matchedSet(matched), treatment: "treat", outcome: "y", replicates: 200, seed: 4)
      .fit(table)

    // Direct: the matched units with their set, weight and treatment; sets resampled by the
    // cluster scheme of BootstrapResampler; weighted difference in means on each resample.
    let rows = matched.weights.indices.filter { matched.weights[$0] > 0 && matched.subclass[$0] != nil }
    let y = try table.column(named: "y").doubles()
    let units = try DataTable(columns: [
      Column(name: "set", ints: rows.map { matched.subclass[$0] ?? -1 }),
      Column(name: "y", doubles: rows.map { y[$0] }),
      Column(name: "w", doubles: rows.map { matched.weights[$0] }),
      Column(name: "d", doubles: rows.map { matched.treatment[$0] ? 1 : 0 }),
    ])
    func difference(_ t: DataTable) throws -> Double {
      let y = try t.column(named: "y").doubles(), w = try t.column(named: "w").doubles()
      let d = try t.column(named: "d").doubles()
      var sums = [0.0, 0.0], totals = [0.0, 0.0]
      for i in y.indices {
        let k = d[i] == 1 ? 0 : 1
        sums[k] += w[i] * y[i]
        totals[k] += w[i]
      }
      return sums[0] / totals[0] - sums[1] / totals[1]
    }
    let resampler = BootstrapResampler(scheme: .cluster(column: "set"), replicates: 200, seed: 4)
    let replicates = try (0..<200).map { [try difference(try resampler.resample(units, replicate: $0))] }
    let direct = BootstrapResult(t0: [try difference(units)], t: replicates)
    let effect = result.effect
    #expect(abs(effect.estimate - direct.t0[0]) <= 1e-12)
    for r in 0..<200 { #expect(abs(effect.replicateValues[r] - replicates[r][0]) <= 1e-12) }
    #expect(abs(effect.standardError - (try direct.standardError())) <= 1e-12)
    #expect(result.matchedSetCount == 60)
    #expect(result.observationCount == 60 * (1 + ratio))
    #expect(effect.failures == 0)
    // The estimate is the matched-sample regression's coefficient.
    let regression = try MatchedSampleRegression(outcome: "y", treatment: "treat").fit(table, matched: matched)
    #expect(abs(regression.row.estimate - effect.estimate) <= 1e-10)
  }

  @Test("deterministic, parallel equals sequential, every interval method", arguments: IntervalMethod.allCases)
  func deterministic(method: IntervalMethod) throws {
    let (table, treated, score) = try simulatedUnits()
    let matched = try NearestNeighborMatcher().match(treatment: treated, distance: .score(score))
    let make = { (parallel: Bool) in
      try MatchedPairsBootstrap(source: .matchedSet(matched), treatment: "treat", outcome: "y", replicates: 199, seed: 8, method: method, parallel: parallel)
    }
    let a = try make(true).fit(table)
    let b = try make(false).fit(table)
    #expect(a == b)
    #expect(a.effect.interval.method == method)
    #expect(a.effect.interval.lower < 1.5 + 1 && a.effect.interval.upper > 1.5 - 1)
  }

  @Test("regression-adjusted effect equals the matched-sample regression with covariates")
  func covariates() throws {
    let (table, treated, score) = try simulatedUnits()
    let matched = try NearestNeighborMatcher().match(treatment: treated, distance: .score(score))
    let result = try MatchedPairsBootstrap(source: .matchedSet(matched), treatment: "treat", outcome: "y", covariates: ["x"], replicates: 50, seed: 2)
      .fit(table)
    let regression = try MatchedSampleRegression(outcome: "y", treatment: "treat", covariates: ["x"])
      .fit(table, matched: matched)
    #expect(abs(result.effect.estimate - regression.row.estimate) <= 1e-10)
    #expect(result.regressionAdjusted)
    #expect(result.effect.standardError > 0)
  }

  @Test("matching with replacement is refused, pointing to Abadie-Imbens")
  func withReplacement() throws {
    let (table, treated, score) = try simulatedUnits()
    let matched = try NearestNeighborMatcher(replace: true).match(treatment: treated, distance: .score(score))
    #expect(throws: ResampledInferenceError.matchingWithReplacement) {
      try MatchedPairsBootstrap(source: .matchedSet(matched), treatment: "treat", outcome: "y", replicates: 10).fit(table)
    }
    #expect(ResampledInferenceError.matchingWithReplacement.description.contains("AbadieImbensEstimator"))
  }

  @Test("bad input: replicates, sizes, a single matched set")
  func badInput() throws {
    let (table, treated, score) = try simulatedUnits()
    let matched = try NearestNeighborMatcher().match(treatment: treated, distance: .score(score))
    #expect(
      throws: ResampledInferenceError.invalidOption(.invalid(option: "replicates", value: "0", expected: "an integer of at least 1"))
    ) {
      try MatchedPairsBootstrap(source: .matchedSet(matched), treatment: "treat", outcome: "y", replicates: 0).fit(table)
    }
    let labelled = try MatchedPairsBootstrap(
      source: .matchedSet(matched), treatment: "treat", outcome: "y", replicates: 7, seed: 2, method: .normal)
    #expect(labelled.resampling == (try ResamplingOptions(replicates: 7, seed: 2, method: .normal)))
    #expect(throws: ResampledInferenceError.lengthMismatch(expected: 200, actual: 10)) {
      try MatchedPairsBootstrap(source: .matchedSet(matched), treatment: "treat", outcome: "y").fit(table.selecting(rows: Array(0..<10)))
    }
    let inconsistent = MatchedSet(
      estimand: .att, treatment: matched.treatment, focalUnits: matched.focalUnits, matches: matched.matches,
      subclass: matched.subclass.enumerated().map { $0.offset == matched.matchedUnits[0] ? nil : $0.element },
      weights: matched.weights, discarded: matched.discarded, counts: matched.counts, score: matched.score,
      caliperWidth: matched.caliperWidth, ratio: matched.ratio, replace: false)
    #expect(throws: ResampledInferenceError.unitWithoutMatchedSet(unit: matched.matchedUnits[0])) {
      try MatchedPairsBootstrap(source: .matchedSet(inconsistent), treatment: "treat", outcome: "y").fit(table)
    }
    let one = try NearestNeighborMatcher().match(
      treatment: [true, false, false], distance: .score([0.5, 0.4, 0.9]))
    let small = try DataTable(columns: [Column(name: "y", doubles: [1, 2, 3]), Column(name: "treat", ints: [1, 0, 0])])
    #expect(throws: ResampledInferenceError.tooFewClusters(column: "matched sets", found: 1)) {
      try MatchedPairsBootstrap(source: .matchedSet(one), treatment: "treat", outcome: "y").fit(small)
    }
  }
}

@Suite("Matched-pairs bootstrap: matching results, table checks, JSON")
struct MatchedPairsBootstrapSourceTests {
  @Test("from a matching result or a matcher: the same numbers as from the matched set on the matched rows")
  func sources() throws {
    let (table, _, _) = try simulatedUnits()
    let design = try PropensityScoreMatching(treatment: "treat", covariates: ["x"])
    let matching = try design.fit(table)
    let viaResult = try MatchedPairsBootstrap(matching: matching, outcome: "y", replicates: 60, seed: 3).fit(table)
    let viaMatcher = try MatchedPairsBootstrap(
      source: .matcher(design), treatment: design.treatment, outcome: "y", replicates: 60, seed: 3
    ).fit(table)
    let viaSet = try MatchedPairsBootstrap(
      source: .matchedSet(matching.matched), treatment: "treat", outcome: "y", replicates: 60, seed: 3
    ).fit(table.selecting(rows: matching.rows))
    #expect(viaResult == viaSet)
    #expect(viaMatcher == viaSet)
    #expect(viaResult.coefficient("treat")?.estimate == viaResult.effect.estimate)
  }

  @Test("a table that is not the matched one throws instead of trapping")
  func tableMismatch() throws {
    let (table, _, _) = try simulatedUnits()
    let matching = try PropensityScoreMatching(treatment: "treat", covariates: ["x"]).fit(table)
    let bootstrap = try MatchedPairsBootstrap(matching: matching, outcome: "y", replicates: 10)
    #expect(throws: ResampledInferenceError.tableMismatch(.tableMismatch(expectedRows: 200, foundRows: 50))) {
      try bootstrap.fit(table.selecting(rows: Array(0..<50)))
    }
    // A different table of the same size: rows in another order.
    #expect(throws: ResampledInferenceError.tableMismatch(.tableMismatch(expectedRows: 200, foundRows: 200))) {
      try bootstrap.fit(table.selecting(rows: Array((0..<200).reversed())))
    }
  }

  @Test("the result encodes the keys of the tool's match --bootstrap entry")
  func encoding() throws {
    let (table, treated, score) = try simulatedUnits()
    let matched = try NearestNeighborMatcher().match(treatment: treated, distance: .score(score))
    let result = try MatchedPairsBootstrap(source: .matchedSet(matched), treatment: "treat", outcome: "y", replicates: 20, seed: 1)
      .fit(table)
    let json = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
    for key in ["term", "p_value", "conf_low", "conf_high", "reps", "enumerated", "failed", "method", "ci", "estimate",
      "std_error", "estimand", "matched_sets", "nobs"]
    {
      #expect(json[key] != nil, "missing \(key)")
    }
    #expect(json["method"] as? String == "matched-set-cluster" && json["term"] as? String == "treat")
  }
}

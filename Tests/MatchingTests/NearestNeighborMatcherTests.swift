import CausalCore
import Matching
import Testing

/// A direct O(n²) transcription of the matching rule (the R reference's `score_matcher`), used
/// to check the union–find implementation on random samples full of ties.
func bruteForceScoreMatch(
  focal: [Bool], score: [Double], order: [Int], ratio: Int, replace: Bool, caliper: Double?
) -> [Int: [Int]] {
  let sorted = score.indices.sorted { score[$0] != score[$1] ? score[$0] < score[$1] : $0 < $1 }
  var position = [Int](repeating: 0, count: score.count)
  for (p, unit) in sorted.enumerated() { position[unit] = p }
  var used = Set<Int>()
  var rows: [Int: [Int]] = [:]
  for _ in 0..<ratio {
    for unit in order {
      let row = rows[unit, default: []]
      func search(_ step: Int) -> Int? {
        var p = position[unit] + step
        while p >= 0 && p < sorted.count {
          let c = sorted[p]
          if focal[c] || row.contains(c) || (!replace && used.contains(c)) {
            p += step
            continue
          }
          if let caliper, abs(score[unit] - score[c]) > caliper { return nil }
          return c
        }
        return nil
      }
      let left = search(-1), right = search(1)
      let pick: Int?
      if let l = left, let r = right {
        pick = abs(score[l] - score[unit]) <= abs(score[r] - score[unit]) ? l : r
      } else {
        pick = left ?? right
      }
      guard let pick else { continue }
      rows[unit, default: []].append(pick)
      used.insert(pick)
    }
  }
  return rows
}

@Suite("Nearest-neighbour matching")
struct NearestNeighborMatcherTests {
  @Test("the sorted union–find matcher equals the brute-force rule on random tied samples")
  func agreesWithBruteForce() throws {
    var rng = SeededGenerator(seed: 20240611)
    for trial in 0..<300 {
      let n = 2 + (try rng.nextInt(below: 40))
      let treatment = (0..<n).map { _ in rng.nextUniform() < 0.35 }
      guard treatment.contains(true), treatment.contains(false) else { continue }
      // Scores on a coarse grid: many exact ties, including between sides.
      var score = [Double]()
      for _ in 0..<n { score.append(Double(try rng.nextInt(below: 9)) / 8) }
      let ratio = 1 + (try rng.nextInt(below: 3))
      let replace = trial % 3 == 0
      let rawCaliper: Double? = trial % 4 == 1 ? 0.25 : nil
      let order: MatchingOrder = [.largest, .smallest, .data][trial % 3]
      let matcher = try NearestNeighborMatcher(
        ratio: ratio, replace: replace, caliper: rawCaliper.map { Caliper($0, scale: .raw) }, order: order)
      var outcome: MatchedSet?
      do {
        outcome = try matcher.match(treatment: treatment, distance: .score(score))
      } catch {
        #expect((error as? MatchingError) == .noMatches(unmatched: treatment.filter { $0 }.count))
      }
      guard let result = outcome else { continue }
      let focalUnits = (0..<n).filter { treatment[$0] }
      let visiting: [Int]
      switch order {
      case .largest:
        visiting = focalUnits.enumerated().sorted {
          score[$0.element] != score[$1.element] ? score[$0.element] > score[$1.element] : $0.offset < $1.offset
        }.map(\.element)
      case .smallest:
        visiting = focalUnits.sorted { score[$0] != score[$1] ? score[$0] < score[$1] : $0 < $1 }
      default:
        visiting = focalUnits
      }
      let expected = bruteForceScoreMatch(
        focal: treatment, score: score, order: visiting, ratio: ratio, replace: replace,
        caliper: rawCaliper)
      for (k, unit) in result.focalUnits.enumerated() {
        #expect(result.matches[k] == expected[unit, default: []], "trial \(trial), unit \(unit)")
      }
    }
  }

  @Test("ties: the smaller-score side wins, and equal scores go to the nearest in sorted order")
  func tieBreaking() throws {
    // Treated 0.5; controls 0.25 and 0.75 are equally far: the left (smaller) one wins.
    let a = try NearestNeighborMatcher().match(
      treatment: [true, false, false], distance: .score([0.5, 0.75, 0.25]))
    #expect(a.matches == [[2]])
    // Controls 1 and 2 share the score 0.25: on the left side the one later in data order
    // is nearer in the stable sorted order.
    let b = try NearestNeighborMatcher().match(
      treatment: [true, false, false], distance: .score([0.5, 0.25, 0.25]))
    #expect(b.matches == [[2]])
    // On the right side the one earlier in data order.
    let c = try NearestNeighborMatcher().match(
      treatment: [true, false, false], distance: .score([0.5, 0.75, 0.75]))
    #expect(c.matches == [[1]])
  }

  @Test("weights follow MatchIt's rescaling rule")
  func weightRule() {
    // a(0): c(2), d(3); b(1): e(4)  ->  raw 0.5, 0.5, 1, rescaled by 3/2.
    let w = MatchingWeights.fromMatches(unitCount: 5, focalUnits: [0, 1], matches: [[2, 3], [4]])
    #expect(w == [1, 1, 0.75, 0.75, 1.5])
  }

  @Test("too few controls: as many as possible are matched and the shortfall is counted")
  func shortage() throws {
    let result = try NearestNeighborMatcher().match(
      treatment: [true, true, true, false, false], distance: .score([0.9, 0.5, 0.1, 0.45, 0.8]))
    #expect(result.counts.treated.matched == 2)
    #expect(result.counts.treated.unmatched == 1)
    #expect(result.counts.focalUnitsShortOfRatio == 1)
    // Largest first: 0.9 takes 0.8, 0.5 takes 0.45, 0.1 is left without a match.
    #expect(result.matches == [[4], [3], []])
    #expect(result.subclass == [1, 2, nil, 2, 1])
  }

  @Test("random order is reproducible for a seed and valid")
  func randomOrder() throws {
    var rng = SeededGenerator(seed: 7)
    let n = 400
    let treatment = (0..<n).map { _ in rng.nextUniform() < 0.3 }
    let score = (0..<n).map { _ in rng.nextUniform() }
    let matcher = try NearestNeighborMatcher(order: .random(seed: 99))
    let first = try matcher.match(treatment: treatment, distance: .score(score))
    let second = try matcher.match(treatment: treatment, distance: .score(score))
    #expect(first == second)
    let used = first.matches.flatMap { $0 }
    #expect(Set(used).count == used.count)
    #expect(used.allSatisfy { !treatment[$0] })
    #expect(first.matches.allSatisfy { $0.count == 1 })
    let other = try NearestNeighborMatcher(order: .random(seed: 100))
      .match(treatment: treatment, distance: .score(score))
    #expect(other.matches.flatMap { $0 }.count == used.count)
  }

  @Test("exact matching never pairs units with different codes")
  func exactMatching() throws {
    let treatment = [true, true, false, false, false]
    let score = [0.5, 0.6, 0.55, 0.2, 0.9]
    let codes: [Int32] = [0, 1, 1, 0, 1]
    let result = try NearestNeighborMatcher().match(
      treatment: treatment, distance: .score(score), exact: [codes])
    for (k, unit) in result.focalUnits.enumerated() {
      #expect(result.matches[k].allSatisfy { codes[$0] == codes[unit] })
    }
    #expect(result.matches == [[3], [2]])
  }

  @Test("a 100,000-unit 1:1 match uses every control at most once")
  func largeSample() throws {
    var rng = SeededGenerator(seed: 11)
    let n = 100_000
    let treatment = (0..<n).map { _ in rng.nextUniform() < 0.1 }
    let score = (0..<n).map { _ in rng.nextUniform() }
    let result = try NearestNeighborMatcher().match(treatment: treatment, distance: .score(score))
    let used = result.matches.flatMap { $0 }
    #expect(Set(used).count == used.count)
    #expect(result.counts.treated.matched == treatment.filter { $0 }.count)
  }

  @Test("invalid inputs and options throw descriptive errors")
  func errors() throws {
    let treatment = [true, false, false]
    let score = [0.5, 0.4, 0.7]
    let score3: MatchingDistance = .score(score)
    #expect(throws: DataError.lengthMismatch(column: "The score", expected: 3, found: 2)) {
      try NearestNeighborMatcher().match(treatment: treatment, distance: .score([0.1, 0.2]))
    }
    #expect(throws: MatchingError.noTreatedUnits(sample: "the input")) {
      try NearestNeighborMatcher().match(treatment: [false, false, false], distance: score3)
    }
    #expect(throws: MatchingError.noControlUnits(sample: "the input")) {
      try NearestNeighborMatcher().match(treatment: [true, true, true], distance: score3)
    }
    #expect(throws: OptionError.invalid(option: "ratio", value: "0", expected: "a whole number ≥ 1")) {
      try NearestNeighborMatcher(ratio: 0)
    }
    #expect(throws: OptionError.self) { try NearestNeighborMatcher(caliper: Caliper(-1)) }
    #expect(throws: OptionError.self) { try NearestNeighborMatcher(caliper: Caliper(.nan)) }
    #expect(throws: DataError.invalidValues(column: "The score", reason: "not finite at unit 1 (0-based); remove or impute that unit first")) {
      try NearestNeighborMatcher().match(treatment: treatment, distance: .score([0.5, .nan, 0.7]))
    }
    #expect(throws: OptionError.self) { try NearestNeighborMatcher(estimand: .ate) }
    #expect(throws: DataError.lengthMismatch(column: "Exact-matching variable 0", expected: 3, found: 1)) {
      try NearestNeighborMatcher().match(treatment: treatment, distance: score3, exact: [[1]])
    }
    #expect(throws: MatchingError.noMatches(unmatched: 1)) {
      try NearestNeighborMatcher(caliper: Caliper(0.01, scale: .raw))
        .match(treatment: treatment, distance: score3)
    }
    // Treated scores all above the control range: discarding both removes every treated unit.
    #expect(throws: MatchingError.noOverlap(group: "treated", discarded: 1)) {
      try NearestNeighborMatcher(discard: .both)
        .match(treatment: treatment, distance: .score([0.9, 0.4, 0.7]))
    }
    let mahalanobis = try MatchingDistance.mahalanobis(
      covariateColumns: [[1, 2, 3.5], [0, 1, 0.5]], score: nil)
    #expect(throws: MatchingError.self) {
      try NearestNeighborMatcher(order: .largest).match(treatment: treatment, distance: mahalanobis)
    }
    #expect(throws: MatchingError.scoreRequired(option: "The caliper")) {
      try NearestNeighborMatcher(caliper: Caliper(0.2)).match(treatment: treatment, distance: mahalanobis)
    }
    // Without a score the default order is data order.
    let matched = try NearestNeighborMatcher().match(treatment: treatment, distance: mahalanobis)
    #expect(matched.counts.treated.matched == 1)
  }

  @Test("error descriptions say what to do")
  func descriptions() {
    let text = MatchingError.noOverlap(group: "treated", discarded: 4).description
    #expect(text.contains("discard"))
    #expect(MatchingError.noMatches(unmatched: 2).description.contains("caliper"))
  }
}

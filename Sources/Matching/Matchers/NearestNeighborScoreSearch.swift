/// Greedy nearest-neighbour matching on a one-dimensional score inside one stratum, in
/// O(n log n) time and O(n) memory.
///
/// This is the algorithm of MatchIt 4.5.1's fast matcher for a score distance
/// (`nn_matchC_vec`), with exact floating-point distances:
///
/// 1. Candidates (non-focal, not discarded) are sorted by `(score, data index)`; a focal unit
///    sits at its insertion point `q` in that order (after candidates with a smaller score, or
///    an equal score and a smaller index — MatchIt's stable sort of all units).
/// 2. Matching runs in rounds `1…ratio`; in each round the focal units are visited in the
///    given order. A focal unit takes the nearest **available** candidate to its left
///    (positions `< q`) or right (`≥ q`); the left one wins when
///    `|d_left − d_t| ≤ |d_right − d_t|`. So ties go to the smaller score, and among candidates
///    with the same score to the one closest to `q` in sorted order (on the left: the last in
///    data order; on the right: the first).
/// 3. With a caliper, a side whose nearest available candidate is farther than the caliper
///    offers nothing (`|d_t − d_c| > caliper`, so a difference equal to the caliper is kept).
///
/// Without replacement, used candidates are skipped with two union–find ("next available")
/// arrays with path halving, so each search costs near-constant amortized time; with
/// replacement each focal unit walks outward from `q` with two pointers.
struct NearestNeighborScoreSearch {
  /// Candidate units sorted by `(score, index)`.
  private let sortedUnits: [Int]
  /// Their scores, in the same order.
  private let sortedScores: [Double]
  /// The score of every unit in the sample.
  private let score: [Double]

  /// Prepares the sorted candidate list.
  ///
  /// - Parameters:
  ///   - candidates: Units that may be matched (non-focal, not discarded).
  ///   - score: The score of every unit.
  /// - Complexity: O(m log m) for m candidates.
  init(candidates: [Int], score: [Double]) {
    var keyed = candidates.map { (score[$0], $0) }
    keyed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    sortedUnits = keyed.map(\.1)
    sortedScores = keyed.map(\.0)
    self.score = score
  }

  /// The number of candidates ordered before focal unit `unit` (its insertion point).
  private func insertionPoint(of unit: Int) -> Int {
    let s = score[unit]
    var low = 0, high = sortedScores.count
    while low < high {
      let mid = (low + high) / 2
      let before = sortedScores[mid] < s || (sortedScores[mid] == s && sortedUnits[mid] < unit)
      if before { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// Chooses between the left and right candidates (sorted positions), applying the caliper.
  private func choose(unit: Int, left: Int?, right: Int?, caliper: Double?) -> Int? {
    let s = score[unit]
    var l = left, r = right
    if let caliper {
      if let li = l, abs(s - sortedScores[li]) > caliper { l = nil }
      if let ri = r, abs(s - sortedScores[ri]) > caliper { r = nil }
    }
    switch (l, r) {
    case let (li?, ri?):
      return abs(sortedScores[li] - s) <= abs(sortedScores[ri] - s) ? li : ri
    case let (li?, nil): return li
    case let (nil, ri?): return ri
    case (nil, nil): return nil
    }
  }

  /// Matches the focal units.
  ///
  /// - Parameters:
  ///   - focalOrder: Focal units in visiting order.
  ///   - ratio: Matches wanted per focal unit.
  ///   - replace: Whether candidates can be reused.
  ///   - caliper: The caliper in raw score units, if any.
  ///   - record: Called with `(focal unit, matched unit)` for every match, in the order found.
  /// - Complexity: O(f log m + f · ratio · α(m)) without replacement, O(f (log m + ratio)) with
  ///   replacement, for f focal units and m candidates.
  func match(
    focalOrder: [Int], ratio: Int, replace: Bool, caliper: Double?,
    record: (Int, Int) -> Void
  ) {
    let m = sortedUnits.count
    guard m > 0 else { return }
    let points = focalOrder.map(insertionPoint(of:))
    if replace {
      for (k, unit) in focalOrder.enumerated() {
        var left = points[k] - 1, right = points[k]
        for _ in 0..<ratio {
          let pick = choose(
            unit: unit, left: left >= 0 ? left : nil, right: right < m ? right : nil,
            caliper: caliper)
          guard let pick else { break }
          record(unit, sortedUnits[pick])
          if pick < points[k] { left -= 1 } else { right += 1 }
        }
      }
      return
    }
    // nextRight[j]: path to the smallest available position ≥ j (m = none).
    // nextLeft[j + 1]: path to (the largest available position ≤ j) + 1 (0 = none).
    var nextRight = Array(0...m)
    var nextLeft = Array(0...m)
    var remaining = m
    var active = [Bool](repeating: true, count: focalOrder.count)
    for _ in 0..<ratio {
      for (k, unit) in focalOrder.enumerated() where active[k] {
        guard remaining > 0 else { return }
        let right = Self.find(&nextRight, points[k])
        let leftShifted = Self.find(&nextLeft, points[k])
        let pick = choose(
          unit: unit, left: leftShifted > 0 ? leftShifted - 1 : nil, right: right < m ? right : nil,
          caliper: caliper)
        guard let pick else {
          active[k] = false  // availability only shrinks: later rounds cannot succeed either
          continue
        }
        record(unit, sortedUnits[pick])
        nextRight[pick] = pick + 1
        nextLeft[pick + 1] = pick
        remaining -= 1
      }
    }
  }

  /// Union–find root with path halving.
  private static func find(_ parent: inout [Int], _ start: Int) -> Int {
    var x = start
    while parent[x] != x {
      let grandparent = parent[parent[x]]
      parent[x] = grandparent
      x = grandparent
    }
    return x
  }
}

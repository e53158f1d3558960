/// Greedy nearest-neighbour matching on the Mahalanobis distance inside one stratum, following
/// MatchIt 4.5.1's general matcher (`nn_matchC`).
///
/// - Without replacement: rounds `1…ratio`; in each round the focal units are visited in the
///   given order and each takes the available candidate with the smallest distance. Ties go
///   to the candidate that comes **first in data order** (MatchIt's `which_min`).
/// - With replacement: one pass; each focal unit takes its `ratio` nearest candidates, one at a
///   time by the same rule; when `ratio` or fewer are eligible it takes all of them.
/// - Caliper: only candidates with `|s_c − s_t| ≤ caliper` on the score are eligible.
///
/// Ties are decided with a relative tolerance: the chosen candidate is the first in data order
/// whose distance is at most `(1 + 1e-12) ×` the smallest distance. Covariates with integer
/// values (ages, years of schooling, zero earnings) often give mathematically equal distances,
/// for example two controls placed symmetrically around a treated unit; computed in floating
/// point they differ in the last bits, by an amount that depends on how the covariance was
/// factored. MatchIt compares the rounded values, so its choice among such candidates follows
/// its own rounding; the tolerance makes this implementation follow the exact-arithmetic rule
/// (first in data order) instead of its own rounding.
///
/// Each focal unit scans every candidate: O(f · m · p) per round for f focal units,
/// m candidates and p covariates.
struct MahalanobisNearestNeighbor {
  /// The whitened covariates.
  let transform: MahalanobisTransform
  /// The score for the caliper, if any.
  let score: [Double]?

  /// Matches the focal units.
  ///
  /// - Parameters:
  ///   - focalOrder: Focal units in visiting order.
  ///   - candidates: Candidate units in data order.
  ///   - ratio: Matches wanted per focal unit.
  ///   - replace: Whether candidates can be reused.
  ///   - caliper: The caliper in raw score units, if any.
  ///   - record: Called with `(focal unit, matched unit)` for every match, in the order found.
  func match(
    focalOrder: [Int], candidates: [Int], ratio: Int, replace: Bool, caliper: Double?,
    record: (Int, Int) -> Void
  ) {
    // One distance buffer for every scan: ineligible and already-taken candidates hold +∞,
    // which the tie rule ignores exactly as if they had been left out.
    var distances = [Double](repeating: .infinity, count: candidates.count)
    func scan(_ unit: Int, _ pool: [Int]) {
      pool.withUnsafeBufferPointer { candidates in
        distances.withUnsafeMutableBufferPointer { out in
          let target = UnsafeMutableBufferPointer(rebasing: out[0..<candidates.count])
          if let caliper, let score {
            let s = score[unit]
            transform.distances(from: unit, to: candidates, into: target) { !(abs(score[$0] - s) <= caliper) }
          } else {
            transform.distances(from: unit, to: candidates, into: target) { _ in false }
          }
        }
      }
    }
    if replace {
      for unit in focalOrder {
        scan(unit, candidates)
        for _ in 0..<ratio {
          guard let pick = Self.nearest(distances[0..<candidates.count]) else { break }
          record(unit, candidates[pick])
          distances[pick] = .infinity
        }
      }
      return
    }
    // Candidates still available, in data order.
    var pool = candidates
    var active = [Bool](repeating: true, count: focalOrder.count)
    for _ in 0..<ratio {
      for (k, unit) in focalOrder.enumerated() where active[k] {
        guard !pool.isEmpty else { return }
        scan(unit, pool)
        guard let pick = Self.nearest(distances[0..<pool.count]) else {
          active[k] = false
          continue
        }
        record(unit, pool.remove(at: pick))
      }
    }
  }

  /// The relative tolerance within which two distances count as tied.
  static let tieTolerance = 1e-12

  /// The index of the first finite distance within the tie tolerance of the smallest one.
  ///
  /// - Complexity: O(distances.count), two passes and no allocation.
  static func nearest(_ distances: ArraySlice<Double>) -> Int? {
    var smallest = Double.infinity
    for d in distances where d < smallest { smallest = d }
    guard smallest.isFinite else { return nil }
    let limit = smallest * (1 + tieTolerance)
    return distances.firstIndex { $0 <= limit }
  }
}

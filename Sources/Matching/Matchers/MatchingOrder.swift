import CausalCore

/// The order in which focal units choose their matches in greedy nearest-neighbour matching
/// (MatchIt's `m.order`).
///
/// Greedy matching without replacement is order dependent: a focal unit visited early takes its
/// nearest control, which is then unavailable to units visited later. With `ratio > 1`, matching
/// runs in rounds: every focal unit picks its first match in this order, then every focal unit
/// picks its second, and so on (as MatchIt does). With replacement the order has no effect.
///
/// Ties in the score keep data order (the sort is stable), as R's `order()` does.
public enum MatchingOrder: Sendable, Equatable, Hashable {
  /// Focal units with the largest score first (MatchIt's default for the ATT).
  case largest
  /// Focal units with the smallest score first (MatchIt's default for the ATC).
  case smallest
  /// Focal units in data order (MatchIt's default when there is no score, e.g. Mahalanobis
  /// distance without a propensity score).
  case data
  /// A random permutation of the focal units drawn from `SeededGenerator` with `seed`
  /// (Fisher–Yates with `SeededGenerator/nextInt(below:)`; within exact-matching strata, one
  /// permutation per stratum in stratum order, all from the same generator). It cannot
  /// reproduce R's `sample.int`; it is reproducible across platforms for a given seed.
  case random(seed: UInt64)

  /// The focal units of one stratum in visiting order.
  ///
  /// - Parameters:
  ///   - units: Focal unit indices in data order.
  ///   - score: The one-dimensional score of every unit (needed by `.largest` / `.smallest`).
  ///   - generator: The generator used by `.random` (shared across strata).
  /// - Returns: `units` permuted into visiting order.
  func arrange(_ units: [Int], score: [Double]?, generator: inout SeededGenerator) -> [Int] {
    switch self {
    case .data:
      return units
    case .largest, .smallest:
      guard let score else { return units }
      let descending = self == .largest
      return units.enumerated().sorted { a, b in
        let sa = score[a.element], sb = score[b.element]
        if sa != sb { return descending ? sa > sb : sa < sb }
        return a.offset < b.offset
      }.map(\.element)
    case .random:
      var permuted = units
      var i = permuted.count - 1
      while i > 0 {
        // nextInt(below:) only throws for a bound below 1; i + 1 ≥ 2 here.
        let j = (try? generator.nextInt(below: i + 1)) ?? i
        permuted.swapAt(i, j)
        i -= 1
      }
      return permuted
    }
  }
}

/// Which units to discard before matching because their score lies outside the other group's
/// range (MatchIt's `discard`).
///
/// With `a₀ = min` and `b₀ = max` of the control scores and `a₁`, `b₁` those of the treated:
/// - ``none``: keep everyone;
/// - ``treated``: discard treated units with score `< a₀` or `> b₀`;
/// - ``control``: discard control units with score `< a₁` or `> b₁`;
/// - ``both``: discard every unit with score `< max(a₀, a₁)` or `> min(b₀, b₁)`.
///
/// Comparisons are strict, so units exactly on a boundary are kept (MatchIt 4.5.1 `discard`).
/// The rule is stated in treatment groups, whatever the estimand. Discarded units are never
/// matched, get weight 0, are excluded from the caliper's standard deviation and from the
/// Mahalanobis covariance, and are counted separately in ``MatchCounts``.
public enum CommonSupport: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
  /// Keep all units.
  case none
  /// Discard treated units outside the control units' score range.
  case treated
  /// Discard control units outside the treated units' score range.
  case control
  /// Discard all units outside the intersection of the two ranges.
  case both

  /// The units this rule discards.
  ///
  /// - Parameters:
  ///   - treatment: `true` for treated units.
  ///   - score: One finite score per unit.
  /// - Returns: `true` for each discarded unit; all `false` for ``none`` or when a group is
  ///   empty.
  /// - Complexity: O(n).
  public func discardedUnits(treatment: [Bool], score: [Double]) -> [Bool] {
    var low = [Double.infinity, .infinity], high = [-Double.infinity, -.infinity]
    for (i, s) in score.enumerated() {
      let g = treatment[i] ? 1 : 0
      low[g] = min(low[g], s)
      high[g] = max(high[g], s)
    }
    guard self != .none, low[0] <= high[0], low[1] <= high[1] else {
      return Array(repeating: false, count: score.count)
    }
    return score.enumerated().map { i, s in
      switch self {
      case .none: return false
      case .treated: return treatment[i] && (s < low[0] || s > high[0])
      case .control: return !treatment[i] && (s < low[1] || s > high[1])
      case .both: return s < max(low[0], low[1]) || s > min(high[0], high[1])
      }
    }
  }
}

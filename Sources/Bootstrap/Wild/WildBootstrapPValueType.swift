/// How the bootstrap p-value is formed from the replicates `t*` and the statistic `t`.
///
/// A replicate within a relative `1e-9` of `t` (or of `|t|`) counts as a tie and as at least as
/// extreme: with Rademacher weights and the null imposed, the all-ones and all-minus-ones sign
/// vectors reproduce `±t` exactly in exact arithmetic, and rounding must not decide whether they
/// count. (wildboottest uses strict inequalities and so may count fewer of them.)
public enum WildBootstrapPValueType: String, Sendable, Equatable, CaseIterable, Codable {
  /// Two-sided symmetric: share of `|t*| ≥ |t|` (the default, as boottest and wildboottest).
  case symmetric
  /// Two-sided equal-tailed: `2 · min(share t* ≤ t, share t* ≥ t)`, capped at 1.
  case equalTailed
  /// One-sided, alternative `Rβ > r`: share of `t* ≥ t`.
  case greater
  /// One-sided, alternative `Rβ < r`: share of `t* ≤ t`.
  case less

  /// The p-value of `t` against the replicates (non-finite replicates must be removed first).
  func pValue(_ t: Double, _ replicates: [Double]) -> Double {
    guard !replicates.isEmpty else { return .nan }
    let tol = 1e-9 * abs(t)
    let count = Double(replicates.count)
    func share(_ keep: (Double) -> Bool) -> Double {
      Double(replicates.reduce(0) { keep($1) ? $0 + 1 : $0 }) / count
    }
    switch self {
    case .symmetric: return share { abs($0) >= abs(t) - tol }
    case .greater: return share { $0 >= t - tol }
    case .less: return share { $0 <= t + tol }
    case .equalTailed:
      return min(1, 2 * min(share { $0 <= t + tol }, share { $0 >= t - tol }))
    }
  }
}

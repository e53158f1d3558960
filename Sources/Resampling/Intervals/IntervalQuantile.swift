import CausalCore

/// Quantiles of bootstrap replicates the way `boot::boot.ci` takes them: order statistics with
/// interpolation on the normal quantile scale (boot's internal `norm.inter`; Davison & Hinkley
/// 1997, eq. 5.8).
public enum IntervalQuantile {
  /// The `α`-quantiles of the finite values of `values`, by boot's `norm.inter` rule.
  ///
  /// Let `t₍₁₎ ≤ … ≤ t₍R₎` be the sorted **finite** values (NaN and ±∞ are dropped first), and for
  /// each `α` let `r = (R + 1)·α` and `k = ⌊r⌋`:
  ///
  /// * `k = 0` (so `r < 1`): the end point is the minimum `t₍₁₎`;
  /// * `k ≥ R`: the maximum `t₍R₎` (boot warns "extreme order statistics used as endpoints"
  ///   whenever `r ∉ (1, R)`; `k > R` only happens for `α = 1`, where boot returns `NA`);
  /// * `r` an integer: exactly `t₍k₎`;
  /// * otherwise the interpolation on the `Φ⁻¹` scale
  ///   `t₍k₎ + (Φ⁻¹(α) − Φ⁻¹(k/(R+1))) / (Φ⁻¹((k+1)/(R+1)) − Φ⁻¹(k/(R+1))) · (t₍k+1₎ − t₍k₎)`.
  ///
  /// The arithmetic is done in the same order as boot, with Φ⁻¹ by Wichura's AS 241 (the
  /// algorithm of R's `qnorm`).
  ///
  /// - Parameters:
  ///   - values: Replicate values; non-finite entries are ignored.
  ///   - probabilities: The levels `α`, each in `[0, 1]`.
  /// - Returns: One quantile per probability, in order.
  /// - Throws: ``BootstrapError/tooFewFiniteReplicates(_:)`` with no finite value,
  ///   ``BootstrapError/invalidProbability(_:)`` for a level outside `[0, 1]`.
  /// - Complexity: O(R log R).
  public static func normalInterpolated(
    _ values: [Double], probabilities: [Double]
  ) throws(BootstrapError) -> [Double] {
    let sorted = values.filter(\.isFinite).sorted()
    let count = sorted.count
    guard count >= 1 else { throw .tooFewFiniteReplicates(count) }
    var out: [Double] = []
    out.reserveCapacity(probabilities.count)
    for alpha in probabilities {
      guard alpha >= 0, alpha <= 1 else { throw .invalidProbability(alpha) }
      let rank = Double(count + 1) * alpha
      let k = Int(rank.rounded(.towardZero))
      if k <= 0 {
        out.append(sorted[0])
      } else if k >= count {
        out.append(sorted[count - 1])
      } else if Double(k) == rank {
        out.append(sorted[k - 1])
      } else {
        let z = SpecialFunctions.normalQuantile(alpha)
        let zk = SpecialFunctions.normalQuantile(Double(k) / Double(count + 1))
        let zk1 = SpecialFunctions.normalQuantile(Double(k + 1) / Double(count + 1))
        let tk = sorted[k - 1]
        let tk1 = sorted[k]
        out.append(tk + (z - zk) / (zk1 - zk) * (tk1 - tk))
      }
    }
    return out
  }
}

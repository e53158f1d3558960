/// Confidence interval for `Rβ` by inverting a wild bootstrap test (cluster or
/// heteroskedastic).
///
/// The interval is the set of values `r` whose test of `Rβ = r` is not rejected at level
/// `1 − confidenceLevel`, the replicates' weights held fixed (as boottest does). Under WCR
/// the bootstrap data move with `r`, but only through `Δ = (r₀ − r)/(Rq)`: each replicate's
/// numerator is `n₀ + Δ n₁` and its scores `e₀ + Δ e₁` (see `WildBootstrapKernel` and
/// `WildHeteroskedasticKernel`), so after one
/// pass that stores five numbers per replicate (`n₀`, `n₁`, `‖e₀‖²`, `e₀·e₁`, `‖e₁‖²`) every
/// p-value evaluation costs O(B). Under WCU only the statistic `(Rβ̂ − r)/se` moves. Each
/// bound is bracketed by doubling steps of one standard error from `Rβ̂` and then bisected;
/// a side where no rejection is found within 2⁶⁰ standard errors is unbounded (±∞).
struct WildTestInversion: Sendable {
  /// Per replicate: `n₀, n₁, ‖e₀‖², e₀·e₁, ‖e₁‖²`.
  var moments: [(Double, Double, Double, Double, Double)]
  /// `Rβ̂`.
  var estimate: Double
  /// `√(R V R')`, the standard error of `Rβ̂`.
  var standardError: Double
  /// `R q = R (X̃'X̃)⁻¹ R'`.
  var rq: Double
  /// The small-sample factor of the robust variance.
  var ssc: Double
  /// The tested value `r₀`.
  var value: Double

  /// The p-value of `Rβ = r` with the stored replicates.
  func pValue(at r: Double, type: WildBootstrapPValueType) -> Double {
    let delta = (value - r) / rq
    let t = (estimate - r) / standardError
    var stats = [Double]()
    stats.reserveCapacity(moments.count)
    for (n0, n1, s00, s01, s11) in moments {
      let variance = ssc * (s00 + 2 * delta * s01 + delta * delta * s11)
      let stat = (n0 + delta * n1) / variance.squareRoot()
      if variance > 0 && stat.isFinite { stats.append(stat) }
    }
    return type.pValue(t, stats)
  }

  /// The interval at `level`, inverting the symmetric or equal-tailed p-value (`type`; a
  /// one-sided type inverts the symmetric one).
  func interval(level: Double, type: WildBootstrapPValueType) -> ClosedRange<Double> {
    let twoSided: WildBootstrapPValueType = type == .equalTailed ? .equalTailed : .symmetric
    let alpha = 1 - level
    let center = estimate
    let se = standardError
    func bound(_ direction: Double) -> Double {
      var inside = center
      var step = se
      var outside = center + direction * step
      var found = false
      for _ in 0..<61 {
        if pValue(at: outside, type: twoSided) < alpha {
          found = true
          break
        }
        inside = outside
        step *= 2
        outside = center + direction * step
      }
      guard found else { return direction * .infinity }
      for _ in 0..<200 {
        let middle = (inside + outside) / 2
        if middle == inside || middle == outside { break }
        if pValue(at: middle, type: twoSided) < alpha { outside = middle } else { inside = middle }
      }
      return (inside + outside) / 2
    }
    let lower = bound(-1)
    let upper = bound(1)
    return min(lower, upper)...max(lower, upper)
  }
}

import CausalCore
import Foundation

/// The two normal-derived quantiles of the sensitivity analysis: the truncated normal (the
/// conditional tests' critical values) and the folded normal (the fixed-length intervals'
/// half-length).
enum NormalQuantiles {
  private static let z = NormalDistribution.standard

  /// The `p` quantile of N(mean, sd²) truncated to `[lower, upper]` (HonestDiD's
  /// `.norminvp_generalized`, which calls TruncatedNormal's `norminvp`).
  ///
  /// Computed on the tail where the interval lies, so that the probabilities stay accurate:
  /// right of 0 through survival probabilities, left of 0 by symmetry, across 0 through the
  /// distribution function. When both bounds lie so far in one tail that their probabilities
  /// underflow (beyond about 37 standard deviations), the mass sits within `1/|bound|` of the
  /// nearer bound, which is returned.
  ///
  /// - Parameters:
  ///   - p: A probability in [0, 1].
  ///   - lower: The lower truncation point (may be −∞).
  ///   - upper: The upper truncation point (may be +∞), at least `lower`.
  ///   - mean: The untruncated mean.
  ///   - sd: The untruncated standard deviation (> 0).
  /// - Returns: The quantile, in `[lower, upper]`.
  /// - Complexity: O(1).
  static func truncatedNormal(_ p: Double, lower: Double, upper: Double, mean: Double = 0, sd: Double = 1) -> Double {
    let (l, u) = ((lower - mean) / sd, (upper - mean) / sd)
    return mean + sd * standardTruncated(p, l, u)
  }

  /// The quantile of the standard normal truncated to `[l, u]`.
  private static func standardTruncated(_ p: Double, _ l: Double, _ u: Double) -> Double {
    if !(l < u) { return l }
    if u <= 0 { return -standardTruncated(1 - p, -u, -l) }
    if l >= 0 {
      // Q(x) = (1 − p) Q(l) + p Q(u) with Q the survival function.
      let (ql, qu) = (z.survival(l), z.survival(u))
      if ql == 0 { return l }
      let target = (1 - p) * ql + p * qu
      return min(max(z.upperQuantile(target), l), u)
    }
    let (fl, fu) = (z.cdf(l), z.cdf(u))
    let target = fl + p * (fu - fl)
    // Above the median, 1 − target = (1 − p) Q(l) + p Q(u) keeps the upper tail's accuracy.
    let x = target < 0.5 ? z.quantile(target) : z.upperQuantile((1 - p) * z.survival(l) + p * z.survival(u))
    return min(max(x, l), u)
  }

  /// The `level` quantile of the folded normal `|N(mean, 1)|`, `cv_level(mean)` in Rambachan and
  /// Roth (2023): the `c ≥ 0` with `P(|N(mean, 1)| ≤ c) = level`.
  ///
  /// Solved by safeguarded Newton steps on `Q(c − |mean|) + Q(c + |mean|) = 1 − level` (`Q` the
  /// normal survival function), which stays accurate for large `|mean|`. HonestDiD computes it
  /// from one million simulated draws (`.qfoldednormal`); the exact root differs from that by
  /// the simulation error (about 1e-3 of the value).
  ///
  /// - Parameters:
  ///   - level: The probability, in (0, 1).
  ///   - mean: The mean of the normal before folding.
  /// - Returns: The quantile.
  /// - Complexity: O(1) (at most 200 iterations).
  static func foldedNormal(_ level: Double, mean: Double) -> Double {
    let mu = abs(mean)
    let tail = 1 - level
    // P(|X| > c) lies between Q(c − μ) and 2 Q(c − μ).
    var low = max(0, mu + z.upperQuantile(tail))
    var high = mu + z.upperQuantile(tail / 2)
    var c = 0.5 * (low + high)
    for _ in 0..<200 {
      let excess = z.survival(c - mu) + z.survival(c + mu) - tail
      if excess > 0 { low = c } else { high = c }
      let slope = -(z.density(c - mu) + z.density(c + mu))
      var next = c - excess / slope
      if !(next > low && next < high) { next = 0.5 * (low + high) }
      if abs(next - c) <= 1e-15 * max(1, c) { return next }
      c = next
    }
    return c
  }
}

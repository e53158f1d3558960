import Foundation

/// Special functions behind the distributions: log-gamma, log-beta, the regularized incomplete
/// gamma and beta functions, and the normal quantile.
///
/// They are exposed for estimators that need them directly. Arguments outside a function's domain
/// return NaN (documented per function); nothing here traps.
public enum SpecialFunctions {
  /// 0.5 · log(2π).
  static let halfLogTwoPi = 0.918_938_533_204_672_741_78

  /// The natural logarithm of |Γ(x)|.
  ///
  /// Uses the C library's reentrant `lgamma_r` (through the Swift overlay that returns the sign),
  /// so it is safe to call from many threads at once.
  ///
  /// - Parameter x: Any real number; poles (0, −1, −2, …) give `+infinity`.
  /// - Returns: log |Γ(x)|.
  /// - Complexity: O(1).
  public static func logGamma(_ x: Double) -> Double {
    let (value, _) = lgamma(x)
    return value
  }

  /// The remainder of Stirling's series, `log Γ(x) − [(x − ½) log x − x + ½ log 2π]`.
  ///
  /// For `x ≥ 10` it is summed from the asymptotic series
  /// `Σ B₂ₖ / (2k (2k − 1) x^(2k−1))` (eight terms, truncation error below 1e-17); below 10 it is
  /// the difference of `logGamma` and the Stirling approximation, whose cancellation costs at most
  /// a few units in the last place of a quantity that is only ever exponentiated. This is the
  /// `stirlerr`/`lgammacor` device of Loader (2000) and of DiDonato & Morris (1992): it lets
  /// ratios of gamma functions with large arguments be formed without subtracting huge logs.
  ///
  /// - Parameter x: A positive number.
  /// - Returns: The Stirling correction; NaN for `x ≤ 0` or NaN.
  /// - Complexity: O(1).
  public static func stirlingCorrection(_ x: Double) -> Double {
    guard x > 0 else { return .nan }
    if x >= 10 {
      let r = 1 / x, r2 = r * r
      var s = -3617.0 / 122_400.0
      s = s * r2 + 1.0 / 156.0
      s = s * r2 - 691.0 / 360_360.0
      s = s * r2 + 1.0 / 1188.0
      s = s * r2 - 1.0 / 1680.0
      s = s * r2 + 1.0 / 1260.0
      s = s * r2 - 1.0 / 360.0
      s = s * r2 + 1.0 / 12.0
      return s * r
    }
    return logGamma(x) - ((x - 0.5) * log(x) - x + halfLogTwoPi)
  }

  /// The natural logarithm of the beta function, `log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b)`.
  ///
  /// Summing three log-gammas loses all accuracy when an argument is large (at `a = 5·10⁶`,
  /// `log Γ(a) ≈ 7·10⁷`, so its rounding error alone is ~1e-8). Following the arrangement used by
  /// R's `lbeta` (from W. Fullerton's SLATEC `dlbeta`), with `p = min(a, b)`, `q = max(a, b)`:
  /// - both ≥ 10: Stirling for all three gammas, combined as
  ///   `−½ log q + ½ log 2π + (p − ½) log(p/(p+q)) + q log1p(−p/(p+q)) + Δc`;
  /// - only `q ≥ 10`: `log Γ(p) + p − p log(p+q) + (q − ½) log1p(−p/(p+q)) + Δc`;
  /// - both small: the direct sum.
  /// Here `Δc` is the difference of ``stirlingCorrection(_:)`` terms, which is tiny.
  ///
  /// - Parameters:
  ///   - a: A positive number.
  ///   - b: A positive number.
  /// - Returns: log B(a, b); NaN when either argument is not positive; `-infinity` when one is infinite.
  /// - Complexity: O(1).
  public static func logBeta(_ a: Double, _ b: Double) -> Double {
    guard a > 0, b > 0 else { return .nan }
    let p = min(a, b), q = max(a, b)
    if q.isInfinite { return -.infinity }
    let ratio = p / (p + q)
    if p >= 10 {
      let corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q)
      return -0.5 * log(q) + halfLogTwoPi + corr + (p - 0.5) * log(ratio) + q * log1p(-ratio)
    }
    if q >= 10 {
      let corr = stirlingCorrection(q) - stirlingCorrection(p + q)
      return logGamma(p) + corr + p - p * log(p + q) + (q - 0.5) * log1p(-ratio)
    }
    return logGamma(p) + logGamma(q) - logGamma(p + q)
  }
}

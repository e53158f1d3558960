import Foundation

/// Safeguarded Newton inversion of a monotone tail probability on a positive half-line.
///
/// Quantiles of the t, chi-squared and F distributions are found by solving `T(x) = target`,
/// where `T` is whichever tail (lower or upper) is the smaller, so the target carries full
/// relative precision. Newton's method is applied to `g(x) = log(T(x) / target)` as a function of
/// `log x`: in those coordinates the power-law and exponential tails met in practice are close to
/// linear, so Newton converges in a handful of steps even for targets like 1e-300. Each step is
/// multiplicative (`x ← x · exp(−g / g′)`), so `x` itself is never quantized to a grid in `log x`.
///
/// The iteration is safeguarded as in Numerical Recipes' `rtsafe` (Press et al., §9.4): a bracket
/// `[lower, upper]` that contains the root is kept from the signs of `g`; a Newton step that
/// leaves the bracket, is not finite, or fails to halve `|g|` is replaced by a geometric
/// bisection (or, while the bracket is still unbounded, by a factor-16 expansion).
enum TailInversion {
  /// Solves `T(x) = target` for `x > 0`.
  ///
  /// - Parameters:
  ///   - target: The tail probability to reach, in `(0, 1)`.
  ///   - initialGuess: A positive starting point; a poor one only costs iterations.
  ///   - increasing: `true` when `T` increases with `x` (a lower tail), `false` for an upper tail.
  ///   - tail: Evaluates `T(x)` and the elasticity `x T′(x) / T(x)` (positive for a lower tail,
  ///     negative for an upper tail).
  /// - Returns: The root, to about one unit in the last place when `T` is accurate.
  /// - Complexity: Typically 3–8 evaluations of `tail`; at most 300.
  static func solve(
    target: Double, initialGuess: Double, increasing: Bool,
    tail: (Double) -> (value: Double, elasticity: Double)
  ) -> Double {
    var lower = 0.0, upper = Double.infinity
    var x = initialGuess.isFinite && initialGuess > 0 ? initialGuess : 1
    var previousResidual = Double.infinity
    for _ in 0..<300 {
      let (value, elasticity) = tail(x)
      let residual = logRatio(value, target)
      if residual == 0 || residual.isNaN { return x }
      if (residual < 0) == increasing { lower = x } else { upper = x }
      var candidate = x * exp(-residual / elasticity)
      let newtonOK =
        candidate.isFinite && candidate > lower && candidate < upper
        && !(abs(residual) > 0.5 * abs(previousResidual) && upper.isFinite && lower > 0)
      if !newtonOK {
        if upper.isInfinite {
          candidate = lower * 16
        } else if lower == 0 {
          candidate = upper / 16
        } else {
          candidate = lower.squareRoot() * upper.squareRoot()  // no underflow of the product
          if !candidate.isFinite || candidate <= lower || candidate >= upper {
            candidate = lower + 0.5 * (upper - lower)
          }
        }
      }
      previousResidual = residual
      if abs(candidate - x) <= 2 * Double.ulpOfOne * x { return candidate }
      if upper.isFinite, lower > 0, upper - lower <= 2 * Double.ulpOfOne * lower { return candidate }
      x = candidate
    }
    return x
  }

  /// `log(value / target)`, formed from the ratio when it is representable (so it is accurate to
  /// a unit in the last place near the root) and from the difference of logs otherwise.
  @inline(__always)
  static func logRatio(_ value: Double, _ target: Double) -> Double {
    let ratio = value / target
    if ratio.isFinite, ratio > 0 { return log(ratio) }
    return log(value) - log(target)
  }
}

extension TailInversion {
  /// A quantile of a distribution on a positive half-line, found on whichever tail is the
  /// smaller: the chi-squared's and F's ``ContinuousDistribution/quantile(_:)`` (`lowerTail`)
  /// and ``ContinuousDistribution/upperQuantile(_:)`` (not `lowerTail`).
  ///
  /// - Parameters:
  ///   - probability: The tail probability, in `[0, 1]` (NaN outside).
  ///   - lowerTail: Whether `probability` is a lower-tail probability.
  ///   - invert: Solves `tail(x) = target` for `target ≤ ½` on the lower or upper tail.
  static func quantile(
    _ probability: Double, lowerTail: Bool, invert: (_ target: Double, _ lowerTail: Bool) -> Double
  ) -> Double {
    guard probability >= 0, probability <= 1 else { return .nan }
    return probability <= 0.5 ? invert(probability, lowerTail) : invert(1 - probability, !lowerTail)
  }
}

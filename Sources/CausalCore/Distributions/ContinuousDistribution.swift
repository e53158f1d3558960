/// A univariate continuous probability distribution with accurate tails.
///
/// Conforming types validate their parameters in a throwing initializer, so every requirement
/// here is non-throwing: out-of-domain arguments give a documented value (NaN for a probability
/// outside `[0, 1]`), never a trap. Both tails are computed directly — ``survival(_:)`` is not
/// `1 - cdf(x)` — so p-values far below machine epsilon (down to about 1e-300) keep full relative
/// accuracy, and ``upperQuantile(_:)`` inverts the upper tail without forming `1 - q`.
public protocol ContinuousDistribution: Sendable {
  /// The probability density at `x` (0 outside the support).
  ///
  /// - Parameter x: The point of evaluation.
  /// - Returns: The density, or NaN when `x` is NaN.
  /// - Complexity: O(1).
  func density(_ x: Double) -> Double

  /// The lower-tail probability `P(X ≤ x)`.
  ///
  /// - Parameter x: The point of evaluation; ±infinity are allowed.
  /// - Returns: A probability in `[0, 1]`, or NaN when `x` is NaN.
  /// - Complexity: O(1) for the normal; for the others it is bounded by the series or continued
  ///   fraction length, which grows like the square root of the degrees of freedom.
  func cdf(_ x: Double) -> Double

  /// The upper-tail probability `P(X > x)`, computed directly rather than as `1 - cdf(x)`.
  ///
  /// - Parameter x: The point of evaluation; ±infinity are allowed.
  /// - Returns: A probability in `[0, 1]`, or NaN when `x` is NaN.
  /// - Complexity: As ``cdf(_:)``.
  func survival(_ x: Double) -> Double

  /// The lower-tail quantile: the `x` with `cdf(x) == p`.
  ///
  /// - Parameter p: A probability in `[0, 1]`; 0 and 1 give the ends of the support.
  /// - Returns: The quantile, or NaN when `p` is NaN or outside `[0, 1]` (use
  ///   ``checkedQuantile(_:)`` to get a thrown error instead).
  /// - Complexity: A few evaluations of ``cdf(_:)``/``survival(_:)``.
  func quantile(_ p: Double) -> Double

  /// The upper-tail quantile: the `x` with `survival(x) == q`.
  ///
  /// Use it for small upper-tail probabilities (critical values): `upperQuantile(1e-20)` is
  /// accurate where `quantile(1 - 1e-20)` cannot be, because `1 - 1e-20` rounds to 1.
  ///
  /// - Parameter q: An upper-tail probability in `[0, 1]`.
  /// - Returns: The quantile, or NaN when `q` is NaN or outside `[0, 1]`.
  /// - Complexity: As ``quantile(_:)``.
  func upperQuantile(_ q: Double) -> Double

  /// The mean, or NaN where it does not exist (for example Student's t with one degree of freedom).
  var mean: Double { get }

  /// The variance, `+infinity` where it diverges, or NaN where it is undefined.
  var variance: Double { get }
}

extension ContinuousDistribution {
  /// The lower-tail quantile, throwing instead of returning NaN for an invalid probability.
  ///
  /// Validates `p` and then calls ``quantile(_:)``.
  ///
  /// - Parameter p: A probability in `[0, 1]`.
  /// - Throws: ``DistributionError/invalidProbability(function:value:)`` when `p` is NaN or
  ///   outside `[0, 1]`.
  /// - Complexity: As ``quantile(_:)``.
  public func checkedQuantile(_ p: Double) throws(DistributionError) -> Double {
    guard p >= 0, p <= 1 else {
      throw .invalidProbability(function: "\(Self.self).checkedQuantile", value: p)
    }
    return quantile(p)
  }

  /// The upper-tail quantile, throwing instead of returning NaN for an invalid probability.
  ///
  /// - Parameter q: An upper-tail probability in `[0, 1]`.
  /// - Throws: ``DistributionError/invalidProbability(function:value:)`` when `q` is NaN or
  ///   outside `[0, 1]`.
  /// - Complexity: As ``upperQuantile(_:)``.
  public func checkedUpperQuantile(_ q: Double) throws(DistributionError) -> Double {
    guard q >= 0, q <= 1 else {
      throw .invalidProbability(function: "\(Self.self).checkedUpperQuantile", value: q)
    }
    return upperQuantile(q)
  }
}

import Foundation

/// The normal (Gaussian) distribution N(μ, σ²).
///
/// Tails come from the C library's `erfc` with a first-order correction for the rounding of
/// `z/√2` (which otherwise costs ~2z² ulps of relative accuracy far in the tail), so p-values stay
/// accurate down to the underflow threshold (~1e-308, z ≈ 37.5). Quantiles use Wichura's AS 241
/// (see ``SpecialFunctions/normalQuantile(_:upperTail:)``).
///
/// ```swift
/// let z = NormalDistribution.standard
/// z.survival(1.96)          // 0.024997895148220...
/// z.upperQuantile(0.025)    // 1.959963984540054...
/// ```
public struct NormalDistribution: ContinuousDistribution, Hashable {
  /// The mean μ.
  public let mean: Double
  /// The standard deviation σ (> 0).
  public let standardDeviation: Double

  /// The standard normal N(0, 1).
  public static let standard = NormalDistribution(uncheckedMean: 0, standardDeviation: 1)

  /// Creates N(mean, standardDeviation²).
  ///
  /// - Parameters:
  ///   - mean: The mean; must be finite.
  ///   - standardDeviation: The standard deviation; must be finite and positive.
  /// - Throws: ``DistributionError/invalidParameter(distribution:parameter:value:requirement:)``
  ///   when either parameter is out of range.
  /// - Complexity: O(1).
  public init(mean: Double = 0, standardDeviation: Double = 1) throws(DistributionError) {
    guard mean.isFinite else {
      throw .invalidParameter(
        distribution: "NormalDistribution", parameter: "mean", value: mean, requirement: "finite")
    }
    guard standardDeviation.isFinite, standardDeviation > 0 else {
      throw .invalidParameter(
        distribution: "NormalDistribution", parameter: "standardDeviation", value: standardDeviation,
        requirement: "finite and greater than 0")
    }
    self.init(uncheckedMean: mean, standardDeviation: standardDeviation)
  }

  private init(uncheckedMean mean: Double, standardDeviation: Double) {
    self.mean = mean
    self.standardDeviation = standardDeviation
  }

  /// The variance σ².
  public var variance: Double { standardDeviation * standardDeviation }

  /// The density `exp(−z²/2) / (σ√(2π))`, `z = (x − μ)/σ`, with `z²` split exactly by a fused
  /// multiply-add so the exponent keeps full accuracy in the tails.
  ///
  /// - Parameter x: The point of evaluation.
  /// - Returns: The density; NaN for NaN.
  /// - Complexity: O(1).
  public func density(_ x: Double) -> Double {
    let z = (x - mean) / standardDeviation
    if z.isInfinite { return 0 }
    let square = z * z
    let low = fma(z, z, -square)
    return exp(-0.5 * square) * exp(-0.5 * low) / (standardDeviation * Self.sqrtTwoPi)
  }

  /// `P(X ≤ x)`.
  ///
  /// - Parameter x: The point of evaluation.
  /// - Returns: The lower-tail probability; NaN for NaN.
  /// - Complexity: O(1).
  public func cdf(_ x: Double) -> Double {
    Self.standardUpperTail(-(x - mean) / standardDeviation)
  }

  /// `P(X > x)`, computed directly.
  ///
  /// - Parameter x: The point of evaluation.
  /// - Returns: The upper-tail probability; NaN for NaN.
  /// - Complexity: O(1).
  public func survival(_ x: Double) -> Double {
    Self.standardUpperTail((x - mean) / standardDeviation)
  }

  /// The lower-tail quantile `μ + σ Φ⁻¹(p)` by AS 241.
  ///
  /// - Parameter p: A probability in `[0, 1]`.
  /// - Returns: The quantile; ∓infinity at 0 and 1; NaN outside `[0, 1]`.
  /// - Complexity: O(1).
  public func quantile(_ p: Double) -> Double {
    mean + standardDeviation * SpecialFunctions.normalQuantile(p)
  }

  /// The upper-tail quantile `μ + σ Φ⁻¹(1 − q)`, without forming `1 − q`.
  ///
  /// - Parameter q: An upper-tail probability in `[0, 1]`.
  /// - Returns: The quantile; NaN outside `[0, 1]`.
  /// - Complexity: O(1).
  public func upperQuantile(_ q: Double) -> Double {
    mean + standardDeviation * SpecialFunctions.normalQuantile(q, upperTail: true)
  }

  static let sqrtTwoPi = 2.506_628_274_631_000_502_42
  static let inverseSqrtTwo = 0.707_106_781_186_547_6
  static let inverseSqrtTwoLow = -4.833_646_656_726_457e-17

  /// `P(Z > z)` for the standard normal: `½ erfc(z/√2)`, corrected for the rounding of `z/√2`.
  ///
  /// With `w = fl(z/√2)` and `δ = z/√2 − w` (recovered exactly by a fused multiply-add plus the
  /// low part of 1/√2), `erfc(w + δ) ≈ erfc(w) − (2/√π) e^(−w²) δ`.
  static func standardUpperTail(_ z: Double) -> Double {
    if z.isNaN { return .nan }
    if z.isInfinite { return z > 0 ? 0 : 1 }
    let w = z * inverseSqrtTwo
    var result = 0.5 * erfc(w)
    if abs(w) > 0.5, result > 0 {
      let delta = fma(z, inverseSqrtTwo, -w) + z * inverseSqrtTwoLow
      result -= delta * exp(-w * w) / Double.pi.squareRoot()
    }
    return result
  }
}

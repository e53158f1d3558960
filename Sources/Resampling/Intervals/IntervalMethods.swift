import CausalCore
import Foundation

/// Bootstrap confidence intervals from replicate values, agreeing with `boot::boot.ci`
/// (boot 1.3-28) given the same `t0`, replicates and influence values.
///
/// Conventions shared by all methods (as in `boot.ci`): non-finite replicates are dropped first
/// (for the studentized interval, a replicate is dropped when its value or its variance is
/// non-finite); `R` is the number of replicates left; quantiles are taken with
/// ``IntervalQuantile/normalInterpolated(_:probabilities:)`` (boot's `norm.inter`); a confidence
/// level `c` uses the tail probabilities `(1 − c)/2` and `(1 + c)/2`. When all finite replicates
/// are equal, boot.ci returns `NULL`; these functions throw ``BootstrapError/constantReplicates(_:)``.
public enum IntervalEstimators {
  /// The percentile interval `[q_{(1−c)/2}, q_{(1+c)/2}]` of the replicates (boot.ci `"perc"`).
  ///
  /// - Parameters:
  ///   - t: The replicate values `t*` of one statistic.
  ///   - level: The confidence level `c` in `(0, 1)`.
  /// - Throws: ``BootstrapError/invalidOption(_:)``, ``BootstrapError/tooFewFiniteReplicates(_:)``,
  ///   ``BootstrapError/constantReplicates(_:)``.
  /// - Complexity: O(R log R).
  public static func percentile(t: [Double], level: Double) throws(BootstrapError) -> BootstrapInterval {
    let finite = try usable(t, level: level)
    let q = try IntervalQuantile.normalInterpolated(finite, probabilities: [(1 - level) / 2, (1 + level) / 2])
    return BootstrapInterval(method: .percentile, level: level, lower: q[0], upper: q[1])
  }

  /// The basic (reverse percentile) interval `[2·t0 − q_{(1+c)/2}, 2·t0 − q_{(1−c)/2}]`
  /// (boot.ci `"basic"`).
  ///
  /// - Parameters:
  ///   - t0: The statistic on the original data.
  ///   - t: The replicate values.
  ///   - level: The confidence level `c`.
  /// - Throws: As ``percentile(t:level:)``.
  /// - Complexity: O(R log R).
  public static func basic(t0: Double, t: [Double], level: Double) throws(BootstrapError) -> BootstrapInterval {
    let finite = try usable(t, level: level)
    let q = try IntervalQuantile.normalInterpolated(finite, probabilities: [(1 + level) / 2, (1 - level) / 2])
    return BootstrapInterval(method: .basic, level: level, lower: 2 * t0 - q[0], upper: 2 * t0 - q[1])
  }

  /// The bias-corrected normal interval `t0 − b ∓ z_{(1+c)/2}·√v` (boot.ci `"norm"`).
  ///
  /// `b = mean(t*) − t0` is the bootstrap bias estimate and `v` the sample variance (divisor
  /// `R − 1`) of the finite replicates, unless `variance` is given (boot's `var.t0`).
  ///
  /// - Parameters:
  ///   - t0: The statistic on the original data.
  ///   - t: The replicate values.
  ///   - level: The confidence level `c`.
  ///   - variance: An optional variance of `t0` to use instead of `var(t*)`.
  /// - Throws: As ``percentile(t:level:)``; ``BootstrapError/invalidVariance(_:)`` for a negative
  ///   or non-finite `variance`.
  /// - Complexity: O(R).
  public static func normal(
    t0: Double, t: [Double], level: Double, variance: Double? = nil
  ) throws(BootstrapError) -> BootstrapInterval {
    let finite = try usable(t, level: level)
    let m = mean(finite)
    let v: Double
    if let variance {
      guard variance.isFinite, variance >= 0 else { throw .invalidVariance("variance of t0 is \(variance)") }
      v = variance
    } else {
      v = sampleVariance(finite, mean: m)
    }
    let bias = m - t0
    let margin = v.squareRoot() * SpecialFunctions.normalQuantile((1 + level) / 2)
    return BootstrapInterval(method: .normal, level: level, lower: t0 - bias - margin, upper: t0 - bias + margin)
  }

  /// The studentized (bootstrap-t) interval `[t0 − √v0·z*_{(1+c)/2}, t0 − √v0·z*_{(1−c)/2}]`
  /// (boot.ci `"stud"`), where `z*_r = (t*_r − t0)/√v*_r` and `z*_α` are their quantiles.
  ///
  /// - Parameters:
  ///   - t0: The statistic on the original data.
  ///   - variance0: The estimated variance `v0` of `t0`.
  ///   - t: The replicate values `t*_r`.
  ///   - variances: The variance estimates `v*_r` of each replicate (same length as `t`).
  ///   - level: The confidence level `c`.
  /// - Throws: ``BootstrapError/invalidVariance(_:)`` for mismatched lengths or an invalid `v0`;
  ///   otherwise as ``percentile(t:level:)``.
  /// - Complexity: O(R log R).
  public static func studentized(
    t0: Double, variance0: Double, t: [Double], variances: [Double], level: Double
  ) throws(BootstrapError) -> BootstrapInterval {
    guard t.count == variances.count else {
      throw .invalidVariance("\(t.count) replicate values but \(variances.count) variances")
    }
    guard variance0.isFinite, variance0 >= 0 else { throw .invalidVariance("variance of t0 is \(variance0)") }
    var kept: [Double] = []
    var z: [Double] = []
    for (value, v) in zip(t, variances) where value.isFinite && v.isFinite {
      kept.append(value)
      z.append((value - t0) / v.squareRoot())
    }
    _ = try usable(kept, level: level)
    let q = try IntervalQuantile.normalInterpolated(z, probabilities: [(1 + level) / 2, (1 - level) / 2])
    let s0 = variance0.squareRoot()
    return BootstrapInterval(method: .studentized, level: level, lower: t0 - s0 * q[0], upper: t0 - s0 * q[1])
  }

  /// The BCa (bias-corrected and accelerated) interval (boot.ci `"bca"`).
  ///
  /// With `w = Φ⁻¹(#{t*_r < t0}/R)` (strictly less, over finite replicates) and the acceleration
  /// ``acceleration(influence:)`` `a`, the end points are the replicate quantiles
  /// (``IntervalQuantile/normalInterpolated(_:probabilities:)``) at
  /// `α̃ = Φ(w + (w + z_α)/(1 − a·(w + z_α)))` for `z_α = Φ⁻¹((1 ∓ c)/2)`.
  /// boot.ci by default estimates the influence values by regression on the resampling
  /// frequencies (`empinf(type = "reg")`); pass the jackknife values
  /// (``JackknifeResult/influence(index:)``, boot's `empinf(type = "jack")`) to match
  /// `boot.ci(..., L = empinf(b, type = "jack"))`.
  ///
  /// - Parameters:
  ///   - t0: The statistic on the original data.
  ///   - t: The replicate values.
  ///   - influence: Empirical influence values `L_i` of the statistic.
  ///   - level: The confidence level `c`.
  /// - Throws: ``BootstrapError/infiniteBiasCorrection`` when no (or every) replicate is below
  ///   `t0`; ``BootstrapError/invalidAcceleration``; otherwise as ``percentile(t:level:)``.
  /// - Complexity: O(R log R + n).
  public static func bca(
    t0: Double, t: [Double], influence: [Double], level: Double
  ) throws(BootstrapError) -> BootstrapInterval {
    let finite = try usable(t, level: level)
    let below = finite.reduce(0) { $0 + ($1 < t0 ? 1 : 0) }
    let w = SpecialFunctions.normalQuantile(Double(below) / Double(finite.count))
    guard w.isFinite else { throw .infiniteBiasCorrection }
    let a = try acceleration(influence: influence)
    let standard = NormalDistribution.standard
    let adjusted = [(1 - level) / 2, (1 + level) / 2].map { alpha -> Double in
      let z = SpecialFunctions.normalQuantile(alpha)
      return standard.cdf(w + (w + z) / (1 - a * (w + z)))
    }
    let q = try IntervalQuantile.normalInterpolated(finite, probabilities: adjusted)
    return BootstrapInterval(method: .bca, level: level, lower: q[0], upper: q[1])
  }

  /// The BCa acceleration `a = Σ L_i³ / (6 · (Σ L_i²)^{3/2})` (boot's `bca.ci`).
  ///
  /// - Parameter influence: Empirical influence values `L_i`.
  /// - Returns: The acceleration.
  /// - Throws: ``BootstrapError/invalidAcceleration`` when it is not finite (e.g. all `L_i = 0`).
  /// - Complexity: O(n).
  public static func acceleration(influence: [Double]) throws(BootstrapError) -> Double {
    var s2 = 0.0
    var s3 = 0.0
    for l in influence {
      s2 += l * l
      s3 += l * l * l
    }
    let a = s3 / (6 * pow(s2, 1.5))
    guard a.isFinite else { throw .invalidAcceleration }
    return a
  }

  /// Validates the level and returns the finite replicates (at least two, not all equal).
  static func usable(_ t: [Double], level: Double) throws(BootstrapError) -> [Double] {
    guard level > 0, level < 1 else { throw BootstrapError.invalidConfidenceLevel(level) }
    let finite = t.filter(\.isFinite)
    guard finite.count >= 2 else { throw .tooFewFiniteReplicates(finite.count) }
    if let first = finite.first, finite.allSatisfy({ $0 == first }) { throw .constantReplicates(first) }
    return finite
  }

  /// The mean with one refinement pass (as R's `mean`).
  static func mean(_ x: [Double]) -> Double {
    let n = Double(x.count)
    let m = x.reduce(0, +) / n
    return m + x.reduce(0) { $0 + ($1 - m) } / n
  }

  /// The sample variance with divisor `n − 1` about a given mean.
  static func sampleVariance(_ x: [Double], mean m: Double) -> Double {
    x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
  }
}

/// Weighted means and variances of one covariate within treatment groups, computed as MatchIt
/// 4.5.1 computes them (`wm`, `wvar`, `pooled_sd`).
///
/// A group is a list of unit indices; weights may be zero (unmatched units), and then the unit
/// contributes nothing. All functions take O(group size) time and allocate nothing.
///
/// When every unit of positive weight in a group has the same value, the mean is that value
/// and the variance exactly 0. Plain double sums can miss both by a rounding error (185 × 3/185
/// need not be 3), while R accumulates sums in extended precision and lands on them; without
/// this, a covariate constant within a group would get a variance of 1e-16 instead of 0, and
/// the SMD denominator would escape MatchIt's zero-SD fallback.
enum BalanceMoments {
  /// The common value of the positive-weight units of a group, or `nil` when they differ (or
  /// there are none).
  static func constant(_ x: [Double], _ w: [Double], _ group: [Int]) -> Double? {
    var value: Double?
    for i in group where w[i] != 0 {
      if let v = value {
        if x[i] != v { return nil }
      } else {
        value = x[i]
      }
    }
    return value
  }

  /// The weighted mean Σ wᵢxᵢ / Σ wᵢ over a group (NaN when the weights sum to 0).
  static func mean(_ x: [Double], _ w: [Double], _ group: [Int]) -> Double {
    if let c = constant(x, w, group) { return c }
    var sx = 0.0
    var sw = 0.0
    for i in group {
      sx += w[i] * x[i]
      sw += w[i]
    }
    return sx / sw
  }

  /// MatchIt's `wvar`: with weights normalized to sum 1 (vᵢ = wᵢ / Σw) and m = Σ vᵢxᵢ,
  ///
  /// - binary variables: m(1 − m), the variance of a proportion, no correction;
  /// - otherwise: Σ vᵢ(xᵢ − m)² / (1 − Σ vᵢ²), the weighted variance with the bias correction
  ///   (Σw)² / ((Σw)² − Σw²), which is the usual n − 1 denominator for equal weights.
  static func variance(_ x: [Double], _ w: [Double], _ group: [Int], binary: Bool) -> Double {
    if constant(x, w, group) != nil { return positiveCount(w, group) > 1 || binary ? 0 : .nan }
    var sw = 0.0
    for i in group { sw += w[i] }
    var m = 0.0
    for i in group { m += (w[i] / sw) * x[i] }
    if binary { return m * (1 - m) }
    var ss = 0.0
    var sv2 = 0.0
    for i in group {
      let v = w[i] / sw
      let d = x[i] - m
      ss += v * d * d
      sv2 += v * v
    }
    return ss / (1 - sv2)
  }

  /// MatchIt's `pooled_sd` with proportional contributions (its fallback when the chosen SMD
  /// denominator is zero or not finite): with W = Σ over both groups of wᵢ,
  ///
  /// - binary variables: √(Σ_g S_g(1 − S_g / N_g) / W), where S_g = Σ_g wᵢxᵢ and N_g = Σ_g wᵢ;
  /// - otherwise: with rᵢ = xᵢ minus its group's weighted mean and vᵢ = wᵢ / W,
  ///   √(Σ vᵢrᵢ² / (1 − Σ vᵢ²)).
  static func proportionalPooledSD(_ x: [Double], _ w: [Double], groups: [[Int]], binary: Bool) -> Double {
    var total = 0.0
    for g in groups {
      for i in g { total += w[i] }
    }
    if binary {
      var sum = 0.0
      for g in groups {
        var s = 0.0
        var n = 0.0
        for i in g {
          s += x[i] * w[i]
          n += w[i]
        }
        sum += s * (1 - s / n) / total
      }
      return sum.squareRoot()
    }
    var ss = 0.0
    var sv2 = 0.0
    for g in groups {
      let m = mean(x, w, g)
      for i in g {
        let v = w[i] / total
        let r = x[i] - m
        ss += v * r * r
        sv2 += v * v
      }
    }
    return (ss / (1 - sv2)).squareRoot()
  }

  /// The number of units of a group with a non-zero weight.
  static func positiveCount(_ w: [Double], _ group: [Int]) -> Int {
    var count = 0
    for i in group where w[i] != 0 { count += 1 }
    return count
  }
}

import LinearAlgebra

/// Per-unit quantities of the Abadie–Imbens variance, as `Matching::Match` computes them
/// (its C routine `EstFuncC`, or `est.func` with bias adjustment), in the focal orientation of
/// ``AbadieImbensMatchSet``.
///
/// - `K[j] = Σᵢ 1/mᵢ` over the units i that use j as a match: K_M(j), the number of times j is
///   used, each use weighted by 1/(number of i's matches, ties included).
/// - `KK[j] = Σᵢ 1/mᵢ²` over the same units.
/// - `unitEffects[i]`: Yᵢ − (mean outcome of i's matches) for a focal unit, the reverse sign
///   for a non-focal one (ATE); 0 for units not matched.
/// - `covariateGaps[i]`: the same contrast for the bias-adjustment covariates Z.
struct AbadieImbensUnitTerms: Sendable {
  var matchCounts: [Double]
  var squaredMatchCounts: [Double]
  var unitEffects: [Double]
  /// Row-major n × q, present only with bias adjustment.
  var covariateGaps: [Double]?

  /// Computes the terms.
  ///
  /// - Parameters:
  ///   - set: The matches.
  ///   - outcome: Y.
  ///   - focal: Focal coding of each unit.
  ///   - adjustment: Bias-adjustment covariates Z, or `nil`.
  /// - Complexity: O(n + rows × (1 + q)).
  init(set: AbadieImbensMatchSet, outcome y: [Double], focal: [Bool], adjustment z: Matrix?) {
    let n = y.count
    var k = [Double](repeating: 0, count: n)
    var kk = [Double](repeating: 0, count: n)
    var effects = [Double](repeating: 0, count: n)
    let q = z?.columns ?? 0
    var gaps: [Double]? = z == nil ? nil : [Double](repeating: 0, count: n * q)
    for u in set.units.indices {
      let i = set.units[u]
      let rows = set.rows(of: u)
      let m = Double(rows.count)
      let w = 1 / m
      // Match divides by the sum of the row weights, which need not round to exactly 1.
      let weightSum = rows.reduce(0.0) { s, _ in s + w }
      var matchedMean = 0.0
      for r in rows {
        let j = set.matches[r]
        k[j] += w
        kk[j] += w / m
        matchedMean = y[j] * w / weightSum + matchedMean
      }
      effects[i] = focal[i] ? y[i] - matchedMean : matchedMean - y[i]
      if let z {
        for c in 0..<q {
          var mean = 0.0
          for r in rows { mean += z[set.matches[r], c] * w }
          mean /= weightSum
          gaps?[i * q + c] = focal[i] ? z[i, c] - mean : mean - z[i, c]
        }
      }
    }
    matchCounts = k
    squaredMatchCounts = kk
    unitEffects = effects
    covariateGaps = gaps
  }
}

import LinearAlgebra

/// The outcome difference of every matched pair, in the focal orientation of
/// ``AbadieImbensMatchSet``: τ_r = Y(focal unit) − Y(other unit) of the pair, optionally
/// bias-adjusted.
///
/// For a pair r of unit i (the one being matched) and its match j, with t the focal unit of
/// the two and c the other, Match's adjusted difference is
/// τ_r = [Y_t + (Zᵢ − Z_t)ᵀα_t] − [Y_c + (Zᵢ − Z_c)ᵀα_c]: only the matched unit's outcome
/// moves, to i's covariates. α_c is fitted on the non-focal group; α_t on the focal group for
/// the ATE and zero otherwise.
struct AbadieImbensPairEffects: Sendable {
  /// The unit being matched, per row.
  let owners: [Int]
  /// The match, per row.
  let partners: [Int]
  /// τ_r with bias adjustment (equal to the unadjusted difference without it).
  var adjusted: [Double]

  /// Unadjusted pair differences.
  ///
  /// - Complexity: O(rows).
  init(set: AbadieImbensMatchSet, owners: [Int], outcome y: [Double], focal: [Bool]) {
    self.owners = owners
    self.partners = set.matches
    adjusted = zip(owners, set.matches).map { i, j in
      focal[i] ? y[i] - y[j] : y[j] - y[i]
    }
  }

  /// Applies the regression bias adjustment to the pair differences and to the unit-level
  /// effects (τ̂ᵢ − (focalᵢ ? ΔZᵢᵀα_c : ΔZᵢᵀα_t), ΔZᵢ from ``AbadieImbensUnitTerms``).
  ///
  /// - Throws: ``MatchingError/biasAdjustmentUnavailable(reason:)`` from the regressions.
  /// - Complexity: O(n q² + rows × q).
  mutating func adjust(
    terms: AbadieImbensUnitTerms, adjustment z: Matrix, outcome y: [Double], focal: [Bool], bothGroups: Bool,
    unitEffects: inout [Double]
  ) throws {
    let q = z.columns
    let k = terms.matchCounts
    let nonFocalSlopes = try AbadieImbensBiasAdjustment.slopes(
      z: z, outcome: y, weights: k.indices.map { focal[$0] ? 0 : k[$0] })
    let focalSlopes =
      bothGroups
      ? try AbadieImbensBiasAdjustment.slopes(z: z, outcome: y, weights: k.indices.map { focal[$0] ? k[$0] : 0 })
      : [Double](repeating: 0, count: q)
    func shift(_ i: Int, _ j: Int, _ slopes: [Double]) -> Double {
      var s = 0.0
      for c in 0..<q { s += (z[i, c] - z[j, c]) * slopes[c] }
      return s
    }
    for r in owners.indices {
      let i = owners[r], j = partners[r]
      let (t, c) = focal[i] ? (i, j) : (j, i)
      adjusted[r] = (y[t] + shift(i, t, focalSlopes)) - (y[c] + shift(i, c, nonFocalSlopes))
    }
    if let gaps = terms.covariateGaps {
      for i in unitEffects.indices {
        let slopes = focal[i] ? nonFocalSlopes : focalSlopes
        var s = 0.0
        for c in 0..<q { s += gaps[i * q + c] * slopes[c] }
        unitEffects[i] -= s
      }
    }
  }

  /// The pairs in the original orientation (treated index first), with their weights.
  func pairs(weights: [Double], treatment: [Bool]) -> [AbadieImbensPair] {
    owners.indices.map { r in
      let i = owners[r], j = partners[r]
      return treatment[i]
        ? AbadieImbensPair(treated: i, control: j, weight: weights[r])
        : AbadieImbensPair(treated: j, control: i, weight: weights[r])
    }
  }
}

extension AbadieImbensConditionalVariance {
  /// σ̂²ᵢ for every unit.
  ///
  /// - Parameters:
  ///   - pairEffects: τ_r of every pair row (bias-adjusted when requested).
  ///   - rowWeights: w_r = 1/mᵢ of every row.
  ///   - estimate: τ̂ in the focal orientation.
  ///   - outcome: Y.
  ///   - treatment: Original treatment (the groups for within-group matching).
  ///   - search: The neighbour search (same metric, tolerance and caliper as the effect).
  /// - Returns: One value per unit. With within-group matching a unit whose neighbours the
  ///   caliper removes gets 0, as in Match.
  /// - Complexity: O(rows) for ``homoskedastic``; n within-group queries for
  ///   ``matching(neighbors:)``.
  func unitVariances(
    pairEffects: [Double], rowWeights: [Double], estimate: Double, outcome y: [Double], treatment: [Bool],
    search: AbadieImbensNeighborSearch
  ) -> [Double] {
    switch self {
    case .homoskedastic:
      var numerator = 0.0, denominator = 0.0
      for r in pairEffects.indices {
        let e = pairEffects[r] - estimate
        numerator += e * e * rowWeights[r]
        denominator += rowWeights[r]
      }
      return [Double](repeating: 0.5 * numerator / denominator, count: y.count)
    case .matching(let neighbors):
      return y.indices.map { i in
        guard let found = search.matches(of: i, treatedGroup: treatment[i], count: neighbors) else { return 0 }
        // Match's one-pass variance over the unit and its neighbours, in index order.
        var sum = 0.0, sumSquares = 0.0
        var inserted = false
        func add(_ v: Double) {
          sum += v
          sumSquares += v * v
        }
        for j in found {
          if !inserted, i < j {
            add(y[i])
            inserted = true
          }
          add(y[j])
        }
        if !inserted { add(y[i]) }
        let size = Double(found.count) + 1
        let mean = sum / size, meanSquare = sumSquares / size
        return (meanSquare - mean * mean) * size / (size - 1)
      }
    }
  }
}

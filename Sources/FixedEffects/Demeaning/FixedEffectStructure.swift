import CausalCore

/// The absorbed fixed effects of a model: one integer code per observation and dimension,
/// with the per-dimension sorted layouts the demeaning passes run over.
///
/// Codes of dimension `d` lie in `0..<levelCounts[d]` and every level occurs at least once.
/// Group weight sums (`Σ wᵢ` over each level, or counts when unweighted) are precomputed
/// because every demeaning step divides by them.
struct FixedEffectStructure: Sendable {
  /// Names of the dimensions, e.g. `["firm", "year"]`.
  let names: [String]
  /// `codes[d][i]` is observation i's level in dimension d.
  let codes: [[Int32]]
  /// Number of levels in each dimension.
  let levelCounts: [Int]
  /// Observation weights, or `nil` for unweighted models.
  let weights: [Double]?
  /// `groupWeights[d][g]`: the sum of weights (or count) of level g in dimension d.
  let groupWeights: [NumericBuffer<Double>]
  /// One sorted layout per dimension.
  let layouts: [FixedEffectLayout]
  /// The weights in original order, with a stable address, or `nil`.
  let weightBuffer: NumericBuffer<Double>?

  /// Number of observations.
  var count: Int { codes.first?.count ?? 0 }
  /// Number of dimensions.
  var dimensions: Int { codes.count }

  /// Builds the structure; codes must already be compact (every level used).
  ///
  /// - Complexity: O(n × dimensions²) for the layouts.
  init(names: [String], codes: [[Int32]], levelCounts: [Int], weights: [Double]?) {
    self.names = names
    self.codes = codes
    self.levelCounts = levelCounts
    self.weights = weights
    let build: @Sendable (Int) -> FixedEffectLayout = { d in
      FixedEffectLayout(codes: codes, levelCounts: levelCounts, weights: weights, dimension: d)
    }
    // The closure cannot throw, so the fallback is never taken; it keeps the code total.
    let layouts = (try? ParallelMap.map(codes.count, build)) ?? codes.indices.map(build)
    self.layouts = layouts
    self.weightBuffer = weights.map { NumericBuffer(copying: $0) }
    self.groupWeights = layouts.map { layout in
      let levels = levelCounts[layout.dimension]
      let sums = NumericBuffer<Double>(count: levels, repeating: 0)
      for g in 0..<levels {
        let lo = layout.start.base[g], hi = layout.start.base[g + 1]
        if let w = layout.weights {
          var s = 0.0
          for k in lo..<hi { s += w.base[k] }
          sums.base[g] = s
        } else {
          sums.base[g] = Double(hi - lo)
        }
      }
      return sums
    }
  }

  /// The dimensions ordered by decreasing number of levels (the largest is eliminated exactly
  /// by the Krylov solver and updated first by alternating projections).
  var orderBySize: [Int] { levelCounts.indices.sorted { levelCounts[$0] > levelCounts[$1] } }
}


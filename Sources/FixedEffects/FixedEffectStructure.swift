/// The absorbed fixed effects of a model: one integer code per observation and dimension.
///
/// Codes of dimension `d` lie in `0..<levelCounts[d]` and every level occurs at least once.
/// Group weight sums (`Σ wᵢ` over each level, or counts when unweighted) are precomputed
/// because every demeaning sweep divides by them.
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
  let groupWeights: [[Double]]

  /// Number of observations.
  var count: Int { codes.first?.count ?? 0 }
  /// Number of dimensions.
  var dimensions: Int { codes.count }

  /// Builds the structure; codes must already be compact (every level used).
  init(names: [String], codes: [[Int32]], levelCounts: [Int], weights: [Double]?) {
    self.names = names
    self.codes = codes
    self.levelCounts = levelCounts
    self.weights = weights
    var sums = [[Double]]()
    for d in codes.indices {
      var s = [Double](repeating: 0, count: levelCounts[d])
      codes[d].withUnsafeBufferPointer { c in
        s.withUnsafeMutableBufferPointer { sp in
          if let w = weights {
            w.withUnsafeBufferPointer { wp in
              for i in 0..<c.count { sp[Int(c[i])] += wp[i] }
            }
          } else {
            for i in 0..<c.count { sp[Int(c[i])] += 1 }
          }
        }
      }
      sums.append(s)
    }
    self.groupWeights = sums
  }

  /// The dimensions ordered by decreasing number of levels (the largest is eliminated exactly
  /// by the Krylov solver and updated first by alternating projections).
  var orderBySize: [Int] { levelCounts.indices.sorted { levelCounts[$0] > levelCounts[$1] } }
}

/// Re-codes integer codes so that the used levels are `0..<k`, keeping their relative order.
///
/// - Returns: The new codes and the number of levels used.
/// - Complexity: O(n + levelCount).
func compactCodes(_ codes: [Int32], levelCount: Int) -> (codes: [Int32], levels: Int) {
  var map = [Int32](repeating: -1, count: levelCount)
  for c in codes { map[Int(c)] = 0 }
  var next: Int32 = 0
  for g in 0..<levelCount where map[g] == 0 {
    map[g] = next
    next += 1
  }
  return (codes.map { map[Int($0)] }, Int(next))
}

/// Confidence sets for `θ = lᵀτ_post` under relative magnitudes `Δ^RM(M̄)` by inverting the
/// conditional least-favourable hybrid test over a grid of θ (HonestDiD's
/// `computeConditionalCS_DeltaRM` with `hybrid_flag = "LF"`).
///
/// `Δ^RM(M̄)` bounds every post-period first difference of δ by M̄ times the largest pre-period
/// first difference (the reference period counts as a pre-period with δ = 0). It is the union
/// over which pre-period difference `s` is the largest, and its sign, of the polyhedra
/// `Δ_{s,±}`: each bounds every pre-period difference by that one and every post-period
/// difference by M̄ times it. A value of θ is accepted when the test accepts it for at least
/// one `(s, ±)`; as in HonestDiD, only the moments involving post-period coefficients enter
/// the test ("postPeriodMomentsOnly").
struct RelativeMagnitudeBounds {
  /// `β̂` (pre-periods then post-periods), its covariance (row-major), the number of
  /// pre-periods and the post-period weights `l`.
  let beta: [Double], sigma: [Double], pre: Int, weights: [Double]
  /// The test's size and the seed of the least-favourable critical values.
  let alpha: Double, seed: UInt64

  /// The number of post-periods.
  var post: Int { weights.count }

  /// The rows of `A` for `Δ_{s,±}(M̄)` (HonestDiD's `.create_A_RM`), each `pre + post` long:
  /// `±(δ_{t+1} − δ_t) ≤ c · (sign) (δ_{s} − δ_{s−1})` for every first difference, with `c = 1`
  /// for pre-period differences and `c = M̄` for post-period ones, on the vector with the
  /// reference period (δ = 0) inserted after the pre-periods and then removed. Rows that vanish
  /// (the bounding difference against itself) are dropped.
  ///
  /// - Parameters:
  ///   - s: The bounding pre-period difference, `−(pre − 1) … 0`, in HonestDiD's indexing (0 is
  ///     the difference into the reference period).
  ///   - positive: The sign of the bounding difference.
  /// - Complexity: O((pre + post)²).
  static func constraintRows(pre: Int, post: Int, mbar: Double, s: Int, positive: Bool) -> [[Double]] {
    let total = pre + post + 1
    var bound = [Double](repeating: 0, count: total)
    bound[pre + s - 1] = positive ? -1 : 1
    bound[pre + s] = positive ? 1 : -1
    var rows: [[Double]] = []
    for sign in [1.0, -1.0] {
      for r in 0..<(pre + post) {
        var row = [Double](repeating: 0, count: total)
        row[r] = -sign
        row[r + 1] = sign
        let scale = r < pre ? 1 : mbar
        for j in 0..<total { row[j] -= scale * bound[j] }
        if row.reduce(0, { $0 + $1 * $1 }) > 1e-10 {
          row.remove(at: pre)
          rows.append(row)
        }
      }
    }
    return rows
  }

  /// The tests of every `(s, ±)` at one M̄, on the moments involving post-period coefficients.
  ///
  /// - Returns: The tests, or `nil` when a moment has zero variance or a critical value cannot
  ///   be simulated.
  /// - Complexity: O(pre × 1,000 linear programs).
  func tests(mbar: Double) -> [ConditionalMomentTest]? {
    var tests: [ConditionalMomentTest] = []
    for s in (-(pre - 1))...0 {
      for positive in [true, false] {
        let rows = Self.constraintRows(pre: pre, post: post, mbar: mbar, s: s, positive: positive)
          .filter { row in (pre..<(pre + post)).contains { row[$0] != 0 } }
        guard
          let moments = MomentInequalities(rows: rows, beta: beta, sigma: sigma, pre: pre, weights: weights),
          let test = ConditionalMomentTest(moments: moments, alpha: alpha, seed: seed)
        else { return nil }
        tests.append(test)
      }
    }
    return tests
  }

  /// The confidence set on `grid`: the smallest and largest accepted grid values (HonestDiD's
  /// `min(grid[accept])`, `max(grid[accept])`), or `nil` when none is accepted.
  ///
  /// The set is found by scanning inwards from both ends and stopping at the first accepted
  /// value from each side, which gives the same bounds as testing every grid value; a value is
  /// accepted as soon as one `(s, ±)` accepts it.
  ///
  /// - Returns: The bounds and their grid indices, or `nil`.
  /// - Complexity: O(grid × tests) tests in the worst case.
  static func acceptedRange(grid: [Double], tests: [ConditionalMomentTest]) -> (lower: Int, upper: Int)? {
    func accepted(_ i: Int) -> Bool { tests.contains { !$0.rejects(theta: grid[i]) } }
    guard let lower = grid.indices.first(where: accepted) else { return nil }
    let upper = grid.indices.reversed().first { $0 == lower || accepted($0) } ?? lower
    return (lower, upper)
  }
}

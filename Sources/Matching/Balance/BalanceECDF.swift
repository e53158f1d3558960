/// Differences between the weighted empirical distribution functions of a covariate in the
/// treated and control groups, as MatchIt 4.5.1 reports them ("eCDF Mean", "eCDF Max").
///
/// With weights normalized to sum 1 within each group, F_t(u) = Σ_{treated, xᵢ ≤ u} wᵢ and
/// F_c(u) likewise. Over the distinct values u₁ < … < u_K of the covariate among **all** units
/// (zero-weight units included, so the matched and unmatched tables use the same points),
///
/// - eCDF Max = max_k |F_t(u_k) − F_c(u_k)| (the weighted Kolmogorov–Smirnov statistic),
/// - eCDF Mean = (1/K) Σ_k |F_t(u_k) − F_c(u_k)|.
///
/// MatchIt computes these only for continuous covariates; for binary ones both equal the
/// absolute difference in (weighted) proportions.
struct BalanceECDF {
  /// The unit indices sorted by covariate value, ties in index order.
  let order: [Int]

  /// Sorts the units by a covariate.
  ///
  /// - Complexity: O(n log n).
  init(_ x: [Double]) {
    order = x.indices.sorted { (x[$0], $0) < (x[$1], $1) }
  }

  /// The mean and maximum absolute eCDF difference.
  ///
  /// - Parameters:
  ///   - x: The covariate (the one the order was built from).
  ///   - w: Non-negative weights with a positive sum in each group.
  ///   - treated: Whether each unit is treated.
  /// - Complexity: O(n).
  func statistics(_ x: [Double], _ w: [Double], treated: [Bool]) -> (mean: Double, max: Double) {
    var sumTreated = 0.0
    var sumControl = 0.0
    for i in w.indices {
      if treated[i] { sumTreated += w[i] } else { sumControl += w[i] }
    }
    var running = 0.0
    var total = 0.0
    var largest = 0.0
    var points = 0
    for (k, i) in order.enumerated() {
      running += treated[i] ? w[i] / sumTreated : -w[i] / sumControl
      let last = k + 1 == order.count || x[order[k + 1]] != x[i]
      if last {
        let d = abs(running)
        total += d
        if d > largest || d.isNaN { largest = d }
        points += 1
      }
    }
    return (points > 0 ? total / Double(points) : .nan, largest)
  }
}

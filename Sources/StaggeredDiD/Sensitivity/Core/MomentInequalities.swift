import CausalCore
import LinearAlgebra

/// Moment inequalities `E[A β̂] − (the θ term) ≤ 0` of one restriction set `{δ : A δ ≤ 0}`,
/// normalised by the moments' standard deviations, with the pieces every test of one grid
/// value of θ needs.
///
/// For a target `θ = lᵀτ_post` the coefficients are `β̂ = τ + δ` with `τ_pre = 0`, so
/// `A β̂ − A_post Γ⁻¹ (θ, ν) ∈ {A δ ≤ 0}` for some nuisance `ν` (the post-period effects other
/// than θ, in the basis `Γ` whose first row is `lᵀ`). Each moment is divided by its standard
/// deviation: the test statistic `η = min_ν max_i (yᵢ − Xᵢν)/sdᵢ` and every quantity the
/// conditional test derives from it are unchanged by that scaling (HonestDiD keeps the scale
/// and writes the LP with `η · sd`), and unit scales keep the tiny linear programs well
/// conditioned.
struct MomentInequalities {
  /// Moments (rows kept).
  let count: Int
  /// Nuisance dimension `k` (post periods − 1).
  let nuisance: Int
  /// `A β̂ / sd`.
  let base: [Double]
  /// `A_post Γ⁻¹ e₁ / sd`: how the moments move with θ.
  let slope: [Double]
  /// `A_post Γ⁻¹ [e₂ … e_Q] / sd`, row-major `count × nuisance`.
  let design: [Double]
  /// The moments' correlation matrix, row-major.
  let correlation: [Double]
  /// The moments' standard deviations (HonestDiD's tolerance on the dual vertex is on their
  /// scale).
  let scales: [Double]

  /// Builds the normalised moments of `{δ : A δ ≤ 0}`.
  ///
  /// - Parameters:
  ///   - rows: The rows of `A` (each `pre + post` long), already restricted to the moments used.
  ///   - beta: `β̂`, pre then post.
  ///   - sigma: Its covariance, row-major.
  ///   - pre: Pre-periods.
  ///   - weights: `l` (post-period weights).
  /// - Returns: `nil` when a moment has zero variance (the normalisation is undefined).
  /// - Complexity: O(r p²) for r rows and p = pre + post periods.
  init?(rows: [[Double]], beta: [Double], sigma: [Double], pre: Int, weights: [Double]) {
    let p = beta.count
    let q = weights.count
    let r = rows.count
    // Γ⁻¹ for Γ = [lᵀ; e_j ᵀ (j ≠ j*)], j* the largest |l_j|: first column e_{j*}/l_{j*}, the
    // others e_j − (l_j / l_{j*}) e_{j*}. Any basis with first row lᵀ gives the same test.
    let star = weights.indices.max { abs(weights[$0]) < abs(weights[$1]) } ?? 0
    let others = weights.indices.filter { $0 != star }
    var covarianceRows = [Double](repeating: 0, count: r * p)  // A Σ
    for i in 0..<r {
      for j in 0..<p { covarianceRows[i * p + j] = (0..<p).reduce(0) { $0 + rows[i][$1] * sigma[$1 * p + j] } }
    }
    var variance = [Double](repeating: 0, count: r * r)
    for i in 0..<r {
      for j in 0..<r { variance[i * r + j] = (0..<p).reduce(0) { $0 + covarianceRows[i * p + $1] * rows[j][$1] } }
    }
    let sd = (0..<r).map { variance[$0 * r + $0].squareRoot() }
    guard let largest = sd.max(), largest > 0, sd.allSatisfy({ $0 > 1e-12 * largest }) else { return nil }
    count = r
    nuisance = q - 1
    scales = sd
    base = (0..<r).map { i in (0..<p).reduce(0) { $0 + rows[i][$1] * beta[$1] } / sd[i] }
    slope = (0..<r).map { rows[$0][pre + star] / weights[star] / sd[$0] }
    var design = [Double](repeating: 0, count: r * (q - 1))
    for i in 0..<r {
      for (c, j) in others.enumerated() {
        design[i * (q - 1) + c] = (rows[i][pre + j] - weights[j] / weights[star] * rows[i][pre + star]) / sd[i]
      }
    }
    self.design = design
    correlation = (0..<(r * r)).map { variance[$0] / (sd[$0 / r] * sd[$0 % r]) }
  }

  /// The normalised moments at θ, `(A β̂ − θ A_post Γ⁻¹ e₁) / sd`.
  ///
  /// - Complexity: O(count).
  func moments(at theta: Double) -> [Double] { (0..<count).map { base[$0] - theta * slope[$0] } }

  /// A square-root factor `L` of the correlation matrix (`L Lᵀ = R`, from its eigenvalues
  /// clipped at 0), row-major, for simulating the moments under the null.
  ///
  /// - Complexity: O(count³).
  func correlationRoot() -> [Double]? {
    let r = count
    guard let matrix = try? Matrix(rows: r, columns: r, columnMajor: correlation),
      let eigen = try? SymmetricEigen(matrix)
    else { return nil }
    var root = [Double](repeating: 0, count: r * r)
    for i in 0..<r {
      for j in 0..<r { root[i * r + j] = eigen.vectors[i, j] * max(eigen.values[j], 0).squareRoot() }
    }
    return root
  }

  /// The `1 − κ` quantile (R's type 7) of `statistic` over `draws` simulated normalised moments
  /// `ξ ~ N(0, R)`: the least-favourable critical value of the hybrid test (HonestDiD's
  /// `.compute_least_favorable_cv`, 1,000 draws). The generator restarts at `seed` for every
  /// restriction set, as HonestDiD calls `set.seed(seed)` each time. Draws whose statistic is
  /// not finite (an infeasible program) are left out, as R's `na.rm = TRUE` does.
  ///
  /// - Complexity: O(draws × (count² + cost of `statistic`)).
  func leastFavorableCriticalValue(
    kappa: Double, draws: Int, seed: UInt64, statistic: ([Double]) -> Double?
  ) -> Double? {
    guard let root = correlationRoot() else { return nil }
    let r = count
    var generator = SeededGenerator(seed: seed)
    var values: [Double] = []
    values.reserveCapacity(draws)
    var normals = [Double](repeating: 0, count: r)
    for _ in 0..<draws {
      for i in 0..<r { normals[i] = generator.nextNormal() }
      let xi = (0..<r).map { i in (0..<r).reduce(0) { $0 + root[i * r + $1] * normals[$1] } }
      if let value = statistic(xi), value.isFinite { values.append(value) }
    }
    return Self.typeSevenQuantile(values, 1 - kappa)
  }

  /// R's default (type 7) sample quantile: linear interpolation between order statistics.
  ///
  /// - Complexity: O(n log n).
  static func typeSevenQuantile(_ values: [Double], _ p: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let h = Double(sorted.count - 1) * p
    let low = Int(h.rounded(.down))
    let high = min(low + 1, sorted.count - 1)
    return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
  }
}

import CausalCore
import LinearAlgebra

/// The covariates of a two-stage DiD's first stage, `y ~ covariates | unit + time` on the
/// untreated rows, in Frisch-Waugh-Lovell form.
///
/// Each covariate column `x` is replaced by `x̃ = x − α_u − λ_t`, its residual from the unit and
/// period effects fitted on the untreated rows (the two-way normal equations), on every row.
/// On the untreated rows `x̃` is orthogonal to the effects, so with `G = X̃₀ᵀWX̃₀` (cross
/// products over the untreated rows):
/// - the first stage's coefficients are `β = G⁻¹ X̃₀ᵀW ỹ₀` (`ỹ` the outcome residualised the
///   same way) and every row's first-stage residual is `u₁ = ỹ − x̃ᵀβ`;
/// - for a right-hand side summed over any rows, `Γ = (X₁⁰ᵀWX₁⁰)⁺ X₁ᵀW z` with
///   `X₁ = [X, unit and period dummies]`, a row's fitted value `x₁ᵢᵀΓ` is that of the
///   dummies alone (the two-way solve for `z`) plus `x̃ᵢᵀb` with `b = G⁻¹ X̃ᵀW z`.
///
/// Columns are removed in formula order and reported: a column whose variation on the
/// untreated rows is (up to 1e-10 of its total sum of squares) explained by the effects is
/// absorbed (``DropReason/absorbedByFixedEffects``; a time-constant covariate, or one that is
/// constant on the untreated rows); a column that is a linear combination of earlier kept ones
/// given the effects is collinear (``DropReason/collinear``, the sequential check of the
/// fixed-effects fits, tolerance 1e-10).
///
/// Columns are scaled by powers of two before anything is summed, so that neither the checks
/// nor the cross products depend on their units; the fitted values `x̃ᵀβ` and `x̃ᵀb` do not
/// change with the scale, so it is never undone.
struct FirstStageCovariates: Sendable {
  /// The kept columns, residualised (and scaled), over every row of the sample.
  let columns: [[Double]]
  /// The Cholesky factor of `G = X̃₀ᵀWX̃₀`, or `nil` when no column is kept.
  let gram: Cholesky?
  /// The removed columns, one record each, in formula order.
  let removed: [DropRecord]

  /// Residualises the sample's covariate columns and factors their cross products.
  ///
  /// - Parameters:
  ///   - s: The sample.
  ///   - untreated: The untreated rows, in the order `equations` was set up with.
  ///   - equations: The two-way normal equations of the untreated rows.
  /// - Throws: ``DiDError/nonFiniteNuisance(model:)`` when a two-way solve does not converge;
  ///   ``DiDError/singularCovariates(model:)`` when the kept columns' cross products cannot be
  ///   factored.
  /// - Complexity: O(n) per Gauss-Seidel sweep for each of the p columns; O(n p²) for the
  ///   checks and the cross products.
  init(_ s: TwoStageSample, untreated: [Int], equations: TwoWayNormalEquations) throws(DiDError) {
    var kept: [[Double]] = []
    var reasons = [DropReason?](repeating: nil, count: s.covariateNames.count)
    var candidates: [Int] = []
    let exponents = ColumnScaling.columnExponents(s.covariates)
    for j in s.covariateNames.indices {
      let raw = s.covariates.column(j).map { ColumnScaling.scale($0, by: exponents[j]) }
      guard let residual = equations.residualize(raw, fittingRows: untreated, rowUnits: s.unit, rowPeriods: s.period)
      else {
        throw .nonFiniteNuisance(model: "first-stage covariate \(s.covariateNames[j]) net of the unit and period effects")
      }
      var mean = 0.0
      var total = 0.0
      for i in untreated {
        mean += s.weight[i] * raw[i]
        total += s.weight[i]
      }
      mean /= total
      var centred = 0.0
      var within = 0.0
      for i in untreated {
        centred += s.weight[i] * (raw[i] - mean) * (raw[i] - mean)
        within += s.weight[i] * residual[i] * residual[i]
      }
      if centred == 0 || within <= 1e-10 * centred {
        reasons[j] = .absorbedByFixedEffects
      } else {
        kept.append(residual)
        candidates.append(j)
      }
    }
    let cross = Self.crossProducts(kept, rows: untreated, weights: s.weight)
    let independent = SequentialIndependence.independentColumns(gram: cross, tolerance: 1e-10)
    for (local, j) in candidates.enumerated() where !independent.contains(local) { reasons[j] = .collinear }
    removed = s.covariateNames.indices.compactMap { j in
      reasons[j].map { DropRecord(reason: $0, count: 1, variables: [s.covariateNames[j]]) }
    }
    columns = independent.map { kept[$0] }
    guard !columns.isEmpty else {
      gram = nil
      return
    }
    do {
      gram = try Cholesky(cross.selecting(independent))
    } catch {
      throw .singularCovariates(model: "two-stage DiD first stage (\(error))")
    }
  }

  /// `G⁻¹ Σ_{i ∈ rows} wᵢ x̃ᵢ zᵢ`: the covariates' coefficients for a right-hand side summed
  /// over `rows` (the outcome over the untreated rows, or a second-stage column).
  ///
  /// - Parameters:
  ///   - rows: The rows summed over.
  ///   - weights: Every row's weight.
  ///   - value: `zᵢ` of a row.
  /// - Returns: One coefficient per kept column (none without columns).
  /// - Throws: ``DiDError/singularCovariates(model:)`` when the solve fails.
  /// - Complexity: O(|rows| p + p²).
  func coefficients(rows: [Int], weights: [Double], value: (Int) -> Double) throws(DiDError) -> [Double] {
    guard let gram else { return [] }
    var side = [Double](repeating: 0, count: columns.count)
    for i in rows {
      let z = weights[i] * value(i)
      for j in columns.indices { side[j] += columns[j][i] * z }
    }
    do {
      return try gram.solve(side)
    } catch {
      throw .singularCovariates(model: "two-stage DiD first stage (\(error))")
    }
  }

  /// `x̃ᵢᵀb` for a row.
  ///
  /// - Complexity: O(p).
  func fitted(_ i: Int, _ b: [Double]) -> Double {
    var sum = 0.0
    for j in b.indices { sum += columns[j][i] * b[j] }
    return sum
  }

  /// `X̃₀ᵀWX̃₀` over the given rows.
  private static func crossProducts(_ columns: [[Double]], rows: [Int], weights: [Double]) -> Matrix {
    var out = Matrix(rows: columns.count, columns: columns.count)
    for a in columns.indices {
      for b in a..<columns.count {
        var sum = 0.0
        for i in rows { sum += weights[i] * columns[a][i] * columns[b][i] }
        out[a, b] = sum
        out[b, a] = sum
      }
    }
    return out
  }
}

import CausalCore
import LinearAlgebra

/// A weighted least-squares outcome regression within a subsample of a comparison, with the
/// pieces its influence function needs.
///
/// The coefficients solve `min Σ vᵢ (yᵢ − xᵢᵀβ)²` over the rows with `vᵢ > 0` (a pivoted QR of
/// `√v X`, so the solve does not square the design's condition number); ``fitted`` is `Xβ` over
/// every row, as DRDID predicts each regression for the whole sample. The estimation effect of
/// `β` on an average with derivative `c = ∂/∂β` enters the influence function as
/// `vᵢ eᵢ xᵢᵀ (XᵀVX/n)⁻¹ c` (DRDID's `asy.lin.rep.ols %*% M`), see
/// ``linearRepresentation(_:)``.
struct WeightedRegression {
  /// `Xβ` for every row of the comparison.
  let fitted: [Double]
  /// `vᵢ (yᵢ − xᵢᵀβ)` for every row (zero outside the subsample).
  private let weightedResiduals: [Double]
  /// `(XᵀVX / n)⁻¹`.
  private let inverseGram: Matrix
  /// The covariates.
  private let covariates: Matrix

  /// Fits the regression.
  ///
  /// - Parameters:
  ///   - outcome: The outcome, one per row (rows outside the subsample are not read).
  ///   - covariates: The `n × k` covariates with the intercept first.
  ///   - weights: `vᵢ ≥ 0`, zero for rows outside the subsample.
  ///   - model: The regression's name for errors, e.g. `comparison-group outcome regression`.
  /// - Throws: ``DiDError/singularCovariates(model:)`` when the weighted design of the
  ///   subsample has rank below `k` (too few rows or dependent covariates);
  ///   ``DiDError/nonFiniteNuisance(model:)`` for non-finite coefficients.
  /// - Complexity: O(n k²) time, O(m k) extra memory for the `m` rows of the subsample.
  init(outcome: [Double], covariates: Matrix, weights: [Double], model: String) throws(DiDError) {
    try self.init(
      outcome: outcome, covariates: covariates, weights: weights,
      design: WeightedLeastSquares(covariates: covariates, weights: weights, model: model))
  }

  /// Fits the regression with a factorization of its design (``WeightedLeastSquares``) made for
  /// the same covariates and weights.
  ///
  /// - Throws: What ``WeightedLeastSquares/coefficients(_:)`` throws.
  /// - Complexity: O(n k).
  init(outcome: [Double], covariates: Matrix, weights: [Double], design: WeightedLeastSquares) throws(DiDError) {
    let beta = try design.coefficients(outcome)
    self.fitted = covariates.rowProducts(beta)
    self.inverseGram = design.inverseGram
    self.covariates = covariates
    var residuals = [Double](repeating: 0, count: covariates.rows)
    for i in design.rows { residuals[i] = weights[i] * (outcome[i] - fitted[i]) }
    self.weightedResiduals = residuals
  }

  /// `vᵢ eᵢ xᵢᵀ (XᵀVX/n)⁻¹ c` for every row: the regression's estimation effect on an average
  /// whose derivative with respect to the coefficients is `direction`.
  ///
  /// - Parameter direction: `c`, length `k`.
  /// - Returns: One value per row (zero outside the subsample).
  /// - Complexity: O(n k).
  func linearRepresentation(_ direction: [Double]) -> [Double] {
    let a = inverseGram.symmetricProduct(direction)
    let projected = covariates.rowProducts(a)
    return zip(weightedResiduals, projected).map { $0 * $1 }
  }
}

extension WeightedRegression {
  /// Adds `scale ×` ``linearRepresentation(_:)`` to `out`, in place (no temporary vectors).
  ///
  /// - Complexity: O(n k).
  func addLinearRepresentation(_ direction: [Double], scale: Double, to out: inout [Double]) {
    covariates.addScaledProjection(inverseGram.symmetricProduct(direction), factors: weightedResiduals, scale: scale, to: &out)
  }
}

extension Matrix {
  /// `self × v` for a small square matrix, by a plain loop (no BLAS call overhead).
  ///
  /// - Complexity: O(k²).
  func symmetricProduct(_ v: [Double]) -> [Double] {
    let k = columns
    var out = [Double](repeating: 0, count: rows)
    for j in 0..<k where v[j] != 0 {
      for i in 0..<rows { out[i] += elements[i + j * rows] * v[j] }
    }
    return out
  }

  /// `out[i] += scale × factors[i] × (row i · a)` for every row, in one pass.
  ///
  /// - Complexity: O(rows × columns).
  func addScaledProjection(_ a: [Double], factors: [Double], scale: Double, to out: inout [Double]) {
    let n = rows, k = columns
    elements.withUnsafeBufferPointer { x in
      for i in 0..<n where factors[i] != 0 {
        var dot = 0.0
        for j in 0..<k { dot += x[i + j * n] * a[j] }
        out[i] += scale * factors[i] * dot
      }
    }
  }
}

import CausalCore
import Foundation
import LinearAlgebra

/// The factorization of a weighted least-squares regression, which depends only on the
/// covariates and weights: comparisons with the same design (the cells of one cohort with
/// time-invariant covariates) share it, and each solves for its own outcome.
///
/// The coefficients solve `min Σ vᵢ (yᵢ − xᵢᵀβ)²` over the rows with `vᵢ > 0`, by a pivoted QR
/// of `√v X` (the solve does not square the design's condition number).
///
/// LAPACK's `dormqr`, which applies `Qᵀ` to each outcome, writes into the factors while it runs
/// (and restores them), so comparisons that share a factorization solve one at a time.
struct WeightedLeastSquares: Sendable {
  /// The rows with `vᵢ > 0`, ascending.
  let rows: [Int]
  /// `√vᵢ` for each of ``rows``.
  let roots: [Double]
  /// The pivoted QR of `√v X` over ``rows``.
  let factorization: PivotedQR
  /// `(XᵀVX / n)⁻¹` for the `n` rows of the comparison.
  let inverseGram: Matrix
  /// The regression's name for errors.
  let model: String
  /// Serializes the solves on the shared factors.
  private let lock = SolveLock()

  /// Factors the design.
  ///
  /// - Parameters:
  ///   - covariates: The `n × k` covariates with the intercept first.
  ///   - weights: `vᵢ ≥ 0`, zero for rows outside the subsample.
  ///   - model: The regression's name for errors, e.g. `comparison-group outcome regression`.
  /// - Throws: ``DiDError/singularCovariates(model:)`` when the weighted design of the
  ///   subsample has rank below `k` (too few rows or dependent covariates).
  /// - Complexity: O(m k²) time and O(m k) memory for the `m` rows of the subsample.
  init(covariates: Matrix, weights: [Double], model: String) throws(DiDError) {
    let n = covariates.rows, k = covariates.columns
    var rows: [Int] = []
    rows.reserveCapacity(n)
    for i in 0..<n where weights[i] > 0 { rows.append(i) }
    guard rows.count >= k else { throw .singularCovariates(model: model) }
    let m = rows.count
    var scaled = [Double](repeating: 0, count: m * k)
    var roots = [Double](repeating: 0, count: m)
    covariates.elements.withUnsafeBufferPointer { x in
      for (r, i) in rows.enumerated() {
        let root = weights[i].squareRoot()
        roots[r] = root
        for j in 0..<k { scaled[r + j * m] = root * x[i + j * n] }
      }
    }
    do {
      let qr = try PivotedQR(Matrix(uncheckedRows: m, columns: k, elements: scaled))
      guard qr.rank == k else { throw DiDError.singularCovariates(model: model) }
      self.inverseGram = Double(n) * (try qr.inverseGram())
      self.factorization = qr
    } catch let error as DiDError {
      throw error
    } catch {
      throw .singularCovariates(model: model)
    }
    self.rows = rows
    self.roots = roots
    self.model = model
  }

  /// The coefficients for an outcome.
  ///
  /// - Parameter outcome: One value per row of the comparison (rows outside the subsample are
  ///   not read).
  /// - Throws: ``DiDError/singularCovariates(model:)`` when the solve fails;
  ///   ``DiDError/nonFiniteNuisance(model:)`` for non-finite coefficients.
  /// - Complexity: O(m k).
  func coefficients(_ outcome: [Double]) throws(DiDError) -> [Double] {
    var response = [Double](repeating: 0, count: rows.count)
    for (r, i) in rows.enumerated() { response[r] = roots[r] * outcome[i] }
    let beta: [Double]
    lock.lock.lock()
    defer { lock.lock.unlock() }
    do { beta = try factorization.leastSquares(response) } catch { throw .singularCovariates(model: model) }
    guard beta.allSatisfy(\.isFinite) else { throw .nonFiniteNuisance(model: model) }
    return beta
  }
}

/// A lock that a `Sendable` value can hold.
private final class SolveLock: Sendable {
  let lock = NSLock()
}

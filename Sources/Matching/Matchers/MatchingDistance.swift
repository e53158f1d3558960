import LinearAlgebra

/// How the distance between a focal unit and a candidate match is measured.
///
/// Matching works on plain arrays, so it does not depend on how a score was estimated: pass the
/// fitted propensity scores (or their logits) of any model.
public enum MatchingDistance: Sendable, Equatable {
  /// The absolute difference of a one-dimensional score, `|d_t − d_c|`: a propensity score, its
  /// logit (linear predictor), or any other scalar. The score also sets the matching order,
  /// the caliper and the common-support rule. Matching on it without replacement runs in
  /// O(n log n) time and O(n) memory (no treated × control matrix is formed).
  case score([Double])
  /// The Mahalanobis distance on `covariates` (one row per unit, one column per variable), with
  /// MatchIt 4.5.1's covariance: the **pooled within-group** covariance, computed over the
  /// units that are not discarded after centring each column on its treatment-group mean,
  /// `S = Σ_g Σ_{i∈g} (x_i − x̄_g)(x_i − x̄_g)ᵀ / (n − 2)`; see `MahalanobisTransform`.
  ///
  /// `score`, when given, plays MatchIt's propensity-score role alongside `mahvars`: it orders
  /// the focal units (`.largest` / `.smallest`), defines the caliper and the common-support
  /// rule. Without it the matching order must be `.data` or `.random` and no caliper or
  /// discard can be used.
  case mahalanobis(covariates: Matrix, score: [Double]?)

  /// The Mahalanobis distance on covariates given as columns (one array per variable, one
  /// value per unit), for callers that do not build a `Matrix` themselves.
  ///
  /// - Parameters:
  ///   - covariateColumns: The covariates, one array per variable; all of the same length.
  ///   - score: The optional score for order, caliper and discard (see
  ///     ``mahalanobis(covariates:score:)``).
  /// - Returns: `.mahalanobis(covariates:score:)` with the columns as a matrix.
  /// - Throws: `DataError.lengthMismatch` when the columns differ
  ///   in length.
  /// - Complexity: O(n · p).
  public static func mahalanobis(
    covariateColumns: [[Double]], score: [Double]?
  ) throws -> MatchingDistance {
    let n = covariateColumns.first?.count ?? 0
    for (j, column) in covariateColumns.enumerated() where column.count != n {
      throw DataError.lengthMismatch(column: "Covariate column \(j)", expected: n, found: column.count)
    }
    let matrix: Matrix
    do {
      matrix = try Matrix(columns: covariateColumns)
    } catch {
      // Unreachable after the length check above; reported rather than trapped.
      throw MatchingError.covarianceFailure(detail: error.description)
    }
    return .mahalanobis(covariates: matrix, score: score)
  }

  /// The one-dimensional score, if any.
  var score: [Double]? {
    switch self {
    case .score(let s): return s
    case .mahalanobis(_, let s): return s
    }
  }
}

import LinearAlgebra

/// Sequential collinearity check in column order (the convention of fixest and of CausalKit's
/// FixedEffects module): a column is kept when its residual sum of squares after projection on
/// the earlier kept columns exceeds `tolerance` times its own sum of squares.
///
/// The check runs on the cross products `XᵀW₀X` of the first IRLS pass (prior weights times the
/// working weights at R's starting values, all positive: collinearity does not depend on
/// positive weights, and for an unweighted logit `W₀` is the constant 3/16), by a Cholesky
/// factorization that skips columns instead of failing.
enum CollinearityCheck {
  /// Default relative tolerance.
  static let tolerance = 1e-10

  /// The indices of the kept columns, ascending.
  ///
  /// - Complexity: O(k³) given the k × k cross products.
  static func independentColumns(gram: Matrix, tolerance: Double = tolerance) -> [Int] {
    SequentialIndependence.independentColumns(gram: gram, tolerance: tolerance)
  }
}

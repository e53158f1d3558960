import LinearAlgebra

/// A variance-covariance matrix with the names of the terms it belongs to.
public struct TermVariance: Sendable, Equatable {
  /// Term names, in the order of the matrix rows and columns.
  public var terms: [String]
  /// The symmetric variance matrix.
  public var matrix: Matrix

  /// Creates a named variance matrix.
  ///
  /// - Throws: `LinearAlgebraError/dimensionMismatch(operation:expected:actual:)` when the
  ///   matrix is not square with one row per term.
  public init(terms: [String], matrix: Matrix) throws(LinearAlgebraError) {
    guard matrix.rows == terms.count, matrix.columns == terms.count else {
      throw .dimensionMismatch(
        operation: "TermVariance", expected: "\(terms.count)×\(terms.count)",
        actual: "\(matrix.rows)×\(matrix.columns)")
    }
    self.terms = terms
    self.matrix = matrix
  }

  /// The variance of one term, or `nil` when the term is unknown.
  public func variance(of term: String) -> Double? {
    terms.firstIndex(of: term).map { matrix[$0, $0] }
  }

  /// The standard errors, in term order.
  public var standardErrors: [Double] { matrix.diagonal.map { $0 > 0 ? $0.squareRoot() : 0 } }
}

import LinearAlgebra

/// A variance-covariance matrix with the names of the terms it belongs to.
///
/// Encoded as `{"terms": [...], "matrix": [[...], ...]}` (rows of the matrix, non-finite entries
/// as `null`).
public struct TermVariance: Sendable, Equatable, Codable {
  /// Term names, in the order of the matrix rows and columns.
  public let terms: [String]
  /// The symmetric variance matrix.
  public let matrix: Matrix

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

  /// The covariance of two terms, or `nil` when either is unknown.
  public func covariance(_ a: String, _ b: String) -> Double? {
    guard let i = terms.firstIndex(of: a), let j = terms.firstIndex(of: b) else { return nil }
    return matrix[i, j]
  }

  /// The standard errors, in term order.
  public var standardErrors: [Double] { matrix.diagonal.map { $0 > 0 ? $0.squareRoot() : 0 } }

  /// The matrix as rows.
  public var rows: [[Double]] { (0..<matrix.rows).map { i in (0..<matrix.columns).map { matrix[i, $0] } } }

  enum CodingKeys: String, CodingKey { case terms, matrix }

  /// Encodes the terms and the matrix rows.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [.value(.terms, terms), .numberRows(.matrix, rows)])
  }


  /// Decodes terms and matrix rows.
  ///
  /// - Throws: `DecodingError.dataCorrupted` when the matrix is not square with one row per
  ///   term.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let terms: [String] = try c.value(.terms)
    let rows = try c.numberRows(.matrix)

    guard rows.count == terms.count, rows.allSatisfy({ $0.count == terms.count }) else {
      throw DecodingError.dataCorruptedError(
        forKey: .matrix, in: c, debugDescription: "the matrix must be \(terms.count)×\(terms.count)")
    }
    var m = Matrix(rows: terms.count, columns: terms.count)
    for i in rows.indices { for j in rows[i].indices { m[i, j] = rows[i][j] } }
    self.terms = terms
    self.matrix = m
  }
}

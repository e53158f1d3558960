/// A dense, column-major matrix of `Double` values.
///
/// `Matrix` is a value type. Its elements live in a Swift `Array`, which is copy-on-write:
/// copying a matrix is O(1) and the elements are duplicated only when one copy is mutated
/// while the other is still alive. The layout matches LAPACK's (column-major, leading dimension
/// equal to ``rows``), so factorizations hand the buffer to Fortran without copying.
///
/// ```swift
/// var a = Matrix(rows: 2, columns: 2, columnMajor: [4, 1, 1, 3])
/// a[0, 1] = 2
/// let g = a.gram()          // AᵀA
/// ```
///
/// See also ``PivotedQR``, ``Cholesky``, ``SymmetricEigen``.
public struct Matrix: Sendable, Equatable, CustomStringConvertible {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// The elements in column-major order: element (i, j) is at `i + j * rows`.
  public var elements: [Double]

  /// Creates a matrix filled with one value.
  ///
  /// - Parameters:
  ///   - rows: Number of rows (non-negative).
  ///   - columns: Number of columns (non-negative).
  ///   - value: The value of every element; zero by default.
  /// - Complexity: O(rows × columns).
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    self.rows = max(rows, 0)
    self.columns = max(columns, 0)
    self.elements = Array(repeating: value, count: self.rows * self.columns)
  }

  /// Creates a matrix from elements already in column-major order.
  ///
  /// - Parameters:
  ///   - rows: Number of rows.
  ///   - columns: Number of columns.
  ///   - columnMajor: `rows * columns` elements, column after column.
  /// - Throws: `LinearAlgebraError/dimensionMismatch(operation:expected:actual:)` when the
  ///   element count is not `rows * columns`.
  /// - Complexity: O(1) beyond the array's own copy-on-write.
  public init(rows: Int, columns: Int, columnMajor: [Double]) throws(LinearAlgebraError) {
    guard rows >= 0, columns >= 0, columnMajor.count == rows * columns else {
      throw .dimensionMismatch(
        operation: "Matrix(rows:columns:columnMajor:)", expected: "\(rows * columns) elements",
        actual: "\(columnMajor.count) elements")
    }
    self.rows = rows
    self.columns = columns
    self.elements = columnMajor
  }

  /// Creates a matrix whose columns are the given arrays.
  ///
  /// - Parameter columns: The columns; all must have the same length.
  /// - Throws: `LinearAlgebraError/dimensionMismatch(operation:expected:actual:)` when the
  ///   columns differ in length.
  /// - Complexity: O(total elements).
  public init(columns: [[Double]]) throws(LinearAlgebraError) {
    let n = columns.first?.count ?? 0
    var storage = [Double]()
    storage.reserveCapacity(n * columns.count)
    for (j, column) in columns.enumerated() {
      guard column.count == n else {
        throw .dimensionMismatch(
          operation: "Matrix(columns:)", expected: "\(n) rows in column \(j)",
          actual: "\(column.count) rows")
      }
      storage.append(contentsOf: column)
    }
    self.rows = n
    self.columns = columns.count
    self.elements = storage
  }

  /// The n × n identity matrix.
  ///
  /// - Parameter n: The order.
  /// - Complexity: O(n²).
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<max(n, 0) { m.elements[i + i * n] = 1 }
    return m
  }

  /// A diagonal matrix with the given diagonal.
  ///
  /// - Parameter diagonal: The diagonal elements.
  /// - Complexity: O(n²).
  public static func diagonal(_ diagonal: [Double]) -> Matrix {
    let n = diagonal.count
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.elements[i + i * n] = diagonal[i] }
    return m
  }

  /// Reads or writes element (row, column). Indices are checked by the array.
  ///
  /// - Complexity: O(1).
  @inlinable
  public subscript(row: Int, column: Int) -> Double {
    get { elements[row + column * rows] }
    set { elements[row + column * rows] = newValue }
  }

  /// A copy of column `j`.
  ///
  /// - Complexity: O(rows).
  public func column(_ j: Int) -> [Double] {
    Array(elements[(j * rows)..<((j + 1) * rows)])
  }

  /// The main diagonal.
  ///
  /// - Complexity: O(min(rows, columns)).
  public var diagonal: [Double] {
    (0..<min(rows, columns)).map { elements[$0 + $0 * rows] }
  }

  /// The transpose.
  ///
  /// - Complexity: O(rows × columns).
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for j in 0..<columns {
      for i in 0..<rows { t.elements[j + i * columns] = elements[i + j * rows] }
    }
    return t
  }

  /// The sub-matrix made of the given columns, in the given order.
  ///
  /// - Parameter indices: Column indices, each in `0..<columns`.
  /// - Complexity: O(rows × indices.count).
  public func selectingColumns(_ indices: [Int]) -> Matrix {
    var out = [Double]()
    out.reserveCapacity(rows * indices.count)
    for j in indices { out.append(contentsOf: elements[(j * rows)..<((j + 1) * rows)]) }
    return Matrix(uncheckedRows: rows, columns: indices.count, elements: out)
  }

  /// The square sub-matrix at the given row and column indices.
  ///
  /// - Parameter indices: Indices into both rows and columns.
  /// - Complexity: O(indices.count²).
  public func selecting(_ indices: [Int]) -> Matrix {
    var m = Matrix(rows: indices.count, columns: indices.count)
    for (b, j) in indices.enumerated() {
      for (a, i) in indices.enumerated() { m.elements[a + b * indices.count] = self[i, j] }
    }
    return m
  }

  /// Rows and columns printed with six significant digits, for debugging.
  public var description: String {
    (0..<rows).map { i in
      (0..<columns).map { j in String(format6: self[i, j]) }.joined(separator: " ")
    }.joined(separator: "\n")
  }

  /// Internal initializer that skips the size check.
  @usableFromInline
  package init(uncheckedRows rows: Int, columns: Int, elements: [Double]) {
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }
}

extension String {
  fileprivate init(format6 value: Double) {
    let magnitude = abs(value)
    if magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e6) {
      self = "\(Double(Float(value)))"
    } else {
      self = "\((value * 1e6).rounded() / 1e6)"
    }
  }
}

extension Matrix {
  /// The matrix restricted to the given rows, in the given order.
  ///
  /// - Parameter indices: Row indices, each in `0..<rows`.
  /// - Complexity: O(indices.count × columns).
  public func selectingRows(_ indices: [Int]) -> Matrix {
    var out = [Double]()
    out.reserveCapacity(indices.count * columns)
    for j in 0..<columns {
      let base = j * rows
      for i in indices { out.append(elements[base + i]) }
    }
    return Matrix(uncheckedRows: indices.count, columns: columns, elements: out)
  }
}

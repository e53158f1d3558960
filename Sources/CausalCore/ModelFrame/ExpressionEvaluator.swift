import Foundation

/// Evaluates formula expressions over all rows of a table, element by element.
///
/// Missing inputs (NaN) propagate to NaN; results that are not finite are left as they are, and
/// the model frame drops those rows.
struct ExpressionEvaluator {
  /// The data.
  let data: DataTable

  /// A scalar or one value per row.
  enum Values {
    case scalar(Double)
    case vector([Double])
  }

  /// The values of a numeric column as doubles (bool as 0/1, missing as NaN).
  ///
  /// - Parameters:
  ///   - name: The column name.
  ///   - use: How the column is used, for the error message (e.g. "the response").
  /// - Throws: `DataError/unknownColumn(name:suggestions:)` or
  ///   `DataError/typeMismatch(column:expected:found:)` for a text column.
  func numericColumn(_ name: String, use: String) throws(DataError) -> [Double] {
    let column = try data.column(named: name)
    if column.kind == .categorical {
      throw .typeMismatch(column: name, expected: "a numeric column (\(use))", found: "text (categorical)")
    }
    return try column.doubles()
  }

  /// Evaluates an expression to one value per row.
  ///
  /// - Parameters:
  ///   - expression: The expression.
  ///   - use: How the expression is used, for error messages.
  /// - Throws: `DataError` for an unknown or text column.
  /// - Complexity: O(rows × size of the expression).
  func evaluate(_ expression: FormulaExpression, use: String) throws(DataError) -> [Double] {
    switch try values(of: expression, use: use) {
    case .vector(let v): return v
    case .scalar(let s): return [Double](repeating: s, count: data.rowCount)
    }
  }

  func values(of expression: FormulaExpression, use: String) throws(DataError) -> Values {
    switch expression {
    case .column(let name):
      return .vector(try numericColumn(name, use: use))
    case .number(let v):
      return .scalar(v)
    case .parenthesized(let e):
      return try values(of: e, use: use)
    case .negation(let e):
      return Self.map(try values(of: e, use: use)) { -$0 }
    case .function(let f, let e):
      let x = try values(of: e, use: use)
      switch f {
      case .log: return Self.map(x) { Foundation.log($0) }
      case .log1p: return Self.map(x) { Foundation.log1p($0) }
      case .exp: return Self.map(x) { Foundation.exp($0) }
      case .sqrt: return Self.map(x) { $0.squareRoot() }
      case .abs: return Self.map(x) { Swift.abs($0) }
      case .identity: return x
      }
    case .binary(let op, let a, let b):
      let x = try values(of: a, use: use)
      let y = try values(of: b, use: use)
      switch op {
      case .add: return Self.combine(x, y) { $0 + $1 }
      case .subtract: return Self.combine(x, y) { $0 - $1 }
      case .multiply: return Self.combine(x, y) { $0 * $1 }
      case .divide: return Self.combine(x, y) { $0 / $1 }
      case .power:
        if case .scalar(2) = y { return Self.map(x) { $0 * $0 } }
        return Self.combine(x, y) { Foundation.pow($0, $1) }
      }
    }
  }

  /// Applies a function to every value.
  static func map(_ x: Values, _ f: (Double) -> Double) -> Values {
    switch x {
    case .scalar(let s): return .scalar(f(s))
    case .vector(let v): return .vector(apply(v, f))
    }
  }

  static func apply(_ v: [Double], _ f: (Double) -> Double) -> [Double] {
    [Double](zeroSafeUninitializedCapacity: v.count) { out, count in
      v.withUnsafeBufferPointer { src in
        for i in 0..<src.count { out[i] = f(src[i]) }
      }
      count = v.count
    }
  }

  /// Applies a binary function element by element, broadcasting scalars.
  static func combine(_ x: Values, _ y: Values, _ f: (Double, Double) -> Double) -> Values {
    switch (x, y) {
    case (.scalar(let a), .scalar(let b)):
      return .scalar(f(a, b))
    case (.vector(let a), .scalar(let b)):
      return .vector(apply(a) { f($0, b) })
    case (.scalar(let a), .vector(let b)):
      return .vector(apply(b) { f(a, $0) })
    case (.vector(let a), .vector(let b)):
      let n = min(a.count, b.count)
      return .vector(
        [Double](zeroSafeUninitializedCapacity: n) { out, count in
          a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
              for i in 0..<n { out[i] = f(pa[i], pb[i]) }
            }
          }
          count = n
        })
    }
  }
}

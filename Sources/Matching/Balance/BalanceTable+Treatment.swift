import CausalCore

extension BalanceTable {
  /// Reads a treatment indicator from a column: `true`/`false` for a logical column, 1/0 for a
  /// numeric one (as MatchIt's `treat`).
  ///
  /// - Parameters:
  ///   - column: The column name.
  ///   - data: The table.
  /// - Returns: `true` for treated rows.
  /// - Throws: `DataError.unknownColumn` for an unknown column;
  ///   ``MatchingError/invalidTreatment(column:row:value:)`` for a text column, a missing value,
  ///   or a number other than 0 and 1.
  /// - Complexity: O(n).
  public static func treatment(column: String, in data: DataTable) throws -> [Bool] {
    let c = try data.column(named: column)
    if case .categorical = c.storage {
      throw MatchingError.invalidTreatment(column: column, row: 0, value: "text (\(c.text(at: 0) ?? "NA"))")
    }
    let values = try c.doubles()
    var out = [Bool](repeating: false, count: values.count)
    for (i, v) in values.enumerated() {
      guard v == 0 || v == 1 else {
        throw MatchingError.invalidTreatment(column: column, row: i, value: v.isNaN ? "a missing value" : "\(v)")
      }
      out[i] = v == 1
    }
    return out
  }
}

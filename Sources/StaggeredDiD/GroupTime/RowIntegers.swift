import CausalCore

/// The whole-number values of an integer column (periods or cohorts) over the model frame's
/// rows, coded (``IntegerCoding``).
struct RowIntegers: Sendable {
  /// The distinct values and each frame row's code.
  let coding: IntegerCoding

  /// Reads and codes a column over the frame's rows.
  ///
  /// - Parameters:
  ///   - data: The table.
  ///   - name: The column.
  ///   - rows: The table row of each frame row, or `nil` when the frame kept every row.
  ///   - error: The error for a value that is not a whole number (or beyond ±10¹⁵, ±10¹⁸ in an
  ///     integer column), for the first such row.
  /// - Throws: That error, or the data error of a column that is not numeric.
  /// - Complexity: O(n + range) (O(n log n) for a wide range); an integer column with every row
  ///   kept is coded without a copy.
  init(_ data: DataTable, _ name: String, rows: [Int]?, error: (Double) -> DiDError) throws(DiDError) {
    let column: Column
    do { column = try data.column(named: name) } catch { throw .data(error) }
    if case .int(let values) = column.storage {
      // The model frame's rows are complete in this column.
      let limit = 1_000_000_000_000_000_000
      if let rows {
        var out = [Int](repeating: 0, count: rows.count)
        for (i, r) in rows.enumerated() {
          guard values[r] > -limit, values[r] < limit else { throw error(Double(values[r])) }
          out[i] = values[r]
        }
        coding = IntegerCoding(out)
      } else {
        if let bad = values.first(where: { $0 <= -limit || $0 >= limit }) { throw error(Double(bad)) }
        coding = IntegerCoding(values.wideArray)
      }
      return
    }
    let values: [Double]
    do { values = try column.doubles() } catch { throw .data(error) }
    var out = [Int]()
    out.reserveCapacity(rows?.count ?? values.count)
    for i in 0..<(rows?.count ?? values.count) {
      let v = values[rows?[i] ?? i]
      guard v.rounded() == v, abs(v) < 1e15 else { throw error(v) }
      out.append(Int(v))
    }
    coding = IntegerCoding(out)
  }

  /// The first negative value in row order, or `nil`.
  ///
  /// - Complexity: O(1) without negative values, else O(n).
  func firstNegative() -> Int? {
    guard let lowest = coding.values.first, lowest < 0 else { return nil }
    let negative = Int32(coding.values.firstIndex { $0 >= 0 } ?? coding.values.count)
    return coding.codes.first { $0 < negative }.map { coding.values[Int($0)] }
  }
}

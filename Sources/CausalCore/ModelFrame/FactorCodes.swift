/// A discrete variable coded as compact integers: a fixed effect or a cluster variable.
///
/// Codes are in `0..<levelCount`, numbered in ascending order of the distinct values
/// (numeric order for numbers, `false` before `true`, string order for text), and ``labels``
/// holds the value of each code as text (integral numbers without a decimal point, `TRUE` and
/// `FALSE` for logicals, the level for text).
///
/// ```swift
/// let firm = Column(name: "firm", ints: [30, 10, 30, 20])
/// let codes = try FactorCodes(column: firm)
/// codes.codes    // [2, 0, 2, 1]
/// codes.labels   // ["10", "20", "30"]
/// ```
///
/// Integer data whose range is small (max - min < 4 × rows) is coded in O(n) with a direct
/// lookup table; other data by sorting the distinct values, O(n log n). No hashing is used.
public struct FactorCodes: Sendable, Equatable {
  /// The variable's name; for combined fixed effects the names joined by `^` (`fe3^fe4`).
  public var name: String
  /// One code per observation, each in `0..<levelCount`.
  public var codes: [Int32]
  /// The number of distinct levels.
  public var levelCount: Int
  /// The label of each level, indexed by code.
  public var labels: [String]

  /// Creates factor codes from parts.
  ///
  /// - Parameters:
  ///   - name: The variable's name.
  ///   - codes: Codes in `0..<labels.count`.
  ///   - labels: One label per level.
  /// - Throws: `DataError/invalidValues(column:reason:)` when a code is out of range.
  /// - Complexity: O(codes.count).
  public init(name: String, codes: [Int32], labels: [String]) throws(DataError) {
    let count = Int32(clamping: labels.count)
    if let bad = codes.first(where: { $0 < 0 || $0 >= count }) {
      throw .invalidValues(column: name, reason: "code \(bad) is outside 0..<\(labels.count)")
    }
    self.name = name
    self.codes = codes
    self.levelCount = labels.count
    self.labels = labels
  }

  /// Codes the values of a column, optionally restricted to some rows.
  ///
  /// Estimators use this to build cluster codes from any column over the rows they kept.
  ///
  /// - Parameters:
  ///   - name: The name to give the codes; defaults to the column's name.
  ///   - column: A column of any kind.
  ///   - rows: The rows to code, in order (for example ``ModelFrame/rowIndices``); `nil` for
  ///     all rows. Only levels present in these rows are numbered.
  /// - Throws: `DataError/invalidValues(column:reason:)` when a selected row is missing (or
  ///   not finite) or a row index is out of range.
  /// - Complexity: O(n + range) for integer data with range < 4n, O(n log n) otherwise.
  public init(name: String? = nil, column: Column, rows: [Int]? = nil) throws(DataError) {
    let coding = try FactorCoder.code(column, rows: rows)
    self.name = name ?? column.name
    self.codes = coding.codes
    self.levelCount = coding.labels.count
    self.labels = coding.labels
  }

  /// Combines factors into one with a level per observed combination of levels, as `a^b` in a
  /// formula.
  ///
  /// Levels are numbered in ascending order of the combination (first factor first), and
  /// labeled by the parts' labels joined with `_` (fixest's convention, e.g. `3_1990`).
  ///
  /// - Parameters:
  ///   - factors: One or more factors of equal length.
  ///   - name: The name; defaults to the factors' names joined by `^`.
  /// - Throws: `DataError/lengthMismatch(column:expected:found:)` when lengths differ, or
  ///   `DataError/noObservations(reason:)` when `factors` is empty.
  /// - Complexity: O(n) with a lookup table when the product of level counts is below 4n,
  ///   O(n log n) otherwise.
  public init(combining factors: [FactorCodes], name: String? = nil) throws(DataError) {
    guard var combined = factors.first else {
      throw .noObservations(reason: "no factors to combine")
    }
    for next in factors.dropFirst() {
      guard next.codes.count == combined.codes.count else {
        throw .lengthMismatch(column: next.name, expected: combined.codes.count, found: next.codes.count)
      }
      combined = Self.pair(combined, next)
    }
    combined.name = name ?? factors.map(\.name).joined(separator: "^")
    self = combined
  }

  /// Combines two factors.
  static func pair(_ a: FactorCodes, _ b: FactorCodes) -> FactorCodes {
    let n = a.codes.count
    let width = max(b.levelCount, 1)
    let keys = [Int](zeroSafeUninitializedCapacity: n) { out, count in
      a.codes.withUnsafeBufferPointer { ca in
        b.codes.withUnsafeBufferPointer { cb in
          for i in 0..<n { out[i] = Int(ca[i]) &* width &+ Int(cb[i]) }
        }
      }
      count = n
    }
    let (codes, distinct) = FactorCoder.codeIntegers(keys)
    let labels = distinct.map { key in a.labels[key / width] + "_" + b.labels[key % width] }
    return FactorCodes(unchecked: a.name + "^" + b.name, codes: codes, labels: labels)
  }

  /// Creates codes known to be valid.
  init(unchecked name: String, codes: [Int32], labels: [String]) {
    self.name = name
    self.codes = codes
    self.levelCount = labels.count
    self.labels = labels
  }
}

/// One named, typed column of a ``DataTable``, with missing values.
///
/// A column stores its values in a Swift array (copy-on-write), so tables can be copied and
/// filtered cheaply. Four kinds exist:
///
/// - `double`: 64-bit floating point; a missing value is stored as NaN.
/// - `int`: 64-bit integers, stored in 32 bits when every value fits (``IntegerValues``);
///   missing entries are flagged in ``missing``.
/// - `bool`: `true`/`false`; missing entries are flagged in ``missing``.
/// - `categorical`: strings stored as integer codes into a level list sorted in ascending
///   (Unicode code point) order (columns made with ``init(name:codes:orderedLevels:)``, such
///   as Stata variables with value labels, keep their own order); a missing value has code
///   `-1`. The first level is the reference level when the column is expanded to dummies.
///
/// ```swift
/// let region = Column(name: "region", strings: ["north", "south", nil, "north"])
/// region.levels            // ["north", "south"]
/// region.missingCount      // 1
/// ```
public struct Column: Sendable, Equatable {
  /// The storage of a column's values.
  public enum Storage: Sendable, Equatable {
    /// Floating-point values; NaN marks a missing value.
    case double([Double])
    /// Integer values (stored in 32 bits when they fit); missing entries are flagged in
    /// ``Column/missing``.
    case int(IntegerValues)
    /// Logical values; missing entries are flagged in ``Column/missing``.
    case bool([Bool])
    /// Codes into `levels` (sorted ascending, unless made with
    /// ``Column/init(name:codes:orderedLevels:)``); `-1` marks a missing value.
    case categorical(codes: [Int32], levels: [String])
  }

  /// The kind of a column, without its values.
  public enum Kind: String, Sendable, Equatable, Codable {
    /// Floating point.
    case double
    /// Integers.
    case int
    /// Logical values.
    case bool
    /// Text stored as level codes.
    case categorical
  }

  /// The column's name.
  public var name: String
  /// The values.
  public private(set) var storage: Storage
  /// For `int` and `bool` columns, `true` at missing positions; empty when nothing is missing.
  /// Unused (empty) for `double` (NaN) and `categorical` (code -1) columns.
  public private(set) var missing: [Bool]

  /// Creates a floating-point column; NaN entries are missing.
  ///
  /// - Parameters:
  ///   - name: The column name.
  ///   - doubles: The values.
  public init(name: String, doubles: [Double]) {
    self.name = name
    self.storage = .double(doubles)
    self.missing = []
  }

  /// Creates a floating-point column from optionals; `nil` becomes missing.
  public init(name: String, doubles: [Double?]) {
    self.init(name: name, doubles: doubles.map { $0 ?? .nan })
  }

  /// Creates an integer column.
  ///
  /// - Parameters:
  ///   - name: The column name.
  ///   - ints: The values; `nil` entries are missing.
  public init(name: String, ints: [Int?]) {
    self.name = name
    self.storage = .int(IntegerValues(ints.map { $0 ?? 0 }))
    let mask = ints.map { $0 == nil }
    self.missing = mask.contains(true) ? mask : []
  }

  /// Creates an integer column with no missing values.
  ///
  /// - Complexity: O(n): the values are stored in 32 bits when every one fits.
  public init(name: String, ints: [Int]) {
    self.init(name: name, integers: IntegerValues(ints))
  }

  /// Creates an integer column from stored values and a missing mask.
  ///
  /// - Parameters:
  ///   - name: The column name.
  ///   - integers: The values; the value at a missing position is kept but never read.
  ///   - missing: `true` at missing positions, or empty when nothing is missing; an all-`false`
  ///     mask is dropped.
  /// - Throws: `DataError/lengthMismatch(column:expected:found:)` when the mask is neither
  ///   empty nor as long as the values.
  public init(name: String, integers: IntegerValues, missing: [Bool]) throws(DataError) {
    guard missing.isEmpty || missing.count == integers.count else {
      throw .lengthMismatch(column: name, expected: integers.count, found: missing.count)
    }
    self.name = name
    self.storage = .int(integers)
    self.missing = missing.contains(true) ? missing : []
  }

  /// Creates an integer column with no missing values from stored values.
  public init(name: String, integers: IntegerValues) {
    self.name = name
    self.storage = .int(integers)
    self.missing = []
  }

  /// Creates a logical column.
  ///
  /// - Parameters:
  ///   - name: The column name.
  ///   - bools: The values; `nil` entries are missing.
  public init(name: String, bools: [Bool?]) {
    self.name = name
    self.storage = .bool(bools.map { $0 ?? false })
    let mask = bools.map { $0 == nil }
    self.missing = mask.contains(true) ? mask : []
  }

  /// Creates a categorical column from strings; levels are the distinct strings sorted
  /// ascending.
  ///
  /// - Parameters:
  ///   - name: The column name.
  ///   - strings: The values; `nil` entries are missing.
  /// - Complexity: O(n log L) for L levels.
  public init(name: String, strings: [String?]) {
    let levels = Array(Set(strings.compactMap { $0 })).sorted()
    var index = [String: Int32]()
    for (i, level) in levels.enumerated() { index[level] = Int32(i) }
    let codes = strings.map { s -> Int32 in s.flatMap { index[$0] } ?? -1 }
    self.name = name
    self.storage = .categorical(codes: codes, levels: levels)
    self.missing = []
  }

  /// Creates a categorical column from codes and levels.
  ///
  /// - Parameters:
  ///   - name: The column name.
  ///   - codes: Codes in `-1..<levels.count`; `-1` is missing.
  ///   - levels: Distinct level labels, in ascending order.
  /// - Throws: `DataError/invalidCategorical(column:reason:)` when a code is out of range or
  ///   the levels are not distinct and sorted.
  public init(name: String, codes: [Int32], levels: [String]) throws(DataError) {
    for i in levels.indices.dropFirst() where !(levels[i - 1] < levels[i]) {
      throw .invalidCategorical(column: name, reason: "levels must be distinct and sorted ascending")
    }
    try self.init(name: name, codes: codes, orderedLevels: levels)
  }

  /// Creates a categorical column whose levels keep the given order instead of being sorted.
  ///
  /// ``StataReader`` uses it for variables with value labels, whose levels follow the labelled
  /// numbers (so that the first level, the reference level of dummy coding, is the smallest
  /// value, as in Stata). Every other constructor sorts the levels.
  ///
  /// - Parameters:
  ///   - name: The column name.
  ///   - codes: Codes in `-1..<levels.count`; `-1` is missing.
  ///   - levels: Distinct level labels, in the order to keep.
  /// - Throws: `DataError/invalidCategorical(column:reason:)` when a code is out of range or
  ///   two levels are equal.
  /// - Complexity: O(n + L) for L levels.
  public init(name: String, codes: [Int32], orderedLevels levels: [String]) throws(DataError) {
    guard Set(levels).count == levels.count else {
      throw .invalidCategorical(column: name, reason: "levels must be distinct")
    }
    if let bad = codes.first(where: { $0 < -1 || Int($0) >= levels.count }) {
      throw .invalidCategorical(column: name, reason: "code \(bad) is outside -1..<\(levels.count)")
    }
    self.name = name
    self.storage = .categorical(codes: codes, levels: levels)
    self.missing = []
  }

  /// The number of rows.
  public var count: Int {
    switch storage {
    case .double(let v): return v.count
    case .int(let v): return v.count
    case .bool(let v): return v.count
    case .categorical(let c, _): return c.count
    }
  }

  /// The column's kind.
  public var kind: Kind {
    switch storage {
    case .double: return .double
    case .int: return .int
    case .bool: return .bool
    case .categorical: return .categorical
    }
  }

  /// The level labels of a categorical column; empty for other kinds.
  public var levels: [String] {
    if case .categorical(_, let levels) = storage { return levels }
    return []
  }

  /// Whether row `i` is missing.
  ///
  /// - Complexity: O(1).
  @inlinable
  public func isMissing(_ i: Int) -> Bool {
    switch storage {
    case .double(let v): return v[i].isNaN
    case .categorical(let c, _): return c[i] < 0
    case .int, .bool: return !missing.isEmpty && missing[i]
    }
  }

  /// The number of missing values.
  ///
  /// - Complexity: O(n).
  public var missingCount: Int {
    switch storage {
    case .double(let v): return v.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
    case .categorical(let c, _): return c.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
    case .int, .bool: return missing.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
  }

  /// The values as doubles, with NaN where missing. Booleans become 0/1.
  ///
  /// - Throws: `DataError/typeMismatch(column:expected:found:)` for a categorical column.
  /// - Complexity: O(n).
  public func doubles() throws(DataError) -> [Double] {
    switch storage {
    case .double(let v): return v
    case .int(let v):
      if missing.isEmpty { return v.map(Double.init) }
      return v.indices.map { missing[$0] ? .nan : Double(v[$0]) }
    case .bool(let v):
      if missing.isEmpty { return v.map { $0 ? 1 : 0 } }
      return v.indices.map { missing[$0] ? .nan : ($0 < v.count && v[$0] ? 1 : 0) }
    case .categorical:
      throw .typeMismatch(column: name, expected: "a numeric column", found: "text (categorical)")
    }
  }

  /// The value of row `i` as text: the number, `true`/`false`, the level label, or `nil` when
  /// missing.
  ///
  /// - Complexity: O(1).
  public func text(at i: Int) -> String? {
    if isMissing(i) { return nil }
    switch storage {
    case .double(let v): return Self.format(v[i])
    case .int(let v): return String(v[i])
    case .bool(let v): return v[i] ? "true" : "false"
    case .categorical(let c, let levels): return levels[Int(c[i])]
    }
  }

  /// The column restricted to the given rows, in the given order.
  ///
  /// - Parameter rows: Row indices, each in `0..<count`.
  /// - Complexity: O(rows.count).
  public func selecting(rows: [Int]) -> Column {
    var out = self
    switch storage {
    case .double(let v): out.storage = .double(rows.map { v[$0] })
    case .int(let v): out.storage = .int(v.selecting(rows: rows))
    case .bool(let v): out.storage = .bool(rows.map { v[$0] })
    case .categorical(let c, let levels): out.storage = .categorical(codes: rows.map { c[$0] }, levels: levels)
    }
    if !missing.isEmpty {
      let mask = rows.map { missing[$0] }
      out.missing = mask.contains(true) ? mask : []
    }
    return out
  }

  /// Formats a double as the shortest text that reads back to the same value, with integers
  /// written without a decimal point.
  static func format(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
  }
}

/// A table of named, typed columns of equal length: the data every CausalKit estimator reads.
///
/// `DataTable` is a value type whose columns are copy-on-write arrays, so passing a table
/// around or taking a row subset never aliases another table's values.
///
/// ```swift
/// var table = try DataTable(columns: [
///   Column(name: "y", doubles: [1.2, 3.4, 2.2]),
///   Column(name: "school", strings: ["a", "b", "a"]),
/// ])
/// let y = try table.column(named: "y").doubles()
/// try table.column(named: "scool")   // DataError.unknownColumn(name: "scool", suggestions: ["school"])
/// ```
///
/// Read and write CSV files with ``CSVReader`` and ``CSVWriter``.
public struct DataTable: Sendable, Equatable {
  /// The columns, in order.
  public private(set) var columns: [Column]
  /// The number of rows.
  public private(set) var rowCount: Int
  /// Each column's position in ``columns``, by name, so that lookups and the duplicate check
  /// do not scan the columns (a file can have 100,000 of them).
  private var positions: [String: Int] = [:]

  /// Creates a table from columns.
  ///
  /// - Parameter columns: Columns of equal length with distinct names.
  /// - Throws: `DataError/lengthMismatch(column:expected:found:)` or
  ///   `DataError/duplicateColumn(name:)`.
  /// - Complexity: O(number of columns) expected.
  public init(columns: [Column]) throws(DataError) {
    self.columns = []
    self.rowCount = columns.first?.count ?? 0
    for column in columns { try append(column) }
  }

  /// An empty table.
  public init() {
    self.columns = []
    self.rowCount = 0
  }

  /// The column names, in order.
  public var columnNames: [String] { columns.map(\.name) }

  /// The column with this name, or `nil`.
  ///
  /// - Complexity: O(1) expected (a hash of the name).
  public subscript(name: String) -> Column? {
    positions[name].map { columns[$0] }
  }

  /// The column with this name.
  ///
  /// - Parameter name: A column name.
  /// - Throws: `DataError/unknownColumn(name:suggestions:)` with the closest existing names.
  /// - Complexity: O(1) expected; O(number of columns × name length²) on failure.
  public func column(named name: String) throws(DataError) -> Column {
    if let c = self[name] { return c }
    throw .unknownColumn(name: name, suggestions: NameSuggestions.closest(to: name, among: columnNames))
  }

  /// Adds a column at the end.
  ///
  /// - Throws: `DataError/lengthMismatch(column:expected:found:)` or
  ///   `DataError/duplicateColumn(name:)`.
  /// - Complexity: O(1) amortized, expected.
  public mutating func append(_ column: Column) throws(DataError) {
    if columns.isEmpty { rowCount = column.count }
    guard column.count == rowCount else {
      throw .lengthMismatch(column: column.name, expected: rowCount, found: column.count)
    }
    guard positions[column.name] == nil else { throw .duplicateColumn(name: column.name) }
    positions[column.name] = columns.count
    columns.append(column)
  }

  /// Replaces the column of the same name, or appends it if there is none.
  ///
  /// - Throws: `DataError/lengthMismatch(column:expected:found:)`.
  public mutating func set(_ column: Column) throws(DataError) {
    if let i = positions[column.name] {
      guard column.count == rowCount else {
        throw .lengthMismatch(column: column.name, expected: rowCount, found: column.count)
      }
      columns[i] = column
    } else {
      try append(column)
    }
  }

  /// The table restricted to the given rows, in the given order.
  ///
  /// - Parameter rows: Row indices, each in `0..<rowCount`.
  /// - Complexity: O(rows.count × number of columns).
  public func selecting(rows: [Int]) -> DataTable {
    var out = DataTable()
    out.columns = columns.map { $0.selecting(rows: rows) }
    out.positions = positions
    out.rowCount = rows.count
    return out
  }
}

/// Finds the existing names closest to a misspelt one, for error messages.
package enum NameSuggestions {
  /// Up to three names within edit distance max(2, length / 3), closest first; names that
  /// differ only in case come first.
  package static func closest(to name: String, among names: [String]) -> [String] {
    let target = Array(name.lowercased())
    let limit = max(2, target.count / 3)
    let scored = names.compactMap { candidate -> (String, Int)? in
      let d = editDistance(target, Array(candidate.lowercased()))
      return d <= limit ? (candidate, d) : nil
    }
    return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
  }

  /// Levenshtein distance between two character arrays.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}

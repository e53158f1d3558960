import CausalCore

/// The covariates of a balance table, expanded to numeric columns as MatchIt expands them.
///
/// A numeric (`double`, `int`) column gives one covariate of the same name; a logical column
/// gives one 0/1 covariate of the same name; a text (categorical) column gives **one indicator
/// per level**, named `variable::level`, in ascending level order, with no reference level
/// dropped. This is what MatchIt 4.5.1's `summary()` shows: it builds its covariate matrix with
/// `contrasts = FALSE`, so `race` appears as `raceblack`, `racehispan`, `racewhite` (CausalKit
/// names them `race::black`, `race::hispan`, `race::white`). Levels are those present in the
/// data. (A regression model frame, by contrast, drops the first level as reference.)
///
/// ```swift
/// let covariates = try BalanceCovariates(data: lalonde, names: ["age", "race", "married"])
/// covariates.names   // ["age", "race::black", "race::hispan", "race::white", "married"]
/// ```
public struct BalanceCovariates: Sendable, Equatable {
  /// The expanded covariates, in order.
  public let covariates: [BalanceCovariate]
  /// The number of units (rows).
  public let rowCount: Int

  /// The row names, in order.
  public var names: [String] { covariates.map(\.name) }

  /// Collects covariates built elsewhere.
  ///
  /// - Parameter covariates: At least one covariate; all of the same length, with distinct
  ///   names.
  /// - Throws: ``MatchingError/noCovariates``, `DataError.lengthMismatch`
  ///   or ``MatchingError/duplicateCovariate(_:)``.
  /// - Complexity: O(k log k) for k covariates.
  public init(_ covariates: [BalanceCovariate]) throws {
    guard let first = covariates.first else { throw MatchingError.noCovariates }
    var seen = Set<String>()
    for c in covariates {
      guard c.values.count == first.values.count else {
        throw DataError.lengthMismatch(column: "covariate '\(c.name)'", expected: first.values.count, found: c.values.count)
      }
      guard seen.insert(c.name).inserted else { throw MatchingError.duplicateCovariate(c.name) }
    }
    self.covariates = covariates
    self.rowCount = first.values.count
  }

  /// Expands named columns of a table.
  ///
  /// - Parameters:
  ///   - data: The table.
  ///   - names: Column names, in the order the table should show them.
  /// - Throws: `DataError.unknownColumn` (with the closest names) for a name that is not a
  ///   column; ``MatchingError/missingValue(variable:row:)`` for a missing or non-finite value;
  ///   ``MatchingError/noCovariates`` or ``MatchingError/duplicateCovariate(_:)``.
  /// - Complexity: O(n × number of expanded covariates).
  public init(data: DataTable, names: [String]) throws {
    var out: [BalanceCovariate] = []
    for name in names {
      out.append(contentsOf: try Self.expand(try data.column(named: name)))
    }
    try self.init(out)
  }

  /// Returns these covariates followed by more, for example a propensity score.
  ///
  /// - Parameter more: Covariates with as many values as these and new names.
  /// - Throws: As ``init(_:)``.
  public func appending(_ more: [BalanceCovariate]) throws -> BalanceCovariates {
    try BalanceCovariates(covariates + more)
  }

  /// Expands one column: one covariate for a numeric or logical column, one indicator per
  /// level (ascending) for a text column.
  ///
  /// - Throws: ``MatchingError/missingValue(variable:row:)`` at the first missing value.
  /// - Complexity: O(n × levels).
  static func expand(_ column: Column) throws -> [BalanceCovariate] {
    switch column.storage {
    case .categorical(let codes, let levels):
      if let bad = codes.firstIndex(where: { $0 < 0 }) {
        throw MatchingError.missingValue(variable: column.name, row: bad)
      }
      var present = [Bool](repeating: false, count: levels.count)
      for c in codes { present[Int(c)] = true }
      var out: [BalanceCovariate] = []
      for (level, label) in levels.enumerated() where present[level] {
        let code = Int32(level)
        let values = codes.map { $0 == code ? 1.0 : 0.0 }
        out.append(try BalanceCovariate(name: column.name + "::" + label, variable: column.name, values: values))
      }
      return out
    case .double, .int, .bool:
      if let bad = (0..<column.count).first(where: { column.isMissing($0) }) {
        throw MatchingError.missingValue(variable: column.name, row: bad)
      }
      return [try BalanceCovariate(name: column.name, values: try column.doubles())]
    }
  }
}

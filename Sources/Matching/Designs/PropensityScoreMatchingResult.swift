import CausalCore
import Propensity

/// The outcome of ``PropensityScoreMatching/fit(_:)``: the propensity model, the matched set,
/// balance before and after, and (when the design names an outcome) the effect.
///
/// ``coefficients`` holds the effect's row when the design has an outcome, and is empty
/// otherwise (matching alone estimates no effect; see ``effect(outcome:in:covariates:)``).
///
/// The result keeps a `TableFingerprint` of the table it was fitted on: methods that index
/// that table again by row number (``effect(outcome:in:covariates:)``, ``units(in:)``) throw
/// `DataError.tableMismatch` for any other table instead of trapping or misaligning.
public struct PropensityScoreMatchingResult: EstimationResult {
  /// The propensity model.
  public let propensity: BinaryRegressionFit
  /// The matched set, indexed by position in ``rows``.
  public let matched: MatchedSet
  /// The input row of each unit that entered matching (units with missing covariates are
  /// absent).
  public let rows: [Int]
  /// The identity of the table given to ``PropensityScoreMatching/fit(_:)``.
  public let fingerprint: TableFingerprint
  /// Covariate balance before and after matching.
  public let balance: BalanceTable
  /// The treatment column.
  public let treatmentColumn: String
  /// The matcher's caliper, as configured (its raw width is ``MatchedSet/caliperWidth``).
  public let caliper: Caliper?
  /// The effect on the matched sample, when the design named an outcome.
  public let effect: MatchedSampleEffect?

  /// The number of rows of the input table.
  public var rowCount: Int { fingerprint.rowCount }

  /// Units removed before matching because of missing values (infinite values are counted
  /// apart, in ``infiniteDropped``).
  public var missingDropped: Int { rowCount - rows.count - infiniteDropped }

  /// Units removed before matching because of infinite values (in the data, or computed by a
  /// covariate term such as `log(0)`).
  public var infiniteDropped: Int {
    min(propensity.drops.observationCount(.infiniteValue), rowCount - rows.count)
  }

  /// How many units were removed before matching and why, as a parenthesis for the summary's
  /// first line (`" (3 removed for missing values, 1 for infinite values)"`), or empty.
  public var removalNote: String {
    switch (missingDropped, infiniteDropped) {
    case (0, 0): return ""
    case (let missing, 0): return " (\(missing) removed for missing values)"
    case (0, let infinite): return " (\(infinite) removed for infinite values)"
    case (let missing, let infinite): return " (\(missing) removed for missing values, \(infinite) for infinite values)"
    }
  }

  /// The effect's row, or nothing without an outcome.
  public var coefficients: [CoefficientRow] { effect.map { [$0.row] } ?? [] }

  /// Units that entered matching (rows of the input table with complete covariates).
  public var observationCount: Int { rows.count }

  /// Rows removed by the propensity model (missing values), then, with an outcome, rows the
  /// effect's regression removed.
  public var drops: DropReport {
    guard let effect else { return propensity.drops }
    return propensity.drops.merged(with: DropReport(observations: effect.drops.observations.filter { $0.reason != .zeroWeight }, terms: effect.drops.terms))
  }

  /// The matching weight of every input row (0 for unmatched, discarded or dropped rows).
  public var weightsByRow: [Double] {
    var out = [Double](repeating: 0, count: rowCount)
    for (k, row) in rows.enumerated() { out[row] = matched.weights[k] }
    return out
  }

  /// The matched subclass (pair or set) of every input row, or `nil`.
  public var subclassByRow: [Int?] {
    var out = [Int?](repeating: nil, count: rowCount)
    for (k, row) in rows.enumerated() { out[row] = matched.subclass[k] }
    return out
  }

  /// The rows of `data` that entered matching, in the order of ``matched``'s units.
  ///
  /// - Parameter data: The table given to ``PropensityScoreMatching/fit(_:)``.
  /// - Throws: `DataError.tableMismatch` when `data` is not that table (another row count, or
  ///   other contents).
  /// - Complexity: O(columns × 64) for the check, O(n × columns) for the copy.
  public func units(in data: DataTable) throws -> DataTable {
    try fingerprint.check(data)
    return data.selecting(rows: rows)
  }

  /// The treatment effect on the matched sample by weighted regression
  /// (``MatchedSampleRegression``): clustered by subclass without replacement, HC3 with it.
  ///
  /// - Parameters:
  ///   - outcome: The outcome column.
  ///   - data: The table given to ``PropensityScoreMatching/fit(_:)``.
  ///   - covariates: Optional regressors for a doubly-robust adjustment.
  /// - Throws: `DataError.tableMismatch` when `data` is not the matched table; otherwise as
  ///   ``MatchedSampleRegression/fit(_:)``.
  public func effect(outcome: String, in data: DataTable, covariates: Covariates = Covariates()) throws
    -> MatchedSampleEffect
  {
    try PropensityScoreMatching.effect(
      outcome: outcome, units: units(in: data), treatment: treatmentColumn, matched: matched, covariates: covariates)
  }

  /// The counts line and the balance table, then the effect when there is one.
  public func summary() -> String {
    let c = matched.counts
    var lines = [
      "Propensity-score matching (\(matched.estimand.rawValue)), \(rows.count) units" + removalNote,
      "Matched: \(c.control.matched) control, \(c.treated.matched) treated; unmatched: \(c.control.unmatched) control, "
        + "\(c.treated.unmatched) treated; discarded: \(c.control.discarded) control, \(c.treated.discarded) treated",
      "",
      balance.summary(),
    ]
    if let effect { lines.append(effect.summary()) }
    return lines.joined(separator: "\n")
  }
}

import CausalCore

/// The columns of a staggered-adoption panel that the event-study regressions share: outcome,
/// unit, time and cohort, the covariates and an optional weight column.
///
/// ``TwoStageDiD`` and ``SunAbraham`` keep their columns in one of these (see
/// ``StaggeredPanelEstimator``), so the two estimators name, check and expose them alike.
///
/// ```swift
/// let columns = try StaggeredPanelColumns(outcome: "lemp", unit: "countyreal", time: "year", cohort: "first_treat")
/// print(columns.cohort)
/// ```
public struct StaggeredPanelColumns: Sendable, Equatable {
  /// The outcome column.
  public let outcome: String
  /// The unit column.
  public let unit: String
  /// The time column (integer periods).
  public let time: String
  /// The cohort column: each unit's first treated period; never treated units hold a value that
  /// is not an observed period (0).
  public let cohort: String
  /// Covariates of the regression (time-varying ones in the first stage of ``TwoStageDiD``).
  public let covariates: Covariates
  /// A weight column, or `nil`.
  public let weights: String?

  /// Creates and checks the columns.
  ///
  /// - Parameters:
  ///   - outcome: The outcome column.
  ///   - unit: The unit column.
  ///   - time: The time column.
  ///   - cohort: The cohort column.
  ///   - covariates: Covariates, default none.
  ///   - weights: A weight column, default none.
  /// - Throws: `OptionError` for an empty outcome, unit, time or cohort name (the first one, in
  ///   that order).
  /// - Complexity: O(1).
  public init(
    outcome: String, unit: String, time: String, cohort: String, covariates: Covariates = Covariates(),
    weights: String? = nil
  ) throws(OptionError) {
    try OptionError.requireColumnNames(["outcome": outcome, "unit": unit, "time": time, "cohort": cohort])
    self.outcome = outcome
    self.unit = unit
    self.time = time
    self.cohort = cohort
    self.covariates = covariates
    self.weights = weights
  }

  /// Throws for an empty list of reference (omitted) relative periods.
  ///
  /// - Parameter periods: The reference periods of an event study.
  /// - Throws: `OptionError` naming `referencePeriods` when `periods` is empty.
  static func requireReferencePeriods(_ periods: [Int]) throws(OptionError) {
    guard !periods.isEmpty else {
      throw .invalid(option: "referencePeriods", value: "[]", expected: "at least one relative period, such as -1")
    }
  }
}

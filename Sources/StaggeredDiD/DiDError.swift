import CausalCore

/// An error from a difference-in-differences estimator of this module.
///
/// Each case says what went wrong and, in ``description``, where and what to do. Errors of the
/// data and formula layers are kept as they are.
public enum DiDError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An option is invalid (a confidence level outside (0, 1), a negative anticipation, an
  /// empty column name).
  case invalidOption(OptionError)
  /// A needed column is missing or of the wrong kind, or no row is complete.
  case data(DataError)
  /// The covariates could not be read as a formula.
  case formula(FormulaError)
  /// The covariates could not be turned into a design matrix (a text covariate with one level,
  /// an `i()` value that does not exist).
  case modelFrame(ModelFrameError)
  /// A time value is not a whole number; periods must be integer-coded.
  case nonIntegerTime(column: String, value: Double)
  /// A cohort value is negative or not a whole number.
  case invalidCohort(column: String, value: Double)
  /// A unit's cohort (first treated period) differs between its rows.
  case cohortVariesWithinUnit(unit: String, column: String)
  /// A unit's cluster differs between its rows.
  case clusterVariesWithinUnit(unit: String, column: String)
  /// A unit has two rows in the same period.
  case duplicateUnitPeriod(unit: String, time: Int)
  /// Fewer than two periods remain.
  case tooFewPeriods(count: Int)
  /// No treated cohort has a pre-treatment period and a comparison group.
  case noTreatedCohorts(reason: String)
  /// An aggregation has no group-time cell to average.
  case emptyAggregation(reason: String)
  /// The result no longer holds the influence functions an aggregation needs (a decoded
  /// result).
  case influenceUnavailable

  // MARK: Sensitivity

  /// Event-study estimates do not fit together (counts, a covariance that is not square or
  /// symmetric, a value that is not finite, event times that are not consecutive).
  case invalidEventStudy(reason: String)
  /// The event study's covariance matrix has a negative eigenvalue.
  case covarianceNotPositiveSemidefinite(smallestEigenvalue: Double)
  /// The event study lacks a pre-treatment or a post-treatment period around its reference
  /// event time: the pre-periods and post-periods it has. (Arrays rather than counts: with
  /// integer payloads this case crashed swift-testing's typed-throw hook under Swift 6.3.)
  case missingSensitivityPeriods(pre: [Int], post: [Int])
  /// The sensitivity target is an event time that is not a post-treatment period.
  case targetNotPostPeriod(eventTime: Int, postPeriods: [Int])
  /// A sensitivity analysis needs an event study (a dynamic aggregation).
  case notEventStudy(aggregation: String)
  /// The sensitivity analysis could not be computed (a moment with zero variance, a failed
  /// optimisation).
  case sensitivityFailed(reason: String)
  /// A sentence saying what went wrong and what to do.
  public var description: String { VisibleText.escape(unescapedDescription) }

  /// The description before control characters in user text are escaped.
  private var unescapedDescription: String {
    switch self {
    case .invalidOption(let error): return error.description
    case .data(let error): return error.description
    case .formula(let error): return "The covariates could not be read: \(error.description)"
    case .modelFrame(let error): return "The covariates could not be used: \(error.description)"
    case .nonIntegerTime(let column, let value):
      return "The time column '\(column)' has the value \(value), which is not a whole number. Code periods as "
        + "integers (for example years, or 1, 2, 3 for consecutive periods)."
    case .invalidCohort(let column, let value):
      return "The cohort column '\(column)' has the value \(value). It must hold each unit's first treated "
        + "period as a whole number, or 0 for units never treated."
    case .cohortVariesWithinUnit(let unit, let column):
      return "Unit \(unit) has different values of '\(column)' in different rows. The cohort is the unit's first "
        + "treated period and must be the same in all its rows (treatment is absorbing: once treated, always treated)."
    case .clusterVariesWithinUnit(let unit, let column):
      return "Unit \(unit) has different values of the cluster '\(column)' in different rows. Clusters must "
        + "contain whole units."
    case .duplicateUnitPeriod(let unit, let time):
      return "Unit \(unit) has more than one row in period \(time). A panel has one row per unit and period; "
        + "remove the duplicates, or use repeated cross-sections when rows are different individuals."
    case .tooFewPeriods(let count):
      return "Only \(count) period\(count == 1 ? "" : "s") remain; difference-in-differences needs at least two."
    case .noTreatedCohorts(let reason):
      return "No treated cohort can be estimated: \(reason)."
    case .emptyAggregation(let reason):
      return "The aggregation has nothing to average: \(reason)."
    case .influenceUnavailable:
      return "This result holds no influence functions (it was decoded from JSON), so it cannot be aggregated "
        + "again; fit the estimator to the data to aggregate."
    case .invalidEventStudy(let reason):
      return "The event study cannot be analysed: \(reason)."
    case .covarianceNotPositiveSemidefinite(let value):
      return "The event study's covariance matrix is not positive semidefinite (smallest eigenvalue \(value)). "
        + "Pass the estimates' variance-covariance matrix itself, not a correlation or a rounded copy."
    case .missingSensitivityPeriods(let pre, let post):
      return "The event study has \(pre.count) pre-treatment and \(post.count) post-treatment period\(post.count == 1 ? "" : "s") around its "
        + "reference event time; the sensitivity analysis needs at least one of each (pre-periods are the event times "
        + "before the reference, post-periods those after it)."
    case .targetNotPostPeriod(let eventTime, let postPeriods):
      return "The target event time \(eventTime) is not a post-treatment period of the event study; choose one of "
        + "\(postPeriods.map(String.init).joined(separator: ", "))."
    case .notEventStudy(let aggregation):
      return "A sensitivity analysis needs an event study, but this is the '\(aggregation)' aggregation; aggregate "
        + "with .dynamic() first."
    case .sensitivityFailed(let reason):
      return "The sensitivity analysis could not be computed: \(reason)."
    }
  }
}

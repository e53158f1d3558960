import CausalCore
import Propensity

/// An error of a heterogeneity-robust difference-in-differences estimator.
///
/// Each case says what went wrong and, in ``description``, what to do. Cases are grouped by
/// where they arise (options, data layout, the comparison's groups, the nuisance models); new
/// estimators add their own cases after the existing ones.
public enum DiDError: Error, Sendable, Equatable, CustomStringConvertible {
  // MARK: Options and data layer

  /// An option is invalid (an empty column name, a confidence level outside (0, 1)).
  case invalidOption(OptionError)
  /// A needed column is missing or not numeric, or no row is complete; the data layer's error
  /// is kept.
  case data(DataError)
  /// The covariates could not be read as a formula; the formula layer's error is kept.
  case formula(FormulaError)

  // MARK: Data layout

  /// The time column must take exactly two values (the earlier is the pre period, the later
  /// the post period); `values` are the first few it takes.
  case timePeriods(column: String, values: [Double])
  /// The treatment column must be 0 or 1; `value` is a value it takes at `row`.
  case treatmentNotBinary(column: String, value: Double, row: Int)
  /// A panel unit's treatment differs between the two periods.
  case treatmentVariesWithinUnit(column: String, unit: String)
  /// A panel unit's sampling weight differs between the two periods.
  case weightVariesWithinUnit(column: String, unit: String)
  /// A panel unit appears more than once in a period.
  case duplicateUnitPeriod(unit: String, period: Double)

  // MARK: The comparison's groups

  /// No treated observations (units for a panel) remain, in `period` when given.
  case noTreated(period: String?)
  /// No comparison (untreated) observations remain, in `period` when given.
  case noComparison(period: String?)
  /// Every comparison observation was trimmed (propensity score at or above the trimming
  /// level), so the comparison group has no weight left.
  case noOverlap(trimmed: Int)

  // MARK: Nuisance models

  /// The covariates are linearly dependent (or constant besides the intercept) within the
  /// sample a regression uses; `model` names the regression.
  case singularCovariates(model: String)
  /// The logit propensity-score model failed; the logit's error is kept.
  case propensityFitFailed(PropensityError)
  /// A nuisance computation produced non-finite values (for example an outcome regression on
  /// extreme weights); `model` names it.
  case nonFiniteNuisance(model: String)

  // MARK: Staggered adoption (Callaway-Sant'Anna)

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
  /// event time: the pre-periods and post-periods it has.
  case missingSensitivityPeriods(pre: [Int], post: [Int])
  /// The sensitivity target is an event time that is not a post-treatment period.
  case targetNotPostPeriod(eventTime: Int, postPeriods: [Int])
  /// A sensitivity analysis needs an event study (a dynamic aggregation).
  case notEventStudy(aggregation: String)
  /// The sensitivity analysis could not be computed (a moment with zero variance, a failed
  /// optimisation).
  case sensitivityFailed(reason: String)
  /// Sun-Abraham's saturated regression would need more memory than the machine has: one
  /// dummy column per cohort and relative period, over every row kept.
  case tooManyCells(cells: Int, cohorts: Int, rows: Int, physicalMemory: UInt64)

  /// A sentence saying what went wrong and what to do.
  ///
  /// - Complexity: O(length of the message).
  public var description: String {
    switch self {
    // A formula error keeps its caret lines (its own description has escaped the formula).
    case .formula(let error): return "The covariates could not be read: \(error.description)"
    case .modelFrame(let error): return "The covariates could not be used: \(error.description)"
    case .invalidOption(let error): return error.description
    case .data(let error): return error.description
    default: return VisibleText.escape(unescapedDescription)
    }
  }

  /// What went wrong and what to do, for the cases that echo user text, before that text is
  /// escaped (see `VisibleText`); the description joins them with `; `.
  private var unescapedDescription: String {
    let (problem, advice) = parts
    return problem + "; " + advice + "."
  }

  /// The problem and the advice.
  private var parts: (String, String) {
    switch self {
    case .invalidOption, .data, .formula, .modelFrame: return ("", "")
    case .timePeriods(let column, let values):
      let shown = values.prefix(5).map { SummaryFormat.number($0) }.joined(separator: ", ") + (values.count > 5 ? ", ..." : "")
      return ("The time column '\(column)' must take exactly two values (pre and post period), but it takes \(shown)",
        "keep the two periods to compare (for more periods use a group-time estimator)")
    case .treatmentNotBinary(let column, let value, let row):
      return ("The treatment column '\(column)' must be 0 (comparison) or 1 (treated), but row \(row) has \(SummaryFormat.number(value))",
        "recode it as 0/1")
    case .treatmentVariesWithinUnit(let column, let unit):
      return ("The treatment '\(column)' of unit \(unit) differs between the two periods",
        "in a panel it marks the group (1 = treated in the post period) and must be the same in both periods")
    case .weightVariesWithinUnit(let column, let unit):
      return ("The weight '\(column)' of unit \(unit) differs between the two periods", "panel weights must be constant within a unit")
    case .duplicateUnitPeriod(let unit, let period):
      return ("Unit \(unit) appears more than once in period \(SummaryFormat.number(period))",
        "each unit must have one row per period (or use repeated cross-sections without a unit column)")
    case .noTreated(let period):
      return ("No treated observations\(period.map { " in the \($0) period" } ?? "") remain",
        "the comparison needs treated observations (treatment = 1) in both periods")
    case .noComparison(let period):
      return ("No comparison observations\(period.map { " in the \($0) period" } ?? "") remain",
        "the comparison needs untreated observations (treatment = 0) in both periods")
    case .noOverlap(let trimmed):
      return ("All \(trimmed) comparison observations have propensity scores at or above the trimming level 0.995, so the groups do not overlap",
        "use fewer or coarser covariates, or the outcome-regression method")
    case .singularCovariates(let model):
      return ("The covariates are linearly dependent in the \(model)", "remove redundant covariates (or ones constant in that sample)")
    case .propensityFitFailed(let error):
      return ("The propensity-score logit failed: \(error.description.hasSuffix(".") ? String(error.description.dropLast()) : error.description)",
        "check the covariates for separation or too few observations")
    case .nonFiniteNuisance(let model):
      return ("The \(model) produced non-finite values", "check the covariates for extreme values or poor overlap")
    case .nonIntegerTime(let column, let value):
      let why = value.rounded() == value ? "which is too large to be a period" : "which is not a whole number"
      return ("The time column '\(column)' has the value \(SummaryFormat.number(value)), \(why)",
        "code periods as integers (for example years, or 1, 2, 3 for consecutive periods)")
    case .invalidCohort(let column, let value):
      return ("The cohort column '\(column)' has the value \(SummaryFormat.number(value))",
        "it must hold each unit's first treated period as a whole number, or 0 for units never treated")
    case .cohortVariesWithinUnit(let unit, let column):
      return ("Unit \(unit) has different values of '\(column)' in different rows",
        "the cohort is the unit's first treated period and must be the same in all its rows "
          + "(treatment is absorbing: once treated, always treated)")
    case .clusterVariesWithinUnit(let unit, let column):
      return ("Unit \(unit) has different values of the cluster '\(column)' in different rows", "clusters must contain whole units")
    case .tooFewPeriods(let count):
      return ("Only \(count) period\(count == 1 ? "" : "s") remain", "difference-in-differences needs at least two")
    case .noTreatedCohorts(let reason):
      return ("No treated cohort can be estimated: \(reason)", "check the cohort column")
    case .emptyAggregation(let reason):
      return ("The aggregation has nothing to average: \(reason)", "choose another aggregation or event-time window")
    case .influenceUnavailable:
      return ("This result holds no influence functions (it was decoded from JSON), so it cannot be aggregated again",
        "fit the estimator to the data to aggregate")
    case .invalidEventStudy(let reason):
      return ("The event study cannot be analysed: \(reason)", "check the estimates, their covariance and their event times")
    case .covarianceNotPositiveSemidefinite(let value):
      return ("The event study's covariance matrix is not positive semidefinite (smallest eigenvalue \(value))",
        "pass the estimates' variance-covariance matrix itself, not a correlation or a rounded copy")
    case .missingSensitivityPeriods(let pre, let post):
      return ("The event study has \(pre.count) pre-treatment and \(post.count) post-treatment period\(post.count == 1 ? "" : "s") around its reference event time",
        "the sensitivity analysis needs at least one of each (pre-periods are the event times before the reference, post-periods those after it)")
    case .targetNotPostPeriod(let eventTime, let postPeriods):
      return ("The target event time \(eventTime) is not a post-treatment period of the event study",
        "choose one of \(postPeriods.map(String.init).joined(separator: ", "))")
    case .notEventStudy(let aggregation):
      return ("A sensitivity analysis needs an event study, but this is the '\(aggregation)' aggregation", "aggregate with .dynamic() first")
    case .sensitivityFailed(let reason):
      return ("The sensitivity analysis could not be computed: \(reason)", "check the event study's estimates and covariance")
    case .tooManyCells(let cells, let cohorts, let rows, let memory):
      let bytes = Double(rows) * Double(cells) * 8
      return ("The Sun-Abraham regression needs one column per cohort and relative period: \(SummaryFormat.grouped(cells)) "
        + "columns for \(SummaryFormat.grouped(cohorts)) cohorts over \(SummaryFormat.grouped(rows)) rows, about "
        + "\(ReplicateMemory.describe(bytes: bytes)), more than the \(ReplicateMemory.describe(bytes: Double(memory))) "
        + "of physical memory of this machine",
        "code time in coarser periods (for example years instead of months), group cohorts, or keep fewer periods; "
          + "Callaway and Sant'Anna's group-time estimator estimates the same cohort-period effects one cell at a time")
    }
  }
}

extension DiDError {
  /// Any error of the data, formula or logit layers as a ``DiDError``, its value kept;
  /// anything else (never thrown by CausalKit) as ``nonFiniteNuisance(model:)`` naming it.
  ///
  /// - Complexity: O(1).
  package static func wrapping(_ error: any Error) -> DiDError {
    switch error {
    case let error as DiDError: return error
    case let error as DataError: return .data(error)
    case let error as FormulaError: return .formula(error)
    case let error as ModelFrameError: return .modelFrame(error)
    case let error as PropensityError: return .propensityFitFailed(error)
    case let error as OptionError: return .invalidOption(error)
    default: return .nonFiniteNuisance(model: "computation (\(error))")
    }
  }
}

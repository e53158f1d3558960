import CausalCore
import LinearAlgebra

/// Sant'Anna and Zhao's (2020) doubly robust difference-in-differences for two groups and two
/// periods, as R's DRDID package computes it (`drdid()`, `ipwdid()`, `ordid()`).
///
/// ```swift
/// let fit = try DoublyRobustDiD(
///   outcome: "re", time: "year", treatment: "experimental", unit: "id",
///   covariates: ["age", "educ", "black", "married", "nodegree", "hisp", "re74"]
/// ).fit(nsw)
/// print(fit.estimate, fit.standardError)     // DRDID: -901.27, 393.61
/// ```
///
/// ## Data
///
/// The time column takes exactly two values; the later is the post period. The treatment is 0/1:
/// for a panel (``unit`` given) the group, constant within a unit; for repeated cross-sections
/// (``unit`` `nil`) the group of each observation. Rows with a missing value in any variable
/// used are removed (``DropReason/missingValue``); then panel units without one complete row in
/// each period are removed (``DropReason/incompleteUnit``, as DRDID balances the panel).
/// Panel covariates are those of the pre-period row (DRDID requires them constant; taking the
/// pre period is what group-time estimators do); panel weights must be constant within a unit.
/// Covariates that are linear combinations of others are removed and reported, as DRDID does.
///
/// ## Estimators and inference
///
/// See ``TwoByTwoMethod``: the improved doubly robust estimator by default (inverse probability
/// tilting, see `InverseProbabilityTilting`), the traditional one, normalised IPW and outcome
/// regression; for repeated cross-sections the doubly robust methods are DRDID's locally
/// efficient `drdid_imp_rc` and `drdid_rc`. The standard error is DRDID's analytic one,
/// `sd(IF) √(n−1)/n` (the influence function's population standard deviation over `√n`, with
/// `n` units or observations), and the interval and p-value are normal.
public struct DoublyRobustDiD: Estimator {
  /// The outcome column.
  public let outcome: String
  /// The time column (two values).
  public let time: String
  /// The 0/1 treatment (group) column.
  public let treatment: String
  /// The unit column for panel data, `nil` for repeated cross-sections.
  public let unit: String?
  /// The covariates of the propensity score and outcome regressions (an intercept is always
  /// included).
  public let covariates: Covariates
  /// The estimator.
  public let method: TwoByTwoMethod
  /// A column of non-negative sampling weights, or `nil`.
  public let weights: String?
  /// The confidence level of the interval.
  public let confidenceLevel: Double

  /// Configures the estimator.
  ///
  /// - Parameters:
  ///   - outcome: The outcome column.
  ///   - time: The time column; it must take exactly two values in the data.
  ///   - treatment: The 0/1 treatment column.
  ///   - unit: The unit column for a panel, `nil` for repeated cross-sections.
  ///   - covariates: Covariates (column names or formula terms).
  ///   - method: The estimator (default: improved doubly robust).
  ///   - weights: A sampling-weight column, or `nil`.
  ///   - confidenceLevel: The interval's level in (0, 1).
  /// - Throws: ``OptionError`` for an empty column name, a column used in two roles, or a level
  ///   outside (0, 1).
  /// - Complexity: O(1).
  public init(
    outcome: String, time: String, treatment: String, unit: String? = nil, covariates: Covariates = [],
    method: TwoByTwoMethod = .improvedDoublyRobust, weights: String? = nil, confidenceLevel: Double = 0.95
  ) throws(OptionError) {
    let roles = [("outcome", outcome), ("time", time), ("treatment", treatment)]
      + [("unit", unit), ("weights", weights)].compactMap { role, name in name.map { (role, $0) } }
    for (role, name) in roles where name.isEmpty {
      throw .invalid(option: role, value: name, expected: "a column name")
    }
    for a in roles.indices {
      for b in roles.indices where b > a && roles[a].1 == roles[b].1 {
        throw .invalid(
          option: roles[b].0, value: roles[b].1, expected: "a column other than the \(roles[a].0) column")
      }
    }
    try OptionError.requireLevel(confidenceLevel)
    (self.outcome, self.time, self.treatment, self.unit) = (outcome, time, treatment, unit)
    (self.covariates, self.method, self.weights, self.confidenceLevel) = (covariates, method, weights, confidenceLevel)
  }

  /// Estimates the ATT.
  ///
  /// - Parameter data: The table (long format for a panel: one row per unit and period).
  /// - Returns: The immutable result.
  /// - Throws: ``DiDError``: ``DiDError/data(_:)`` for unknown or non-numeric columns or no
  ///   complete rows, ``DiDError/formula(_:)`` for unreadable covariates,
  ///   ``DiDError/timePeriods(column:values:)``, ``DiDError/treatmentNotBinary(column:value:row:)``,
  ///   ``DiDError/treatmentVariesWithinUnit(column:unit:)`` and the other layout errors, and the
  ///   estimation errors of the comparison (empty groups, no overlap, singular covariates).
  /// - Complexity: O(n k²) for n rows and k covariate columns (plus O(n log n) to pair panel
  ///   rows when unit codes are not small integers).
  public func fit(_ data: DataTable) throws -> DoublyRobustDiDResult {
    do {
      let sample = try DiDSample(estimator: self, data: data)
      let comparison: ComparisonEstimate
      switch sample.comparison {
      case .panel(let panel): comparison = try panel.estimate(method)
      case .crossSection(let crossSection): comparison = try crossSection.estimate(method)
      }
      return DoublyRobustDiDResult(estimator: self, sample: sample, comparison: comparison)
    } catch {
      throw DiDError.wrapping(error)
    }
  }
}

import CausalCore

/// Covariate balance of a table's treated and control rows, before and (with a weight column)
/// after matching or weighting: the estimator behind ``BalanceTable``, as MatchIt's
/// `summary()` and cobalt's `bal.tab()`.
///
/// ```swift
/// let before = try BalanceAssessment(treatment: "treat", covariates: ["age", "educ", "race"]).fit(lalonde)
/// let after = try BalanceAssessment(
///   treatment: "treat", covariates: ["age", "educ", "race"], weights: "matching_weight").fit(matched)
/// print(after.summary())
/// ```
///
/// Covariates expand as ``BalanceCovariates`` describes (a text column gives one indicator per
/// level; other terms the model-frame columns). Balance is computed on complete data: a row
/// with a missing covariate, treatment or weight throws, as MatchIt requires.
public struct BalanceAssessment: Estimator {
  /// The 0/1 (or logical) treatment column.
  public let treatment: String
  /// The covariates to compare.
  public let covariates: Covariates
  /// The estimand; it chooses the SMD denominator.
  public let estimand: MatchingEstimand
  /// Column of matching (or balancing) weights, 0 for unmatched rows; `nil` for a table of the
  /// unmatched sample only.
  public let weights: String?
  /// Column of sampling weights applied to both samples, or `nil` for all 1.
  public let baseWeights: String?
  /// How binary covariates' differences are reported.
  public let binaryDifference: BalanceBinaryDifference

  /// Creates the assessment.
  ///
  /// - Parameters:
  ///   - treatment: The treatment column.
  ///   - covariates: The covariates (at least one).
  ///   - estimand: ATT (default), ATC or ATE.
  ///   - weights: The matching-weight column, or `nil`.
  ///   - baseWeights: The sampling-weight column, or `nil`.
  ///   - binaryDifference: Raw differences in proportions for binary covariates (default,
  ///     cobalt) or standardized ones (MatchIt's `summary()`).
  /// - Throws: `OptionError` when no covariate is given.
  public init(
    treatment: String, covariates: Covariates, estimand: MatchingEstimand = .att, weights: String? = nil,
    baseWeights: String? = nil, binaryDifference: BalanceBinaryDifference = .raw
  ) throws(OptionError) {
    try covariates.requireTerms("to compare")
    self.treatment = treatment
    self.covariates = covariates
    self.estimand = estimand
    self.weights = weights
    self.baseWeights = baseWeights
    self.binaryDifference = binaryDifference
  }

  /// Computes the balance table.
  ///
  /// - Parameter data: One row per unit.
  /// - Returns: The table.
  /// - Throws: `DataError.unknownColumn` for an unknown column; `FormulaError` and
  ///   `ModelFrameError` for computed terms; ``MatchingError`` for a treatment not coded 0/1, a
  ///   missing covariate, a negative or non-finite weight, or a group without units.
  /// - Complexity: O(k × n log n) for k expanded covariates and n rows.
  public func fit(_ data: DataTable) throws -> BalanceTable {
    let treated = try BalanceTable.treatment(column: treatment, in: data)
    return try BalanceTable(
      covariates: BalanceCovariates(data: data, covariates: covariates), treatment: treated, estimand: estimand,
      matchingWeights: try weights.map { try data.column(named: $0).doubles() },
      baseWeights: try baseWeights.map { try data.column(named: $0).doubles() }, binaryDifference: binaryDifference)
  }
}

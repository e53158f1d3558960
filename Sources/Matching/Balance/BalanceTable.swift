import CausalCore

/// Covariate balance before and after matching or weighting: standardized mean differences,
/// variance ratios and eCDF (Kolmogorov–Smirnov) statistics, as MatchIt 4.5.1's `summary()`
/// reports them.
///
/// ```swift
/// let table = try BalanceTable(
///   data: lalonde, covariates: ["age", "educ", "race", "married", "nodegree", "re74", "re75"],
///   treatment: treated, estimand: .att, matchingWeights: match.weights)
/// table["race::black"]?.after?.standardizedMeanDifference
/// print(table.summary())
/// ```
///
/// ## Samples
///
/// "Before" uses every unit with its base weight sᵢ (1 unless sampling weights are given);
/// "after" uses every unit with weight mᵢ·sᵢ, where mᵢ is the matching weight (0 for an
/// unmatched unit). So means, variances and eCDFs after matching are weighted by the matching
/// weights, exactly as in MatchIt.
///
/// ## Statistics
///
/// For each covariate x (numeric, logical, or one indicator per level of a text column):
///
/// - means x̄_t = Σ_t wᵢxᵢ / Σ_t wᵢ and x̄_c likewise;
/// - SMD = (x̄_t − x̄_c) / SD, with the SD named by ``smdDenominator`` (treated SD for the ATT,
///   control SD for the ATC, √((s_t² + s_c²)/2) for the ATE), computed on the full sample with
///   base weights only, the same before and after; binary covariates use SD = √(p(1 − p)).
///   See ``BalanceStatistics/standardizedMeanDifference`` and ``BalanceSMDDenominator`` for the
///   tolerance, the zero-SD fallback and ±∞;
/// - variance ratio s²_t / s²_c with weighted, bias-corrected variances (continuous only);
/// - eCDF mean and max (the weighted KS statistic) over the distinct values of x (continuous;
///   for binary covariates both are |x̄_t − x̄_c|);
/// - the percent balance improvement (``BalanceImprovement``) when matched.
///
/// Sample sizes and effective sample sizes are in ``sampleSizes``. Std. Pair Dist. (which needs
/// the pairs) is not computed.
public struct BalanceTable: Sendable, Equatable {
  /// The estimand, which chooses the SMD denominator.
  public let estimand: MatchingEstimand
  /// The SD used to standardize mean differences (the estimand's, on the unmatched sample).
  public let smdDenominator: BalanceSMDDenominator
  /// How binary covariates' differences are reported (raw by default; standardized as MatchIt).
  public let binaryDifference: BalanceBinaryDifference
  /// One row per expanded covariate, in covariate order.
  public let rows: [BalanceRow]
  /// Group sizes and effective sizes.
  public let sampleSizes: BalanceSampleSizes

  /// Whether the table has an "after" sample (matching weights were given).
  public var isMatched: Bool { sampleSizes.matchedTreated != nil }

  /// The row of a covariate, by its row name (`age`, `race::black`), or `nil`.
  ///
  /// - Complexity: O(number of rows).
  public subscript(covariate: String) -> BalanceRow? {
    rows.first { $0.covariate == covariate }
  }

  /// Computes the balance of expanded covariates.
  ///
  /// - Parameters:
  ///   - covariates: The covariates (see ``BalanceCovariates``).
  ///   - treatment: `true` for treated units; one entry per row.
  ///   - estimand: The estimand; it chooses the SMD denominator.
  ///   - matchingWeights: Weights from a matcher (0 for unmatched units), or `nil` for a
  ///     "before" table only.
  ///   - baseWeights: Sampling weights that apply to both samples, or `nil` for all 1.
  ///   - binaryDifference: Raw differences in proportions for binary covariates (default,
  ///     cobalt) or standardized ones (MatchIt's `summary()`).
  /// - Throws: ``BalanceError/lengthMismatch(what:expected:found:)`` when a vector's length
  ///   differs from the number of rows; ``BalanceError/invalidWeight(weights:row:value:)`` for a
  ///   negative or non-finite weight; ``BalanceError/noTreatedUnits(sample:)`` or
  ///   ``BalanceError/noControlUnits(sample:)`` when a group has no unit of positive weight in
  ///   either sample.
  /// - Complexity: O(k × n log n) for k covariates and n units (one sort per continuous
  ///   covariate, shared by both samples).
  public init(
    covariates: BalanceCovariates, treatment: [Bool], estimand: MatchingEstimand, matchingWeights: [Double]? = nil,
    baseWeights: [Double]? = nil, binaryDifference: BalanceBinaryDifference = .raw
  ) throws(BalanceError) {
    let n = covariates.rowCount
    guard treatment.count == n else { throw .lengthMismatch(what: "treatment", expected: n, found: treatment.count) }
    let base = try Self.validated(baseWeights, name: "base weights", count: n) ?? [Double](repeating: 1, count: n)
    let matching = try Self.validated(matchingWeights, name: "matching weights", count: n)
    let adjusted = matching.map { m in zip(m, base).map { $0 * $1 } }
    let groups = BalanceGroups(treatment)
    try Self.requireBothGroups(base, groups, sample: "full sample")
    if let adjusted { try Self.requireBothGroups(adjusted, groups, sample: "matched sample") }

    let denominatorRule = BalanceSMDDenominator(estimand: estimand)
    var rows: [BalanceRow] = []
    rows.reserveCapacity(covariates.covariates.count)
    for covariate in covariates.covariates {
      let binary = covariate.type == .binary
      // A unit denominator reports binary covariates' raw difference in proportions.
      let denominator = binary && binaryDifference == .raw
        ? 1
        : denominatorRule.value(
          covariate.values, baseWeights: base, treated: groups.treated, control: groups.control, binary: binary)
      let ecdf = binary ? nil : BalanceECDF(covariate.values)
      let before = BalanceStatistics.compute(covariate, weights: base, groups: groups, denominator: denominator, ecdf: ecdf)
      let after = adjusted.map {
        BalanceStatistics.compute(covariate, weights: $0, groups: groups, denominator: denominator, ecdf: ecdf)
      }
      rows.append(BalanceRow(covariate: covariate.name, variable: covariate.variable, type: covariate.type, before: before, after: after))
    }
    self.estimand = estimand
    self.smdDenominator = denominatorRule
    self.binaryDifference = binaryDifference
    self.rows = rows
    self.sampleSizes = BalanceSampleSizes(groups: groups, baseWeights: base, adjustedWeights: adjusted)
  }

  /// Computes the balance of named columns of a table (text columns expand to one indicator
  /// per level, see ``BalanceCovariates/init(data:names:)``).
  ///
  /// - Parameters:
  ///   - data: The table.
  ///   - covariates: Column names.
  ///   - treatment: `true` for treated units; one entry per row.
  ///   - estimand: The estimand.
  ///   - matchingWeights: Matching weights, or `nil`.
  ///   - baseWeights: Sampling weights, or `nil`.
  ///   - binaryDifference: How binary covariates' differences are reported.
  /// - Throws: `DataError.unknownColumn` for an unknown column, otherwise ``BalanceError`` as
  ///   ``BalanceCovariates/init(data:names:)`` and
  ///   ``init(covariates:treatment:estimand:matchingWeights:baseWeights:binaryDifference:)`` throw.
  /// - Complexity: O(k × n log n).
  public init(
    data: DataTable, covariates: [String], treatment: [Bool], estimand: MatchingEstimand,
    matchingWeights: [Double]? = nil, baseWeights: [Double]? = nil, binaryDifference: BalanceBinaryDifference = .raw
  ) throws {
    try self.init(
      covariates: try BalanceCovariates(data: data, names: covariates), treatment: treatment, estimand: estimand,
      matchingWeights: matchingWeights, baseWeights: baseWeights, binaryDifference: binaryDifference)
  }

  /// Computes the balance of the terms of a formula's right-hand side (`"treat ~ age + race"`,
  /// `"~ age + race"` or `"age + race"`; see ``BalanceCovariates/init(data:formula:)``).
  ///
  /// - Parameters:
  ///   - data: The table.
  ///   - formula: The covariate formula; a response, if any, is ignored.
  ///   - treatment: `true` for treated units; one entry per row.
  ///   - estimand: The estimand.
  ///   - matchingWeights: Matching weights, or `nil`.
  ///   - baseWeights: Sampling weights, or `nil`.
  ///   - binaryDifference: How binary covariates' differences are reported.
  /// - Throws: `FormulaError`, `DataError.unknownColumn`, `ModelFrameError` or ``BalanceError``
  ///   as ``BalanceCovariates/init(data:formula:)`` and
  ///   ``init(covariates:treatment:estimand:matchingWeights:baseWeights:binaryDifference:)`` throw.
  /// - Complexity: O(k × n log n).
  public init(
    data: DataTable, formula: String, treatment: [Bool], estimand: MatchingEstimand,
    matchingWeights: [Double]? = nil, baseWeights: [Double]? = nil, binaryDifference: BalanceBinaryDifference = .raw
  ) throws {
    try self.init(
      covariates: try BalanceCovariates(data: data, formula: formula), treatment: treatment, estimand: estimand,
      matchingWeights: matchingWeights, baseWeights: baseWeights, binaryDifference: binaryDifference)
  }

  /// Checks a weight vector's length and values.
  static func validated(_ weights: [Double]?, name: String, count: Int) throws(BalanceError) -> [Double]? {
    guard let weights else { return nil }
    guard weights.count == count else { throw .lengthMismatch(what: name, expected: count, found: weights.count) }
    if let bad = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
      throw .invalidWeight(weights: name, row: bad, value: weights[bad])
    }
    return weights
  }

  /// Throws unless both groups have a unit of positive weight.
  static func requireBothGroups(_ w: [Double], _ groups: BalanceGroups, sample: String) throws(BalanceError) {
    guard BalanceMoments.positiveCount(w, groups.treated) > 0 else { throw .noTreatedUnits(sample: sample) }
    guard BalanceMoments.positiveCount(w, groups.control) > 0 else { throw .noControlUnits(sample: sample) }
  }
}

import CausalCore

/// Covariate balance before and after matching or weighting: standardized mean differences,
/// variance ratios and eCDF (Kolmogorov–Smirnov) statistics, as MatchIt 4.5.1's `summary()`
/// reports them.
///
/// Made by ``BalanceAssessment/fit(_:)`` (and by ``PropensityScoreMatching``):
///
/// ```swift
/// let table = try BalanceAssessment(
///   treatment: "treat", covariates: ["age", "educ", "race", "married", "nodegree", "re74", "re75"],
///   weights: "matching_weight").fit(matched)
/// table["race::black"]?.after?.standardizedMeanDifference
/// print(table.summary())
/// ```
///
/// ## As an estimation result
///
/// ``coefficients`` holds one row per expanded covariate (term = the row name, `race::black`):
/// the estimate is the standardized mean difference after matching (before matching for a
/// table without matching weights), and the standard error, statistic, p-value and interval
/// are NaN (balance statistics are descriptive). ``observationCount`` counts every unit;
/// ``drops`` is empty (incomplete rows throw instead of being dropped, as MatchIt requires).
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
public struct BalanceTable: EstimationResult, Equatable {
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

  /// Computes the balance of expanded covariates (the array-level entry point behind
  /// ``BalanceAssessment`` and ``PropensityScoreMatching``).
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
  /// - Throws: `DataError.lengthMismatch` when a vector's length
  ///   differs from the number of rows; `DataError.invalidValues` for a
  ///   negative or non-finite weight; ``MatchingError/noTreatedUnits(sample:)`` or
  ///   ``MatchingError/noControlUnits(sample:)`` when a group has no unit of positive weight in
  ///   either sample.
  /// - Complexity: O(k × n log n) for k covariates and n units (one sort per continuous
  ///   covariate, shared by both samples).
  package init(
    covariates: BalanceCovariates, treatment: [Bool], estimand: MatchingEstimand, matchingWeights: [Double]? = nil,
    baseWeights: [Double]? = nil, binaryDifference: BalanceBinaryDifference = .raw
  ) throws {
    let n = covariates.rowCount
    guard treatment.count == n else { throw DataError.lengthMismatch(column: "treatment", expected: n, found: treatment.count) }
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

  /// Checks a weight vector's length and values.
  static func validated(_ weights: [Double]?, name: String, count: Int) throws -> [Double]? {
    guard let weights else { return nil }
    guard weights.count == count else { throw DataError.lengthMismatch(column: name, expected: count, found: weights.count) }
    if let bad = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
      throw DataError.invalidValues(
        column: name, reason: "row \(bad) has \(weights[bad]); weights must be finite and non-negative")
    }
    return weights
  }

  /// Throws unless both groups have a unit of positive weight.
  static func requireBothGroups(_ w: [Double], _ groups: BalanceGroups, sample: String) throws {
    guard BalanceMoments.positiveCount(w, groups.treated) > 0 else { throw MatchingError.noTreatedUnits(sample: "the " + sample) }
    guard BalanceMoments.positiveCount(w, groups.control) > 0 else { throw MatchingError.noControlUnits(sample: "the " + sample) }
  }
}

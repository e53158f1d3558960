import CausalCore
import LinearAlgebra

/// The result of fitting a ``FixedEffectsModel``: coefficients with their inference, fit
/// statistics, and a full record of what was removed.
///
/// ```swift
/// let fit = try FixedEffectsModel(formula: "y ~ x1 + x2 | firm + year", vcov: .cluster(["firm"]))
///   .fit(data)
/// for row in fit.coefficients { print(row.term, row.estimate, row.standardError) }
/// print(fit.summary())
/// let json = try JSONEncoder().encode(fit)   // the keys of `causalkit feols --json`, and more
/// ```
///
/// The fit is an immutable value. It keeps the residuals (one per used observation) but not a
/// copy of the outcome: ``outcome`` is gathered on access from the response over the table's
/// rows (the table's own array for a `double` column). It records the ``fingerprint`` of the
/// table it was fitted on; ``sample(of:)`` checks it before selecting rows of a table.
public struct FixedEffectsFit: EstimationResult {
  /// Tidy coefficient rows for the kept regressors, in formula order.
  public let coefficients: [CoefficientRow]
  /// The variance matrix of the kept coefficients.
  public let variance: TermVariance
  /// The variance estimator used.
  public let varianceType: VarianceType
  /// The small-sample convention used.
  public let smallSample: SmallSampleCorrection
  /// The distribution for tests and intervals (Student t with ``tDegreesOfFreedom``).
  public let referenceDistribution: ReferenceDistribution
  /// Confidence level of the intervals in ``coefficients``.
  public let confidenceLevel: Double

  /// Observations used in the fit.
  public let observationCount: Int
  /// Number of estimated slopes (kept regressors).
  public let slopeCount: Int
  /// Fixed-effect parameters counted in the residual degrees of freedom.
  public let fixedEffectParameterCount: Int
  /// Residual degrees of freedom `n − k − K_fe` (all fixed-effect parameters counted).
  public let residualDegreesOfFreedom: Int
  /// Degrees of freedom of the t distribution used for p-values and intervals: the residual
  /// degrees of freedom, or `G − 1` (smallest G) when clustered.
  public let tDegreesOfFreedom: Double
  /// Cluster counts, by cluster variable, when clustered.
  public let clusterCounts: [String: Int]

  /// Residual sum of squares (weighted).
  public let residualSumOfSquares: Double
  /// R²: `1 − RSS / TSS`, TSS around the (weighted) mean of the outcome.
  public let r2: Double
  /// Adjusted R²: `1 − (1 − R²)(n − 1)/(n − K)` with K counting intercept or fixed effects.
  public let adjustedR2: Double
  /// Within R² (with fixed effects): `1 − RSS / TSS_within`, TSS of the demeaned outcome;
  /// `nil` without fixed effects.
  public let withinR2: Double?
  /// F statistic for all slopes being zero (iid form), with its degrees of freedom and p-value;
  /// `nil` when there is no slope.
  public let fTest: FTest?
  /// Root mean squared error `sqrt(RSS / n)`.
  public let rmse: Double

  /// Residuals, one per used observation (in ``observationRows`` order).
  public let residuals: [Double]
  /// Estimated fixed effects by dimension and level label, when requested
  /// (``FixedEffectsModel/computeFixedEffects``).
  public let fixedEffects: [FixedEffectValues]?

  /// Every removed observation and term, with reasons.
  public let drops: DropReport
  /// What the demeaning solver did.
  public let demeaning: DemeaningReport
  /// The absorbed fixed-effect dimensions and their level counts (after removals).
  public let fixedEffectLevels: [FixedEffectDimension]
  /// Additional notes (for example removed observations and terms).
  public let notes: [String]
  /// The fingerprint of the table the model was fitted on.
  public let fingerprint: TableFingerprint

  /// The response over every row of the fitted table, gathered through ``observations``.
  let responseOverTable: [Double]
  /// The used rows of the table.
  let observations: ObservationRows

  /// Fitted values, one per used observation (in ``observationRows`` order), computed on
  /// access as outcome minus residual (so a fit does not hold a third n-vector).
  ///
  /// - Complexity: O(rows of the table) per access.
  public var fittedValues: [Double] { zip(outcome, residuals).map { $0 - $1 } }

  /// The outcome of each used observation, gathered on access from the response over the
  /// table's rows (no copy is stored).
  ///
  /// - Complexity: O(rows of the table) per access.
  public var outcome: [Double] { observations.gather(responseOverTable) }

  /// Original row index (in the fitted table) of each used observation, ascending.
  ///
  /// - Complexity: O(rows of the table) per access: the fit stores one bit per table row.
  public var observationRows: [Int] { observations.rows }

  /// The used rows of `table`, which must be the table the model was fitted on.
  ///
  /// - Parameter table: The table passed to ``FixedEffectsModel/fit(_:)``.
  /// - Returns: The rows in ``observationRows``, as a table.
  /// - Throws: `DataError.tableMismatch` when `table` is not the fitted table (another row
  ///   count or other contents).
  /// - Complexity: O(rows of the table × columns).
  public func sample(of table: DataTable) throws -> DataTable {
    try fingerprint.check(table)
    return table.selecting(rows: observationRows)
  }

  /// The summary table without a title (see ``summary(title:)``).
  public func summary() -> String { summary(title: nil) }
}

/// The F test that all slopes of a linear model are zero (iid form).
public struct FTest: Sendable, Equatable, Encodable {
  /// `F = ((TSS − RSS)/q) / (RSS/df₂)`.
  public let statistic: Double
  /// `q`, the number of slopes.
  public let numeratorDegreesOfFreedom: Int
  /// `df₂`, the residual degrees of freedom.
  public let denominatorDegreesOfFreedom: Int
  /// `P(F(q, df₂) > F)`.
  public let pValue: Double

  /// Creates a test result.
  public init(statistic: Double, numeratorDegreesOfFreedom: Int, denominatorDegreesOfFreedom: Int, pValue: Double) {
    self.statistic = statistic
    self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
    self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    self.pValue = pValue
  }

  /// Encodes `statistic`, `df1`, `df2` and `p_value`; non-finite numbers (an exact fit has an
  /// infinite F) become `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([
      .number("statistic", statistic), .value("df1", numeratorDegreesOfFreedom),
      .value("df2", denominatorDegreesOfFreedom), .number("p_value", pValue),
    ])
  }

}

/// An absorbed fixed-effect dimension: its name and its number of levels after removals.
public struct FixedEffectDimension: Sendable, Equatable, Codable {
  /// The dimension's name (its column).
  public let name: String
  /// The number of levels.
  public let levels: Int
}

/// Estimated fixed-effect values of one dimension.
///
/// Fixed effects are identified only up to normalisation when there are several dimensions:
/// CausalKit sets the first level of every dimension but the first to zero (as fixest's
/// `fixef()` does for connected designs) and reports the others relative to it.
public struct FixedEffectValues: Sendable, Equatable, Codable {
  /// The dimension's name.
  public let name: String
  /// Level labels.
  public let levels: [String]
  /// Estimated effect per level.
  public let values: [Double]

  /// Creates the values of one dimension.
  public init(name: String, levels: [String], values: [Double]) {
    self.name = name
    self.levels = levels
    self.values = values
  }

  enum CodingKeys: String, CodingKey { case name, levels, values }

  /// Encodes the values; non-finite numbers become `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .value(.name, name), .value(.levels, levels), .numbers(.values, values),
    ])
  }

  /// Decodes the values; `null` numbers read as NaN.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(name: c.value(.name), levels: c.value(.levels), values: c.numbers(.values))
  }

}

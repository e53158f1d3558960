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
/// ```
public struct FixedEffectsFit: Sendable {
  /// Tidy coefficient rows for the kept regressors, in formula order.
  public var coefficients: [CoefficientRow]
  /// The variance matrix of the kept coefficients.
  public var variance: TermVariance
  /// The variance estimator used.
  public var varianceType: VarianceType
  /// The small-sample convention used.
  public var smallSample: SmallSampleCorrection
  /// The distribution for tests and intervals (Student t with ``tDegreesOfFreedom``).
  public var referenceDistribution: ReferenceDistribution
  /// Confidence level of the intervals in ``coefficients``.
  public var confidenceLevel: Double

  /// Observations used in the fit.
  public var observationCount: Int
  /// Number of estimated slopes (kept regressors).
  public var slopeCount: Int
  /// Fixed-effect parameters counted in the residual degrees of freedom.
  public var fixedEffectParameterCount: Int
  /// Residual degrees of freedom `n − k − K_fe` (all fixed-effect parameters counted).
  public var residualDegreesOfFreedom: Int
  /// Degrees of freedom of the t distribution used for p-values and intervals: the residual
  /// degrees of freedom, or `G − 1` (smallest G) when clustered.
  public var tDegreesOfFreedom: Double
  /// Cluster counts, by cluster variable, when clustered.
  public var clusterCounts: [String: Int]

  /// Residual sum of squares (weighted).
  public var residualSumOfSquares: Double
  /// R²: `1 − RSS / TSS`, TSS around the (weighted) mean of the outcome.
  public var r2: Double
  /// Adjusted R²: `1 − (1 − R²)(n − 1)/(n − K)` with K counting intercept or fixed effects.
  public var adjustedR2: Double
  /// Within R² (with fixed effects): `1 − RSS / TSS_within`, TSS of the demeaned outcome;
  /// `nil` without fixed effects.
  public var withinR2: Double?
  /// F statistic for all slopes being zero (iid form), with its degrees of freedom and p-value.
  public var fTest: (statistic: Double, numeratorDF: Int, denominatorDF: Int, pValue: Double)?
  /// Root mean squared error `sqrt(RSS / n)`.
  public var rmse: Double

  /// Fitted values, one per used observation (in ``observationRows`` order), computed on
  /// access as outcome minus residual (so a fit does not hold a third n-vector).
  ///
  /// - Complexity: O(n) per access.
  public var fittedValues: [Double] { zip(outcome, residuals).map { $0 - $1 } }
  /// The outcome of each used observation.
  ///
  /// The fit keeps the response over the table's rows (the table's own array for a `double`
  /// column, so no copy) and gathers the used observations on access.
  ///
  /// - Complexity: O(rows of the table) per access.
  public var outcome: [Double] {
    get {
      switch outcomeStorage {
      case .overTable(let values): return observations.gather(values)
      case .used(let values): return values
      }
    }
    set { outcomeStorage = .used(newValue) }
  }
  /// Residuals, one per used observation.
  public var residuals: [Double]
  /// Original row index (in the input table) of each used observation.
  ///
  /// - Complexity: O(rows of the table) per access: the fit stores one bit per table row.
  public var observationRows: [Int] {
    get { observations.rows }
    set {
      // Assigning rows must not change the outcome, so it is materialized first.
      if case .overTable = outcomeStorage { outcomeStorage = .used(outcome) }
      observations = ObservationRows(list: newValue)
    }
  }
  /// Estimated fixed effects by dimension and level label, when requested
  /// (``FixedEffectsModel/computeFixedEffects``).
  public var fixedEffects: [FixedEffectValues]?

  /// Every removed observation and term, with reasons.
  public var drops: DropReport
  /// What the demeaning solver did.
  public var demeaning: DemeaningReport
  /// Names of the absorbed fixed-effect dimensions and their level counts (after removals).
  public var fixedEffectLevels: [(name: String, levels: Int)]
  /// Additional notes (for example a repaired non-positive-definite variance).
  public var notes: [String]

  /// Where ``outcome`` comes from.
  enum OutcomeStorage: Sendable {
    /// The response over every row of the table, gathered through ``observations``.
    case overTable([Double])
    /// The outcome of each used observation, as assigned.
    case used([Double])
  }
  /// The outcome's storage.
  var outcomeStorage: OutcomeStorage
  /// The used rows of the table.
  var observations: ObservationRows

  /// The row for a term, or `nil` when the term is absent (for example dropped).
  public func coefficient(_ term: String) -> CoefficientRow? {
    coefficients.first { $0.term == term }
  }
}

/// Estimated fixed-effect values of one dimension.
///
/// Fixed effects are identified only up to normalisation when there are several dimensions:
/// CausalKit sets the first level of every dimension but the first to zero (as fixest's
/// `fixef()` does for connected designs) and reports the others relative to it.
public struct FixedEffectValues: Sendable, Equatable {
  /// The dimension's name.
  public var name: String
  /// Level labels.
  public var levels: [String]
  /// Estimated effect per level.
  public var values: [Double]
}

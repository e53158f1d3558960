import FixedEffects

/// The Goodman-Bacon (2021) decomposition of the two-way fixed-effects difference-in-differences
/// coefficient: the coefficient of `y ~ D | unit + time` written as a weighted average of every
/// 2×2 comparison between groups of units that adopt the treatment at different times.
///
/// With staggered adoption the two-way fixed-effects coefficient mixes four kinds of 2×2
/// comparisons (``BaconComparisonType``): timing groups against never-treated units, earlier
/// against later-treated groups before the later ones are treated, later against
/// earlier-treated groups after the earlier ones are treated (the "forbidden" comparisons,
/// biased when effects change over time), and timing groups against always-treated units. The
/// decomposition shows how much weight each gets and what each estimates; the weights sum to 1
/// and the weighted sum of the 2×2 estimates is the coefficient.
///
/// ```swift
/// let bacon = try BaconDecomposition(outcome: "l_homicide", unit: "state", time: "year", treatment: "post")
/// let result = try bacon.fit(castle)
/// print(result.summary())
/// for total in result.totals { print(total.type.label, total.weight, total.estimate) }
/// ```
///
/// ## Conventions
///
/// - **Data.** A balanced panel: every unit observed once in every period, no missing value in
///   the four columns. Unbalanced panels are refused (the error counts the incomplete units
///   and names one with a missing period), not silently balanced: the closed-form weights hold
///   for balanced panels only, so the caller chooses between dropping units and dropping
///   periods.
/// - **Treatment.** A 0/1 column (numbers or logicals), absorbing: once 1 for a unit, 1 in
///   every later period. A unit's timing group is its first treated period; units treated in
///   every period are always treated, units never treated are never treated.
/// - **Time.** Integer codes (years, or 1, 2, 3, …), ordered numerically; gaps between codes do
///   not matter, as in the regression.
/// - **Weights.** Observation weights are not supported, as in R's bacondecomp: the
///   decomposition and its closed-form weights (sample shares and treatment variances of
///   Goodman-Bacon 2021, Theorem 1) are those of the unweighted regression.
/// - **Always-treated units** are a control group of their own (R's "Later vs Always Treated"),
///   not folded into the never-treated group; the two give the same total, as the regression
///   cannot tell them apart.
/// - **Comparisons** with zero weight by construction (a never- or always-treated group
///   "treated") are not listed.
///
/// The 2×2 estimates are differences of group mean outcomes, and the weights closed-form
/// functions of group sizes and treatment shares, so no regression is run per comparison; the
/// two-way fixed-effects coefficient itself comes from ``FixedEffectsModel`` with standard
/// errors clustered by unit.
public struct BaconDecomposition: Estimator {
  /// The outcome column.
  public let outcome: String
  /// The unit column (any kind).
  public let unit: String
  /// The time column (integer codes).
  public let time: String
  /// The 0/1 absorbing treatment column.
  public let treatment: String
  /// Confidence level of the two-way fixed-effects coefficient's interval, 0.95 by default.
  public let confidenceLevel: Double
  /// The regression `outcome ~ treatment | unit + time`, clustered by unit.
  public let model: FixedEffectsModel

  /// Creates the decomposition.
  ///
  /// - Parameters:
  ///   - outcome: Outcome column (numeric).
  ///   - unit: Unit identifier column.
  ///   - time: Time column, integer codes.
  ///   - treatment: Treatment indicator column, 0/1 and absorbing.
  ///   - weights: Must be `nil`: the decomposition is defined for unweighted data (see the
  ///     type's discussion); a weighted two-way fixed-effects regression is a
  ///     ``FixedEffectsModel`` with weights.
  ///   - confidenceLevel: Interval level of the coefficient, in (0, 1).
  /// - Throws: `OptionError` for an empty column name, a weight column, or a confidence level
  ///   outside (0, 1); `FixedEffectsError` wrapping it for the regression's options.
  /// - Complexity: O(1).
  public init(
    outcome: String, unit: String, time: String, treatment: String, weights: String? = nil,
    confidenceLevel: Double = 0.95
  ) throws {
    try OptionError.requireColumnNames(["outcome": outcome, "unit": unit, "time": time, "treatment": treatment])
    if let weights {
      throw OptionError.invalid(
        option: "weights", value: weights,
        expected: "nil: the Goodman-Bacon decomposition is defined for unweighted data (as in R's bacondecomp); "
          + "fit a weighted two-way fixed-effects regression with FixedEffectsModel instead")
    }
    try OptionError.requireLevel(confidenceLevel)
    (self.outcome, self.unit, self.time, self.treatment) = (outcome, unit, time, treatment)
    self.confidenceLevel = confidenceLevel
    model = try FixedEffectsModel(
      formula: Formula(response: outcome, regressors: [treatment], fixedEffects: [unit, time]), vcov: .cluster([unit]),
      confidenceLevel: confidenceLevel)
  }

  /// Decomposes the two-way fixed-effects coefficient of a panel.
  ///
  /// - Parameter data: A balanced panel (see the type's conventions).
  /// - Returns: The comparisons, their totals by type and the coefficient.
  /// - Throws: `DataError` for an unknown or mistyped column, missing or non-finite values, a
  ///   treatment other than 0/1, a time code that is not an integer, or a table without rows;
  ///   ``BaconDecompositionError`` for duplicated unit-periods, an unbalanced panel, a
  ///   treatment that is not absorbing or no usable variation in treatment timing; the
  ///   regression's errors (`FixedEffectsError`).
  /// - Complexity: O(n) time and memory for n rows (O(n log n) to code unit labels that are
  ///   not small integers), plus O(groups²) for the comparisons, plus the regression.
  public func fit(_ data: DataTable) throws -> BaconDecompositionResult {
    let panel = try BaconPanel(table: data, outcome: outcome, unit: unit, time: time, treatment: treatment)
    let fit = try model.fit(data)
    guard let row = fit.coefficients.first else {
      throw FixedEffectsError.allRegressorsRemoved(terms: [treatment])
    }
    return BaconDecompositionResult(
      columns: (outcome, treatment, unit, time), panel: panel, twoWayFixedEffects: row.renamed(treatment))
  }
}

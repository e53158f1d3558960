import CausalCore

/// Callaway and Sant'Anna's (2021) group-time average treatment effects for staggered
/// adoption, with R did's conventions.
///
/// A cohort (group) `g` is the units first treated in period `g`. For every cohort and period
/// the estimator compares the cohort's outcome change since a base period with that of a
/// comparison group (never treated, or also not yet treated), one two-group, two-period
/// comparison per cell, estimated by outcome regression, inverse probability weighting or
/// doubly robust DiD (``TwoByTwoMethod``) with covariates from the base period. Treatment is
/// absorbing, and effects may differ by cohort and change with exposure: nothing is pooled
/// across cells, so the problems of two-way fixed effects (negative weights, forbidden
/// comparisons) do not arise.
///
/// ```swift
/// let cs = try CallawaySantAnna(
///   outcome: "lemp", time: "year", unit: "countyreal", cohort: "first_treat")
/// let result = try cs.fit(mpdta)
/// let dynamic = try result.aggregated(.dynamic())   // an event study
/// ```
///
/// ## Conventions (R did 2.x)
/// - The cohort column holds each unit's first treated period, 0 for never treated; cohorts
///   after the last period (plus the anticipation) count as never treated; units treated in
///   the first period (plus the anticipation) have no pre-treatment period and are removed
///   (``DropReason/alreadyTreated``).
/// - The default method is did's `"dr"`, the traditional doubly robust estimator
///   (``TwoByTwoMethod/traditionalDoublyRobust``, DRDID's `drdid_panel` / `drdid_rc`).
/// - Post-treatment cells use the base period `g − anticipation − 1` (the last period before
///   it); pre-treatment cells depend on ``BasePeriod``.
/// - Covariates and, in panels, sampling weights are taken from the earlier of the cell's two
///   periods.
/// - Influence functions are rescaled to the whole sample (`n / n_cell`); standard errors are
///   `sqrt(Σ ψ²) / n` over units, or over cluster sums of ψ with a cluster column.
/// - Before its 2x2 estimate each cell passes did 2.5.1's two checks (`overlap_check_fail`,
///   `rcond_check_fail`), or is NaN with the reason. Overlap, for the propensity-score methods
///   (doubly robust, IPW): an unweighted logit of the group on the covariates over the cell's
///   units (rows of both periods in repeated cross-sections and unbalanced panels) must fit no
///   probability of 0.999 or more; without covariates, the share treated must stay below 0.999.
///   Rank, for the outcome-regression methods (doubly robust, regression) once overlap passed:
///   the comparison units' cross-product `X_cᵀ X_c` must have a reciprocal condition number
///   (R's `rcond`) of at least machine epsilon. ``TwoByTwoMethod/improvedDoublyRobust``, which
///   did's `att_gt` does not offer, has a propensity score and a comparison regression and gets
///   both checks. A cell without treated or comparison units reports that instead. moderndid
///   0.2.0 and csdid 0.4.3 have both checks too (see the staggered-adoption article).
/// - A cell that cannot be estimated (no comparison units, a failed check or fit) is reported
///   as NaN with a note and left out of aggregations.
public struct CallawaySantAnna: Estimator {
  /// The outcome column.
  public let outcome: String
  /// The time column: integer periods.
  public let time: String
  /// The unit column, or `nil` for repeated cross-sections.
  public let unit: String?
  /// The cohort column: each unit's first treated period, 0 for never treated.
  public let cohort: String
  /// Covariates, from the base period of each cell.
  public let covariates: Covariates
  /// The 2x2 estimator of each cell.
  public let method: TwoByTwoMethod
  /// Which units are controls.
  public let comparison: ComparisonGroup
  /// Periods of anticipation: units may react this many periods before treatment.
  public let anticipation: Int
  /// The base period of pre-treatment cells.
  public let basePeriod: BasePeriod
  /// How rows relate to units.
  public let design: SampleDesign
  /// A column of sampling weights, or `nil`.
  public let weights: String?
  /// A cluster column above the unit (constant within units), or `nil`.
  public let cluster: String?
  /// The multiplier bootstrap for standard errors and simultaneous bands, or `nil` for
  /// analytic standard errors only.
  public let bootstrap: MultiplierBootstrap?
  /// The level of pointwise confidence intervals and simultaneous bands.
  public let confidenceLevel: Double

  /// Creates the estimator.
  ///
  /// - Parameters:
  ///   - outcome: The outcome column.
  ///   - time: The time column (integer periods).
  ///   - unit: The unit column; `nil` for repeated cross-sections.
  ///   - cohort: The cohort column (first treated period, 0 for never treated).
  ///   - covariates: Covariates as a formula right-hand side or column list.
  ///   - method: The 2x2 estimator (default: traditional doubly robust, as did's `"dr"`).
  ///   - comparison: Never-treated (default) or not-yet-treated controls.
  ///   - anticipation: Periods of anticipation, 0 or more.
  ///   - basePeriod: Varying (default) or universal base period.
  ///   - design: Balanced panel (default with a unit column), unbalanced panel, or repeated
  ///     cross-sections (the default, and the only choice, without a unit column).
  ///   - weights: A sampling-weight column.
  ///   - cluster: A cluster column above the unit.
  ///   - bootstrap: The multiplier bootstrap (standard errors and simultaneous bands), or
  ///     `nil` for analytic standard errors.
  ///   - confidenceLevel: The confidence level, in (0, 1).
  /// - Throws: `OptionError` for an empty column name, a negative anticipation, a level outside
  ///   (0, 1), a panel design without a unit column, or a cluster equal to the unit.
  public init(
    outcome: String, time: String, unit: String?, cohort: String, covariates: Covariates = Covariates(),
    method: TwoByTwoMethod = .traditionalDoublyRobust, comparison: ComparisonGroup = .neverTreated,
    anticipation: Int = 0, basePeriod: BasePeriod = .varying, design: SampleDesign? = nil, weights: String? = nil,
    cluster: String? = nil, bootstrap: MultiplierBootstrap? = nil, confidenceLevel: Double = 0.95
  ) throws(OptionError) {
    try OptionError.requireLevel(confidenceLevel)
    try OptionError.requireColumnNames(["outcome": outcome, "time": time, "cohort": cohort])
    guard anticipation >= 0 else {
      throw .invalid(option: "anticipation", value: "\(anticipation)", expected: "0 or more periods")
    }
    let design = design ?? (unit == nil ? .repeatedCrossSections : .balancedPanel)
    if unit == nil, design != .repeatedCrossSections {
      throw .invalid(option: "design", value: design.rawValue, expected: "repeated-cross-sections without a unit column")
    }
    if let cluster, cluster == unit {
      throw .invalid(option: "cluster", value: cluster, expected: "a column above the unit (inference is by unit already)")
    }
    self.outcome = outcome
    self.time = time
    self.unit = unit
    self.cohort = cohort
    self.covariates = covariates
    self.method = method
    self.comparison = comparison
    self.anticipation = anticipation
    self.basePeriod = basePeriod
    self.design = design
    self.weights = weights
    self.cluster = cluster
    self.bootstrap = bootstrap
    self.confidenceLevel = confidenceLevel
  }

  /// Estimates every group-time effect.
  ///
  /// - Parameter data: One row per unit and period (panels) or per individual (repeated
  ///   cross-sections).
  /// - Returns: The group-time effects with their influence functions, ready to aggregate.
  /// - Throws: ``DiDError`` for invalid data (see ``DiDError``'s cases).
  /// - Complexity: O(C × (m k² + k³)) for C cells of m units each and k covariates; memory
  ///   O(n k) plus the influence functions, O(Σ m) over the cells.
  public func fit(_ data: DataTable) throws(DiDError) -> CallawaySantAnnaResult {
    let sample = try StaggeredSample.prepare(self, data: data)
    let cells = GroupTimeCells.estimate(sample, model: self)
    return CallawaySantAnnaResult(model: self, sample: sample, cells: cells)
  }
}

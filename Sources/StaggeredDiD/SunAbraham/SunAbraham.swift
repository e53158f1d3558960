import CausalCore
import FixedEffects
import LinearAlgebra

/// Sun and Abraham's (2021) interaction-weighted event study, with fixest's `sunab()`
/// conventions.
///
/// One saturated two-way fixed-effects regression, `y ~ cohort × relative-period dummies
/// (+ covariates) | unit + time`, estimates a cohort-specific effect CATT(g, e) for every
/// cohort `g` and relative period `e = t − g` except the reference periods (−1 by default).
/// Event-time effects are then the averages of the CATTs with the same `e`, weighted by the
/// cohorts' shares of the observations that carry each dummy (fixest's `aggregate(agg =
/// "period")`); the ATT averages every post-treatment CATT the same way (`agg = "att"`).
/// Standard errors come from the regression's covariance matrix by the delta method
/// (`w' V w`), so they follow its variance type (clustered by unit by default, as fixest).
///
/// Conventions (fixest `sunab`):
/// - The cohort column holds the first treated period. Units whose cohort is not one of the
///   observed periods (0, a value after the last period) are never treated: they carry no
///   dummy and serve as the controls. A cohort observed only before its treatment is never
///   treated in the sample, and is a control too.
/// - Cohorts observed only at or after treatment (always treated) have no pre-period to
///   compare with: their rows are removed (``DropReason/alreadyTreated``).
/// - Dummies the regression drops as collinear are left out of the averages.
///
/// ```swift
/// let sa = try SunAbraham(outcome: "lemp", unit: "countyreal", time: "year", cohort: "first_treat")
/// let result = try sa.fit(mpdta)
/// for e in result.eventTimeEstimates { print(e.relativeTime, e.row.estimate) }
/// ```
public struct SunAbraham: StaggeredPanelEstimator {
  /// The outcome, unit (absorbed), time (absorbed) and cohort columns, the covariates added to
  /// the regression and the weight column (the cohort shares are then weighted too).
  public let columns: StaggeredPanelColumns
  /// The omitted relative periods (fixest's `ref.p`), −1 by default.
  public let referencePeriods: [Int]
  /// The regression's variance; clustered by ``unit`` when `nil` (fixest's default).
  public let vcov: VarianceType?
  /// The confidence level.
  public let confidenceLevel: Double

  /// The name of the generated cohort × relative-period column.
  static let cellColumn = "sunab_cell"

  /// Creates the estimator.
  ///
  /// - Parameters:
  ///   - outcome: The outcome column.
  ///   - unit: The unit column.
  ///   - time: The time column.
  ///   - cohort: The cohort column.
  ///   - covariates: Covariates.
  ///   - referencePeriods: The omitted relative periods (at least one).
  ///   - vcov: The variance, or `nil` for clustering by unit.
  ///   - weights: A weight column.
  ///   - confidenceLevel: The confidence level, in (0, 1).
  /// - Throws: `OptionError` for an empty column name, no reference period, or a level
  ///   outside (0, 1).
  public init(
    outcome: String, unit: String, time: String, cohort: String, covariates: Covariates = Covariates(),
    referencePeriods: [Int] = [-1], vcov: VarianceType? = nil, weights: String? = nil, confidenceLevel: Double = 0.95
  ) throws(OptionError) {
    try OptionError.requireLevel(confidenceLevel)
    let columns = try StaggeredPanelColumns(
      outcome: outcome, unit: unit, time: time, cohort: cohort, covariates: covariates, weights: weights)
    try StaggeredPanelColumns.requireReferencePeriods(referencePeriods)
    self.columns = columns
    self.referencePeriods = referencePeriods
    self.vcov = vcov
    self.confidenceLevel = confidenceLevel
  }

  /// Fits the saturated regression and aggregates it.
  ///
  /// - Parameter data: One row per unit and period.
  /// - Returns: Event-time effects, the ATT and the cohort-specific effects.
  /// - Throws: ``DiDError`` for invalid time or cohort values, no treated cohort, or
  ///   cohort-period cells too many for memory (``DiDError/tooManyCells(cells:cohorts:rows:physicalMemory:)``);
  ///   the errors of `FixedEffectsModel.fit(_:)`.
  /// - Complexity: That of the fixed-effects regression with one dummy per cohort and relative
  ///   period.
  public func fit(_ data: DataTable) throws -> SunAbrahamResult {
    guard data[Self.cellColumn] == nil else {
      throw DiDError.data(.invalidValues(column: Self.cellColumn, reason: "the table already has a column with the name Sun-Abraham generates; rename it"))
    }
    let cells = try SunAbrahamCells(data, model: self)
    var table = data.selecting(rows: cells.keptRows)
    try table.append(Column(name: Self.cellColumn, ints: cells.codes))
    let formula = try Formula(
      response: outcome, terms: ["i(\(Self.cellColumn), ref = 0)"], covariates: covariates, fixedEffects: [unit, time])
    let model = try FixedEffectsModel(
      formula: formula, weights: weights, vcov: vcov ?? .cluster([unit]), confidenceLevel: confidenceLevel)
    let regression: FixedEffectsFit
    do {
      regression = try model.fit(table, fingerprint: TableFingerprint(data))
    } catch ModelFrameError.designTooLarge(let rows, _, let term, _, let memory) where term.contains(Self.cellColumn) {
      // The generated cell term is the caller's cohorts and periods, not a term they wrote.
      throw DiDError.tooManyCells(
        cells: cells.cells.count, cohorts: Set(cells.cells.map(\.cohort)).count, rows: rows, physicalMemory: memory)
    }
    return try SunAbrahamResult(regression: regression, cells: cells, table: table, model: self)
  }
}

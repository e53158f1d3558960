import CausalKit

/// Callaway and Sant'Anna's (2021) estimates for one outcome: the group-time effects, their
/// simple aggregation (the staggered analogue of the DiD's ATT) and their dynamic aggregation
/// (an event study that stays right when effects change with exposure).
///
/// ```swift
/// let cs = analysis.callawaySantAnna
/// print(cs?.simple.estimate ?? .nan)
/// for row in cs?.dynamic.breakdown ?? [] { print(row.key, row.row.estimate) }
/// ```
public struct CallawaySantAnnaOutcome: Sendable, Equatable {
  /// The outcome column.
  public var outcome: String
  /// The simple aggregation: every post-treatment group-time effect weighted by its cohort's
  /// share of the rows (term `ATT`).
  public var simple: CoefficientRow
  /// The dynamic aggregation: one row per event time (years since a school joined; the leads
  /// are the pre-treatment placebo cells), and as overall the mean of the event times `≥ 0`.
  /// Its ``AggregatedEffect/covariance`` is the input a HonestDiD sensitivity analysis needs.
  public var dynamic: AggregatedEffect
  /// The group-time effects, by cohort and period (cohorts and periods on the panel's scale).
  public var groupTimeEffects: [GroupTimeEffect]
  /// Rows used.
  public var observations: Int
  /// Clusters (schools) of the standard errors.
  public var clusters: Int
  /// Comparison rows trimmed for propensity scores of at least 0.995, over all cells.
  public var trimmed: Int
  /// What the estimation changed or could not do, and the rows it removed.
  public var notes: [String]

  /// Creates the estimates; parameters as the properties.
  public init(
    outcome: String, simple: CoefficientRow, dynamic: AggregatedEffect, groupTimeEffects: [GroupTimeEffect],
    observations: Int, clusters: Int, trimmed: Int, notes: [String]
  ) {
    self.outcome = outcome
    self.simple = simple
    self.dynamic = dynamic
    self.groupTimeEffects = groupTimeEffects
    self.observations = observations
    self.clusters = clusters
    self.trimmed = trimmed
    self.notes = notes
  }

  /// The dynamic aggregation's estimate at an event time, or `nil`.
  ///
  /// - Parameter eventTime: Years since treatment (negative: leads).
  public func eventTime(_ eventTime: Int) -> CoefficientRow? { dynamic.row(eventTime) }
}

/// Sant'Anna and Zhao's (2020) doubly robust 2×2 DiD of one outcome on the school panel of
/// pre- and post-period means: the modern counterpart of the PSM-DiD, which adjusts for the
/// conditioning covariates by a propensity score and an outcome regression at once instead of
/// by matching.
public struct DoublyRobustOutcome: Sendable, Equatable {
  /// The estimate as the report's other estimates are kept (term `ATT`; the standard error is
  /// DRDID's influence-function one over schools).
  public var estimate: EffectEstimate
  /// Treated schools in the comparison.
  public var treatedSchools: Int
  /// Comparison schools (including trimmed ones).
  public var comparisonSchools: Int
  /// Comparison schools given weight zero for a propensity score of at least 0.995.
  public var trimmedSchools: Int
  /// School-half rows of the means table removed (a school without a pre- or a post-period
  /// row, or with a missing covariate).
  public var droppedRows: Int

  /// Creates the summary; parameters as the properties.
  public init(estimate: EffectEstimate, treatedSchools: Int, comparisonSchools: Int, trimmedSchools: Int, droppedRows: Int) {
    self.estimate = estimate
    self.treatedSchools = treatedSchools
    self.comparisonSchools = comparisonSchools
    self.trimmedSchools = trimmedSchools
    self.droppedRows = droppedRows
  }
}

/// The Goodman-Bacon (2021) decomposition of one outcome's two-way fixed-effects DiD on the
/// balanced school-year panel of means, or why it could not be computed (an unbalanced panel
/// or a treatment that is not absorbing, in a user's data).
public struct BaconOutcome: Sendable, Equatable {
  /// The outcome column.
  public var outcome: String
  /// The decomposition, or `nil` when it could not be computed.
  public var result: BaconDecompositionResult?
  /// Why the decomposition is missing, or `nil`.
  public var unavailable: String?

  /// Creates the summary; parameters as the properties.
  public init(outcome: String, result: BaconDecompositionResult?, unavailable: String?) {
    self.outcome = outcome
    self.result = result
    self.unavailable = unavailable
  }
}

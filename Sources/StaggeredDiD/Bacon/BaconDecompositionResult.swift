/// A timing group of a Goodman-Bacon decomposition: the units first treated in one period
/// after the first. Results make them; there is no public initializer.
///
/// Encoded with the keys `first_treated`, `units` and `treated_share`.
public struct BaconTimingGroup: Sendable, Equatable, Codable {
  /// The group's first treated period (a time code).
  public let firstTreated: Int
  /// The number of units in the group.
  public let units: Int
  /// The share of the panel's periods in which the group is treated (`D̄_k` in the paper), in
  /// (0, 1): its weight in each comparison grows with `D̄_k (1 − D̄_k)`.
  public let treatedShare: Double

  enum CodingKeys: String, CodingKey {
    case firstTreated = "first_treated", units, treatedShare = "treated_share"
  }
}

/// The Goodman-Bacon (2021) decomposition of a two-way fixed-effects difference-in-differences
/// coefficient: every 2×2 comparison with its estimate and weight, the totals by type, and the
/// coefficient itself.
///
/// The weights sum to 1 and ``weightedSum``, the weighted sum of the 2×2 estimates, equals the
/// coefficient of ``twoWayFixedEffects`` up to rounding (about 1e-15 relative); both are kept
/// so that a reader can see the identity hold. ``coefficients`` has one row, the two-way
/// fixed-effects coefficient with its standard error clustered by unit (fixest's small-sample
/// conventions, from `FixedEffectsModel`). Nothing is dropped: panels the decomposition does
/// not apply to are refused with an error, so ``drops`` is always empty.
///
/// Encoded with the keys `outcome`, `treatment`, `unit`, `time`, `twfe` (the tidy row),
/// `weighted_sum`, `treatment_variance`, `comparisons`, `totals`, `timing_groups`, `units`,
/// `periods`, `first_period`, `last_period`, `never_treated_units`, `always_treated_units`,
/// and the keys every result writes: `coefficients`, `nobs` and `dropped`.
public struct BaconDecompositionResult: EstimationResult, Equatable, Codable {
  /// The outcome column.
  public let outcome: String
  /// The treatment column.
  public let treatment: String
  /// The unit column.
  public let unit: String
  /// The time column.
  public let time: String
  /// The coefficient of `outcome ~ treatment | unit + time`, standard error clustered by unit,
  /// under the treatment column's name.
  public let twoWayFixedEffects: CoefficientRow
  /// `Σ weight × estimate` over ``comparisons``.
  public let weightedSum: Double
  /// `V̂^D`, the variance of the treatment after removing unit and period means: the
  /// denominator of every weight.
  public let treatmentVariance: Double
  /// Every comparison of a timing group with another group (see ``BaconComparison``), ordered
  /// by the treated group's first treated period, then the timing-group controls by first
  /// treated period, then the never-treated and the always-treated controls.
  public let comparisons: [BaconComparison]
  /// The totals of the types present, in the order of ``BaconComparisonType/allCases``.
  public let totals: [BaconTypeTotal]
  /// The timing groups, by first treated period.
  public let timingGroups: [BaconTimingGroup]
  /// The number of units.
  public let unitCount: Int
  /// The number of periods.
  public let periodCount: Int
  /// The first period (time code).
  public let firstPeriod: Int
  /// The last period (time code).
  public let lastPeriod: Int
  /// The number of units never treated.
  public let neverTreatedUnits: Int
  /// The number of units treated in every period.
  public let alwaysTreatedUnits: Int

  /// Assembles a result.
  ///
  /// - Complexity: O(comparisons).
  init(
    columns: (outcome: String, treatment: String, unit: String, time: String), panel: BaconPanel,
    twoWayFixedEffects: CoefficientRow
  ) {
    let (comparisons, variance) = panel.twoByTwos()
    outcome = columns.outcome
    treatment = columns.treatment
    unit = columns.unit
    time = columns.time
    self.twoWayFixedEffects = twoWayFixedEffects
    weightedSum = comparisons.reduce(0) { $0 + $1.weight * $1.estimate }
    treatmentVariance = variance
    self.comparisons = comparisons
    totals = BaconComparisonType.allCases.compactMap { BaconTypeTotal(type: $0, of: comparisons) }
    timingGroups = panel.timingGroups.map {
      BaconTimingGroup(
        firstTreated: panel.periods[$0.onset], units: $0.units,
        treatedShare: Double(panel.periodCount - $0.onset) / Double(panel.periodCount))
    }
    unitCount = panel.unitCount
    periodCount = panel.periodCount
    firstPeriod = panel.periods.first ?? 0
    lastPeriod = panel.periods.last ?? 0
    neverTreatedUnits = panel.neverTreated?.units ?? 0
    alwaysTreatedUnits = panel.alwaysTreated?.units ?? 0
  }

  /// One row: the two-way fixed-effects coefficient.
  public var coefficients: [CoefficientRow] { [twoWayFixedEffects] }
  /// The observations used: units × periods (every row of the balanced panel).
  public var observationCount: Int { unitCount * periodCount }
  /// Nothing is removed (unusable panels are refused), so the report is empty.
  public var drops: DropReport { DropReport() }
  /// The number of timing groups.
  public var timingGroupCount: Int { timingGroups.count }

  /// The total of one type, or `nil` when the panel has no comparison of that type.
  ///
  /// - Parameter type: The type.
  /// - Complexity: O(number of types).
  public func total(_ type: BaconComparisonType) -> BaconTypeTotal? { totals.first { $0.type == type } }

  enum CodingKeys: String, CodingKey {
    case outcome, treatment, unit, time, twfe, weightedSum = "weighted_sum", treatmentVariance = "treatment_variance"
    case comparisons, totals, timingGroups = "timing_groups", units, periods
    case firstPeriod = "first_period", lastPeriod = "last_period"
    case neverTreatedUnits = "never_treated_units", alwaysTreatedUnits = "always_treated_units"
    case coefficients, nobs, dropped
  }

  /// Encodes the result; non-finite numbers become `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .value(.outcome, outcome), .value(.treatment, treatment), .value(.unit, unit), .value(.time, time),
      .value(.twfe, twoWayFixedEffects), .number(.weightedSum, weightedSum),
      .number(.treatmentVariance, treatmentVariance), .value(.comparisons, comparisons), .value(.totals, totals),
      .value(.timingGroups, timingGroups), .value(.units, unitCount), .value(.periods, periodCount),
      .value(.firstPeriod, firstPeriod), .value(.lastPeriod, lastPeriod),
      .value(.neverTreatedUnits, neverTreatedUnits), .value(.alwaysTreatedUnits, alwaysTreatedUnits),
      .value(.coefficients, coefficients), .value(.nobs, observationCount), .value(.dropped, drops),
    ])
  }

  /// Decodes a result written by ``encode(to:)`` (`coefficients`, `nobs` and `dropped` are
  /// derived, not read).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    (outcome, treatment, unit, time) = try (c.value(.outcome), c.value(.treatment), c.value(.unit), c.value(.time))
    (twoWayFixedEffects, weightedSum, treatmentVariance) = try (
      c.value(.twfe), c.number(.weightedSum), c.number(.treatmentVariance)
    )
    (comparisons, totals, timingGroups) = try (c.value(.comparisons), c.value(.totals), c.value(.timingGroups))
    (unitCount, periodCount) = try (c.value(.units), c.value(.periods))
    (firstPeriod, lastPeriod) = try (c.value(.firstPeriod), c.value(.lastPeriod))
    (neverTreatedUnits, alwaysTreatedUnits) = try (c.value(.neverTreatedUnits), c.value(.alwaysTreatedUnits))
  }
}

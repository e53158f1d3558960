import CausalCore

/// Callaway-Sant'Anna group-time effects: every ATT(g, t) with its influence-function standard
/// error, ready to aggregate into an event study or overall effect with ``aggregated(_:)``.
///
/// Encoded with the keys `group_time` (the effects), `method`, `comparison`, `base_period`,
/// `anticipation`, `design`, `units`, `clusters`, `observations`, `periods`, `cohorts`,
/// `trimmed`, `confidence_level`, `bootstrap`, `critical_value`, `notes` and `dropped`. The influence functions are not
/// encoded: a decoded result cannot be aggregated again.
public struct CallawaySantAnnaResult: EstimationResult, Codable {
  /// The group-time effects, by cohort and then period.
  public let effects: [GroupTimeEffect]
  /// The 2x2 estimator used in each cell.
  public let method: TwoByTwoMethod
  /// The comparison group.
  public let comparison: ComparisonGroup
  /// The base period of pre-treatment cells.
  public let basePeriod: BasePeriod
  /// Periods of anticipation.
  public let anticipation: Int
  /// How rows relate to units.
  public let design: SampleDesign
  /// The number of units `n` (rows, for repeated cross-sections).
  public let unitCount: Int
  /// The number of clusters above the unit, or `nil` when inference is by unit.
  public let clusterCount: Int?
  /// Rows used.
  public let observationCount: Int
  /// The periods, ascending.
  public let periods: [Int]
  /// The treated cohorts estimated, ascending.
  public let cohorts: [Int]
  /// Comparison observations trimmed for propensity scores near 1, over all cells.
  public let trimmedCount: Int
  /// The confidence level of the intervals.
  public let confidenceLevel: Double
  /// The multiplier bootstrap used for standard errors and bands, or `nil`.
  public let bootstrap: MultiplierBootstrap?
  /// The critical value of the simultaneous band over the cells, or `nil` without bootstrap.
  public let criticalValue: Double?
  /// What the estimation changed or could not do (recoded cohorts, cells not estimated).
  public let notes: [String]
  /// Rows removed before estimation.
  public let drops: DropReport
  /// The cells' influence functions; `nil` in a decoded result.
  let influence: GroupTimeInfluence?

  /// The group-time rows (terms `ATT(g,t)`).
  public var coefficients: [CoefficientRow] { effects.map(\.row) }

  /// The effect of cohort `group` in period `time`, or `nil`.
  ///
  /// - Complexity: O(cells).
  public func effect(group: Int, time: Int) -> GroupTimeEffect? {
    effects.first { $0.group == group && $0.time == time }
  }

  /// Averages the group-time effects (R did's `aggte`).
  ///
  /// - Parameter aggregation: Simple, dynamic (event study), group or calendar.
  /// - Returns: The overall parameter and its breakdown, with standard errors that include
  ///   the estimation of the cohort shares.
  /// - Throws: ``DiDError/emptyAggregation(reason:)`` when nothing enters the aggregation;
  ///   ``DiDError/influenceUnavailable`` for a decoded result.
  /// - Complexity: O(k n) for k breakdown rows and n units, plus O(k² n) for their covariance.
  public func aggregated(_ aggregation: GroupTimeAggregation) throws(DiDError) -> AggregatedEffect {
    guard let influence else { throw .influenceUnavailable }
    if !effects.contains(where: { $0.row.estimate.isFinite }) {
      let failures = notes.filter { $0.contains(" not estimated: ") }
      throw .emptyAggregation(
        reason: "none of the \(effects.count) group-time effects could be estimated"
          + (failures.first.map { " (for example \($0))" } ?? ""))
    }
    let aggregator = GroupTimeAggregator(
      groups: effects.map(\.group), times: effects.map(\.time), estimates: effects.map(\.row.estimate),
      periods: periods, influence: influence, level: confidenceLevel, bootstrap: bootstrap,
      observationCount: observationCount, drops: drops)
    return try aggregator.aggregate(aggregation)
  }

  /// Collects the cells of a fit.
  init(model: CallawaySantAnna, sample: StaggeredSample, cells: [GroupTimeCell]) {
    let influence = GroupTimeInfluence(
      unitCount: sample.unitCount, unitCohort: sample.unitCohort, unitWeight: sample.unitWeight,
      unitCluster: sample.unitCluster, clusterCount: sample.clusterCount,
      columns: cells.map { GroupTimeInfluence.Column(units: $0.units, values: $0.influence) })
    var errors = cells.indices.map { k in
      cells[k].estimate.isFinite && !cells[k].units.isEmpty ? influence.standardError(cell: k) : .nan
    }
    var critical: Double?
    if let options = model.bootstrap {
      let draws = MultiplierDraws(cells: influence.columns, influence: influence, options: options, level: model.confidenceLevel)
      for k in errors.indices where errors[k].isFinite { errors[k] = draws.standardErrors[k] }
      critical = draws.criticalValue
    }
    effects = cells.indices.map { k in
      let cell = cells[k]
      let row = CoefficientRow.normal(
        term: "ATT(\(cell.group),\(cell.time))", estimate: cell.estimate, standardError: errors[k],
        level: model.confidenceLevel)
      let band = critical.map { ConfidenceInterval(lower: row.estimate - $0 * row.standardError, upper: row.estimate + $0 * row.standardError) }
      return GroupTimeEffect(
        group: cell.group, time: cell.time, basePeriod: cell.basePeriod, isPostTreatment: cell.isPost, row: row,
        band: band)
    }
    method = model.method
    comparison = model.comparison
    basePeriod = model.basePeriod
    anticipation = model.anticipation
    design = model.design
    unitCount = sample.unitCount
    clusterCount = sample.unitCluster == nil ? nil : sample.clusterCount
    observationCount = sample.outcome.count
    periods = sample.periods
    cohorts = sample.cohorts
    trimmedCount = cells.reduce(0) { $0 + $1.trimmed }
    confidenceLevel = model.confidenceLevel
    bootstrap = model.bootstrap
    criticalValue = critical
    notes = sample.notes + cells.compactMap { cell in
      cell.failure.map { "ATT(\(cell.group),\(cell.time)) not estimated: \($0)" }
    }
    drops = sample.drops
    self.influence = influence
  }

  /// A text table of the group-time effects.
  ///
  /// - Complexity: O(cells).
  public func summary() -> String {
    var lines = [
      "Callaway-Sant'Anna group-time effects (\(method.rawValue), \(comparison.rawValue) controls, "
        + "\(basePeriod.rawValue) base period\(anticipation > 0 ? ", anticipation \(anticipation)" : ""))",
      "Units: \(unitCount)\(clusterCount.map { ", clusters: \($0)" } ?? ""); observations: \(observationCount)",
      "",
      "group  time   estimate  std.error   conf.low  conf.high",
    ]
    for e in effects {
      let r = e.row
      lines.append(
        SummaryFormat.pad(String(e.group), 6) + " " + SummaryFormat.pad(String(e.time), 6)
          + [r.estimate, r.standardError, r.confLow, r.confHigh].map { SummaryFormat.leftPad(SummaryFormat.fixed($0, 6), 10) }
          .joined(separator: " "))
    }
    lines += (notes + drops.notes).map { "Note: \($0)" }
    return lines.joined(separator: "\n")
  }

  enum CodingKeys: String, CodingKey {
    case effects = "group_time"
    case method, comparison
    case basePeriod = "base_period"
    case anticipation, design
    case unitCount = "units"
    case clusterCount = "clusters"
    case observationCount = "observations"
    case periods, cohorts
    case trimmedCount = "trimmed"
    case confidenceLevel = "confidence_level"
    case bootstrap
    case criticalValue = "critical_value"
    case notes
    case drops = "dropped"
  }

  /// Encodes the result (see the type's discussion).
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(
      keyedBy: CodingKeys.self,
      [
        .value(.effects, effects), .value(.method, method), .value(.comparison, comparison),
        .value(.basePeriod, basePeriod), .value(.anticipation, anticipation), .value(.design, design),
        .value(.unitCount, unitCount), .value(.clusterCount, clusterCount), .value(.observationCount, observationCount),
        .value(.periods, periods), .value(.cohorts, cohorts), .value(.trimmedCount, trimmedCount),
        .number(.confidenceLevel, confidenceLevel), .value(.bootstrap, bootstrap), .number(.criticalValue, criticalValue),
        .value(.notes, notes), .value(.drops, drops),
      ])
  }

  /// Decodes what ``encode(to:)`` writes (without influence functions).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    effects = try c.value(.effects)
    method = try c.value(.method)
    comparison = try c.value(.comparison)
    basePeriod = try c.value(.basePeriod)
    anticipation = try c.value(.anticipation)
    design = try c.value(.design)
    unitCount = try c.value(.unitCount)
    clusterCount = try c.optional(.clusterCount)
    observationCount = try c.value(.observationCount)
    periods = try c.value(.periods)
    cohorts = try c.value(.cohorts)
    trimmedCount = try c.value(.trimmedCount)
    confidenceLevel = try c.number(.confidenceLevel)
    bootstrap = try c.optional(.bootstrap)
    criticalValue = try c.decodeOptionalNumber(forKey: .criticalValue)
    notes = try c.value(.notes)
    drops = try c.value(.drops)
    influence = nil
  }
}

import CausalCore
import FixedEffects
import LinearAlgebra

/// One cohort-specific effect of a Sun-Abraham regression, CATT(g, e).
public struct CohortEffect: Sendable, Equatable, Codable {
  /// The cohort (first treated period).
  public let cohort: Int
  /// The relative period `e = t − g`.
  public let relativeTime: Int
  /// The observations (or their total weight) carrying this cell's dummy: its weight in the
  /// averages.
  public let share: Double
  /// The regression coefficient and its inference.
  public let row: CoefficientRow

  /// Creates an effect.
  ///
  /// - Parameters:
  ///   - cohort: The cohort.
  ///   - relativeTime: The relative period.
  ///   - share: Its observations (or weight).
  ///   - row: The coefficient.
  public init(cohort: Int, relativeTime: Int, share: Double, row: CoefficientRow) {
    self.cohort = cohort
    self.relativeTime = relativeTime
    self.share = share
    self.row = row
  }
}

/// The result of ``SunAbraham``: interaction-weighted event-time effects, the ATT, the
/// cohort-specific effects and the saturated regression behind them.
///
/// Encoded as `{"estimates", "att", "cohort_effects", "covariance", "coefficients", "nobs",
/// "dropped", "regression"}`.
public struct SunAbrahamResult: EventStudySummary {
  /// Effects by relative period, ascending, including the reference periods (0, marked).
  public let eventTimeEstimates: [EventTimeEstimate]
  /// The average of the post-treatment cells (term `ATT`).
  public let att: CoefficientRow
  /// The cohort-specific effects, by relative period and cohort.
  public let cohortEffects: [CohortEffect]
  /// The covariance matrix of the non-reference event-time estimates, in their order,
  /// row-major: the input of a HonestDiD sensitivity analysis.
  public let covariance: [Double]
  /// The saturated regression.
  public let regression: FixedEffectsFit
  /// Rows removed: always-treated cohorts and the regression's own removals.
  public let drops: DropReport

  /// The event-time rows (reference periods excluded), then the ATT.
  public var coefficients: [CoefficientRow] { eventTimeEstimates.filter { !$0.isReference }.map(\.row) + [att] }
  /// Observations used by the regression.
  public var observationCount: Int { regression.observationCount }

  /// Aggregates the regression.
  init(regression: FixedEffectsFit, cells: SunAbrahamCells, table: DataTable, model: SunAbraham) throws {
    let prefix = SunAbraham.cellColumn + "::"
    var index: [Int] = []  // position in `regression.coefficients` of each estimated cell, by cell
    var present: [Int] = []
    for (j, row) in regression.coefficients.enumerated() {
      guard row.term.hasPrefix(prefix), let k = Int(row.term.dropFirst(prefix.count)), k >= 1, k <= cells.cells.count
      else { continue }
      index.append(j)
      present.append(k - 1)
    }
    // Shares: observations (or weight) of the estimation sample carrying each cell's dummy.
    var counts = [Double](repeating: 0, count: cells.cells.count)
    let weights = try model.weights.map { try table.column(named: $0).doubles() }
    for r in regression.observationRows {
      guard let code = cells.codes[r], code > 0 else { continue }
      counts[code - 1] += weights?[r] ?? 1
    }
    let variance = regression.variance.matrix
    let beta = index.map { regression.coefficients[$0].estimate }
    let groups = Dictionary(grouping: present.indices, by: { cells.cells[present[$0]].relative })
    let times = groups.keys.sorted()
    var combination = [[Double]]()
    for e in times { combination.append(Self.shares(groups[e] ?? [], present: present, counts: counts)) }
    let post = present.indices.filter { cells.cells[present[$0]].relative >= 0 }
    combination.append(Self.shares(post, present: present, counts: counts))
    let (estimates, covariance) = Self.combine(combination, beta: beta, variance: variance, index: index)
    let names = times.map { "\(model.time)::\($0)" } + ["ATT"]
    let rows = try TidyRows.make(
      terms: names, estimates: estimates, variance: covariance, distribution: regression.referenceDistribution,
      level: model.confidenceLevel)
    var events = times.indices.map { EventTimeEstimate(relativeTime: times[$0], row: rows[$0], isReference: false) }
    for r in model.referencePeriods where !times.contains(r) {
      events.append(
        EventTimeEstimate(
          relativeTime: r,
          row: CoefficientRow(
            term: "\(model.time)::\(r)", estimate: 0, standardError: 0, statistic: .nan, pValue: .nan, confLow: 0, confHigh: 0),
          isReference: true))
    }
    eventTimeEstimates = events.sorted { $0.relativeTime < $1.relativeTime }
    att = rows[times.count]
    cohortEffects = present.indices.map { p in
      let cell = cells.cells[present[p]]
      return CohortEffect(
        cohort: cell.cohort, relativeTime: cell.relative, share: counts[present[p]], row: regression.coefficients[index[p]])
    }
    let k = times.count
    self.covariance = (0..<k).flatMap { a in (0..<k).map { b in covariance[a, b] } }
    self.regression = regression
    var drops = regression.drops
    if cells.alreadyTreatedRows > 0 {
      drops.appendObservations(DropRecord(reason: .alreadyTreated, count: cells.alreadyTreatedRows, variables: [model.cohort]))
    }
    self.drops = drops
  }

  /// Normalised shares over the estimated cells, zero outside `members`.
  private static func shares(_ members: [Int], present: [Int], counts: [Double]) -> [Double] {
    var w = [Double](repeating: 0, count: present.count)
    let total = members.reduce(0) { $0 + counts[present[$1]] }
    for m in members where total > 0 { w[m] = counts[present[m]] / total }
    return w
  }

  /// The combinations `W β` and their covariance `W V Wᵀ` over the cells' coefficients.
  private static func combine(
    _ w: [[Double]], beta: [Double], variance: Matrix, index: [Int]
  ) -> ([Double], Matrix) {
    let estimates = w.map { row in zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 } }
    var out = Matrix(rows: w.count, columns: w.count)
    for a in w.indices {
      for b in w.indices {
        var s = 0.0
        for (i, wi) in w[a].enumerated() where wi != 0 {
          for (j, wj) in w[b].enumerated() where wj != 0 { s += wi * variance[index[i], index[j]] * wj }
        }
        out[a, b] = s
      }
    }
    return (estimates, out)
  }

  /// The event-time effects and the ATT.
  ///
  /// - Complexity: O(relative periods).
  public func summary() -> String {
    var lines = ["Sun-Abraham interaction-weighted event study (reference period marked *)"]
    lines += eventTimeEstimates.map(\.summaryLine)
    lines.append("  ATT: \(SummaryFormat.number(att.estimate)) (\(SummaryFormat.number(att.standardError)))")
    lines.append("Observations: \(observationCount); cohort-period cells: \(cohortEffects.count)")
    lines += drops.notes.map { "Note: \($0)" }
    return lines.joined(separator: "\n")
  }

  enum CodingKeys: String, CodingKey {
    case estimates, att
    case cohortEffects = "cohort_effects"
    case covariance, coefficients, nobs, dropped, regression
  }

  /// Encodes the result (see the type's discussion).
  public func encode(to encoder: any Encoder) throws {
    let k = eventTimeEstimates.filter { !$0.isReference }.count
    try encoder.encodeFields(
      keyedBy: CodingKeys.self,
      [
        .value(.estimates, eventTimeEstimates), .value(.att, att), .value(.cohortEffects, cohortEffects),
        .numberRows(.covariance, (0..<k).map { Array(covariance[($0 * k)..<($0 * k + k)]) }),
        .value(.coefficients, coefficients), .value(.nobs, observationCount), .value(.dropped, drops),
        .value(.regression, regression),
      ])
  }
}

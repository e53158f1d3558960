import CausalCore

/// A summary of group-time effects: the overall average and, except for the simple
/// aggregation, one average per event time, cohort or calendar period.
///
/// A dynamic aggregation is an event study: its ``eventTimeEstimates`` feed Reporting's
/// `CoefficientPlot.eventStudy(_:)` and a HonestDiD sensitivity analysis; the other
/// aggregations have none.
///
/// Encoded as the overall row's keys (`term`, `estimate`, `std_error`, ...) with `type`,
/// `balance_e`, `min_e`, `max_e`, `by` (each breakdown row with `event_time`, `group` or
/// `time`, and `band_low`/`band_high` with the bootstrap), `covariance` (of the breakdown
/// estimates, row by row), `critical_value` (of the band, or `null`), `omitted_cells`, `nobs`
/// and `dropped`.
public struct AggregatedEffect: EventStudySummary, Equatable, Codable {
  /// One row of the breakdown.
  public struct Row: Sendable, Equatable {
    /// The event time, cohort or calendar period.
    public let key: Int
    /// The estimate and its pointwise inference.
    public let row: CoefficientRow
    /// The simultaneous band over the breakdown (multiplier bootstrap), or `nil`.
    public let band: ConfidenceInterval?

    /// Creates a row.
    ///
    /// - Parameters:
    ///   - key: The event time, cohort or period.
    ///   - row: The estimate.
    ///   - band: The simultaneous band, or `nil`.
    public init(key: Int, row: CoefficientRow, band: ConfidenceInterval? = nil) {
      self.key = key
      self.row = row
      self.band = band
    }
  }

  /// The aggregation.
  public let aggregation: GroupTimeAggregation
  /// The overall summary parameter (term `ATT`).
  public let overall: CoefficientRow
  /// One row per event time, cohort or period (empty for ``GroupTimeAggregation/simple``).
  public let breakdown: [Row]
  /// The covariance matrix of the breakdown estimates, row-major
  /// (`breakdown.count × breakdown.count`), from their influence functions: the input of a
  /// HonestDiD sensitivity analysis of an event study.
  public let covariance: [Double]
  /// Group-time cells left out because they could not be estimated.
  public let omittedCells: Int
  /// The critical value of the breakdown's simultaneous band (multiplier bootstrap), or `nil`.
  public let criticalValue: Double?
  /// The observations behind the group-time effects.
  public let observationCount: Int
  /// Rows removed before estimation.
  public let drops: DropReport

  /// The breakdown rows, then the overall row.
  public var coefficients: [CoefficientRow] { breakdown.map(\.row) + [overall] }

  /// For a dynamic aggregation, one estimate per event time; a row without a standard error
  /// and an estimate of 0 (the universal base period's own cell) is the reference. Empty for
  /// the other aggregations.
  public var eventTimeEstimates: [EventTimeEstimate] {
    guard case .dynamic = aggregation else { return [] }
    return breakdown.map {
      EventTimeEstimate(relativeTime: $0.key, row: $0.row, isReference: $0.row.estimate == 0 && $0.row.standardError.isNaN)
    }
  }

  /// The breakdown and the overall effect as text.
  ///
  /// - Complexity: O(rows).
  public func summary() -> String {
    var lines = ["Aggregation: \(aggregation.name)"]
    for r in breakdown {
      lines.append(
        "  \(aggregation.keyName ?? "key") \(r.key): \(SummaryFormat.number(r.row.estimate)) "
          + "(\(SummaryFormat.number(r.row.standardError)))")
    }
    lines.append("  overall: \(SummaryFormat.number(overall.estimate)) (\(SummaryFormat.number(overall.standardError)))")
    return lines.joined(separator: "\n")
  }

  /// Creates a summary.
  ///
  /// - Parameters:
  ///   - aggregation: The aggregation.
  ///   - overall: The overall parameter.
  ///   - breakdown: The breakdown rows.
  ///   - covariance: Their covariance, row-major.
  ///   - omittedCells: Cells left out.
  ///   - criticalValue: The band's critical value, or `nil`.
  ///   - observationCount: The observations behind the effects.
  ///   - drops: Rows removed before estimation.
  public init(
    aggregation: GroupTimeAggregation, overall: CoefficientRow, breakdown: [Row], covariance: [Double], omittedCells: Int,
    criticalValue: Double? = nil, observationCount: Int = 0, drops: DropReport = DropReport()
  ) {
    self.aggregation = aggregation
    self.overall = overall
    self.breakdown = breakdown
    self.covariance = covariance
    self.omittedCells = omittedCells
    self.criticalValue = criticalValue
    self.observationCount = observationCount
    self.drops = drops
  }

  /// The breakdown row with a given key, or `nil`.
  ///
  /// - Parameter key: An event time, cohort or period.
  /// - Complexity: O(rows).
  public func row(_ key: Int) -> CoefficientRow? { breakdown.first { $0.key == key }?.row }

  enum CodingKeys: String, CodingKey {
    case type
    case balance = "balance_e"
    case minEventTime = "min_e"
    case maxEventTime = "max_e"
    case by, covariance
    case omittedCells = "omitted_cells"
    case criticalValue = "critical_value"
    case observationCount = "nobs"
    case drops = "dropped"
  }

  /// A breakdown row's key under its aggregation's name.
  struct KeyName: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  /// Encodes the summary (see the type's discussion).
  public func encode(to encoder: any Encoder) throws {
    try overall.encode(to: encoder)
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(aggregation.name, forKey: .type)
    if case .dynamic(let balance, let minE, let maxE) = aggregation {
      try c.encode(balance, forKey: .balance)
      try c.encode(minE, forKey: .minEventTime)
      try c.encode(maxE, forKey: .maxEventTime)
    }
    var rows = c.nestedUnkeyedContainer(forKey: .by)
    for r in breakdown {
      let sub = rows.superEncoder()
      try r.row.encode(to: sub)
      var keyed = sub.container(keyedBy: KeyName.self)
      try keyed.encode(r.key, forKey: KeyName(stringValue: aggregation.keyName ?? "key"))
      if let band = r.band {
        try keyed.encodeNumber(band.lower, forKey: KeyName(stringValue: "band_low"))
        try keyed.encodeNumber(band.upper, forKey: KeyName(stringValue: "band_high"))
      }
    }
    let k = breakdown.count
    try c.encodeNumberRows((0..<k).map { i in Array(covariance[(i * k)..<(i * k + k)]) }, forKey: .covariance)
    try c.encode(omittedCells, forKey: .omittedCells)
    try c.encodeNumber(criticalValue, forKey: .criticalValue)
    try c.encode(observationCount, forKey: .observationCount)
    try c.encode(drops, forKey: .drops)
  }

  /// Decodes what ``encode(to:)`` writes.
  public init(from decoder: any Decoder) throws {
    overall = try CoefficientRow(from: decoder)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let type = try c.decode(String.self, forKey: .type)
    switch type {
    case "simple": aggregation = .simple
    case "group": aggregation = .group
    case "calendar": aggregation = .calendar
    case "dynamic":
      aggregation = .dynamic(
        balance: try c.decodeIfPresent(Int.self, forKey: .balance),
        minEventTime: try c.decodeIfPresent(Int.self, forKey: .minEventTime),
        maxEventTime: try c.decodeIfPresent(Int.self, forKey: .maxEventTime))
    default:
      throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown aggregation '\(type)'")
    }
    var rows = try c.nestedUnkeyedContainer(forKey: .by)
    var breakdown: [Row] = []
    let keyName = KeyName(stringValue: aggregation.keyName ?? "key")
    while !rows.isAtEnd {
      let sub = try rows.superDecoder()
      let keyed = try sub.container(keyedBy: KeyName.self)
      let key = try keyed.decode(Int.self, forKey: keyName)
      let (lowKey, highKey) = (KeyName(stringValue: "band_low"), KeyName(stringValue: "band_high"))
      let band = keyed.contains(lowKey)
        ? ConfidenceInterval(lower: try keyed.decodeNumber(forKey: lowKey), upper: try keyed.decodeNumber(forKey: highKey))
        : nil
      breakdown.append(Row(key: key, row: try CoefficientRow(from: sub), band: band))
    }
    self.breakdown = breakdown
    covariance = try c.decodeNumberRows(forKey: .covariance).flatMap { $0 }
    omittedCells = try c.decode(Int.self, forKey: .omittedCells)
    criticalValue = try c.decodeOptionalNumber(forKey: .criticalValue)
    observationCount = try c.decodeIfPresent(Int.self, forKey: .observationCount) ?? 0
    drops = try c.decodeIfPresent(DropReport.self, forKey: .drops) ?? DropReport()
  }
}

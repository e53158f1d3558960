import CausalCore

/// An event study: leads and lags of treatment relative to each unit's treatment start, with
/// unit and period fixed effects.
///
/// For a treated unit first treated in period `s`, the relative time of period `t` is
/// `t − s`. The model is
/// `y ~ i(event_time, ref = c(reference, never)) (+ covariates) | unit + time`:
/// one dummy per relative period except the reference (by default −1, the period before
/// treatment), and never-treated units carry a sentinel relative time that is also excluded,
/// so they contribute only to the fixed effects (they are the clean controls). With
/// ``binEndpoints`` and a ``window``, relative periods beyond the window are pooled into the
/// window's end points (the usual "binned" event study); without binning, every observed
/// relative period gets its own dummy.
///
/// ```swift
/// let study = EventStudy(outcome: "y", unit: "school", time: "year", treatmentStart: "first_year")
/// let result = try study.fit(panel)
/// for e in result.estimates { print(e.relativeTime, e.estimate) }
/// ```
public struct EventStudy: Sendable {
  /// Outcome column.
  public var outcome: String
  /// Unit identifier (absorbed, clustered by default).
  public var unit: String
  /// Integer period column (absorbed).
  public var time: String
  /// Column with each unit's first treated period; missing, or a value in
  /// ``neverTreatedValues``, marks never-treated units.
  public var treatmentStart: String
  /// Values of ``treatmentStart`` meaning "never treated"; `[0]` by default.
  public var neverTreatedValues: Set<Int>
  /// The omitted relative period; −1 by default.
  public var referencePeriod: Int
  /// Relative periods to estimate separately; `nil` for all observed.
  public var window: ClosedRange<Int>?
  /// Pool relative periods outside ``window`` into its end points (otherwise such
  /// observations are kept with their own dummies).
  public var binEndpoints: Bool
  /// Extra formula terms.
  public var covariates: [String]
  /// Variance; clustered by ``unit`` when `nil`.
  public var vcov: VarianceType?
  /// Optional weight column.
  public var weights: String?

  /// Name of the generated relative-time column; the term names are `event_time::k`.
  public static let relativeTimeColumn = "event_time"
  /// Sentinel relative time for never-treated units (excluded like the reference period).
  public static let neverTreatedSentinel = -1_000_000

  /// Creates an event study. Parameters as the properties.
  public init(
    outcome: String, unit: String, time: String, treatmentStart: String,
    neverTreatedValues: Set<Int> = [0], referencePeriod: Int = -1, window: ClosedRange<Int>? = nil,
    binEndpoints: Bool = false, covariates: [String] = [], vcov: VarianceType? = nil,
    weights: String? = nil
  ) {
    self.outcome = outcome
    self.unit = unit
    self.time = time
    self.treatmentStart = treatmentStart
    self.neverTreatedValues = neverTreatedValues
    self.referencePeriod = referencePeriod
    self.window = window
    self.binEndpoints = binEndpoints
    self.covariates = covariates
    self.vcov = vcov
    self.weights = weights
  }

  /// Fits the event study.
  ///
  /// - Parameter data: A panel with the named columns; ``time`` and ``treatmentStart`` must
  ///   hold whole numbers.
  /// - Returns: Per-relative-period estimates (the reference period included with zero) and
  ///   the full regression.
  /// - Throws: `DataError` when the columns are missing or not whole numbers, or the
  ///   generated column name is taken; any error of ``FixedEffectsModel/fit(_:)``.
  public func fit(_ data: DataTable) throws -> EventStudyResult {
    let name = Self.relativeTimeColumn
    guard data[name] == nil else {
      throw DataError.invalidValues(column: name, reason: "the table already has a column with the name the event study generates; rename it")
    }
    let times = try data.column(named: time).doubles()
    let starts = try data.column(named: treatmentStart).doubles()
    var relative = [Int?](repeating: nil, count: data.rowCount)
    for i in 0..<data.rowCount {
      let t = times[i], s = starts[i]
      if t.isNaN { continue }
      guard t == t.rounded(), abs(t) < 1e9 else {
        throw DataError.invalidValues(column: time, reason: "row \(i + 1) holds \(t); periods must be whole numbers")
      }
      if s.isNaN || neverTreatedValues.contains(Int(exactly: s) ?? Int.min) {
        relative[i] = Self.neverTreatedSentinel
        continue
      }
      guard s == s.rounded(), abs(s) < 1e9 else {
        throw DataError.invalidValues(column: treatmentStart, reason: "row \(i + 1) holds \(s); start periods must be whole numbers")
      }
      var r = Int(t) - Int(s)
      if let window, binEndpoints { r = min(max(r, window.lowerBound), window.upperBound) }
      relative[i] = r
    }
    var table = data
    try table.append(Column(name: name, ints: relative))
    let terms = ["i(\(name), ref = c(\(referencePeriod), \(Self.neverTreatedSentinel)))"] + covariates
    let model = try FixedEffectsModel(
      formula: "\(outcome) ~ " + terms.joined(separator: " + ") + " | \(unit) + \(time)",
      weights: weights, vcov: vcov ?? .cluster([unit]))
    let fit = try model.fit(table)
    let prefix = name + "::"
    var estimates = fit.coefficients.compactMap { row -> EventTimeEstimate? in
      guard row.term.hasPrefix(prefix), let k = Int(row.term.dropFirst(prefix.count)) else { return nil }
      return EventTimeEstimate(relativeTime: k, row: row, isReference: false)
    }
    estimates.append(EventTimeEstimate(
      relativeTime: referencePeriod,
      row: CoefficientRow(term: prefix + String(referencePeriod), estimate: 0, standardError: 0, statistic: .nan, pValue: .nan, confLow: 0, confHigh: 0),
      isReference: true))
    estimates.sort { $0.relativeTime < $1.relativeTime }
    return EventStudyResult(estimates: estimates, fit: fit)
  }
}

/// One relative period's estimate in an ``EventStudyResult``.
public struct EventTimeEstimate: Sendable, Equatable {
  /// Periods since treatment start (negative: leads).
  public var relativeTime: Int
  /// The coefficient row (zero for the reference period).
  public var row: CoefficientRow
  /// Whether this is the omitted reference period.
  public var isReference: Bool
}

/// The result of an ``EventStudy``.
public struct EventStudyResult: Sendable {
  /// Estimates by relative period, ascending, including the reference period.
  public var estimates: [EventTimeEstimate]
  /// The underlying regression.
  public var fit: FixedEffectsFit

  /// The estimates before treatment (negative relative time, reference excluded).
  public var preTrends: [EventTimeEstimate] { estimates.filter { $0.relativeTime < 0 && !$0.isReference } }
}

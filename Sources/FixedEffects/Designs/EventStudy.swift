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
/// Column names may have any spelling: the formula is built with
/// `Formula(response:regressors:terms:covariates:fixedEffects:intercept:)`.
///
/// ```swift
/// let study = try EventStudy(outcome: "y", unit: "school", time: "year", treatmentStart: "first_year")
/// let result = try study.fit(panel)
/// for e in result.estimates { print(e.relativeTime, e.row.estimate, e.row.standardError) }
/// ```
public struct EventStudy: Estimator {
  /// Outcome column.
  public let outcome: String
  /// Unit identifier (absorbed, clustered by default).
  public let unit: String
  /// Integer period column (absorbed).
  public let time: String
  /// Column with each unit's first treated period; missing, or a value in
  /// ``neverTreatedValues``, marks never-treated units.
  public let treatmentStart: String
  /// Values of ``treatmentStart`` meaning "never treated"; `[0]` by default.
  public let neverTreatedValues: Set<Int>
  /// The omitted relative period; −1 by default.
  public let referencePeriod: Int
  /// Relative periods to estimate separately; `nil` for all observed.
  public let window: ClosedRange<Int>?
  /// Pool relative periods outside ``window`` into its end points (otherwise such
  /// observations are kept with their own dummies).
  public let binEndpoints: Bool
  /// Extra terms added to the model.
  public let covariates: Covariates
  /// Variance; clustered by ``unit`` when `nil`.
  public let vcov: VarianceType?
  /// Optional weight column.
  public let weights: String?
  /// Confidence level of the intervals, 0.95 by default.
  public let confidenceLevel: Double
  /// The regression run by ``fit(_:)``, built and validated by the initializer.
  public let model: FixedEffectsModel

  /// Name of the generated relative-time column; the term names are `event_time::k`.
  public static let relativeTimeColumn = "event_time"
  /// Sentinel relative time for never-treated units (excluded like the reference period).
  public static let neverTreatedSentinel = -1_000_000

  /// Creates an event study. Parameters as the properties.
  ///
  /// - Throws: ``FixedEffectsError/invalidOption(_:)`` for an empty column name, a reference
  ///   period equal to the never-treated sentinel, a window that does not contain the
  ///   reference period, binning without a window, or an invalid option of the regression;
  ///   `FormulaError` when a covariate term does not parse.
  public init(
    outcome: String, unit: String, time: String, treatmentStart: String,
    neverTreatedValues: Set<Int> = [0], referencePeriod: Int = -1, window: ClosedRange<Int>? = nil,
    binEndpoints: Bool = false, covariates: Covariates = Covariates(), vcov: VarianceType? = nil,
    weights: String? = nil, confidenceLevel: Double = 0.95
  ) throws {
    try requireColumnNames(["outcome": outcome, "unit": unit, "time": time, "treatmentStart": treatmentStart])
    guard referencePeriod != Self.neverTreatedSentinel, abs(referencePeriod) < 1_000_000_000 else {
      throw FixedEffectsError.invalidOption(
        .invalid(option: "referencePeriod", value: "\(referencePeriod)", expected: "a relative period such as -1"))
    }
    if let window, !window.contains(referencePeriod) {
      throw FixedEffectsError.invalidOption(
        .invalid(
          option: "window", value: "\(window)",
          expected: "a range of relative periods containing the reference period \(referencePeriod)"))
    }
    if binEndpoints && window == nil {
      throw FixedEffectsError.invalidOption(
        .invalid(option: "binEndpoints", value: "true", expected: "a window to bin into (window: -4...4), or false"))
    }
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
    self.confidenceLevel = confidenceLevel
    let indicator = "i(\(Self.relativeTimeColumn), ref = c(\(referencePeriod), \(Self.neverTreatedSentinel)))"
    model = try FixedEffectsModel(
      formula: Formula(response: outcome, terms: [indicator], covariates: covariates, fixedEffects: [unit, time]),
      weights: weights, vcov: vcov ?? .cluster([unit]), confidenceLevel: confidenceLevel)
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
    // The fit records the caller's table, not the one with the generated column.
    let fit = try model.fit(table, fingerprint: TableFingerprint(data))
    let prefix = name + "::"
    var estimates = fit.coefficients.compactMap { row -> EventTimeEstimate? in
      guard row.term.hasPrefix(prefix), let k = Int(row.term.dropFirst(prefix.count)) else { return nil }
      return EventTimeEstimate(relativeTime: k, row: row, isReference: false)
    }
    estimates.append(EventTimeEstimate(
      relativeTime: referencePeriod,
      row: CoefficientRow(
        term: prefix + String(referencePeriod), estimate: 0, standardError: 0, statistic: .nan, pValue: .nan,
        confLow: 0, confHigh: 0),
      isReference: true))
    estimates.sort { $0.relativeTime < $1.relativeTime }
    return EventStudyResult(estimates: estimates, fit: fit)
  }
}

/// The result of an ``EventStudy``.
///
/// Encoded as `{"estimates", "coefficients", "nobs", "dropped", "fit"}`.
public struct EventStudyResult: EstimationResult {
  /// Estimates by relative period, ascending, including the reference period.
  public let estimates: [EventTimeEstimate]
  /// The underlying regression.
  public let fit: FixedEffectsFit

  /// Creates a result.
  init(estimates: [EventTimeEstimate], fit: FixedEffectsFit) {
    self.estimates = estimates
    self.fit = fit
  }

  /// The estimates before treatment (negative relative time, reference excluded).
  public var preTrends: [EventTimeEstimate] { estimates.filter { $0.relativeTime < 0 && !$0.isReference } }

  /// The regression's coefficient rows (the reference period is not among them).
  public var coefficients: [CoefficientRow] { fit.coefficients }
  /// Observations used.
  public var observationCount: Int { fit.observationCount }
  /// Removed observations and terms.
  public var drops: DropReport { fit.drops }

  /// The per-period estimates followed by the regression's summary.
  public func summary() -> String {
    var lines = ["Event study (reference period marked *)"]
    lines += estimates.map(\.summaryLine)
    return lines.joined(separator: "\n") + "\n" + fit.summary()
  }

  enum CodingKeys: String, CodingKey { case estimates }

  /// Encodes the estimates, the tidy rows and the regression.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(estimates, forKey: .estimates)
    try fit.encodeAsDesignRegression(to: encoder)
  }
}

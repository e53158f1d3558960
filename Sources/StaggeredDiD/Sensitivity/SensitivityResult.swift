import CausalCore

/// The result of a ``ParallelTrendsSensitivity`` analysis: the target's original interval,
/// one robust interval per restriction size, and the breakdown value.
///
/// **Breakdown value.** HonestDiD's documentation defines it as the largest M̄ (or M) at which
/// the conclusion, here that the effect differs from zero, still holds; the package leaves its
/// computation to the reader of the table. Here it is the largest size, going up the sorted
/// list, up to which every robust interval excludes 0: `nil` when the interval at the smallest
/// size already contains 0 (or is empty, the restriction being rejected by the data). It is a
/// value on the list, so the true breakdown lies between it and the next size (at or beyond it
/// when it is the largest size).
///
/// Encoded with the keys `type` (`relative-magnitude` or `smoothness`), `method` (`C-LF` or
/// `FLCI`), `target` (`event-time` or `average-post`), `target_event_time` (or `null`),
/// `weights`, `estimate`, `std_error`, `conf_level`, `original` (`conf_low`, `conf_high`),
/// `robust` (rows with `mbar` or `m`, `conf_low`, `conf_high` and `at_grid_end`), `breakdown`,
/// `pre_periods`, `post_periods`, `reference_event_time`, `grid_points` and `seed` (`null` for
/// smoothness).
public struct SensitivityResult: Sendable, Equatable, Codable {
  /// The kind of restriction.
  public enum Kind: String, Sendable, Equatable, Codable {
    /// `Δ^RM(M̄)`.
    case relativeMagnitude = "relative-magnitude"
    /// `Δ^SD(M)`.
    case smoothness
  }

  /// One robust interval.
  public struct Row: Sendable, Equatable {
    /// M̄ or M.
    public let value: Double
    /// The interval; NaN bounds when no grid value is accepted.
    public let interval: ConfidenceInterval
    /// Whether the interval reaches an end of the test-inversion grid (HonestDiD warns "CI is
    /// open at one of the endpoints"): the true interval may be longer; widen ``ParallelTrendsSensitivity/gridBounds``.
    public let atGridEnd: Bool
  }

  /// The kind of restriction.
  public let kind: Kind
  /// The target (the first post-period when none was given).
  public let target: ParallelTrendsSensitivity.Target
  /// The post-period weights `l` of the target `θ = lᵀτ_post`.
  public let weights: [Double]
  /// The target's estimate `lᵀβ̂_post`.
  public let estimate: Double
  /// Its standard error.
  public let standardError: Double
  /// The confidence level.
  public let confidenceLevel: Double
  /// The usual interval under exact parallel trends, `estimate ± z · standardError`.
  public let original: ConfidenceInterval
  /// One robust interval per size, in the order given.
  public let robust: [Row]
  /// The pre-periods used.
  public let prePeriods: [Int]
  /// The post-periods used.
  public let postPeriods: [Int]
  /// The reference event time.
  public let referenceEventTime: Int
  /// Grid points of the test inversion (relative magnitudes), else `nil`.
  public let gridPoints: Int?
  /// The simulation seed (relative magnitudes), else `nil`.
  public let seed: UInt64?

  /// Assembles a result.
  init(
    kind: Kind, target: ParallelTrendsSensitivity.Target, weights: [Double], estimate: Double, standardError: Double,
    confidenceLevel: Double, original: ConfidenceInterval, robust: [Row], estimates: EventStudyEstimates,
    gridPoints: Int?, seed: UInt64?
  ) {
    (self.kind, self.target, self.weights, self.estimate) = (kind, target, weights, estimate)
    (self.standardError, self.confidenceLevel, self.original, self.robust) = (standardError, confidenceLevel, original, robust)
    (prePeriods, postPeriods, referenceEventTime) = (estimates.prePeriods, estimates.postPeriods, estimates.referenceEventTime)
    (self.gridPoints, self.seed) = (gridPoints, seed)
  }

  /// The inference method: `C-LF` for relative magnitudes, `FLCI` for smoothness.
  public var method: String { kind == .relativeMagnitude ? "C-LF" : "FLCI" }

  /// The breakdown value (see the type's discussion), or `nil`.
  ///
  /// - Complexity: O(s log s) for s sizes.
  public var breakdown: Double? {
    var last: Double?
    for row in robust.sorted(by: { $0.value < $1.value }) {
      let excludesZero = row.interval.lower > 0 || row.interval.upper < 0
      guard excludesZero else { break }
      last = row.value
    }
    return last
  }

  enum CodingKeys: String, CodingKey {
    case type, method, target, targetEventTime = "target_event_time", weights, estimate, stdError = "std_error"
    case confLevel = "conf_level", original, robust, breakdown, prePeriods = "pre_periods", postPeriods = "post_periods"
    case referenceEventTime = "reference_event_time", gridPoints = "grid_points", seed
  }

  /// The keys of a robust row.
  enum RowKeys: String, CodingKey { case mbar, m, atGridEnd = "at_grid_end" }

  /// Encodes the result (see the type's discussion); non-finite numbers become `null`.
  public func encode(to encoder: any Encoder) throws {
    let targetEventTime: Int? = if case .eventTime(let e) = target { e } else { nil }
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .value(.type, kind), .value(.method, method),
      .value(.target, targetEventTime == nil ? "average-post" : "event-time"), .value(.targetEventTime, targetEventTime),
      .numbers(.weights, weights), .number(.estimate, estimate), .number(.stdError, standardError),
      .number(.confLevel, confidenceLevel), .value(.original, original),
    ])
    var c = encoder.container(keyedBy: CodingKeys.self)
    var rows = c.nestedUnkeyedContainer(forKey: .robust)
    for row in robust {
      let sub = rows.superEncoder()
      var keyed = sub.container(keyedBy: RowKeys.self)
      try keyed.encodeNumber(row.value, forKey: kind == .relativeMagnitude ? .mbar : .m)
      try row.interval.encode(to: sub)
      try keyed.encode(row.atGridEnd, forKey: .atGridEnd)
    }
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .number(.breakdown, breakdown), .value(.prePeriods, prePeriods), .value(.postPeriods, postPeriods),
      .value(.referenceEventTime, referenceEventTime), .value(.gridPoints, gridPoints), .value(.seed, seed),
    ])
  }

  /// Decodes what ``encode(to:)`` writes (`method` and `breakdown` are derived, not read).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    kind = try c.value(.type)
    let targetEventTime: Int? = try c.decodeIfPresent(Int.self, forKey: .targetEventTime)
    target = targetEventTime.map { .eventTime($0) } ?? .averagePost
    (weights, estimate, standardError) = try (c.decode([Double].self, forKey: .weights), c.number(.estimate), c.number(.stdError))
    (confidenceLevel, original) = try (c.number(.confLevel), c.value(.original))
    var rows = try c.nestedUnkeyedContainer(forKey: .robust)
    var robust: [Row] = []
    while !rows.isAtEnd {
      let sub = try rows.superDecoder()
      let keyed = try sub.container(keyedBy: RowKeys.self)
      let value = try keyed.decodeNumber(forKey: kind == .relativeMagnitude ? .mbar : .m)
      robust.append(
        Row(value: value, interval: try ConfidenceInterval(from: sub), atGridEnd: try keyed.decode(Bool.self, forKey: .atGridEnd)))
    }
    self.robust = robust
    (prePeriods, postPeriods, referenceEventTime) = try (c.value(.prePeriods), c.value(.postPeriods), c.value(.referenceEventTime))
    (gridPoints, seed) = try (c.decodeIfPresent(Int.self, forKey: .gridPoints), c.decodeIfPresent(UInt64.self, forKey: .seed))
  }
}

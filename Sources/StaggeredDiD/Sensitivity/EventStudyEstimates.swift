import CausalCore
import LinearAlgebra

/// Event-study coefficients with their covariance matrix: the input of a
/// ``ParallelTrendsSensitivity`` analysis (Rambachan and Roth 2023, HonestDiD's `betahat` and
/// `sigma`).
///
/// The event times are consecutive integers around one reference event time, which is
/// normalised to zero and left out: the pre-periods are the event times before it, the
/// post-periods those after it (with the usual reference −1, the post-periods start at 0).
/// Event times the source had but that are not used (the reference cell of a universal base
/// period, rows without a standard error, rows outside a window) are listed in
/// ``omittedEventTimes``.
///
/// Encoded with the keys `event_times`, `estimates`, `covariance` (rows), `reference_event_time`
/// and `omitted_event_times`.
public struct EventStudyEstimates: Sendable, Equatable, Codable {
  /// The event times, ascending and consecutive apart from the reference.
  public let eventTimes: [Int]
  /// The estimates, in the order of ``eventTimes``.
  public let estimates: [Double]
  /// Their covariance matrix, row-major (`count × count`).
  public let covariance: [Double]
  /// The reference event time, normalised to zero and not among ``eventTimes``.
  public let referenceEventTime: Int
  /// Event times of the source that were left out (the reference included when the source
  /// had a row for it).
  public let omittedEventTimes: [Int]

  /// Creates event-study estimates from arrays, checking that they fit together.
  ///
  /// - Parameters:
  ///   - eventTimes: Strictly increasing event times without the reference; together with the
  ///     reference they must be consecutive integers.
  ///   - estimates: One estimate per event time, finite.
  ///   - covariance: The covariance matrix, row-major, `count × count`: finite, symmetric (to
  ///     1e-8 relative) and positive semidefinite (smallest eigenvalue at least −1e-10 times the
  ///     largest).
  ///   - referenceEventTime: The omitted period normalised to zero; −1 by default.
  ///   - omittedEventTimes: Event times of the source that were left out, for the record.
  /// - Throws: ``DiDError/invalidEventStudy(reason:)`` when the arrays do not fit together,
  ///   ``DiDError/covarianceNotPositiveSemidefinite(smallestEigenvalue:)``, or
  ///   ``DiDError/missingSensitivityPeriods(pre:post:)`` without a pre-period or a
  ///   post-period.
  /// - Complexity: O(k³) for k event times (the eigenvalues of the covariance).
  public init(
    eventTimes: [Int], estimates: [Double], covariance: [Double], referenceEventTime: Int = -1,
    omittedEventTimes: [Int] = []
  ) throws(DiDError) {
    let symmetric = try Self.validated(
      eventTimes: eventTimes, estimates: estimates, covariance: covariance, referenceEventTime: referenceEventTime)
    self.eventTimes = eventTimes
    self.estimates = estimates
    self.covariance = symmetric
    self.referenceEventTime = referenceEventTime
    self.omittedEventTimes = omittedEventTimes.sorted()
  }

  /// Checks the arrays (see the initializer) and returns the covariance made exactly
  /// symmetric.
  private static func validated(
    eventTimes: [Int], estimates: [Double], covariance: [Double], referenceEventTime: Int
  ) throws(DiDError) -> [Double] {
    let k = eventTimes.count
    guard estimates.count == k else {
      throw .invalidEventStudy(reason: "\(k) event times but \(estimates.count) estimates; give one estimate per event time")
    }
    guard covariance.count == k * k else {
      throw .invalidEventStudy(
        reason: "the covariance has \(covariance.count) entries; \(k) event times need a \(k) x \(k) matrix (\(k * k) entries, row by row)")
    }
    if let bad = estimates.firstIndex(where: { !$0.isFinite }) {
      throw .invalidEventStudy(reason: "the estimate at event time \(eventTimes[bad]) is \(estimates[bad]), not a finite number")
    }
    if covariance.contains(where: { !$0.isFinite }) {
      throw .invalidEventStudy(reason: "the covariance has an entry that is not a finite number")
    }
    guard !eventTimes.contains(referenceEventTime) else {
      throw .invalidEventStudy(
        reason: "the reference event time \(referenceEventTime) is among the event times; leave it out (its estimate is zero by construction)")
    }
    let all = (eventTimes + [referenceEventTime]).sorted()
    guard zip(all, all.dropFirst()).allSatisfy({ $1 == $0 + 1 }) else {
      throw .invalidEventStudy(
        reason: "the event times \(eventTimes) with the reference \(referenceEventTime) are not consecutive integers in increasing order; "
          + "the restrictions compare consecutive periods, so re-code the event study or restrict it to a window without gaps")
    }
    guard eventTimes == eventTimes.sorted() else {
      throw .invalidEventStudy(reason: "the event times \(eventTimes) are not in increasing order")
    }
    let pre = eventTimes.filter { $0 < referenceEventTime }
    guard !pre.isEmpty, pre.count < k else {
      throw .missingSensitivityPeriods(pre: pre, post: eventTimes.filter { $0 > referenceEventTime })
    }
    let scale = covariance.map(abs).max() ?? 0
    for i in 0..<k {
      for j in (i + 1)..<k where abs(covariance[i * k + j] - covariance[j * k + i]) > 1e-8 * scale {
        throw .invalidEventStudy(
          reason: "the covariance is not symmetric: entry (\(i + 1), \(j + 1)) is \(covariance[i * k + j]) but "
            + "(\(j + 1), \(i + 1)) is \(covariance[j * k + i])")
      }
    }
    let symmetric = (0..<(k * k)).map { 0.5 * (covariance[$0] + covariance[($0 % k) * k + $0 / k]) }
    guard let matrix = try? Matrix(rows: k, columns: k, columnMajor: symmetric), let eigen = try? SymmetricEigen(matrix)
    else { throw .invalidEventStudy(reason: "the eigenvalues of the covariance could not be computed") }
    let smallest = eigen.values.first ?? 0
    let largest = eigen.values.last ?? 0
    guard largest > 0, smallest >= -1e-10 * largest else {
      throw .covarianceNotPositiveSemidefinite(smallestEigenvalue: smallest)
    }
    return symmetric
  }

  /// The number of event times.
  public var count: Int { eventTimes.count }
  /// The pre-periods (event times before the reference).
  public var prePeriods: [Int] { eventTimes.filter { $0 < referenceEventTime } }
  /// The post-periods (event times after the reference).
  public var postPeriods: [Int] { eventTimes.filter { $0 > referenceEventTime } }
  /// The standard errors, the square roots of the covariance's diagonal.
  public var standardErrors: [Double] { (0..<count).map { max(covariance[$0 * count + $0], 0).squareRoot() } }

  /// The estimates restricted to a window of event times; event times outside it join
  /// ``omittedEventTimes``.
  ///
  /// - Parameter window: The event times to keep; it must contain at least one pre-period and
  ///   one post-period.
  /// - Returns: The restricted estimates.
  /// - Throws: ``DiDError/missingSensitivityPeriods(pre:post:)`` when the window
  ///   leaves no pre-period or no post-period.
  /// - Complexity: O(k²).
  public func restricted(to window: ClosedRange<Int>) throws(DiDError) -> EventStudyEstimates {
    let keep = eventTimes.indices.filter { window.contains(eventTimes[$0]) }
    let dropped = eventTimes.indices.filter { !window.contains(eventTimes[$0]) }.map { eventTimes[$0] }
    return try EventStudyEstimates(
      eventTimes: keep.map { eventTimes[$0] }, estimates: keep.map { estimates[$0] },
      covariance: keep.flatMap { i in keep.map { covariance[i * count + $0] } }, referenceEventTime: referenceEventTime,
      omittedEventTimes: omittedEventTimes + dropped)
  }

  enum CodingKeys: String, CodingKey {
    case eventTimes = "event_times", estimates, covariance, referenceEventTime = "reference_event_time"
    case omittedEventTimes = "omitted_event_times"
  }

  /// Encodes the estimates; the covariance as rows.
  public func encode(to encoder: any Encoder) throws {
    let rows = (0..<count).map { Array(covariance[($0 * count)..<($0 * count + count)]) }
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .value(.eventTimes, eventTimes), .numbers(.estimates, estimates), .numberRows(.covariance, rows),
      .value(.referenceEventTime, referenceEventTime), .value(.omittedEventTimes, omittedEventTimes),
    ])
  }

  /// Decodes what ``encode(to:)`` writes, checking it as the array initializer does.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      eventTimes: c.value(.eventTimes), estimates: c.decode([Double].self, forKey: .estimates),
      covariance: c.decodeNumberRows(forKey: .covariance).flatMap { $0 }, referenceEventTime: c.value(.referenceEventTime),
      omittedEventTimes: c.value(.omittedEventTimes))
  }
}

import CausalCore
import FixedEffects

extension EventStudyEstimates {
  /// The event study of a Callaway-Sant'Anna dynamic aggregation
  /// (`aggregated(.dynamic(...))`): the breakdown rows by event time and their covariance.
  ///
  /// Rows whose standard error is not a number are left out with their covariance rows and
  /// columns: with a universal base period the reference cell (event time −1 − anticipation)
  /// is such a row, estimated as zero by construction, and it becomes the reference event time.
  /// An event study without such a row (a varying base period) is refused, as R's
  /// `honest_did` for `did` results refuses it ("Use a universal base period"): its
  /// pre-period estimates are short differences, not deviations from one reference period.
  ///
  /// - Parameters:
  ///   - aggregated: A dynamic aggregation.
  ///   - window: Event times to keep, or `nil` for all.
  /// - Throws: ``DiDError/notEventStudy(aggregation:)`` for another aggregation;
  ///   ``DiDError/invalidEventStudy(reason:)`` without exactly one reference row; the array
  ///   initializer's errors.
  /// - Complexity: O(k³) for k event times.
  public init(_ aggregated: AggregatedEffect, window: ClosedRange<Int>? = nil) throws(DiDError) {
    guard case .dynamic = aggregated.aggregation else { throw .notEventStudy(aggregation: aggregated.aggregation.name) }
    let rows = aggregated.breakdown
    let k = rows.count
    guard aggregated.covariance.count == k * k else {
      throw .invalidEventStudy(reason: "the aggregation's covariance does not match its \(k) event times")
    }
    let kept = rows.indices.filter { rows[$0].row.standardError.isFinite }
    let omitted = rows.indices.filter { !rows[$0].row.standardError.isFinite }.map { rows[$0].key }
    guard omitted.count == 1, let reference = omitted.first else {
      throw .invalidEventStudy(
        reason: omitted.isEmpty
          ? "the event study has no reference row (an event time estimated as zero without a standard error); "
            + "use a universal base period (basePeriod: .universal), as HonestDiD requires, with the reference inside the event-time window"
          : "the event times \(omitted) have no standard error; only the reference period's row may lack one")
    }
    let estimates = try EventStudyEstimates(
      eventTimes: kept.map { rows[$0].key }, estimates: kept.map { rows[$0].row.estimate },
      covariance: kept.flatMap { i in kept.map { aggregated.covariance[i * k + $0] } }, referenceEventTime: reference,
      omittedEventTimes: omitted)
    self = try window.map { w throws(DiDError) in try estimates.restricted(to: w) } ?? estimates
  }

  /// The event study of a fixed-effects ``EventStudy`` regression: its relative-period
  /// coefficients and their block of the regression's covariance (the variance type the
  /// regression used, clustered by unit by default).
  ///
  /// - Parameters:
  ///   - result: A fitted event study.
  ///   - window: Event times to keep, or `nil` for all (binned end points, if any, included).
  /// - Throws: ``DiDError/invalidEventStudy(reason:)`` when a coefficient's covariance is
  ///   missing (a relative period dropped for collinearity leaves a gap); the array
  ///   initializer's errors.
  /// - Complexity: O(k³) for k relative periods.
  public init(_ result: EventStudyResult, window: ClosedRange<Int>? = nil) throws(DiDError) {
    let reference = result.estimates.first { $0.isReference }?.relativeTime ?? -1
    let rows = result.estimates.filter { !$0.isReference && (window?.contains($0.relativeTime) ?? true) }
    let outside = result.estimates.filter { !$0.isReference && !(window?.contains($0.relativeTime) ?? true) }
    var covariance: [Double] = []
    for a in rows {
      for b in rows {
        guard let value = result.fit.variance.covariance(a.row.term, b.row.term) else {
          throw .invalidEventStudy(reason: "the regression has no covariance for the coefficient '\(a.row.term)'")
        }
        covariance.append(value)
      }
    }
    try self.init(
      eventTimes: rows.map(\.relativeTime), estimates: rows.map(\.row.estimate), covariance: covariance,
      referenceEventTime: reference, omittedEventTimes: [reference] + outside.map(\.relativeTime))
  }

  /// The event study of a ``SunAbraham`` fit: its interaction-weighted event-time estimates
  /// and their covariance (``SunAbrahamResult/covariance``, the delta-method covariance of the
  /// cohort-share averages), as R's HonestDiD takes them from a fixest `sunab` regression.
  ///
  /// The reference event time is the reference period closest to treatment among the negative
  /// ones (−1 by default); other reference periods (for example a far lead omitted to fix the
  /// pre-trend's level) are listed as omitted.
  ///
  /// - Parameters:
  ///   - result: A fitted Sun-Abraham event study.
  ///   - window: Event times to keep, or `nil` for all.
  /// - Throws: ``DiDError/invalidEventStudy(reason:)`` without a negative reference period or
  ///   when the covariance does not match the estimates; the array initializer's errors (for
  ///   example event times that are not consecutive around the reference).
  /// - Complexity: O(k³) for k event times.
  public init(_ result: SunAbrahamResult, window: ClosedRange<Int>? = nil) throws(DiDError) {
    let rows = result.eventTimeEstimates.filter { !$0.isReference }
    let references = result.eventTimeEstimates.filter(\.isReference).map(\.relativeTime)
    guard let reference = references.filter({ $0 < 0 }).max() else {
      throw .invalidEventStudy(reason: "the Sun-Abraham fit has no negative reference period (referencePeriods: \(references))")
    }
    let k = rows.count
    guard result.covariance.count == k * k else {
      throw .invalidEventStudy(reason: "the fit's covariance does not match its \(k) event times")
    }
    let estimates = try EventStudyEstimates(
      eventTimes: rows.map(\.relativeTime), estimates: rows.map(\.row.estimate), covariance: result.covariance,
      referenceEventTime: reference, omittedEventTimes: references)
    self = try window.map { w throws(DiDError) in try estimates.restricted(to: w) } ?? estimates
  }
}

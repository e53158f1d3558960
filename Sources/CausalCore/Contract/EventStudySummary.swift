/// A result with one effect per period relative to treatment (event studies of every kind), as
/// event-study plots and pre-trend summaries read it.
///
/// ```swift
/// func leads(_ result: some EventStudySummary) -> [EventTimeEstimate] {
///   result.eventTimeEstimates.filter { $0.relativeTime < 0 && !$0.isReference }
/// }
/// ```
///
/// See also ``EventTimeEstimate``.
public protocol EventStudySummary: EstimationResult {
  /// One estimate per relative period, in ascending relative time, the omitted reference
  /// period included (``EventTimeEstimate/isReference``).
  var eventTimeEstimates: [EventTimeEstimate] { get }
}

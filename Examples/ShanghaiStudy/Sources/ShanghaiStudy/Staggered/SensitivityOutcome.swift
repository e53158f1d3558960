import CausalKit

/// The HonestDiD sensitivity analysis (Rambachan and Roth 2023) of one outcome's
/// Callaway-Sant'Anna event study: how far parallel trends may fail after treatment, relative
/// to how far they failed before it, before the effect in the joining year stops being
/// significant.
///
/// The event study is Callaway-Sant'Anna's dynamic aggregation refitted with a universal base
/// period (every event time against the year before joining, as HonestDiD requires); its
/// post-treatment estimates equal those of the varying-base-period fit of
/// ``CallawaySantAnnaOutcome/dynamic``, only the leads differ. The analysis bounds the
/// post-treatment violation by the relative-magnitude restriction `Δ^RM(M̄)` for every `M̄` of
/// ``StudyPipeline/Options/sensitivityMbar``.
///
/// ```swift
/// if let s = analysis.sensitivity?.result {
///   print(s.original, s.robust.map(\.interval), s.breakdown ?? .nan)
/// }
/// ```
public struct SensitivityOutcome: Sendable, Equatable {
  /// The outcome column.
  public var outcome: String
  /// The universal-base-period event study the analysis used, or `nil` when it could not be
  /// built.
  public var eventStudy: EventStudyEstimates?
  /// The analysis, or `nil` when it could not be run.
  public var result: SensitivityResult?
  /// Why the analysis is missing (for example a panel with a single pre-treatment period), or
  /// `nil`.
  public var unavailable: String?

  /// Creates the summary; parameters as the properties.
  public init(outcome: String, eventStudy: EventStudyEstimates?, result: SensitivityResult?, unavailable: String?) {
    self.outcome = outcome
    self.eventStudy = eventStudy
    self.result = result
    self.unavailable = unavailable
  }

  /// The largest absolute change between consecutive pre-treatment event times of the event
  /// study, the reference period's zero included: the yardstick `M̄` multiplies, in the
  /// outcome's units; `nil` without an event study.
  ///
  /// - Complexity: O(pre-periods).
  public var largestPreTreatmentChange: Double? {
    guard let study = eventStudy else { return nil }
    let pre = study.prePeriods.count
    let path = Array(study.estimates.prefix(pre)) + [0]
    return zip(path, path.dropFirst()).map { abs($1 - $0) }.max()
  }

  /// The breakdown M̄ as the report shows it: the value, "≥ value" when it is the largest M̄
  /// tried, "none" when the interval at the smallest M̄ already contains 0, or "—" without a
  /// result.
  var breakdownText: String {
    guard let result else { return "—" }
    guard let breakdown = result.breakdown else { return "none" }
    let largest = result.robust.map(\.value).max() ?? breakdown
    return (breakdown >= largest ? "≥ " : "") + NumberFormatting.compact(breakdown)
  }
}

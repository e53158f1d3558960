import CausalKit

/// The event study of one outcome: coefficients by period relative to the first treated
/// period (the reference period −1 fixed at zero) and the joint pre-trend test.
public struct EventStudyOutcome: Sendable, Equatable {
  /// The outcome column.
  public var outcome: String
  /// The first treated period (relative time 0).
  public var firstTreatedPeriod: Int
  /// One estimate per relative period, ascending, the reference included.
  public var estimates: [EventTimeEstimate]
  /// The joint test of the leads, or `nil` when there is no lead besides the reference.
  public var preTrendTest: PreTrendTest?

  /// Creates a summary; parameters as the properties.
  public init(outcome: String, firstTreatedPeriod: Int, estimates: [EventTimeEstimate], preTrendTest: PreTrendTest?) {
    self.outcome = outcome
    self.firstTreatedPeriod = firstTreatedPeriod
    self.estimates = estimates
    self.preTrendTest = preTrendTest
  }

  /// The lead estimates (before treatment, reference excluded).
  public var leads: [EventTimeEstimate] { estimates.filter { $0.relativeTime < 0 && !$0.isReference } }
  /// The lag estimates (treatment period and after).
  public var lags: [EventTimeEstimate] { estimates.filter { $0.relativeTime >= 0 } }
}

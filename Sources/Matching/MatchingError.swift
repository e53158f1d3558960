/// An error raised by a matcher: what was wrong, where, and what to do about it.
///
/// Matching never stops on a shortage of controls: like MatchIt, a matcher that cannot find
/// `ratio` matches for every focal unit matches as many as it can and reports the shortfall in
/// ``MatchCounts``. The errors below are for inputs that cannot be matched at all.
public enum MatchingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An input array or matrix has `actual` entries (or rows) where `expected` were needed
  /// (one per unit, the length of `treatment`).
  case lengthMismatch(input: String, expected: Int, actual: Int)
  /// The sample has no treated units.
  case noTreatedUnits
  /// The sample has no control units.
  case noControlUnits
  /// After the common-support discard no units of `group` ("treated" or "control") remain.
  case noOverlap(group: String, discarded: Int)
  /// Every focal unit was left without a match (for example by a narrow caliper or exact
  /// matching on codes that never occur in both groups).
  case noMatches
  /// `option` was given `value`, which it does not accept; `requirement` says what it accepts.
  case invalidOption(option: String, value: String, requirement: String)
  /// `input` holds a non-finite value (NaN or ±∞) at unit `index` (0-based).
  case nonFiniteValue(input: String, index: Int)
  /// The method does not target `estimand`.
  case unsupportedEstimand(method: String, estimand: MatchingEstimand)
  /// `option` needs a one-dimensional score (a propensity score or its logit), but the
  /// Mahalanobis distance was given without one.
  case scoreRequired(option: String)
  /// A linear-algebra step failed while preparing the Mahalanobis distance.
  case covarianceFailure(detail: String)

  /// A sentence saying what went wrong, where, and what to do.
  public var description: String {
    switch self {
    case .lengthMismatch(let input, let expected, let actual):
      return "\(input) has \(actual) entries but the treatment indicator has \(expected); "
        + "pass one value per unit, in the same order."
    case .noTreatedUnits:
      return "The treatment indicator has no treated units; matching needs both groups."
    case .noControlUnits:
      return "The treatment indicator has no control units; matching needs both groups."
    case .noOverlap(let group, let discarded):
      return "Common-support discarding removed all \(discarded) \(group) units: the groups' "
        + "distance ranges do not overlap. Use a different discard option or distance."
    case .noMatches:
      return "No focal unit could be matched; widen the caliper or relax exact matching."
    case .invalidOption(let option, let value, let requirement):
      return "Invalid value \(value) for \(option): \(requirement)."
    case .nonFiniteValue(let input, let index):
      return "\(input) is not finite at unit \(index) (0-based); remove or impute that unit first."
    case .unsupportedEstimand(let method, let estimand):
      return "\(method) does not support the \(estimand.rawValue); use ATT or ATC "
        + "(MatchIt's nearest-neighbour matching targets one group at a time)."
    case .scoreRequired(let option):
      return "\(option) needs a one-dimensional score; pass it as the Mahalanobis distance's "
        + "score (for example the propensity score)."
    case .covarianceFailure(let detail):
      return "Could not prepare the Mahalanobis distance: \(detail)."
    }
  }
}

import CausalCore

/// An error of the Matching module: what was wrong, where, and what to do about it.
///
/// One vocabulary for matchers, balance tables, matched-sample regressions and the
/// Abadie–Imbens estimator. Errors shared with the rest of CausalCore are thrown as those
/// types: `OptionError` for an option the initializer rejects (a ratio below 1, the ATE for a
/// one-sided matcher, a caliper that is not positive), `DataError` for unusable input (an
/// unknown column with suggestions, arrays of different lengths, non-finite values, negative
/// weights, no observations), `FormulaError` for malformed covariate terms.
///
/// Matching never stops on a shortage of controls: like MatchIt, a matcher that cannot find
/// `ratio` matches for every focal unit matches as many as it can and reports the shortfall in
/// ``MatchCounts``. Where `Matching::Match` would silently reset an option (cap `M` at the
/// number of controls) or switch the bias adjustment off with a warning, the Abadie–Imbens
/// estimator throws one of these instead, so that a result always means what its options say.
public enum MatchingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `sample` ("the input", "the matched sample", ...) has no treated unit (with a positive
  /// weight, for weighted samples).
  case noTreatedUnits(sample: String)
  /// `sample` has no control unit (with a positive weight, for weighted samples).
  case noControlUnits(sample: String)
  /// After the common-support discard no units of `group` ("treated" or "control") remain.
  case noOverlap(group: String, discarded: Int)
  /// None of the `unmatched` units to be matched received a match (a narrow caliper, exact
  /// matching on codes that never occur in both groups, or all weights zero).
  case noMatches(unmatched: Int)
  /// `option` needs a one-dimensional score (a propensity score or its logit), but the
  /// Mahalanobis distance was given without one.
  case scoreRequired(option: String)
  /// A linear-algebra step failed while preparing the Mahalanobis distance.
  case covarianceFailure(detail: String)
  /// No covariate was given (or the covariate matrix has no columns).
  case noCovariates
  /// The same covariate name appears twice after expansion.
  case duplicateCovariate(String)
  /// A covariate (or the outcome) is missing or not finite in a row (0-based). Balance and
  /// the array-level matchers work on complete data; remove or impute such rows first.
  case missingValue(variable: String, row: Int)
  /// A treatment column holds a value other than 0/1 (or `true`/`false`), or is missing.
  case invalidTreatment(column: String, row: Int, value: String)
  /// A group that supplies matches has fewer units than the matches requested of it.
  case tooFewUnits(group: String, available: Int, required: Int, option: String)
  /// A matching covariate takes a single value, so its variance (the distance weight's
  /// denominator) is zero.
  case constantCovariate(String)
  /// The regression bias adjustment cannot be computed; `reason` says why.
  case biasAdjustmentUnavailable(reason: String)
  /// Ties give the units so many matches that the pairs cannot fit in physical memory: the
  /// first `matchedUnits` of `totalUnits` units to be matched already have `pairs` matched
  /// pairs, at `bytesPerPair` bytes each. Matching covariates with few distinct values tie
  /// each unit with a large share of the other group.
  case tooManyTies(matchedUnits: Int, totalUnits: Int, pairs: Int, bytesPerPair: Int, physicalMemory: UInt64)

  /// A sentence saying what went wrong, where, and what to do.
  public var description: String { VisibleText.escape(unescapedDescription) }

  /// The description before the user text in it (names, values) has its control characters
  /// escaped (see `VisibleText`).
  private var unescapedDescription: String {
    switch self {
    case .noTreatedUnits(let sample):
      return "\(sample.prefix(1).uppercased() + sample.dropFirst()) has no treated unit; matching and balance need both groups. "
        + "Check the treatment column's coding (1 = treated)."
    case .noControlUnits(let sample):
      return "\(sample.prefix(1).uppercased() + sample.dropFirst()) has no control unit; matching and balance need both groups. "
        + "Check the treatment column's coding (0 = control)."
    case .noOverlap(let group, let discarded):
      return "Common-support discarding removed all \(discarded) \(group) units: the groups' "
        + "distance ranges do not overlap. Use a different discard option or distance."
    case .noMatches(let unmatched):
      return "None of the \(unmatched) units to be matched received a match; widen the caliper or relax exact matching."
    case .scoreRequired(let option):
      return "\(option) needs a one-dimensional score; pass it as the Mahalanobis distance's "
        + "score (for example the propensity score)."
    case .covarianceFailure(let detail): return "Could not prepare the Mahalanobis distance: \(detail)."
    case .noCovariates: return "No covariate to match on or compare; name at least one column."
    case .duplicateCovariate(let name): return "Covariate '\(name)' appears twice; list each covariate once."
    case .missingValue(let variable, let row):
      return "'\(variable)' is missing or not finite in row \(row) (0-based); remove or impute incomplete rows first."
    case .invalidTreatment(let column, let row, let value):
      return "Treatment column '\(column)' must hold 0/1 or true/false; row \(row) has \(value). Recode it."
    case .tooFewUnits(let group, let available, let required, let option):
      return "The \(group) group has \(available) units available as matches but \(option) asks for \(required); "
        + "lower \(option) or use more data."
    case .constantCovariate(let name):
      return "Matching covariate \(name) is constant, so its variance is zero and it cannot weight the distance; "
        + "remove it from the covariates."
    case .biasAdjustmentUnavailable(let reason):
      return "The bias adjustment cannot be computed: \(reason); use fewer adjustment covariates or turn it off."
    case .tooManyTies(let matched, let total, let pairs, let bytes, let memory):
      return Self.tiesFinding(matched: matched, total: total, pairs: pairs, bytesPerPair: bytes, physicalMemory: memory)
        + " Covariates with few distinct values tie each unit with much of the other group: "
        + "match on covariates with more distinct values (or a propensity score), or use nearest-neighbour matching, "
        + "which breaks ties."
    }
  }
}

extension MatchingError {
  /// For ``tooManyTies(matchedUnits:totalUnits:pairs:bytesPerPair:physicalMemory:)``, the
  /// sentence that states what was found (units, pairs, memory), without the advice, so that
  /// an interface can give its own advice in its own terms.
  ///
  /// - Parameters: The error's associated values.
  /// - Returns: One sentence.
  package static func tiesFinding(matched: Int, total: Int, pairs: Int, bytesPerPair bytes: Int, physicalMemory memory: UInt64) -> String {
    let projected = Double(pairs) / Double(max(matched, 1)) * Double(total) * Double(bytes)
    return "Ties give the units more matches than memory can hold: the first \(SummaryFormat.grouped(matched)) of "
      + "\(SummaryFormat.grouped(total)) units to be matched already have \(SummaryFormat.grouped(pairs)) matched pairs; "
      + "all would need about \(ReplicateMemory.describe(bytes: projected)), more than the "
      + "\(ReplicateMemory.describe(bytes: Double(memory))) of physical memory of this machine."
  }
}

/// An error in the input or options of ``AbadieImbensEstimator``.
///
/// Each case names what went wrong and where (a 0-based row or column index where one
/// applies), and ``description`` says what to do. Where `Matching::Match` would silently
/// reset an option (for example cap `M` at the number of controls) or switch bias adjustment
/// off with a warning, CausalKit throws one of these instead, so that a result always means
/// what its options say.
public enum AbadieImbensError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A vector or matrix (`what`) has `found` rows where `expected` were needed.
  case lengthMismatch(what: String, expected: Int, found: Int)
  /// There are no units at all, or the covariate matrix has no columns.
  case emptyInput(what: String)
  /// A value of `what` is NaN or infinite at `row` (and `column` for a matrix).
  case missingValue(what: String, row: Int, column: Int?)
  /// No unit is treated.
  case noTreatedUnits
  /// No unit is a control.
  case noControlUnits
  /// An option has a value it does not accept; `reason` says what is accepted.
  case invalidOption(name: String, value: String, reason: String)
  /// A group that supplies matches has fewer units than the matches requested of it.
  case tooFewUnits(group: String, available: Int, required: Int, option: String)
  /// A matching covariate takes a single value, so its variance (the distance weight's
  /// denominator) is zero.
  case constantCovariate(column: Int)
  /// Every unit to be matched was dropped by the caliper.
  case noMatches(dropped: Int)
  /// The regression bias adjustment cannot be computed; `reason` says why.
  case biasAdjustmentUnavailable(reason: String)

  /// A sentence saying what went wrong, where, and what to do.
  public var description: String {
    switch self {
    case .lengthMismatch(let what, let expected, let found):
      return "The \(what) has \(found) rows but the outcome has \(expected); pass one value per unit."
    case .emptyInput(let what):
      return "The \(what) is empty; pass at least one unit and one matching covariate."
    case .missingValue(let what, let row, let column):
      let place = column.map { "row \(row), column \($0)" } ?? "row \(row)"
      return "The \(what) is missing or not finite at \(place); remove or impute incomplete units before matching."
    case .noTreatedUnits:
      return "No unit is treated; matching needs treated and control units."
    case .noControlUnits:
      return "No unit is a control; matching needs treated and control units."
    case .invalidOption(let name, let value, let reason):
      return "Invalid value \(value) for \(name): \(reason)."
    case .tooFewUnits(let group, let available, let required, let option):
      return "The \(group) group has \(available) units available as matches but \(option) asks for \(required); "
        + "lower \(option) or use more data."
    case .constantCovariate(let column):
      return "Matching covariate \(column) is constant, so its variance is zero and it cannot weight the distance; "
        + "remove it from the covariate matrix."
    case .noMatches(let dropped):
      return "The caliper dropped all \(dropped) units to be matched, so no effect can be estimated; widen the caliper."
    case .biasAdjustmentUnavailable(let reason):
      return "The bias adjustment cannot be computed: \(reason); use fewer adjustment covariates or turn it off."
    }
  }
}

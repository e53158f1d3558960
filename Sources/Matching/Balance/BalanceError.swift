/// An error in the input of a covariate balance table.
///
/// Unknown covariate columns are reported as CausalCore's `DataError.unknownColumn` (with the
/// closest column names), malformed formulas as `FormulaError`; everything else that can be
/// wrong with the input of ``BalanceTable`` is one of these cases. Each case names what went
/// wrong and where, and ``description`` says what to do.
public enum BalanceError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A vector (the treatment, matching or base weights, a covariate) has a different length
  /// from the covariate table.
  case lengthMismatch(what: String, expected: Int, found: Int)
  /// No covariate was given.
  case noCovariates
  /// The same covariate name appears twice after expansion.
  case duplicateCovariate(String)
  /// A covariate is missing (or not finite) in a row. Balance is computed on complete data;
  /// remove or impute such rows first, as MatchIt requires.
  case missingValue(covariate: String, row: Int)
  /// A weight is negative, NaN or infinite.
  case invalidWeight(weights: String, row: Int, value: Double)
  /// A sample has no treated unit with a positive weight.
  case noTreatedUnits(sample: String)
  /// A sample has no control unit with a positive weight.
  case noControlUnits(sample: String)
  /// A treatment column holds a value other than 0/1 (or `true`/`false`), or is missing.
  case invalidTreatment(column: String, row: Int, value: String)
  /// The covariate formula uses a part balance tables do not support (fixed effects after `|`).
  case unsupportedFormula(String)

  /// A sentence saying what went wrong, where, and what to do.
  public var description: String {
    switch self {
    case .lengthMismatch(let what, let expected, let found):
      return "The \(what) has \(found) entries but the covariate table has \(expected) rows; pass one value per row."
    case .noCovariates:
      return "No covariate to compare; name at least one column."
    case .duplicateCovariate(let name):
      return "Covariate '\(name)' appears twice; list each covariate once."
    case .missingValue(let covariate, let row):
      return "Covariate '\(covariate)' is missing or not finite in row \(row); remove or impute incomplete rows before computing balance."
    case .invalidWeight(let weights, let row, let value):
      return "The \(weights) must be finite and non-negative; row \(row) has \(value)."
    case .noTreatedUnits(let sample):
      return "The \(sample) has no treated unit with a positive weight; balance cannot be compared."
    case .noControlUnits(let sample):
      return "The \(sample) has no control unit with a positive weight; balance cannot be compared."
    case .invalidTreatment(let column, let row, let value):
      return "Treatment column '\(column)' must hold 0/1 or true/false; row \(row) has \(value)."
    case .unsupportedFormula(let reason):
      return "Unsupported covariate formula: \(reason)."
    }
  }
}

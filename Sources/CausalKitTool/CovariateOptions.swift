import ArgumentParser
import CausalKit

/// `--covariates`, optional (none by default): the covariates of `did`, `drdid`, `sunab`,
/// `did2s` (its first stage) and `mediate` as a formula right-hand side.
struct CovariateOptions: ParsableArguments {
  @Option(name: .long, help: "Covariates as a formula right-hand side, e.g. \"x1 + x2 + region\" (none by default).")
  var covariates: String = ""

  /// The covariates `--covariates` names (none for an empty text).
  ///
  /// - Throws: `FormulaError` when the text is not a formula right-hand side.
  func terms() throws -> Covariates { try Covariates(formula: covariates) }
}

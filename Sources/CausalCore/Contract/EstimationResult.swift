/// What every CausalKit result answers, whatever estimator produced it: tidy rows, the sample
/// used, what was removed, and a printable summary.
///
/// Results are immutable values: their properties are `let`, they are `Sendable` (share them
/// across tasks freely) and `Encodable` with snake_case keys and non-finite numbers encoded as
/// JSON `null` (so `JSONEncoder` never throws on them). Foundation's `JSONEncoder` writes an
/// object's keys in no fixed order unless its `outputFormatting` contains `.sortedKeys`, as the
/// command-line tool's does; set it when the text itself must repeat. Reporting code (regression tables,
/// coefficient plots, the command-line tool's JSON) is written against this protocol.
///
/// ```swift
/// let fit = try FixedEffectsModel(formula: "y ~ x1 + x2 | firm").fit(table)
/// for row in fit.coefficients { print(row.term, row.estimate, row.standardError) }
/// let x1 = fit.coefficient("x1")          // lookup by term
/// print(fit.observationCount, fit.drops.totalObservations)
/// let json = try JSONEncoder().encode(fit)
/// ```
public protocol EstimationResult: Sendable, Encodable {
  /// The tidy rows (term, estimate, standard error, statistic, p-value, interval), in the
  /// estimator's natural order: coefficients of a regression, effects of a matching or
  /// mediation analysis, bootstrap summaries of the terms resampled.
  var coefficients: [CoefficientRow] { get }
  /// The number of observations (rows of the input table) the estimate uses.
  var observationCount: Int { get }
  /// Every row and term removed, with the reason (see ``DropReport``).
  var drops: DropReport { get }
  /// A readable multi-line summary in the style of R's `summary()`.
  func summary() -> String
}

extension EstimationResult {
  /// The row of a term, or `nil` when there is no such term (for example it was dropped).
  ///
  /// - Parameter term: The term's name as printed, e.g. `x1`, `group::b`, `ACME (average)`.
  /// - Complexity: O(number of rows).
  public func coefficient(_ term: String) -> CoefficientRow? {
    coefficients.first { $0.term == term }
  }

  /// The term names, in row order.
  public var terms: [String] { coefficients.map(\.term) }
}

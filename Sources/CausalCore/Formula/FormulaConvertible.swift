/// A value a model's formula can be given as: formula text (`String`) or a parsed ``Formula``
/// (for example one built from column names with
/// `Formula(response:regressors:terms:covariates:fixedEffects:intercept:)`).
///
/// Models that take a formula accept either in the one initializer, so the string form and the
/// parsed form cannot drift apart:
///
/// ```swift
/// let fromText = try FixedEffectsModel(formula: "y ~ x | firm")
/// let fromNames = try FixedEffectsModel(formula: Formula(response: "log wage", regressors: ["x"], fixedEffects: ["firm"]))
/// ```
public protocol FormulaConvertible: Sendable {
  /// The parsed formula.
  ///
  /// - Throws: ``FormulaError`` when text does not parse.
  /// - Complexity: O(length of the text) for a string; O(1) for a parsed formula.
  func parsedFormula() throws(FormulaError) -> Formula
}

extension String: FormulaConvertible {
  /// Parses the text as a formula (see ``Formula/init(_:)``).
  ///
  /// - Throws: ``FormulaError`` when the text does not parse.
  /// - Complexity: O(length of the text).
  public func parsedFormula() throws(FormulaError) -> Formula { try Formula(self) }
}

extension Formula: FormulaConvertible {
  /// The formula itself.
  public func parsedFormula() -> Formula { self }
}

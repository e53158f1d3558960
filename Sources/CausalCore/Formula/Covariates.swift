/// The covariates of an estimator: formula terms added to its model, given either as column
/// names of any spelling or as formula text. The one covariate type of every estimator.
///
/// ```swift
/// let a: Covariates = ["prior score", "female"]        // column names, quoted by the library
/// let b = try Covariates(formula: "prior + i(region) + log(income)")
/// let c = a + b
/// ```
///
/// Column names are written into formulas between backticks when they are not syntactic
/// (``Formula/quoted(_:)``), so a column named `prior score` works everywhere.
public struct Covariates: Sendable, Equatable, Codable, ExpressibleByArrayLiteral, CustomStringConvertible {
  /// The terms, as formula text (column names already quoted where needed).
  public let terms: [String]

  /// No covariates.
  public init() { terms = [] }

  /// Covariates from column names (of any spelling).
  ///
  /// - Parameter columns: Column names; each becomes one term.
  public init(columns: [String]) {
    terms = columns.map(Formula.quoted)
  }

  /// Covariates from column names, as an array literal.
  public init(arrayLiteral columns: String...) {
    self.init(columns: columns)
  }

  /// Covariates from the right-hand side of a formula, e.g. `"x1 + i(region) + log(x2)"`.
  ///
  /// - Parameter formula: Terms separated by `+`, in fixest syntax; an empty or blank text means
  ///   no covariates.
  /// - Throws: ``FormulaError`` when the text is not a valid right-hand side.
  public init(formula: String) throws(FormulaError) {
    let text = formula.trimmingWhitespace
    if text.isEmpty {
      terms = []
      return
    }
    let parsed = try Formula("__y ~ " + text)
    guard parsed.fixedEffects.isEmpty else {
      throw .syntax(formula: formula, offset: 0, message: "covariates cannot contain fixed effects ('|')")
    }
    terms = [text]
  }

  /// Whether there are none.
  public var isEmpty: Bool { terms.isEmpty }

  /// Both sets of terms, `lhs` first.
  public static func + (lhs: Covariates, rhs: Covariates) -> Covariates {
    Covariates(rawTerms: lhs.terms + rhs.terms)
  }

  /// The formula text, `x1 + x2`, or the empty string.
  public var description: String { terms.joined(separator: " + ") }

  /// Terms already in formula syntax.
  init(rawTerms: [String]) { terms = rawTerms }

  /// Encodes the terms as an array of strings.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(terms)
  }

  /// Decodes an array of formula terms.
  public init(from decoder: any Decoder) throws {
    terms = try decoder.singleValueContainer().decode([String].self)
  }
}

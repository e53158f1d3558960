/// A model formula in fixest syntax: response, regressors and fixed effects.
///
/// ```swift
/// let f = try Formula("y ~ x1 + x3*x4 + i(rel, ref = -1) + log(x5) | fe1 + fe3^fe4")
/// f.terms.map(\.name)      // ["x1", "x3", "x4", "x3:x4", "i(rel,ref=-1)", "log(x5)"]
/// f.fixedEffects.map(\.name) // ["fe1", "fe3^fe4"]
/// ```
///
/// ## Syntax
///
/// - `response ~ regressors` or `response ~ regressors | fixed effects`. The response is a
///   column or an arithmetic expression (`log(y)`).
/// - Regressors are separated by `+`. `a:b` (or `a:b:c`) is the product of its factors; a text
///   column among them expands to dummies. `a*b` expands to `a + b + a:b` (and `a*b*c` to all
///   main effects and interactions, ordered by degree). `- term` removes a term written
///   earlier. Repeated terms are kept once; `a:b` and `b:a` are the same term.
/// - The intercept is on by default. `- 1`, `+ 0` or `0 +` removes it; `1` (alone or in a sum)
///   keeps it. `y ~ 1` is an intercept-only model, and `y ~ 1 | fe` (or `y ~ 0 | fe`) a model
///   with fixed effects and no regressors. A model with nothing at all (`y ~ 0`) is an error.
/// - `i(var)`, `i(var, ref = r)`, `i(var, x, ref = c(r1, r2))`, `i(var, keep = c(...))`:
///   indicator terms (see ``IndicatorTerm``). `ref` and `keep` take numbers, quoted strings,
///   `TRUE`/`FALSE`, or `c(...)` of them.
/// - Functions `log`, `log1p`, `exp`, `sqrt`, `abs` and `I(...)` take arithmetic (`+ - * / ^`,
///   numeric literals, parentheses) on numeric columns. Inside them, `*` and `^` are
///   arithmetic; outside, `^` and `/` are errors that suggest `I(...)`.
/// - Fixed effects after `|` are column names separated by `+`; `a^b` combines columns into one
///   fixed effect with a level per observed pair of values.
/// - Names that are not syntactic (for example a column named "my var") can be written between backtick characters.
///
/// Note on the intercept: ``hasIntercept`` records only whether the formula removes it. A model
/// frame adds the `(Intercept)` column only when there are no fixed effects (which absorb it).
///
/// Two formulas are equal when they parse to the same structure, whatever their spacing.
public struct Formula: Sendable, Equatable, CustomStringConvertible {
  /// The formula text as given.
  public let source: String
  /// The response (left-hand side).
  public let response: FormulaExpression
  /// The regressors, expanded (`a*b` becomes `a`, `b`, `a:b`) and de-duplicated, in formula
  /// order.
  public let terms: [FormulaTerm]
  /// Whether the formula keeps the intercept (not removed by `- 1`, `+ 0` or `0 +`).
  public let hasIntercept: Bool
  /// The fixed effects after `|`, in formula order, without repetition.
  public let fixedEffects: [FixedEffectTerm]

  /// Parses a formula.
  ///
  /// - Parameter text: A formula such as `"y ~ x1 + x2 | fe"`.
  /// - Throws: `FormulaError/syntax(formula:offset:message:)` with the 0-based character
  ///   offset of the first error: missing `~`, unbalanced parentheses, empty terms
  ///   (`x1 + + x2`), unknown functions, a trailing `|`, malformed `i()` arguments, and so on.
  /// - Complexity: O(length of the text) for typical formulas; crossing `k` groups with `*`
  ///   creates `2^k - 1` terms.
  public init(_ text: String) throws(FormulaError) {
    var parser = try FormulaParser(text)
    let parsed = try parser.parseFormula()
    self.source = text
    self.response = parsed.response
    self.terms = parsed.terms
    self.hasIntercept = parsed.hasIntercept
    self.fixedEffects = parsed.fixedEffects
  }

  /// Every column the formula uses (response, regressors, fixed effects), in order of first
  /// appearance, without repetition.
  ///
  /// - Complexity: O(total size of the formula × number of columns).
  public var variables: [String] {
    var out: [String] = []
    response.collectColumns(into: &out)
    for term in terms {
      for c in term.columns where !out.contains(c) { out.append(c) }
    }
    for fe in fixedEffects {
      for c in fe.variables where !out.contains(c) { out.append(c) }
    }
    return out
  }

  /// The normalized formula, e.g. `y ~ x1 + x2 - 1 | fe1 + fe2^fe3`.
  public var description: String {
    var rhs = terms.map(\.name)
    if rhs.isEmpty {
      rhs = [hasIntercept ? "1" : "0"]
    } else if !hasIntercept {
      rhs.insert("0", at: 0)
    }
    var text = response.rendered + " ~ " + rhs.joined(separator: " + ")
    if !fixedEffects.isEmpty {
      text += " | " + fixedEffects.map(\.name).joined(separator: " + ")
    }
    return text
  }

  /// Compares the parsed structure, ignoring the source text's spacing.
  public static func == (lhs: Formula, rhs: Formula) -> Bool {
    lhs.response == rhs.response && lhs.terms == rhs.terms && lhs.hasIntercept == rhs.hasIntercept
      && lhs.fixedEffects == rhs.fixedEffects
  }
}

/// A literal value in a formula argument, such as the `ref` values of `i()`.
public enum FormulaValue: Sendable, Equatable, CustomStringConvertible {
  /// A number, `-1`.
  case number(Double)
  /// A quoted string, `"north"`.
  case text(String)
  /// A logical literal, `TRUE` or `FALSE`.
  case logical(Bool)

  /// The value as written in a normalized formula: numbers in shortest form, text in double
  /// quotes, logicals as `TRUE`/`FALSE`.
  public var description: String {
    switch self {
    case .number(let v): return FormulaNames.format(v)
    case .text(let s): return "\"" + s + "\""
    case .logical(let b): return b ? "TRUE" : "FALSE"
    }
  }
}

/// An indicator term `i(var, x, ref = ..., keep = ...)`: one dummy per distinct value of
/// `var`, optionally multiplied by the numeric expression `x`.
///
/// Column names follow fixest: `var::value` without `x`, `var::value:x` with it. Values appear
/// in ascending order (numeric order for numbers, string order for text).
///
/// When neither `ref` nor `keep` is given and there is no numeric partner, the first value is
/// the reference and gets no dummy, as fixest's `i()` does. With a numeric partner and no `ref`,
/// every value gets a column.
public struct IndicatorTerm: Sendable, Equatable, CustomStringConvertible {
  /// The variable whose distinct values become dummies.
  public var variable: String
  /// The numeric expression the dummies are multiplied by, if any.
  public var interaction: FormulaExpression?
  /// The reference values, which get no column. `nil` when `ref` was not given.
  public var reference: [FormulaValue]?
  /// When given, only these values get columns (before removing references).
  public var keep: [FormulaValue]?

  /// Creates an indicator term.
  ///
  /// - Parameters:
  ///   - variable: The variable whose values become dummies.
  ///   - interaction: The numeric expression the dummies are multiplied by.
  ///   - reference: The reference values, or `nil` for fixest's default.
  ///   - keep: The values to keep, or `nil` for all.
  public init(variable: String, interaction: FormulaExpression? = nil, reference: [FormulaValue]? = nil, keep: [FormulaValue]? = nil) {
    self.variable = variable
    self.interaction = interaction
    self.reference = reference
    self.keep = keep
  }

  /// Whether the first value is the implicit reference: no `ref`, no `keep`, no numeric partner.
  public var dropsFirstValueByDefault: Bool {
    reference == nil && keep == nil && interaction == nil
  }

  /// The normalized source text, e.g. `i(rel,x,ref=c(-1,-1000))`.
  public var description: String {
    var parts = [FormulaNames.quotedIfNeeded(variable)]
    if let x = interaction { parts.append(x.rendered) }
    if let ref = reference { parts.append("ref=" + Self.render(ref)) }
    if let keep = keep { parts.append("keep=" + Self.render(keep)) }
    return "i(" + parts.joined(separator: ",") + ")"
  }

  /// The columns used: the variable, then those of the numeric partner.
  public var columns: [String] {
    var out = [variable]
    interaction?.collectColumns(into: &out)
    return out
  }

  static func render(_ values: [FormulaValue]) -> String {
    values.count == 1 ? values[0].description : "c(" + values.map(\.description).joined(separator: ",") + ")"
  }
}

/// One term of the right-hand side of a formula, before expansion into design columns.
public enum FormulaTerm: Sendable, Equatable, CustomStringConvertible {
  /// A single variable or expression: `x1`, `g` (a text column, expanded to dummies),
  /// `log(x5)`, `I(x6^2)`.
  case expression(FormulaExpression)
  /// A product of two or more factors, `x1:x2` or `g:x:z`. Text columns among the factors are
  /// expanded to dummies (all levels except the first).
  case interaction([FormulaExpression])
  /// An indicator term, `i(var, ...)`.
  case indicator(IndicatorTerm)

  /// The term's name: the expression name, the factor names joined by `:`, or the normalized
  /// `i(...)` text.
  public var name: String {
    switch self {
    case .expression(let e): return e.name
    case .interaction(let factors): return factors.map(\.name).joined(separator: ":")
    case .indicator(let t): return t.description
    }
  }

  /// Same as ``name``.
  public var description: String { name }

  /// The columns used, in order of first appearance.
  public var columns: [String] {
    switch self {
    case .expression(let e): return e.columns
    case .interaction(let factors):
      var out: [String] = []
      for f in factors { f.collectColumns(into: &out) }
      return out
    case .indicator(let t): return t.columns
    }
  }
}

/// One fixed effect of a formula: a column, or several columns combined with `^` (one level per
/// observed combination of values).
public struct FixedEffectTerm: Sendable, Equatable, CustomStringConvertible {
  /// The columns combined, in the order written. One column for a plain fixed effect.
  public var variables: [String]

  /// Creates a fixed-effect term.
  ///
  /// - Parameter variables: One or more column names.
  public init(variables: [String]) {
    self.variables = variables
  }

  /// The name, the columns joined by `^` (`fe3^fe4`).
  public var name: String { variables.joined(separator: "^") }

  /// Same as ``name``.
  public var description: String { name }
}

/// An arithmetic operator inside a formula expression (`I(x^2)`, `log(x + 1)`, the response).
public enum FormulaOperator: String, Sendable, Equatable, CaseIterable {
  /// Addition, `+`.
  case add = "+"
  /// Subtraction, `-`.
  case subtract = "-"
  /// Multiplication, `*`.
  case multiply = "*"
  /// Division, `/`.
  case divide = "/"
  /// Exponentiation, `^` (right-associative, binds tighter than unary minus: `-x^2` is
  /// `-(x^2)`, as in R).
  case power = "^"
}

/// A function that may be applied to a numeric expression in a formula.
///
/// Each function acts element by element. Results that are not finite (for example `log(0)`)
/// make the model frame drop the row, as fixest does.
public enum FormulaFunction: String, Sendable, Equatable, CaseIterable {
  /// Natural logarithm, `log(x)`.
  case log
  /// `log(1 + x)`, accurate near zero, `log1p(x)`.
  case log1p
  /// Exponential, `exp(x)`.
  case exp
  /// Square root, `sqrt(x)`.
  case sqrt
  /// Absolute value, `abs(x)`.
  case abs
  /// R's "as is" wrapper `I(...)`: its argument is plain arithmetic, so `I(x^2)` squares `x`
  /// instead of reading `^` as formula syntax.
  case identity = "I"
}

/// A numeric expression of a formula: a column, a literal, or arithmetic and functions of them.
///
/// Expressions appear as the response (`log(y) ~ ...`), as regressors (`log(x5)`, `I(x6^2)`),
/// as factors of interactions (`log(x):g`) and as the numeric partner of `i(var, x)`.
///
/// Parentheses written in the source are kept (``parenthesized(_:)``), so ``name`` reproduces the
/// source text with spaces removed and numbers written in their shortest form (`I(x ^ 2.0)` is
/// named `I(x^2)`).
public indirect enum FormulaExpression: Sendable, Equatable, CustomStringConvertible {
  /// A column of the data, by name.
  case column(String)
  /// A numeric literal.
  case number(Double)
  /// Unary minus.
  case negation(FormulaExpression)
  /// A binary arithmetic operation.
  case binary(FormulaOperator, FormulaExpression, FormulaExpression)
  /// A function applied to an argument.
  case function(FormulaFunction, FormulaExpression)
  /// Parentheses written in the source, kept so that names match the source.
  case parenthesized(FormulaExpression)

  /// The normalized source text: no spaces, shortest numbers, names that are not syntactic
  /// written between backticks (except a bare column, whose name is the column name itself).
  ///
  /// - Complexity: O(size of the expression).
  public var name: String {
    if case .column(let name) = self { return name }
    return rendered
  }

  /// Same as ``name``.
  public var description: String { name }

  /// The column name when the expression is a bare column, otherwise `nil`.
  public var columnName: String? {
    if case .column(let name) = self { return name }
    return nil
  }

  /// The columns used, in order of first appearance, without repetition.
  ///
  /// - Complexity: O(size of the expression × number of columns).
  public var columns: [String] {
    var out: [String] = []
    collectColumns(into: &out)
    return out
  }

  func collectColumns(into out: inout [String]) {
    switch self {
    case .column(let name):
      if !out.contains(name) { out.append(name) }
    case .number:
      break
    case .negation(let e), .function(_, let e), .parenthesized(let e):
      e.collectColumns(into: &out)
    case .binary(_, let a, let b):
      a.collectColumns(into: &out)
      b.collectColumns(into: &out)
    }
  }

  /// The text of the expression with column names quoted when they are not syntactic.
  var rendered: String {
    switch self {
    case .column(let name): return FormulaNames.quotedIfNeeded(name)
    case .number(let value): return FormulaNames.format(value)
    case .negation(let e): return "-" + e.rendered
    case .binary(let op, let a, let b): return a.rendered + op.rawValue + b.rendered
    case .function(let f, let e): return f.rawValue + "(" + e.rendered + ")"
    case .parenthesized(let e): return "(" + e.rendered + ")"
    }
  }
}

/// Helpers for writing names and values in formula terms.
enum FormulaNames {
  /// Whether a name can be written without backticks: it starts with a letter, `.` or `_`
  /// (a `.` not followed by a digit) and continues with letters, digits, `.` and `_`.
  static func isSyntactic(_ name: String) -> Bool {
    let chars = Array(name)
    guard let first = chars.first, first.isLetter || first == "." || first == "_" else { return false }
    if first == ".", chars.count > 1, chars[1].isNumber { return false }
    return chars.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }
  }

  /// The name, between backticks when it is not syntactic.
  static func quotedIfNeeded(_ name: String) -> String {
    isSyntactic(name) ? name : "`" + name + "`"
  }

  /// A number as the shortest text that reads back to it; integral values have no decimal
  /// point (`-5`, not `-5.0`).
  static func format(_ value: Double) -> String {
    Column.format(value)
  }
}

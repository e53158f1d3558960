/// An error found while reading a model formula.
///
/// Every error carries the formula text, the 0-based character offset of the offending
/// position and a message. ``description`` prints them like a compiler diagnostic, with a caret
/// under the position:
///
/// ```
/// Invalid formula: empty term; expected a variable before '+'.
///   y ~ x1 + + x2
///            ^
/// ```
///
/// Offsets count `Character`s (extended grapheme clusters) from the start of the formula, so the
/// caret lines up with what a user sees. An offset equal to the formula's length points just past
/// its end (for example when a closing part is missing).
public enum FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The formula text does not follow the fixest formula syntax.
  ///
  /// - Parameters:
  ///   - formula: The formula as given.
  ///   - offset: The 0-based character offset of the offending position.
  ///   - message: What is wrong and, where possible, how to fix it.
  case syntax(formula: String, offset: Int, message: String)

  /// The 0-based character offset of the error in the formula.
  public var offset: Int {
    switch self {
    case .syntax(_, let offset, _): return offset
    }
  }

  /// The message, without the formula and caret lines.
  public var message: String {
    switch self {
    case .syntax(_, _, let message): return message
    }
  }

  /// The formula text the error refers to.
  public var formula: String {
    switch self {
    case .syntax(let formula, _, _): return formula
    }
  }

  /// The message, followed by the formula and a caret under the offending position.
  ///
  /// Control characters in the formula and the message (tabs, line breaks, escape sequences)
  /// are shown escaped, `\t` or `\u{1B}` (see `VisibleText`), and the caret is placed under
  /// the escaped text, so it stays aligned and the terminal never acts on them.
  ///
  /// - Complexity: O(length of the formula).
  public var description: String {
    let shown = VisibleText.escape(formula)
    let column = VisibleText.escape(String(formula.prefix(max(0, offset)))).count
    let caret = String(repeating: " ", count: min(column, shown.count)) + "^"
    return "Invalid formula: \(VisibleText.escape(message))\n  \(shown)\n  \(caret)"
  }
}

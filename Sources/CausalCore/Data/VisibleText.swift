/// Escaping of user text (formulas, column names, option values) echoed in messages, so that
/// control characters are shown rather than acted on by the terminal.
///
/// A tab becomes `\t`, a line feed `\n`, a carriage return `\r`; every other control or
/// invisible formatting character (Unicode categories Cc, Cf, Zl and Zp: escape sequences,
/// bell, backspace, NUL, zero-width spaces, bidirectional overrides, line and paragraph
/// separators) becomes its scalar value in Swift's notation, `\u{1B}`. The zero-width joiner
/// and non-joiner, which shape emoji and several scripts, and all printable text are kept.
/// Backslashes are not escaped, so ordinary text reads as typed; the escaping is idempotent.
///
/// ```swift
/// let shown = VisibleText.escape("x1\t+ x2\u{7}")
/// // shown is `x1\t+ x2\u{7}` with a backslash, not a tab or a bell: 13 printable characters
/// ```
package enum VisibleText {
  /// `text` with its control and invisible formatting characters escaped.
  ///
  /// - Parameter text: Text to show in a one-line message.
  /// - Returns: The text, every escaped character spelled out.
  /// - Complexity: O(length of `text`).
  package static func escape(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscaping) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if needsEscaping(scalar) {
        out.append(contentsOf: spelled(scalar).unicodeScalars)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// `text` with each line escaped: the line feeds between lines are kept (a multi-line
  /// message stays multi-line), every other control character is escaped.
  ///
  /// - Complexity: O(length of `text`).
  package static func escapeLines(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "\n")
  }

  /// Whether `scalar` is shown escaped.
  package static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .lineSeparator, .paragraphSeparator: return true
    case .format: return scalar.value != 0x200C && scalar.value != 0x200D
    default: return false
    }
  }

  /// The escape of one scalar: `\t`, `\n`, `\r`, or `\u{…}` with its hexadecimal value.
  private static func spelled(_ scalar: Unicode.Scalar) -> String {
    switch scalar {
    case "\t": return "\\t"
    case "\n": return "\\n"
    case "\r": return "\\r"
    default: return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }
  }
}

/// Escaping of cell text for each output format.
enum TextEscaping {
  /// Escapes LaTeX's special characters `\ & % $ # _ { } ~ ^` so they print literally, and
  /// sets ² and ³ as `\textsuperscript` (they are not in LaTeX's default text encoding).
  ///
  /// - Complexity: O(length).
  static func latex(_ s: String) -> String {
    replacing(s) { c in
      switch c {
      case "\\": "\\textbackslash{}"
      case "&", "%", "$", "#", "_", "{", "}": "\\" + String(c)
      case "~": "\\textasciitilde{}"
      case "^": "\\textasciicircum{}"
      case "²": "\\textsuperscript{2}"
      case "³": "\\textsuperscript{3}"
      default: nil
      }
    }
  }

  /// Escapes the pipe, which would end a Markdown table cell, backslashes, and the emphasis
  /// and code markers (asterisk, underscore, backtick) so significance stars print as stars.
  ///
  /// - Complexity: O(length).
  static func markdown(_ s: String) -> String {
    replacing(s) { c in
      switch c {
      case "|", "\\", "*", "_", "`": "\\" + String(c)
      default: nil
      }
    }
  }

  /// Escapes the five XML special characters for text and attribute values.
  ///
  /// - Complexity: O(length).
  static func xml(_ s: String) -> String {
    replacing(s) { c in
      switch c {
      case "&": "&amp;"
      case "<": "&lt;"
      case ">": "&gt;"
      case "\"": "&quot;"
      case "'": "&apos;"
      default: nil
      }
    }
  }

  /// `s` with every character for which `replacement` returns a string replaced by it.
  ///
  /// - Complexity: O(length).
  private static func replacing(_ s: String, _ replacement: (Character) -> String?) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in s {
      if let r = replacement(c) { out += r } else { out.append(c) }
    }
    return out
  }
}

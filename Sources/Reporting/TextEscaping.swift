/// Escaping of cell text for each output format.
enum TextEscaping {
  /// Escapes LaTeX's special characters `\ & % $ # _ { } ~ ^` so they print literally, and
  /// sets ² and ³ as `\textsuperscript` (they are not in LaTeX's default text encoding).
  ///
  /// - Complexity: O(length).
  static func latex(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in s {
      switch c {
      case "\\": out += "\\textbackslash{}"
      case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(c)
      case "~": out += "\\textasciitilde{}"
      case "^": out += "\\textasciicircum{}"
      case "²": out += "\\textsuperscript{2}"
      case "³": out += "\\textsuperscript{3}"
      default: out.append(c)
      }
    }
    return out
  }

  /// Escapes the pipe, which would end a Markdown table cell, backslashes, and the emphasis
  /// and code markers (asterisk, underscore, backtick) so significance stars print as stars.
  static func markdown(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "|": out += "\\|"
      case "\\": out += "\\\\"
      case "*", "_", "`": out += "\\" + String(c)
      default: out.append(c)
      }
    }
    return out
  }

  /// Escapes the five XML special characters for text and attribute values.
  static func xml(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(c)
      }
    }
    return out
  }
}

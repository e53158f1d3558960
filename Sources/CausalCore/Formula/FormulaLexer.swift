/// One token of a formula, with its character offset.
struct FormulaToken: Sendable, Equatable {
  /// What a token is.
  enum Kind: Sendable, Equatable {
    /// A bare name: a column or a function (`x1`, `log`, `my.var`).
    case name(String)
    /// A name written between backticks (`` `my var` ``).
    case quotedName(String)
    /// A numeric literal.
    case number(Double)
    /// A quoted string literal (`"a"` or `'a'`).
    case string(String)
    /// One of `~ | + - * / ^ : ( ) , =`.
    case symbol(Character)
    /// The end of the formula.
    case end
  }

  /// The kind and value.
  var kind: Kind
  /// The 0-based character offset of the token's first character.
  var offset: Int

  /// Whether the token is the given symbol.
  func isSymbol(_ c: Character) -> Bool {
    if case .symbol(let s) = kind { return s == c }
    return false
  }
}

/// Splits a formula into tokens.
enum FormulaLexer {
  /// The symbols the formula language uses.
  static let symbols: Set<Character> = ["~", "|", "+", "-", "*", "/", "^", ":", "(", ")", ",", "="]

  /// Tokenizes a formula. The result always ends with an `.end` token whose offset is the
  /// formula's length.
  ///
  /// - Parameters:
  ///   - text: The formula.
  /// - Throws: `FormulaError/syntax(formula:offset:message:)` for an unexpected character, an
  ///   unterminated string or backtick name, or a malformed number.
  /// - Complexity: O(length of the formula).
  static func tokenize(_ text: String) throws(FormulaError) -> [FormulaToken] {
    let chars = Array(text)
    var tokens: [FormulaToken] = []
    var i = 0
    func fail(_ offset: Int, _ message: String) -> FormulaError {
      .syntax(formula: text, offset: offset, message: message)
    }
    while i < chars.count {
      let c = chars[i]
      if c.isWhitespace {
        i += 1
      } else if symbols.contains(c) {
        tokens.append(FormulaToken(kind: .symbol(c), offset: i))
        i += 1
      } else if c.isNumber && c.isASCII || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber) {
        let start = i
        while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." { i += 1 }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
          var j = i + 1
          if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
          if j < chars.count, chars[j].isASCII, chars[j].isNumber {
            i = j
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
          }
        }
        let literal = String(chars[start..<i])
        guard let value = Double(literal), value.isFinite else {
          throw fail(start, "'\(literal)' is not a valid number")
        }
        tokens.append(FormulaToken(kind: .number(value), offset: start))
      } else if c.isLetter || c == "." || c == "_" {
        let start = i
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "." || chars[i] == "_" { i += 1 }
        tokens.append(FormulaToken(kind: .name(String(chars[start..<i])), offset: start))
      } else if c == "`" || c == "\"" || c == "'" {
        let start = i
        var value = ""
        i += 1
        var closed = false
        while i < chars.count {
          let d = chars[i]
          if d == "`", c == "`", i + 1 < chars.count, chars[i + 1] == "`" {
            // A doubled backtick inside a backtick name is one literal backtick.
            value.append("`")
            i += 2
            continue
          }
          if d == c {
            closed = true
            i += 1
            break
          }
          if d == "\\", c != "`", i + 1 < chars.count {
            value.append(chars[i + 1])
            i += 2
          } else {
            value.append(d)
            i += 1
          }
        }
        if !closed {
          throw fail(start, c == "`" ? "unterminated name: the backtick is never closed" : "unterminated string: the quote is never closed")
        }
        if c == "`" {
          if value.isEmpty { throw fail(start, "empty name between backticks") }
          tokens.append(FormulaToken(kind: .quotedName(value), offset: start))
        } else {
          tokens.append(FormulaToken(kind: .string(value), offset: start))
        }
      } else {
        throw fail(i, "unexpected character '\(c)'")
      }
    }
    tokens.append(FormulaToken(kind: .end, offset: chars.count))
    return tokens
  }
}

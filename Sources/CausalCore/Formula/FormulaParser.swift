/// The parts of a parsed formula, before they are assembled into a ``Formula``.
struct ParsedFormula: Sendable, Equatable {
  var response: FormulaExpression
  var terms: [FormulaTerm]
  var hasIntercept: Bool
  var fixedEffects: [FixedEffectTerm]
}

/// A recursive-descent parser for fixest formulas.
///
/// Grammar (informally):
///
/// ```
/// formula   := arith '~' rhs ('|' fixef)?
/// rhs       := ['-'] item (('+' | '-') item)*
/// item      := '0' | '1' | cross
/// cross     := inter ('*' inter)*
/// inter     := factor (':' factor)*
/// factor    := name | `name` | call | i(...)
/// fixef     := fe ('+' fe)*
/// fe        := name ('^' name)*
/// arith     := the usual + - * / ^ and unary minus over names, numbers, calls and (...)
/// ```
struct FormulaParser {
  let source: String
  let tokens: [FormulaToken]
  var position = 0
  /// Depth of the expression tree at the current point of the parse (see `deepen()`).
  var depth = 0
  /// The deepest expression accepted: far beyond any real formula, and shallow enough for the
  /// recursive evaluation to stay within a secondary thread's 512 KiB stack.
  static let maximumDepth = 200
  /// The most factors one `a*b*...` may cross: 10 factors already give 1,023 terms, and each
  /// further factor doubles them (an adversarial formula would otherwise hang the parser).
  static let maximumCrossedFactors = 10
  /// The most terms the right-hand side may expand to (after crossings, before factors are
  /// coded): far beyond any model written by hand, and a bound on the parser's work for any
  /// input.
  static let maximumTerms = 4_096

  /// Tokenizes the source.
  ///
  /// - Throws: `FormulaError` for a lexical error.
  init(_ source: String) throws(FormulaError) {
    self.source = source
    self.tokens = try FormulaLexer.tokenize(source)
  }

  /// The current token. The token list always ends with `.end` and the parser never moves past
  /// it, so this never goes out of bounds.
  var current: FormulaToken { tokens[min(position, tokens.count - 1)] }

  /// The token after the current one (or `.end`).
  var next: FormulaToken { tokens[min(position + 1, tokens.count - 1)] }

  mutating func advance() {
    if position < tokens.count - 1 { position += 1 }
  }

  func error(_ offset: Int, _ message: String) -> FormulaError {
    .syntax(formula: source, offset: offset, message: message)
  }

  /// Describes a token for messages.
  func describe(_ token: FormulaToken) -> String {
    switch token.kind {
    case .name(let n): return "'\(n)'"
    case .quotedName(let n): return "'`\(n)`'"
    case .number(let v): return "number \(FormulaNames.format(v))"
    case .string(let s): return "string \"\(s)\""
    case .symbol(let c): return "'\(c)'"
    case .end: return "end of formula"
    }
  }

  // MARK: - Formula

  /// Parses the whole formula.
  ///
  /// - Throws: `FormulaError` at the first syntax error.
  mutating func parseFormula() throws(FormulaError) -> ParsedFormula {
    if current.isSymbol("~") {
      throw error(current.offset, "missing response: write the outcome before '~', e.g. y ~ x")
    }
    if case .end = current.kind {
      throw error(0, "empty formula; expected something like y ~ x1 + x2 | fe")
    }
    let response = try parseArithmetic()
    guard current.isSymbol("~") else {
      if case .end = current.kind {
        throw error(current.offset, "missing '~': a formula needs a response and regressors, e.g. y ~ x")
      }
      throw error(current.offset, "expected '~' after the response, found \(describe(current))")
    }
    let tilde = current.offset
    advance()
    let (terms, intercept) = try parseRightSide(tilde: tilde)
    var fixedEffects: [FixedEffectTerm] = []
    if current.isSymbol("|") {
      let bar = current.offset
      advance()
      fixedEffects = try parseFixedEffects(bar: bar)
    }
    if current.isSymbol("~") {
      throw error(current.offset, "unexpected second '~'; instrumental-variable parts (endo ~ inst) are not supported")
    }
    if case .end = current.kind {} else {
      throw error(current.offset, "unexpected \(describe(current))")
    }
    if terms.isEmpty && !intercept && fixedEffects.isEmpty {
      throw error(tilde + 1, "the model is empty: no regressors, no intercept and no fixed effects")
    }
    return ParsedFormula(response: response, terms: terms, hasIntercept: intercept, fixedEffects: fixedEffects)
  }

  // MARK: - Right-hand side

  /// Parses the regressors up to `|` or the end; returns the expanded, de-duplicated terms and
  /// the intercept flag.
  mutating func parseRightSide(tilde: Int) throws(FormulaError) -> ([FormulaTerm], Bool) {
    var intercept = true
    // The terms in order of addition, a removed one left as `nil`, and the position of each
    // live term by key: adding and removing a term cost O(1), not a scan of every earlier term
    // (a few crossings give thousands of terms).
    var added: [FormulaTerm?] = []
    var position: [TermKey: Int] = [:]
    var interned = FactorNames()
    // Terms produced by crossings so far, live or removed: bounds the parser's work.
    var expanded = 0
    var positive = true
    if case .end = current.kind {
      throw error(current.offset, "missing regressors after '~'; write 'y ~ 1' for an intercept-only model")
    }
    if current.isSymbol("|") {
      throw error(current.offset, "missing regressors before '|'; write 'y ~ 1 | fe' for a model with only fixed effects")
    }
    if current.isSymbol("-") {
      positive = false
      advance()
    }
    while true {
      let token = current
      switch token.kind {
      case .symbol(let c) where c == "+" || c == "-":
        throw error(token.offset, "empty term; expected a variable before '\(c)'")
      case .symbol("|"), .end:
        throw error(token.offset, "expected a term after '\(positive ? "+" : "-")'")
      case .number(let value) where isItemEnd(next):
        guard value == 0 || value == 1 else {
          throw error(token.offset, "a number can only be 0 or 1 (the intercept); use I(...) for arithmetic")
        }
        // +1 and -0 keep the intercept; +0 and -1 remove it.
        intercept = (value == 1) == positive
        advance()
      default:
        let crossing = try parseCross(interning: &interned)
        // The budget is checked before any term is built: the parser's work stays bounded.
        expanded += crossing.termCount
        guard expanded <= 4 * Self.maximumTerms else { throw tooManyTerms(token.offset) }
        for combination in crossing.combinations {
          let key = crossing.key(of: combination)
          if positive {
            if position[key] == nil {
              position[key] = added.count
              added.append(try crossing.term(of: combination, parser: self))
            }
          } else if let index = position.removeValue(forKey: key) {
            added[index] = nil
          }
        }
        guard position.count <= Self.maximumTerms else { throw tooManyTerms(token.offset) }
      }
      if current.isSymbol("+") {
        positive = true
        advance()
      } else if current.isSymbol("-") {
        positive = false
        advance()
      } else if current.isSymbol("|") || current.isSymbol("~") {
        break
      } else if case .end = current.kind {
        break
      } else {
        throw unexpectedInTerm(current)
      }
    }
    return (added.compactMap { $0 }, intercept)
  }

  /// Whether a token ends a right-hand-side item.
  func isItemEnd(_ token: FormulaToken) -> Bool {
    switch token.kind {
    case .end: return true
    case .symbol(let c): return c == "+" || c == "-" || c == "|"
    default: return false
    }
  }

  /// The error for a token that cannot follow a term.
  func unexpectedInTerm(_ token: FormulaToken) -> FormulaError {
    switch token.kind {
    case .symbol(let c) where c == "^" || c == "/":
      return error(token.offset, "'\(c)' is not formula syntax here; wrap arithmetic in I(...), e.g. I(x^2)")
    case .symbol(")"):
      return error(token.offset, "unbalanced parentheses: ')' has no matching '('")
    case .symbol("("):
      return error(token.offset, "unexpected '('; parentheses are only allowed in function calls such as I(...)")
    default:
      return error(token.offset, "expected '+', '-', '|' or the end of the formula, found \(describe(token))")
    }
  }

  /// Parses `factor (':' factor)*`.
  mutating func parseInteraction() throws(FormulaError) -> [Factor] {
    var factors = [try parseFactor()]
    while current.isSymbol(":") {
      advance()
      factors.append(try parseFactor())
    }
    return factors
  }

  /// Parses one factor of a term: a column, a function call or `i(...)`.
  mutating func parseFactor() throws(FormulaError) -> Factor {
    let token = current
    switch token.kind {
    case .name(let name):
      if next.isSymbol("(") {
        if name == "i" { return .indicator(try parseIndicator()) }
        return .expression(try parseCall(name: name, offset: token.offset))
      }
      advance()
      return .expression(.column(name))
    case .quotedName(let name):
      advance()
      return .expression(.column(name))
    case .number:
      throw error(token.offset, "a number can only be 0 or 1 (the intercept); use I(...) for arithmetic")
    case .string:
      throw error(token.offset, "unexpected \(describe(token)); column names are written without quotes (or between backticks)")
    case .symbol("("):
      throw error(token.offset, "unexpected '('; parentheses are only allowed in function calls such as I(...)")
    case .symbol(")"):
      throw error(token.offset, "unbalanced parentheses: ')' has no matching '('")
    case .symbol(let c) where c == ":" || c == "*":
      throw error(token.offset, "empty term; expected a variable before '\(c)'")
    case .end:
      throw error(token.offset, "expected a variable at the end of the formula")
    default:
      throw error(token.offset, "expected a variable, found \(describe(token))")
    }
  }

  // MARK: - Fixed effects

  /// Parses `fe ('+' fe)*` after `|`.
  mutating func parseFixedEffects(bar: Int) throws(FormulaError) -> [FixedEffectTerm] {
    if case .end = current.kind {
      throw error(bar, "trailing '|': expected fixed effects after it, e.g. y ~ x | fe")
    }
    var out: [FixedEffectTerm] = []
    while true {
      let fe = try parseFixedEffect()
      if !out.contains(fe) { out.append(fe) }
      if current.isSymbol("+") {
        advance()
        if case .end = current.kind {
          throw error(current.offset, "expected a fixed effect after '+'")
        }
        continue
      }
      switch current.kind {
      case .end:
        return out
      case .symbol("|"):
        throw error(current.offset, "a third formula part is not supported (instrumental variables are not available)")
      case .symbol("~"):
        throw error(current.offset, "unexpected '~'; instrumental-variable parts (endo ~ inst) are not supported")
      case .symbol(":"), .symbol("*"):
        throw error(current.offset, "combine fixed effects with '^' (e.g. fe1^fe2), not with \(describe(current))")
      default:
        throw error(current.offset, "expected '+' between fixed effects, found \(describe(current))")
      }
    }
  }

  /// Parses `name ('^' name)*`.
  mutating func parseFixedEffect() throws(FormulaError) -> FixedEffectTerm {
    var names: [String] = []
    while true {
      let token = current
      switch token.kind {
      case .name(let n) where !next.isSymbol("("), .quotedName(let n):
        if !names.contains(n) { names.append(n) }
        advance()
      case .name(let n):
        throw error(token.offset, "fixed effects must be column names; '\(n)(...)' is not supported here")
      case .symbol("+"):
        throw error(token.offset, "empty fixed effect; expected a column name before '+'")
      case .end:
        throw error(token.offset, "expected a fixed-effect column name")
      default:
        throw error(token.offset, "fixed effects must be column names, found \(describe(token))")
      }
      guard current.isSymbol("^") else { return FixedEffectTerm(variables: names) }
      advance()
    }
  }
}

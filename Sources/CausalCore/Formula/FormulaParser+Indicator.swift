/// Indicator terms `i(var, x, ref = ..., keep = ...)`.
extension FormulaParser {
  /// Parses `i(...)`; the current token is the name `i`.
  ///
  /// Arguments: the variable (a column name), optionally a numeric expression, then the named
  /// arguments `ref` and `keep`, each a value or `c(value, ...)`. A value is a number (possibly
  /// negative), a quoted string, or `TRUE`/`FALSE`.
  ///
  /// - Throws: `FormulaError` for a missing variable, extra positional arguments, an unknown
  ///   or repeated named argument, a malformed value, or unbalanced parentheses.
  mutating func parseIndicator() throws(FormulaError) -> IndicatorTerm {
    advance()  // i
    let open = current.offset
    advance()  // (
    var variable: String?
    var interaction: FormulaExpression?
    var reference: [FormulaValue]?
    var keep: [FormulaValue]?
    var positional = 0
    if current.isSymbol(")") {
      throw error(current.offset, "i() needs a variable, e.g. i(period, ref = -1)")
    }
    while true {
      let token = current
      if case .name(let argName) = token.kind, next.isSymbol("=") {
        advance()
        advance()
        switch argName {
        case "ref":
          if reference != nil { throw error(token.offset, "'ref' is given twice") }
          reference = try parseValues(argument: "ref")
        case "keep":
          if keep != nil { throw error(token.offset, "'keep' is given twice") }
          keep = try parseValues(argument: "keep")
        default:
          throw error(token.offset, "unknown argument '\(argName)' of i(); supported arguments are ref and keep")
        }
      } else if reference != nil || keep != nil {
        throw error(token.offset, "positional arguments of i() must come before ref and keep")
      } else if positional == 0 {
        switch token.kind {
        case .name(let n) where !next.isSymbol("("), .quotedName(let n):
          variable = n
          advance()
        case .symbol(","), .symbol(")"):
          throw error(token.offset, "i() needs a variable as its first argument")
        case .end:
          throw error(open, "unbalanced parentheses: this '(' is never closed")
        default:
          throw error(token.offset, "the first argument of i() must be a column name, found \(describe(token))")
        }
        positional = 1
      } else if positional == 1 {
        if current.isSymbol(",") || current.isSymbol(")") {
          throw error(current.offset, "empty argument in i()")
        }
        interaction = try parseArithmetic()
        positional = 2
      } else {
        throw error(token.offset, "i() takes at most two positional arguments (a variable and a numeric variable)")
      }
      if current.isSymbol(",") {
        advance()
        if current.isSymbol(")") || current.isSymbol(",") {
          throw error(current.offset, "empty argument in i()")
        }
        continue
      }
      try expectClosing(open: open)
      break
    }
    guard let variable else {
      throw error(open, "i() needs a variable as its first argument")
    }
    if let keep, keep.isEmpty { throw error(open, "'keep' must list at least one value") }
    return IndicatorTerm(variable: variable, interaction: interaction, reference: reference, keep: keep)
  }

  /// Parses a value or `c(value, ...)`.
  mutating func parseValues(argument: String) throws(FormulaError) -> [FormulaValue] {
    if case .name("c") = current.kind, next.isSymbol("(") {
      advance()
      let open = current.offset
      advance()
      if current.isSymbol(")") {
        throw error(current.offset, "'\(argument)' needs at least one value inside c()")
      }
      var values: [FormulaValue] = []
      while true {
        values.append(try parseValue(argument: argument))
        if current.isSymbol(",") {
          advance()
          continue
        }
        try expectClosing(open: open)
        return values
      }
    }
    return [try parseValue(argument: argument)]
  }

  /// Parses one value: a number (optionally negative), a string, or `TRUE`/`FALSE`.
  mutating func parseValue(argument: String) throws(FormulaError) -> FormulaValue {
    let token = current
    switch token.kind {
    case .number(let v):
      advance()
      return .number(v)
    case .symbol("-"):
      advance()
      guard case .number(let v) = current.kind else {
        throw error(current.offset, "expected a number after '-' in '\(argument)'")
      }
      advance()
      return .number(-v)
    case .string(let s):
      advance()
      return .text(s)
    case .name("TRUE"), .name("T"):
      advance()
      return .logical(true)
    case .name("FALSE"), .name("F"):
      advance()
      return .logical(false)
    case .end:
      throw error(token.offset, "expected a value for '\(argument)'")
    default:
      throw error(token.offset, "'\(argument)' must be a number, a quoted string, TRUE/FALSE or c(...) of them, found \(describe(token))")
    }
  }
}

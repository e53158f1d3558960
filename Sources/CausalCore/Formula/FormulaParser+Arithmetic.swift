/// Arithmetic expressions: the response and the arguments of `log()`, `I()` and friends.
extension FormulaParser {
  /// Parses `term (('+' | '-') term)*`.
  mutating func parseArithmetic() throws(FormulaError) -> FormulaExpression {
    try parseChain(["+": .add, "-": .subtract]) { parser throws(FormulaError) in try parser.parseProduct() }
  }

  /// Parses `unary (('*' | '/') unary)*`.
  mutating func parseProduct() throws(FormulaError) -> FormulaExpression {
    try parseChain(["*": .multiply, "/": .divide]) { parser throws(FormulaError) in try parser.parseUnary() }
  }

  /// Parses the left-associative chain `operand (op operand)*` for one precedence level, each
  /// operator counting one level of depth (see ``deepen()``).
  ///
  /// - Parameters:
  ///   - operators: The level's operator symbols and what they mean.
  ///   - operand: Parses one operand (the next-higher precedence level).
  private mutating func parseChain(
    _ operators: KeyValuePairs<Character, FormulaOperator>,
    operand: (inout FormulaParser) throws(FormulaError) -> FormulaExpression
  ) throws(FormulaError) -> FormulaExpression {
    var lhs = try operand(&self)
    let outer = depth
    while let op = consumeOperator(operators) {
      try deepen()
      lhs = .binary(op, lhs, try operand(&self))
    }
    depth = outer
    return lhs
  }

  /// Counts one more level of the expression tree being built and throws past
  /// ``FormulaParser/maximumDepth``, so that neither the parser nor the recursive evaluation of
  /// the expression can exhaust the stack (a left-associative chain `a + a + ... + a` is as deep
  /// as it is long).
  ///
  /// - Throws: `FormulaError/syntax(formula:offset:message:)` at the current token.
  mutating func deepen() throws(FormulaError) {
    depth += 1
    guard depth <= Self.maximumDepth else {
      throw error(
        current.offset,
        "the expression nests too deeply (more than \(Self.maximumDepth) levels of parentheses, functions, signs or chained operators); simplify it or compute the variable as a column first")
    }
  }

  /// The operator the current token spells among `operators`, consuming the token; `nil`
  /// (consuming nothing) for any other token.
  private mutating func consumeOperator(_ operators: KeyValuePairs<Character, FormulaOperator>) -> FormulaOperator? {
    for (symbol, op) in operators where current.isSymbol(symbol) {
      advance()
      return op
    }
    return nil
  }


  /// Parses `'-' unary | '+' unary | power`.
  mutating func parseUnary() throws(FormulaError) -> FormulaExpression {
    let outer = depth
    defer { depth = outer }
    try deepen()
    if current.isSymbol("-") {
      advance()
      return .negation(try parseUnary())
    }
    if current.isSymbol("+") {
      advance()
      return try parseUnary()
    }
    return try parsePower()
  }

  /// Parses `primary ('^' unary)?`, right-associative.
  mutating func parsePower() throws(FormulaError) -> FormulaExpression {
    let base = try parsePrimary()
    guard current.isSymbol("^") else { return base }
    advance()
    return .binary(.power, base, try parseUnary())
  }

  /// Parses a number, a column, a function call or a parenthesized expression.
  mutating func parsePrimary() throws(FormulaError) -> FormulaExpression {
    let token = current
    switch token.kind {
    case .number(let v):
      advance()
      return .number(v)
    case .name(let name):
      if next.isSymbol("(") {
        if name == "i" {
          throw error(token.offset, "i() can only be used as a term of its own, not inside an expression")
        }
        return try parseCall(name: name, offset: token.offset)
      }
      advance()
      return .column(name)
    case .quotedName(let name):
      advance()
      return .column(name)
    case .symbol("("):
      advance()
      if current.isSymbol(")") {
        throw error(current.offset, "empty parentheses; expected an expression")
      }
      let inner = try parseArithmetic()
      try expectClosing(open: token.offset)
      return .parenthesized(inner)
    case .symbol(")"):
      throw error(token.offset, "unbalanced parentheses: ')' has no matching '('")
    case .end:
      throw error(token.offset, "expected a value at the end of the formula")
    case .string:
      throw error(token.offset, "unexpected \(describe(token)) in an arithmetic expression")
    case .symbol(let c) where c == "+" || c == "*" || c == "/" || c == "^":
      throw error(token.offset, "missing operand before '\(c)'")
    default:
      throw error(token.offset, "expected a variable, number or function call, found \(describe(token))")
    }
  }

  /// Parses a call of a supported function; the current token is its name.
  ///
  /// - Throws: `FormulaError` for an unknown function, a wrong number of arguments or
  ///   unbalanced parentheses.
  mutating func parseCall(name: String, offset: Int) throws(FormulaError) -> FormulaExpression {
    guard let function = FormulaFunction(rawValue: name) else {
      let supported = FormulaFunction.allCases.map { "\($0.rawValue)()" }.joined(separator: ", ")
      let hint: String
      switch name {
      case "factor", "as.factor", "C": hint = "; use i(var) for dummies of a variable"
      case "ln": hint = "; use log() for the natural logarithm"
      default: hint = ""
      }
      throw error(offset, "unknown function '\(name)'; supported functions are \(supported) and i()\(hint)")
    }
    advance()  // the name
    let open = current.offset
    advance()  // '('
    if current.isSymbol(")") {
      throw error(current.offset, "\(name)() needs one argument")
    }
    let argument = try parseArithmetic()
    if current.isSymbol(",") {
      throw error(current.offset, "\(name)() takes exactly one argument")
    }
    try expectClosing(open: open)
    return .function(function, argument)
  }

  /// Consumes the `)` closing the parenthesis opened at `open`.
  ///
  /// - Throws: `FormulaError` pointing at the opening parenthesis when the formula ends first,
  ///   or at the unexpected token otherwise.
  mutating func expectClosing(open: Int) throws(FormulaError) {
    if current.isSymbol(")") {
      advance()
      return
    }
    if case .end = current.kind {
      throw error(open, "unbalanced parentheses: this '(' is never closed")
    }
    throw error(current.offset, "expected ')' to close the '(' at offset \(open), found \(describe(current))")
  }
}

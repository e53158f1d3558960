/// A factor of a regressor term, looked up in the data: numeric values over all rows, or a
/// text column to expand into dummies.
struct ResolvedFactor: Sendable {
  enum Kind: Sendable {
    /// One value per row of the table (bool as 0/1, missing as NaN).
    case numeric([Double])
    /// A text column.
    case categorical(Column)
  }

  /// The factor's name (column name or expression name).
  var name: String
  /// Its values.
  var kind: Kind
}

/// A regressor term with its data looked up, before rows are dropped.
enum ResolvedTerm: Sendable {
  /// A single factor or an interaction of factors.
  case factors(term: String, [ResolvedFactor])
  /// An `i()` term with its variable column and optional numeric partner.
  case indicator(IndicatorTerm, variable: Column, partner: ResolvedFactor?)
}

/// Looks up every column a model uses, checks kinds and evaluates expressions, remembering the
/// columns and computed values that listwise deletion must check.
struct TermResolver {
  /// A computed expression, for the non-finite check.
  struct Computed {
    var name: String
    var values: [Double]
  }

  let data: DataTable
  /// The columns used, in order of first use, without repetition.
  private(set) var usedColumns: [Column] = []
  /// The computed (non-column) expressions.
  private(set) var computed: [Computed] = []

  init(data: DataTable) {
    self.data = data
  }

  /// Looks up a column and records its use.
  ///
  /// - Throws: `DataError/unknownColumn(name:suggestions:)`.
  mutating func use(_ name: String) throws(DataError) -> Column {
    if let c = usedColumns.first(where: { $0.name == name }) { return c }
    let c = try data.column(named: name)
    usedColumns.append(c)
    return c
  }

  /// Looks up a column that must be numeric and returns its values as doubles.
  ///
  /// - Throws: `DataError/unknownColumn(name:suggestions:)` or
  ///   `DataError/typeMismatch(column:expected:found:)` for a text column.
  mutating func numericColumn(_ name: String, use: String) throws(DataError) -> [Double] {
    let column = try self.use(name)
    if column.kind == .categorical {
      throw .typeMismatch(column: name, expected: "a numeric column (\(use))", found: "text (categorical)")
    }
    return try column.doubles()
  }

  /// Evaluates an expression that must be numeric: a numeric column, or a computed expression
  /// (recorded for the non-finite check).
  ///
  /// - Throws: `DataError` for unknown or text columns.
  mutating func numeric(_ expression: FormulaExpression, use: String) throws(DataError) -> [Double] {
    if let name = expression.columnName { return try numericColumn(name, use: use) }
    var inputs: [Column] = []
    for name in expression.columns { inputs.append(try self.use(name)) }
    for c in inputs where c.kind == .categorical {
      throw .typeMismatch(column: c.name, expected: "a numeric column (inside \(expression.name))", found: "text (categorical)")
    }
    let values = try ExpressionEvaluator(data: data).evaluate(expression, use: "inside \(expression.name)")
    if !computed.contains(where: { $0.name == expression.name }) {
      computed.append(Computed(name: expression.name, values: values))
    }
    return values
  }

  /// Evaluates the response.
  mutating func response(_ expression: FormulaExpression) throws(DataError) -> [Double] {
    try numeric(expression, use: "the response")
  }

  /// Resolves one factor of a regressor term: a bare text column stays categorical, anything
  /// else must be numeric.
  mutating func factor(_ expression: FormulaExpression, term: String) throws(DataError) -> ResolvedFactor {
    if let name = expression.columnName {
      let column = try use(name)
      if column.kind == .categorical { return ResolvedFactor(name: name, kind: .categorical(column)) }
      return ResolvedFactor(name: name, kind: .numeric(try column.doubles()))
    }
    return ResolvedFactor(name: expression.name, kind: .numeric(try numeric(expression, use: "in \(term)")))
  }

  /// Resolves a regressor term.
  ///
  /// - Throws: `DataError` for unknown columns or text columns where numbers are needed
  ///   (inside functions, or as the numeric partner of `i(var, x)`).
  mutating func resolve(_ term: FormulaTerm) throws(DataError) -> ResolvedTerm {
    switch term {
    case .expression(let e):
      return .factors(term: term.name, [try factor(e, term: term.name)])
    case .interaction(let factors):
      var out: [ResolvedFactor] = []
      for f in factors { out.append(try factor(f, term: term.name)) }
      return .factors(term: term.name, out)
    case .indicator(let t):
      let variable = try use(t.variable)
      var partner: ResolvedFactor?
      if let x = t.interaction {
        let values = try numeric(x, use: "the numeric variable of \(t.description)")
        partner = ResolvedFactor(name: x.name, kind: .numeric(values))
      }
      return .indicator(t, variable: variable, partner: partner)
    }
  }
}

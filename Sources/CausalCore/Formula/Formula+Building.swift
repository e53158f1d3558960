/// Building formulas in code from column names of any spelling, so that no estimator pastes
/// names into formula text.
extension Formula {
  /// A column name as formula text: unchanged when it is a syntactic name (letters, digits,
  /// `.` and `_`, not starting with a digit), otherwise between backticks with any backtick
  /// doubled: the column `prior score` is written with a backtick before and after it.
  ///
  /// - Parameter column: A column name.
  /// - Returns: Text that the formula parser reads back as exactly that column.
  public static func quoted(_ column: String) -> String {
    if isSyntactic(column) { return column }
    var out = "`"
    for c in column {
      if c == "`" { out += "``" } else { out.append(c) }
    }
    return out + "`"
  }

  /// Whether a name can be written in a formula without quoting.
  static func isSyntactic(_ name: String) -> Bool {
    guard let first = name.first, first.isLetter || first == "." || first == "_" else { return false }
    if first == ".", name.dropFirst().first?.isNumber == true { return false }
    guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }) else { return false }
    return !["I", "i", "log", "log1p", "exp", "sqrt", "abs", "c", "TRUE", "FALSE"].contains(name)
  }

  /// The interaction of columns as a term, `a:b`, each name quoted as needed.
  ///
  /// - Parameter columns: Two or more column names.
  public static func interaction(_ columns: [String]) -> String {
    columns.map(quoted).joined(separator: ":")
  }

  /// Builds a formula from column names and terms.
  ///
  /// - Parameters:
  ///   - response: The outcome column's name (any spelling).
  ///   - regressors: Columns entered as regressors (any spelling), in order.
  ///   - terms: Further terms in formula syntax, after the regressors (for example
  ///     ``interaction(_:)`` or an `i(...)` term).
  ///   - covariates: Covariates, after the terms.
  ///   - fixedEffects: Columns absorbed as fixed effects (any spelling).
  ///   - intercept: Whether the model keeps its intercept (ignored with fixed effects).
  /// - Throws: ``FormulaError`` when a term given as text does not parse.
  public init(
    response: String, regressors: [String] = [], terms: [String] = [], covariates: Covariates = Covariates(),
    fixedEffects: [String] = [], intercept: Bool = true
  ) throws(FormulaError) {
    var rhs = regressors.map(Self.quoted) + terms + covariates.terms
    if !intercept { rhs.insert("0", at: 0) }
    if rhs.isEmpty { rhs = [fixedEffects.isEmpty ? "1" : "0"] }
    var text = Self.quoted(response) + " ~ " + rhs.joined(separator: " + ")
    if !fixedEffects.isEmpty { text += " | " + fixedEffects.map(Self.quoted).joined(separator: " + ") }
    try self.init(text)
  }
}

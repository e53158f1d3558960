import CausalCore

extension BalanceCovariates {
  /// Expands covariates, as MatchIt's `summary()` expands `treat ~ covariates`.
  ///
  /// A term that is a bare column expands as in ``init(data:names:)``: a text column gives one
  /// indicator per level (`race::black`, `race::hispan`, `race::white`). Any other term
  /// (`I(age^2)`, `log1p(re74)`, `age:educ`, `i(...)`) gives the columns CausalCore's
  /// `ModelFrame` builds for it, under the same names; inside interactions a text column keeps
  /// the model frame's coding (first level dropped). The intercept is never a covariate.
  ///
  /// - Parameters:
  ///   - data: The table.
  ///   - covariates: The covariates (column names of any spelling, or formula terms).
  /// - Throws: `DataError.unknownColumn` for an unknown column;
  ///   ``MatchingError/missingValue(variable:row:)`` when a covariate is missing or a computed
  ///   term is not finite in some row; `ModelFrameError` as `ModelFrame` throws it for computed
  ///   terms; ``MatchingError/noCovariates`` when the formula has no term.
  /// - Complexity: O(n × number of expanded covariates).
  public init(data: DataTable, covariates: Covariates) throws {
    guard !covariates.isEmpty else { throw MatchingError.noCovariates }
    // The terms are formula text already (names quoted by `Covariates`); a constant response.
    let parsed = try Formula("0 ~ " + covariates.description)

    // Bare columns first, so that their missing values are reported by name.
    var simple: [Int: [BalanceCovariate]] = [:]
    for (position, term) in parsed.terms.enumerated() {
      if case .expression(let expression) = term, let name = expression.columnName {
        simple[position] = try Self.expand(try data.column(named: name))
      }
    }
    var frame: ModelFrame?
    if simple.count < parsed.terms.count {
      let built = try ModelFrame(formula: parsed, data: data)
      if built.rowIndices.count < data.rowCount {
        let kept = Set(built.rowIndices)
        let row = (0..<data.rowCount).first { !kept.contains($0) } ?? 0
        let variables = built.drops.observations.flatMap(\.variables)
        throw MatchingError.missingValue(variable: variables.isEmpty ? "a computed term" : variables.joined(separator: ", "), row: row)
      }
      frame = built
    }

    var out: [BalanceCovariate] = []
    for (position, term) in parsed.terms.enumerated() {
      if let expanded = simple[position] {
        out.append(contentsOf: expanded)
      } else if let frame {
        for j in frame.columnTerms.indices where frame.columnTerms[j] == term.name {
          out.append(try BalanceCovariate(name: frame.termNames[j], variable: term.name, values: frame.design.column(j)))
        }
      }
    }
    try self.init(out)
  }
}

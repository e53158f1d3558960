import CausalCore
import FixedEffects
import LinearAlgebra
import Resampling

/// The pieces of a fitted linear model that both wild bootstraps rebuild: the regressors with
/// the fixed effects projected out, and the fit's variance in coefficient order.
enum WildDesignColumns {
  /// The column of every term on the estimation sample with the fixed effects projected out
  /// (Frisch–Waugh–Lovell), one array of `n` values per term.
  ///
  /// The columns are the model's own design columns: the model frame of the model's formula is
  /// built on `data` as the fit builds it (same rows kept, same factor levels and reference
  /// levels, same column names), and its rows of the estimation sample (`fit.observationRows`)
  /// are taken for every term of `terms`. Any term the model frame makes is therefore
  /// supported: numeric columns and expressions, dummies of text columns, `i(var)` and
  /// `i(var, ref = …)` period dummies, and interactions such as `i(var, x)` or `g:x`. All
  /// columns then have the fixed effects projected out in one shared demeaning solve on the
  /// sample (singletons kept, the model's demeaning options), which for each column equals the
  /// residuals of fitting `x_j ~ 1 | fe…` on the sample; without fixed effects the columns are
  /// used as they are (the intercept a column of ones).
  ///
  /// - Parameters:
  ///   - terms: The coefficient names of the fit, in its order.
  ///   - fit: The model's fit on `data`.
  ///   - model: The model (its formula, fixed effects and demeaning options).
  ///   - data: The table the model was fitted on.
  ///   - projection: The model's fixed effects coded on `sample`, `nil` without fixed effects.
  /// - Throws: ``WildBootstrapError/unsupportedTerm(_:)`` when a term is not a design column of
  ///   the model frame, or a sample row is not a row of it; the model frame's and the
  ///   demeaning's errors.
  /// - Complexity: O(n × design columns) to build the frame, plus one demeaning solve shared by
  ///   the `k` columns.
  static func demeaned(
    terms: [String], fit: FixedEffectsFit, model: FixedEffectsModel, data: DataTable,
    projection: FixedEffectsProjection?
  ) throws -> [[Double]] {
    let frame = try ModelFrame(formula: model.formula, data: data)
    let rows = fit.observationRows
    let n = rows.count
    // Position of each sample row among the frame's kept rows (both ascending).
    let kept = frame.rowIndices
    var positions = [Int](repeating: 0, count: n)
    var cursor = 0
    for (i, row) in rows.enumerated() {
      while cursor < kept.count && kept[cursor] < row { cursor += 1 }
      guard cursor < kept.count, kept[cursor] == row else {
        throw WildBootstrapError.unsupportedTerm(terms.first ?? "(Intercept)")
      }
      positions[i] = cursor
    }
    let index = Dictionary(frame.termNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let frameRows = frame.design.rows
    var matrix = Matrix(rows: n, columns: terms.count)
    for (j, term) in terms.enumerated() {
      guard let column = index[term] else { throw WildBootstrapError.unsupportedTerm(term) }
      frame.design.elements.withUnsafeBufferPointer { design in
        let base = column * frameRows
        for i in 0..<n { matrix[i, j] = design[base + positions[i]] }
      }
    }
    try projection?.project(&matrix)
    return (0..<terms.count).map { j in Array(matrix.elements[(j * n)..<((j + 1) * n)]) }
  }

  /// The fit's variance of the coefficients, row-major `k × k` in the order of `terms` (`NaN`
  /// where a term has no variance entry).
  static func variance(of fit: FixedEffectsFit, terms: [String]) -> [Double] {
    let k = terms.count
    let vTerms = fit.variance.terms
    var variance = [Double](repeating: .nan, count: k * k)
    for a in 0..<k {
      for b in 0..<k {
        if let ia = vTerms.firstIndex(of: terms[a]), let ib = vTerms.firstIndex(of: terms[b]) {
          variance[a * k + b] = fit.variance.matrix[ia, ib]
        }
      }
    }
    return variance
  }
}

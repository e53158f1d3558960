import CausalCore
import Resampling
import FixedEffects

/// The pieces of a fitted linear model that both wild bootstraps rebuild: the regressors with
/// the fixed effects projected out, and the fit's variance in coefficient order.
enum WildDesignColumns {
  /// The column of every term on the estimation sample with the fixed effects projected out
  /// (Frisch–Waugh–Lovell), one array of `n` values per term.
  ///
  /// Each term `x_j` is fitted as `x_j ~ 1 | fe…` on the sample (singletons kept, the model's
  /// demeaning options), whose residuals are the demeaned column; without fixed effects the
  /// column is the auxiliary fit's outcome itself, and the intercept a column of ones.
  ///
  /// - Throws: ``WildBootstrapError/unsupportedTerm(_:)`` when a term's column cannot be
  ///   rebuilt through a formula on the sample.
  /// - Complexity: One demeaning solve per term.
  static func demeaned(terms: [String], model: FixedEffectsModel, sample: DataTable) throws -> [[Double]] {
    let n = sample.rowCount
    let fixedEffects = model.formula.fixedEffects.map(\.name)
    return try terms.map { term throws -> [Double] in
      if term == "(Intercept)" && fixedEffects.isEmpty { return [Double](repeating: 1, count: n) }
      let text = "\(term) ~ 1" + (fixedEffects.isEmpty ? "" : " | " + fixedEffects.joined(separator: " + "))
      do {
        let aux = try FixedEffectsModel(
          formula: text, vcov: .iid, smallSample: model.smallSample, singletons: .keep,
          demeaning: model.demeaning)
        let fit = try aux.fit(sample)
        guard fit.observationRows.count == n else { throw WildBootstrapError.unsupportedTerm(term) }
        return fixedEffects.isEmpty ? fit.outcome : fit.residuals
      } catch {
        throw WildBootstrapError.unsupportedTerm(term)
      }
    }
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

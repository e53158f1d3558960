import CausalCore
import Resampling
import FixedEffects
import LinearAlgebra

/// The demeaned design of a fixed-effects model for the heteroskedastic wild bootstrap
/// (``WildBootstrap``): the regressors `X̃` with the fixed effects projected out, the residuals
/// `û`, `A = (X̃'X̃)⁻¹`, `β̂` and the fit's heteroskedasticity-robust variance.
///
/// Building it fits the model once with `vcov: .hetero` and demeans each regressor once
/// (`WildDesignColumns`); it also codes the fixed effects on the estimation sample for the
/// replicates' shared demeaning solves (`FixedEffectsProjection`).
struct WildHeteroskedasticDesign: Sendable {
  /// Coefficient names, in the fit's order.
  var terms: [String]
  /// `β̂`.
  var beta: [Double]
  /// The fit's heteroskedasticity-robust variance of `β̂`, row-major `k × k` in ``terms`` order.
  var variance: [Double]
  /// `A = (X̃'X̃)⁻¹`, row-major `k × k`.
  var bread: [Double]
  /// `X̃`, `n × k`.
  var x: Matrix
  /// The model's residuals `û`, in estimation-sample order.
  var residuals: [Double]
  /// Number of observations used, `n`.
  var observationCount: Int
  /// What the model's fit removed (missing values, singletons, collinear terms).
  var drops: DropReport
  /// The model's fixed effects coded on the estimation sample; `nil` without fixed effects.
  var projection: FixedEffectsProjection?

  /// Number of coefficients `k`.
  var k: Int { terms.count }

  /// Fits `model` with heteroskedasticity-robust standard errors and reduces it to the
  /// quantities the replicates need.
  ///
  /// - Throws: ``WildBootstrapError/weightedModel`` for a weighted model,
  ///   ``WildBootstrapError/unsupportedTerm(_:)`` for a term whose column is not in the model frame,
  ///   ``WildBootstrapError/degenerateVariance`` when `X̃'X̃` is singular; the model's own errors.
  /// - Complexity: O(n k²) plus one demeaning solve shared by the regressors.
  init(model: FixedEffectsModel, data: DataTable) throws {
    guard model.weights == nil else { throw WildBootstrapError.weightedModel }
    let robust = try model.withVariance(.hetero)
    let fit = try robust.fit(data)
    let terms = fit.coefficients.map(\.term)
    let k = terms.count
    let sample = data.selecting(rows: fit.observationRows)
    let n = sample.rowCount
    let projection = try FixedEffectsProjection(model: model, sample: sample)
    let columns = try WildDesignColumns.demeaned(terms: terms, fit: fit, model: model, data: data, projection: projection)
    let x: Matrix
    let inverse: Matrix
    do {
      x = try Matrix(columns: columns)
      inverse = try Cholesky(x.gram()).inverse()
    } catch {
      throw WildBootstrapError.degenerateVariance
    }
    self.terms = terms
    self.beta = fit.coefficients.map(\.estimate)
    self.variance = WildDesignColumns.variance(of: fit, terms: terms)
    self.bread = (0..<(k * k)).map { inverse[$0 / k, $0 % k] }
    self.x = x
    self.residuals = fit.residuals
    self.observationCount = n
    self.drops = fit.drops
    self.projection = projection
  }
}

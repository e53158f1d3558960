import CausalCore

extension CoefficientSampler {
  /// One sampler per fitted model, in the order given: each draws from `N(β̂, V̂)` with the
  /// model's estimates, variance and standard errors (the quasi-Bayesian simulations of every
  /// mediation analysis start here).
  ///
  /// - Parameter models: The fitted models, typically the mediator models then the outcome
  ///   model(s).
  /// - Returns: The samplers, one per model.
  /// - Throws: ``MediationError/unavailable(reason:)`` from ``init(mean:variance:standardErrors:model:)``
  ///   for a model whose variance cannot be factored.
  /// - Complexity: O(Σ k³) over the models' coefficient counts `k`.
  static func samplers(for models: [ComponentModel]) throws(MediationError) -> [CoefficientSampler] {
    var samplers: [CoefficientSampler] = []
    for model in models {
      samplers.append(try CoefficientSampler(
        mean: model.estimates, variance: model.variance, standardErrors: model.coefficients.map(\.standardError),
        model: model.name))
    }
    return samplers
  }
}

import CausalCore
import LinearAlgebra

/// The closed form of a linear-linear mediation analysis and its delta-method (Sobel)
/// variance.
///
/// With treatment coefficient `a_j` in mediator model `j`, mediator coefficient `b_j`,
/// interaction `θ_j` and treatment coefficient `c` in the outcome model, `Δ = treated −
/// control` and `E[M_j(t)] = M̄_j + a_j (t − T̄)` (weighted means; exact with an intercept or
/// fixed effects because the residuals average to zero):
///
/// - `ACME_j(t) = a_j Δ (b_j + θ_j t)`; the joint ACME is the sum over mediators,
/// - `ADE(t) = Δ (c + Σ_j θ_j E[M_j(t)])`.
///
/// Without interaction `ACME = a·b·Δ` (the product of coefficients) and `ADE = c·Δ`. The
/// gradient of each raw effect with respect to all coefficients is analytic (the `x̄_k` of
/// the mediator models' other columns enter `E[M_j(t)]`); the total, proportions and averages
/// are differentiated through the raw effects by central differences. The variance is
/// `Σ_models gᵀ V̂ g`, the models' estimates being independent (separately fitted equations,
/// as in Sobel's formula).
enum ProductOfCoefficients {
  /// Rows of the ten plus 6J statistics with delta-method standard errors.
  ///
  /// - Complexity: O(J k² + statistics × parameters).
  static func rows(_ fit: MediationFit) -> [CoefficientRow] {
    let evaluator = MediationEffectEvaluator(fit: fit)
    var unused = SeededGenerator(seed: 0)
    let (mediatorBeta, gamma) = fit.estimates
    let raw = evaluator.effects(mediatorParameters: mediatorBeta, outcomeParameters: gamma, generator: &unused)
    let rawGradients = gradients(fit, evaluator)
    // Jacobian of the derived statistics with respect to the raw effects.
    let derived = MediationStatistics.derive(raw)
    var jacobian = [[Double]](repeating: [Double](repeating: 0, count: raw.count), count: derived.count)
    for r in raw.indices {
      let h = 1e-6 * max(1, abs(raw[r]))
      var up = raw, down = raw
      up[r] += h
      down[r] -= h
      let fUp = MediationStatistics.derive(up), fDown = MediationStatistics.derive(down)
      for d in derived.indices { jacobian[d][r] = (fUp[d] - fDown[d]) / (2 * h) }
    }
    let blocks = fit.mediatorModels.map(\.variance) + [fit.outcomeModel.variance]
    let names = MediationStatistics.names(mediators: fit.analysis.mediators)
    let z = NormalDistribution.standard.quantile((1 + fit.analysis.confidenceLevel) / 2)
    return derived.indices.map { d in
      var variance = 0.0
      for (b, v) in blocks.enumerated() {
        var g = [Double](repeating: 0, count: v.rows)
        for r in raw.indices where jacobian[d][r] != 0 {
          for p in g.indices { g[p] += jacobian[d][r] * rawGradients[r][b][p] }
        }
        variance += DeltaMethod.quadraticForm(g, v)
      }
      let se = max(variance, 0).squareRoot()
      let estimate = derived[d]
      let p = se > 0 ? 2 * NormalDistribution.standard.survival(abs(estimate / se)) : .nan
      return CoefficientRow(
        term: names[d], estimate: estimate, standardError: se, pValue: p,
        interval: ConfidenceInterval(lower: estimate - z * se, upper: estimate + z * se))
    }
  }

  /// `gradients[r][block][p]`: derivative of raw effect `r` with respect to coefficient `p` of
  /// model `block` (mediator models first, then the outcome model).
  static func gradients(_ fit: MediationFit, _ evaluator: MediationEffectEvaluator) -> [[[Double]]] {
    let J = fit.mediatorModels.count
    let (t0, t1) = (fit.analysis.controlValue, fit.analysis.treatedValue)
    let dt = t1 - t0
    let zeros = (fit.mediatorModels + [fit.outcomeModel]).map { [Double](repeating: 0, count: $0.estimates.count) }
    var out = [[[Double]]](repeating: zeros, count: 4 + 2 * J)
    let gamma = fit.outcomeModel.estimates
    let c = fit.outcomeTreatmentIndex
    for r in 2...3 { out[r][J][c] = dt }
    for j in 0..<J {
      let model = fit.mediatorModels[j]
      let a = fit.mediatorTreatmentIndex[j]
      let bIndex = fit.outcomeMediatorIndex[j]
      let thetaIndex = fit.outcomeInteractionIndex.isEmpty ? nil : fit.outcomeInteractionIndex[j]
      let b = gamma[bIndex]
      let theta = thetaIndex.map { gamma[$0] } ?? 0
      let m0 = evaluator.expectedMediator(j, model.estimates, at: t0)
      let m1 = evaluator.expectedMediator(j, model.estimates, at: t1)
      // d E[M_j(t)] / d β_j: x̄_k for the other columns, t for the treatment.
      func meanGradient(_ t: Double) -> [Double] {
        var g = model.columnMeans
        g[a] = t
        return g
      }
      for (ti, t) in [t0, t1].enumerated() {
        let slope = b + theta * t
        for r in [ti, 4 + 2 * j + ti] {
          out[r][j][a] += slope * dt
          out[r][J][bIndex] += m1 - m0
          if let thetaIndex { out[r][J][thetaIndex] += t * (m1 - m0) }
        }
        if let thetaIndex {
          let mt = ti == 0 ? m0 : m1
          out[2 + ti][J][thetaIndex] += dt * mt
          let g = meanGradient(t)
          for p in g.indices { out[2 + ti][j][p] += theta * dt * g[p] }
        }
      }
    }
    return out
  }
}

import CausalCore
import Propensity

/// Computes the raw effects for one set of coefficients (the estimates, a quasi-Bayesian draw
/// or a bootstrap refit).
///
/// The raw layout is `[ACME(control), ACME(treated), ADE(control), ADE(treated),
/// ACME₁(control), ACME₁(treated), …, ACME_J(control), ACME_J(treated)]`, the first two being
/// the joint indirect effect through all mediators.
///
/// Two paths:
///
/// - **Linear outcome.** The outcome is linear in the mediators, so the expectation over the
///   mediators' predictive distribution is taken exactly: only `E[M_j(t)]` is needed. For a
///   linear mediator it is `M̄_j + Σ_k (β̃_k − β̂_k) x̄_k + ã_j t − â_j T̄` (means weighted;
///   the sum over the mediator model's non-treatment columns; exact because OLS residuals
///   average to zero with an intercept or fixed effects, which are held at their estimates),
///   O(k) per draw; for a binary mediator the mean of `F(x_iᵀβ̃)` at `T = t`, O(n k).
///   `mediation` and statsmodels draw the mediators instead, which has the same expectation
///   and adds Monte Carlo noise.
/// - **Binary outcome.** As `mediation` and statsmodels: for every observation and each
///   `t`, one mediator value is drawn from the mediator model at `T = t` (normal with the
///   residual standard deviation, or Bernoulli), and the predicted probabilities are averaged.
///   `M(control)` and `M(treated)` of an observation share one draw (common random numbers):
///   one normal error, as R's `mediation` does for a Gaussian mediator, or one uniform compared
///   with both probabilities (R draws binary mediators independently, statsmodels draws all
///   mediators independently; same expectation, with extra spread in the simulated
///   distribution that reflects simulation noise, not estimation uncertainty). Draw order: mediator `j = 1…J`, observations in order.
struct MediationEffectEvaluator: Sendable {
  let fit: MediationFit

  /// The number of raw values, `4 + 2J`.
  var rawCount: Int { 4 + 2 * fit.mediatorModels.count }

  /// The raw effects for the given coefficients.
  ///
  /// - Parameters:
  ///   - mediatorParameters: One coefficient vector per mediator model.
  ///   - outcomeParameters: The outcome model's coefficients.
  ///   - generator: Used only with a binary outcome.
  /// - Returns: `4 + 2J` values.
  /// - Complexity: O(J k) for linear models; O(n (k + J)) otherwise.
  func effects(
    mediatorParameters: [[Double]], outcomeParameters: [Double], generator: inout SeededGenerator
  ) -> [Double] {
    if fit.outcomeModel.family == .linear {
      return linearOutcomeEffects(mediatorParameters, outcomeParameters)
    }
    return binaryOutcomeEffects(mediatorParameters, outcomeParameters, &generator)
  }

  /// The two treatment values.
  private var values: (Double, Double) { (fit.analysis.controlValue, fit.analysis.treatedValue) }

  /// `E[M_j(t)]` over the sample for coefficients `beta` of mediator model `j`.
  func expectedMediator(_ j: Int, _ beta: [Double], at t: Double) -> Double {
    let model = fit.mediatorModels[j]
    let a = fit.mediatorTreatmentIndex[j]
    if model.family == .linear {
      var value = model.responseMean + beta[a] * t - model.estimates[a] * fit.treatmentMean
      for k in beta.indices where k != a { value += (beta[k] - model.estimates[k]) * model.columnMeans[k] }
      return value
    }
    guard let design = model.design, let link = model.family.link else { return .nan }
    var sum = 0.0
    for i in 0..<fit.observationCount {
      var eta = beta[a] * t
      for k in beta.indices where k != a { eta += design[i, k] * beta[k] }
      sum += fit.weights[i] * link.probability(eta)
    }
    return sum / fit.totalWeight
  }

  private func linearOutcomeEffects(_ mediatorBeta: [[Double]], _ gamma: [Double]) -> [Double] {
    let (t0, t1) = values
    let dt = t1 - t0
    let c = gamma[fit.outcomeTreatmentIndex]
    var out = [0.0, 0.0, c * dt, c * dt]
    var individual: [Double] = []
    for j in mediatorBeta.indices {
      let b = gamma[fit.outcomeMediatorIndex[j]]
      let theta = fit.outcomeInteractionIndex.isEmpty ? 0 : gamma[fit.outcomeInteractionIndex[j]]
      let m0 = expectedMediator(j, mediatorBeta[j], at: t0)
      let m1 = expectedMediator(j, mediatorBeta[j], at: t1)
      let acme0 = (b + theta * t0) * (m1 - m0)
      let acme1 = (b + theta * t1) * (m1 - m0)
      out[0] += acme0
      out[1] += acme1
      out[2] += theta * dt * m0
      out[3] += theta * dt * m1
      individual += [acme0, acme1]
    }
    return out + individual
  }

  private func binaryOutcomeEffects(
    _ mediatorBeta: [[Double]], _ gamma: [Double], _ rng: inout SeededGenerator
  ) -> [Double] {
    let n = fit.observationCount
    let J = mediatorBeta.count
    let (t0, t1) = values
    guard let outcomeDesign = fit.outcomeModel.design, let outcomeLink = fit.outcomeModel.family.link else {
      return Array(repeating: .nan, count: rawCount)
    }
    // Draw the potential mediators: drawn[j][0 or 1][i].
    var drawn: [[[Double]]] = []
    for j in 0..<J {
      let model = fit.mediatorModels[j]
      let a = fit.mediatorTreatmentIndex[j]
      guard let design = model.design else { return Array(repeating: .nan, count: rawCount) }
      var base = [Double](repeating: 0, count: n)
      for k in mediatorBeta[j].indices where k != a {
        let bk = mediatorBeta[j][k]
        for i in 0..<n { base[i] += design[i, k] * bk }
      }
      // One draw per observation shared by M(control) and M(treated) (common random
      // numbers; R's `mediation` shares the error of a Gaussian mediator too): a standard
      // normal error or a uniform compared with both probabilities.
      var pair = [[Double]](repeating: [Double](repeating: 0, count: n), count: 2)
      let slope = mediatorBeta[j][a]
      for i in 0..<n {
        if let link = model.family.link {
          let u = rng.nextUniform()
          pair[0][i] = u < link.probability(base[i] + slope * t0) ? 1 : 0
          pair[1][i] = u < link.probability(base[i] + slope * t1) ? 1 : 0
        } else {
          let e = model.sigma * rng.nextNormal()
          pair[0][i] = base[i] + slope * t0 + e
          pair[1][i] = base[i] + slope * t1 + e
        }
      }
      drawn.append(pair)
    }
    // The outcome's linear predictor without treatment, mediator and interaction terms.
    var special = Set([fit.outcomeTreatmentIndex])
    special.formUnion(fit.outcomeMediatorIndex)
    special.formUnion(fit.outcomeInteractionIndex)
    var base = [Double](repeating: 0, count: n)
    for k in gamma.indices where !special.contains(k) {
      let gk = gamma[k]
      for i in 0..<n { base[i] += outcomeDesign[i, k] * gk }
    }
    let c = gamma[fit.outcomeTreatmentIndex]
    let b = fit.outcomeMediatorIndex.map { gamma[$0] }
    let theta = fit.outcomeInteractionIndex.isEmpty ? [Double](repeating: 0, count: J) : fit.outcomeInteractionIndex.map { gamma[$0] }
    var sums = [Double](repeating: 0, count: rawCount)
    let ts = [t0, t1]
    // slope[j][t] = b_j + θ_j t, the outcome's slope in mediator j at treatment t.
    let slope = (0..<J).map { j in ts.map { b[j] + theta[j] * $0 } }
    for i in 0..<n {
      // mediatorTerm(t, s) = Σ_j slope[j][t] · M_j(s) at observation i.
      var term00 = 0.0, term01 = 0.0, term10 = 0.0, term11 = 0.0
      for j in 0..<J {
        let low = drawn[j][0][i], high = drawn[j][1][i]
        term00 += slope[j][0] * low
        term01 += slope[j][0] * high
        term10 += slope[j][1] * low
        term11 += slope[j][1] * high
      }
      let base0 = base[i] + c * t0, base1 = base[i] + c * t1
      let w = fit.weights[i]
      // p<t><s> = P(Y = 1 | T = t, M = M(s)).
      let p00 = outcomeLink.probability(base0 + term00), p01 = outcomeLink.probability(base0 + term01)
      let p10 = outcomeLink.probability(base1 + term10), p11 = outcomeLink.probability(base1 + term11)
      sums[0] += w * (p01 - p00)
      sums[1] += w * (p11 - p10)
      sums[2] += w * (p10 - p00)
      sums[3] += w * (p11 - p01)
      guard J > 1 else {
        sums[4] += w * (p01 - p00)
        sums[5] += w * (p11 - p10)
        continue
      }
      for j in 0..<J {
        // Mediator j switched between M_j(control) and M_j(treated), the others at M(t).
        let low = drawn[j][0][i], high = drawn[j][1][i]
        let others0 = term00 - slope[j][0] * low
        sums[4 + 2 * j] += w * (outcomeLink.probability(base0 + others0 + slope[j][0] * high) - p00)
        let others1 = term11 - slope[j][1] * high
        sums[5 + 2 * j] += w * (p11 - outcomeLink.probability(base1 + others1 + slope[j][1] * low))
      }
    }
    return sums.map { $0 / fit.totalWeight }
  }
}

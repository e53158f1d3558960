import CausalCore
import LinearAlgebra

/// VanderWeele's four-way decomposition by g-computation from a mediator model and an outcome
/// model with the treatment × mediator term, for linear, logit or probit models.
///
/// For every observation (its covariates) and draw, the mediator is drawn from its model at
/// `a*` and at `a` with one random number (`m₀`, `m₁`: a normal error, or a uniform compared
/// with both probabilities), and with `μ(t, m)` the outcome model's mean (averages over
/// observations, weighted, and draws):
///
/// - `CDE = μ(a, m*) − μ(a*, m*)`;
/// - `INT_ref = [μ(a, m₀) − μ(a*, m₀)] − CDE` (natural direct minus controlled direct);
/// - `PIE = μ(a*, m₁) − μ(a*, m₀)`;
/// - `INT_med = [μ(a, m₁) − μ(a, m₀)] − PIE` (natural indirect minus pure indirect);
///
/// so the four add up to the total `μ(a, m₁) − μ(a*, m₀)`, and the proportions follow as in
/// ``FourWayComponents``. With both models linear the averages are taken at the mediator's
/// conditional means (exact: the regression-based closed forms).
struct FourWaySimulation: Sendable {
  /// The fit (one mediator, the outcome model with the interaction).
  let fit: MediationFit
  /// The mediator level `m*` of the controlled direct effect.
  let mediatorValue: Double
  /// Draws per observation (1 when both models are linear).
  let draws: Int

  /// Whether both models are linear (exact, no draws).
  var isExact: Bool { fit.mediatorModels[0].family == .linear && fit.outcomeModel.family == .linear }

  /// The twelve statistics of ``FourWayComponents/names`` at the given coefficients, or NaN
  /// when a model has no design.
  ///
  /// - Complexity: O(n (k + L)).
  func statistics(mediator beta: [Double], outcome gamma: [Double], sigma: Double, generator: inout SeededGenerator) -> [Double] {
    let nan = [Double](repeating: .nan, count: FourWayComponents.names.count)
    let ia = fit.mediatorTreatmentIndex[0]
    let (ic, ib) = (fit.outcomeTreatmentIndex, fit.outcomeMediatorIndex[0])
    guard let it = fit.outcomeInteractionIndex.first, let mediatorDesign = fit.mediatorModels[0].design,
      let outcomeDesign = fit.outcomeModel.design
    else { return nan }
    var maskedBeta = beta
    maskedBeta[ia] = 0
    var maskedGamma = gamma
    for j in [ic, ib, it] { maskedGamma[j] = 0 }
    guard let mediatorBase = try? mediatorDesign.multiplied(by: maskedBeta),
      let outcomeBase = try? outcomeDesign.multiplied(by: maskedGamma)
    else { return nan }
    let link = fit.mediatorModels[0].family.link, outcomeLink = fit.outcomeModel.family.link
    let (a0, a1, m) = (fit.analysis.controlValue, fit.analysis.treatedValue, mediatorValue)
    let exact = isExact, count = exact ? 1 : draws
    var sums = [Double](repeating: 0, count: 5)  // CDE, NDE, PIE, NIE, total
    for i in 0..<fit.observationCount {
      let w = fit.weights[i] / Double(count)
      func mean(_ t: Double, _ x: Double) -> Double {
        let eta = outcomeBase[i] + gamma[ic] * t + (gamma[ib] + gamma[it] * t) * x
        return outcomeLink?.probability(eta) ?? eta
      }
      let eta0 = mediatorBase[i] + beta[ia] * a0, eta1 = mediatorBase[i] + beta[ia] * a1
      let cde = mean(a1, m) - mean(a0, m)
      for _ in 0..<count {
        let m0: Double, m1: Double
        if let link {
          let u = generator.nextUniform()
          m0 = u < link.probability(eta0) ? 1 : 0
          m1 = u < link.probability(eta1) ? 1 : 0
        } else {
          let e = exact ? 0 : sigma * generator.nextNormal()
          (m0, m1) = (eta0 + e, eta1 + e)
        }
        let y00 = mean(a0, m0), y10 = mean(a1, m0), y01 = mean(a0, m1), y11 = mean(a1, m1)
        sums[0] += w * cde
        sums[1] += w * (y10 - y00)
        sums[2] += w * (y01 - y00)
        sums[3] += w * (y11 - y10)
        sums[4] += w * (y11 - y00)
      }
    }
    let s = sums.map { $0 / fit.totalWeight }
    let parts = [s[0], s[1] - s[0], s[3] - s[2], s[2]]
    let total = s[4]
    func ratio(_ weights: [Double]) -> Double { zip(weights, parts).reduce(0) { $0 + $1.0 * $1.1 } / total }
    return parts + [total] + parts.map { $0 / total } + [ratio([0, 0, 1, 1]), ratio([0, 1, 1, 0]), ratio([0, 1, 1, 1])]
  }

  /// `E[M(a*)]` at the fitted coefficients: the mean over observations of the mediator model's
  /// mean at `a*` (the linear model's fitted mean, a binary model's probability).
  var expectedMediatorAtControl: Double {
    let model = fit.mediatorModels[0]
    guard let design = model.design else { return .nan }
    var beta = model.estimates
    let ia = fit.mediatorTreatmentIndex[0]
    let slope = beta[ia]
    beta[ia] = 0
    guard let base = try? design.multiplied(by: beta) else { return .nan }
    var sum = 0.0
    for i in 0..<fit.observationCount {
      let eta = base[i] + slope * fit.analysis.controlValue
      sum += fit.weights[i] * (model.family.link?.probability(eta) ?? eta)
    }
    return sum / fit.totalWeight
  }

  /// The statistics at the fitted coefficients.
  func estimates(generator: inout SeededGenerator) -> [Double] {
    let model = fit.mediatorModels[0]
    return statistics(
      mediator: model.estimates, outcome: fit.outcomeModel.estimates, sigma: model.sigma, generator: &generator)
  }
}

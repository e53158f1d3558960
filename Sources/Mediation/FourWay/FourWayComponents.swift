import CausalCore
import LinearAlgebra

/// The regression-based four-way decomposition of a fitted linear-linear mediation analysis
/// with interaction, and the analytic gradients of each component with respect to both
/// models' coefficients (see ``FourWayDecomposition`` for the formulas).
struct FourWayComponents {
  /// The row names, in order: the four components, the total, each component's share of the
  /// total, and VanderWeele's three overall proportions.
  static let names = [
    "CDE", "INT_ref", "INT_med", "PIE", "Total effect",
    "Prop. CDE", "Prop. INT_ref", "Prop. INT_med", "Prop. PIE",
    "Overall prop. mediated", "Prop. due to interaction", "Prop. eliminated",
  ]

  /// The components `CDE`, `INT_ref`, `INT_med`, `PIE`.
  let values: [Double]
  /// `gradients[c]`: the gradient of component `c` with respect to the mediator model's
  /// coefficients (`mediator`) and the outcome model's (`outcome`).
  let gradients: [(mediator: [Double], outcome: [Double])]
  /// `E[M(a*)]`, the mean mediator under control.
  let expectedMediator: Double
  /// The two models' coefficient variances.
  let variances: (mediator: Matrix, outcome: Matrix)

  /// Evaluates the components at the fitted coefficients.
  ///
  /// - Parameters:
  ///   - fit: A fitted analysis with one linear mediator, a linear outcome and interaction.
  ///   - mediatorValue: `m*`.
  init(fit: MediationFit, mediatorValue m: Double) {
    let mediatorModel = fit.mediatorModels[0]
    let beta = mediatorModel.estimates
    let gamma = fit.outcomeModel.estimates
    let (a0, a1) = (fit.analysis.controlValue, fit.analysis.treatedValue)
    let d = a1 - a0
    let ia = fit.mediatorTreatmentIndex[0]
    let (ic, ib, it) = (fit.outcomeTreatmentIndex, fit.outcomeMediatorIndex[0], fit.outcomeInteractionIndex[0])
    let (b1, t1, t2, t3) = (beta[ia], gamma[ic], gamma[ib], gamma[it])
    // E[M(a*)] = M̄ + β₁ (a* − Ā): the intercept and covariates at their weighted means.
    let e0 = mediatorModel.responseMean + b1 * (a0 - fit.treatmentMean)
    expectedMediator = e0
    values = [(t1 + t3 * m) * d, t3 * (e0 - m) * d, t3 * b1 * d * d, b1 * (t2 + t3 * a0) * d]
    // dE[M(a*)]/dβ: the weighted column means, a* for the treatment.
    var meanGradient = mediatorModel.columnMeans
    meanGradient[ia] = a0
    let zeroBeta = [Double](repeating: 0, count: beta.count)
    let zeroGamma = [Double](repeating: 0, count: gamma.count)
    var cde = (mediator: zeroBeta, outcome: zeroGamma)
    cde.outcome[ic] = d
    cde.outcome[it] = m * d
    var reference = (mediator: meanGradient.map { t3 * d * $0 }, outcome: zeroGamma)
    reference.outcome[it] = (e0 - m) * d
    var mediated = (mediator: zeroBeta, outcome: zeroGamma)
    mediated.mediator[ia] = t3 * d * d
    mediated.outcome[it] = b1 * d * d
    var pure = (mediator: zeroBeta, outcome: zeroGamma)
    pure.mediator[ia] = (t2 + t3 * a0) * d
    pure.outcome[ib] = b1 * d
    pure.outcome[it] = b1 * a0 * d
    gradients = [cde, reference, mediated, pure]
    variances = (mediatorModel.variance, fit.outcomeModel.variance)
  }

  /// The twelve statistics as linear combinations of the components' gradients: each is a
  /// sum `Σ_c w_c · component_c` (the components and the total) or a ratio of two such sums
  /// (the proportions), whose gradient follows from the quotient rule.
  ///
  /// - Returns: Each statistic's value and gradient.
  func statistics() -> [(value: Double, gradient: (mediator: [Double], outcome: [Double]))] {
    func combination(_ weights: [Double]) -> (value: Double, gradient: (mediator: [Double], outcome: [Double])) {
      var value = 0.0
      var g = (mediator: [Double](repeating: 0, count: gradients[0].mediator.count),
               outcome: [Double](repeating: 0, count: gradients[0].outcome.count))
      for (c, w) in weights.enumerated() where w != 0 {
        value += w * values[c]
        for p in g.mediator.indices { g.mediator[p] += w * gradients[c].mediator[p] }
        for p in g.outcome.indices { g.outcome[p] += w * gradients[c].outcome[p] }
      }
      return (value, g)
    }
    let total = combination([1, 1, 1, 1])
    func ratio(_ weights: [Double]) -> (value: Double, gradient: (mediator: [Double], outcome: [Double])) {
      let numerator = combination(weights)
      let r = numerator.value / total.value
      let gm = zip(numerator.gradient.mediator, total.gradient.mediator).map { ($0 - r * $1) / total.value }
      let go = zip(numerator.gradient.outcome, total.gradient.outcome).map { ($0 - r * $1) / total.value }
      return (r, (gm, go))
    }
    let unit = (0..<4).map { c in (0..<4).map { $0 == c ? 1.0 : 0 } }
    return unit.map(combination) + [total] + unit.map(ratio)
      + [ratio([0, 0, 1, 1]), ratio([0, 1, 1, 0]), ratio([0, 1, 1, 1])]
  }

  /// The statistics as tidy rows with delta-method standard errors and normal inference.
  ///
  /// - Parameter confidenceLevel: The interval level.
  func rows(confidenceLevel: Double) -> [CoefficientRow] {
    zip(Self.names, statistics()).map { name, statistic in
      let variance = DeltaMethod.quadraticForm(statistic.gradient.mediator, variances.mediator)
        + DeltaMethod.quadraticForm(statistic.gradient.outcome, variances.outcome)
      return .normal(term: name, estimate: statistic.value, standardError: max(variance, 0).squareRoot(), level: confidenceLevel)
    }
  }
}

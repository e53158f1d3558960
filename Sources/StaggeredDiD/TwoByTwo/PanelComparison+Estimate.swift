import CausalCore
import LinearAlgebra

extension PanelComparison {
  /// Estimates the ATT of the comparison by one of Sant'Anna and Zhao's (2020) methods, with
  /// DRDID's conventions (`drdid_imp_panel`, `drdid_panel`, `std_ipw_did_panel`,
  /// `reg_did_panel`).
  ///
  /// With `ΔY` the outcome change, `D` the group, `w` the weights divided by their mean, `p` the
  /// propensity score capped at `1 − 10⁻⁶` and comparison units with `p ≥ 0.995` trimmed:
  /// - ``TwoByTwoMethod/improvedDoublyRobust``: `p` by inverse probability tilting, `μ(X)` by
  ///   least squares of `ΔY` on `X` among comparison units weighted by `w p/(1−p)`;
  ///   ATT `= mean(w (D − (1−D) p/(1−p)) (ΔY − μ)) / mean(w D)` (trimmed units excluded).
  /// - ``TwoByTwoMethod/traditionalDoublyRobust``: logit `p`, least squares `μ(X)` weighted by
  ///   `w`; the difference of the treated and odds-weighted comparison Hajek means of
  ///   `ΔY − μ(X)`, with the logit's and regression's estimation effects in the influence
  ///   function.
  /// - ``TwoByTwoMethod/inverseProbabilityWeighting``: logit `p`; the difference of the Hajek
  ///   means of `ΔY`, with the logit's estimation effect.
  /// - ``TwoByTwoMethod/outcomeRegression``: the treated mean of `ΔY − μ(X)`, with the
  ///   regression's estimation effect.
  ///
  /// - Parameter method: The method.
  /// - Returns: The estimate, its influence function (DRDID's `att.inf.func`) and the number
  ///   of trimmed comparison units.
  /// - Throws: ``DiDError/noTreated(period:)`` / ``DiDError/noComparison(period:)`` for an
  ///   empty group; ``DiDError/noOverlap(trimmed:)`` when every comparison unit is trimmed;
  ///   ``DiDError/singularCovariates(model:)`` and ``DiDError/propensityFitFailed(_:)`` when a
  ///   nuisance model cannot be fitted.
  /// - Complexity: O(n k²) per nuisance fit (a few IRLS or Newton iterations for the
  ///   propensity score); memory O(n k).
  package func estimate(_ method: TwoByTwoMethod) throws(DiDError) -> ComparisonEstimate {
    try estimate(method, influenceScale: nil)
  }

  /// Estimates the ATT as ``estimate(_:)``, with the influence function multiplied by
  /// `influenceScale` when given (the Callaway-Sant'Anna rescaling `n / n_cell`, fused into the
  /// doubly robust estimator's last pass).
  ///
  /// - Throws: As ``estimate(_:)``.
  /// - Complexity: As ``estimate(_:)``.
  func estimate(_ method: TwoByTwoMethod, influenceScale scale: Double?) throws(DiDError) -> ComparisonEstimate {
    guard treated.contains(true) else { throw .noTreated(period: nil) }
    guard treated.contains(false) else { throw .noComparison(period: nil) }
    let w: [Double]
    if let nuisance {
      w = nuisance.normalizedWeights
    } else {
      let meanWeight = Moments.mean(weights)
      w = weights.map { $0 / meanWeight }
    }
    let treatedWeights = { zip(w, self.treated).map { $1 ? $0 : 0 } }
    let result: ComparisonEstimate
    switch method {
    case .improvedDoublyRobust: result = try improved(w)
    case .traditionalDoublyRobust: return try traditionalDoublyRobust(w, scale: scale)
    case .inverseProbabilityWeighting:
      let scores = try propensityScores(w)
      let treatedMean = NormalizedAverage(weights: treatedWeights(), values: outcomeChange)
      let comparison = try comparisonMean(scores, w, outcomeChange)
      let m2 = Moments.columnMeans(comparison.influence, covariates)
      let influence = treatedMean.influence.minus(comparison.influence).minus(scores.linearRepresentation(m2))
      result = ComparisonEstimate(estimate: treatedMean.value - comparison.value, influence: influence, trimmed: scores.trimmed)
    case .outcomeRegression:
      let regression = try controlRegression(w)
      let treatedMean = NormalizedAverage(weights: treatedWeights(), values: outcomeChange)
      let predicted = NormalizedAverage(weights: treatedMean.weights, values: regression.fitted)
      let m1 = Moments.columnMeans(predicted.scaledWeights, covariates)
      let influence = treatedMean.influence.minus(predicted.influence).minus(regression.linearRepresentation(m1))
      result = ComparisonEstimate(estimate: treatedMean.value - predicted.value, influence: influence, trimmed: 0)
    }
    return scale.map { result.scalingInfluence(by: $0) } ?? result
  }

  /// The traditional doubly robust estimator (`drdid_panel`, did's `"dr"`), in two passes over
  /// the units after the nuisance fits.
  ///
  /// With `e = ΔY − μ(X)`, treated weights `a = w D` and comparison weights
  /// `b = w p/(1−p)` (zero for trimmed units): the estimate is `η₁ − η₀` with
  /// `η₁ = Σ a e / Σ a`, `η₀ = Σ b e / Σ b`; the influence function is
  /// `a (e − η₁)/ā − b (e − η₀)/b̄` plus the regression's estimation effect in direction
  /// `m₃ − m₁` and minus the logit's in direction `m₂`, where `m₁ = Xᵀa / Σ a`,
  /// `m₃ = Xᵀb / Σ b` and `m₂ = Xᵀ(b (e − η₀)) / Σ b` (DRDID's `M1`, `M3`, `M2`). The parts that
  /// do not depend on the outcome come from ``DoublyRobustWeights`` (shared through
  /// ``nuisance`` when set); ``DoublyRobustPasses`` does the rest.
  private func traditionalDoublyRobust(_ w: [Double], scale: Double?) throws(DiDError) -> ComparisonEstimate {
    let scores = try propensityScores(w)
    let design = try controlDesign(w)
    let beta: [Double]
    if let solved = controlCoefficients { beta = try solved.get() } else { beta = try design.coefficients(outcomeChange) }
    try requireComparisonMass(scores)
    let parts =
      nuisance?.doublyRobust
      ?? DoublyRobustWeights(treated: treated, weights: w, scores: scores, covariates: covariates, design: design)
    let result = DoublyRobustPasses.estimate(
      parts, covariates: covariates, beta: beta, outcomeChange: outcomeChange, treated: treated, weights: w,
      scores: scores, scale: scale)
    return ComparisonEstimate(estimate: result.estimate, influence: result.influence, trimmed: scores.trimmed)
  }

  /// The improved estimator (`drdid_imp_panel`): tilting scores, odds-weighted regression, no
  /// estimation effects.
  private func improved(_ w: [Double]) throws(DiDError) -> ComparisonEstimate {
    let scores = try propensityScores(w, tilting: true)
    let odds = Self.odds(scores, w, treated: treated)
    let design: WeightedLeastSquares
    if let shared = nuisance?.regression {
      design = try shared.get()
    } else {
      design = try WeightedLeastSquares(covariates: covariates, weights: odds, model: Self.controlModel)
    }
    let regression = try WeightedRegression(outcome: outcomeChange, covariates: covariates, weights: odds, design: design)
    let n = w.count
    var summand = [Double](repeating: 0, count: n)
    var treatedMass = 0.0, numerator = 0.0
    for i in 0..<n {
      let residual = outcomeChange[i] - regression.fitted[i]
      if treated[i] {
        summand[i] = residual
        treatedMass += w[i]
      } else if scores.keep[i] {
        summand[i] = -scores.scores[i] / (1 - scores.scores[i]) * residual
      }
      numerator += w[i] * summand[i]
    }
    try requireComparisonMass(scores)
    let meanTreated = treatedMass / Double(n)
    let att = numerator / treatedMass
    let influence = (0..<n).map { i in
      scores.keep[i] ? w[i] * (summand[i] - (treated[i] ? att : 0)) / meanTreated : 0
    }
    return ComparisonEstimate(estimate: att, influence: influence, trimmed: scores.trimmed, notes: scores.notes)
  }

  /// The propensity scores of the method (tilting for the improved estimator, else logit),
  /// from ``nuisance`` when set.
  private func propensityScores(_ w: [Double], tilting: Bool = false) throws(DiDError) -> PropensityScores {
    if let shared = nuisance?.scores { return try shared.get() }
    if tilting { return try PropensityScores.tilting(treated: treated, covariates: covariates, weights: w) }
    return try PropensityScores.logit(treated: treated, covariates: covariates, weights: w)
  }

  /// The factorization of the comparison units' outcome regression weighted by `w`, from
  /// ``nuisance`` when set.
  private func controlDesign(_ w: [Double]) throws(DiDError) -> WeightedLeastSquares {
    if let shared = nuisance?.regression { return try shared.get() }
    return try WeightedLeastSquares(covariates: covariates, weights: Self.controlWeights(w, treated: treated), model: Self.controlModel)
  }

  /// The comparison units' least-squares regression of the outcome change, weighted by `w`.
  private func controlRegression(_ w: [Double]) throws(DiDError) -> WeightedRegression {
    try WeightedRegression(
      outcome: outcomeChange, covariates: covariates, weights: Self.controlWeights(w, treated: treated),
      design: controlDesign(w))
  }

  /// The name of the comparison units' outcome regression in errors.
  static let controlModel = "comparison units' outcome regression"

  /// `w` for comparison units, 0 for treated ones: the weights of the outcome regression.
  ///
  /// - Complexity: O(n).
  static func controlWeights(_ w: [Double], treated: [Bool]) -> [Double] {
    (0..<w.count).map { treated[$0] ? 0 : w[$0] }
  }

  /// `w p/(1−p)` for comparison units, 0 for treated ones: the weights of the improved
  /// estimator's outcome regression.
  ///
  /// - Complexity: O(n).
  static func odds(_ scores: PropensityScores, _ w: [Double], treated: [Bool]) -> [Double] {
    (0..<w.count).map { i in treated[i] ? 0 : w[i] * scores.scores[i] / (1 - scores.scores[i]) }
  }

  /// The odds-weighted comparison mean of `values`.
  private func comparisonMean(_ scores: PropensityScores, _ w: [Double], _ values: [Double]) throws(DiDError)
    -> NormalizedAverage
  {
    try requireComparisonMass(scores)
    return NormalizedAverage(weights: scores.comparisonWeights(w, treated: treated), values: values)
  }

  /// Throws ``DiDError/noOverlap(trimmed:)`` when every comparison unit was trimmed.
  private func requireComparisonMass(_ scores: PropensityScores) throws(DiDError) {
    guard (0..<treated.count).contains(where: { !treated[$0] && scores.keep[$0] }) else {
      throw .noOverlap(trimmed: scores.trimmed)
    }
  }
}

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
    guard treated.contains(true) else { throw .noTreated(period: nil) }
    guard treated.contains(false) else { throw .noComparison(period: nil) }
    let meanWeight = Moments.mean(weights)
    let w = weights.map { $0 / meanWeight }
    let treatedWeights = { zip(w, self.treated).map { $1 ? $0 : 0 } }
    switch method {
    case .improvedDoublyRobust: return try improved(w)
    case .traditionalDoublyRobust: return try traditionalDoublyRobust(w)
    case .inverseProbabilityWeighting:
      let scores = try logitScores(w)
      let treatedMean = NormalizedAverage(weights: treatedWeights(), values: outcomeChange)
      let comparison = try comparisonMean(scores, w, outcomeChange)
      let m2 = Moments.columnMeans(comparison.influence, covariates)
      let influence = treatedMean.influence.minus(comparison.influence).minus(scores.linearRepresentation(m2))
      return ComparisonEstimate(
        estimate: treatedMean.value - comparison.value, influence: influence, trimmed: scores.trimmed)
    case .outcomeRegression:
      let regression = try controlRegression(w)
      let treatedMean = NormalizedAverage(weights: treatedWeights(), values: outcomeChange)
      let predicted = NormalizedAverage(weights: treatedMean.weights, values: regression.fitted)
      let m1 = Moments.columnMeans(predicted.scaledWeights, covariates)
      let influence = treatedMean.influence.minus(predicted.influence).minus(regression.linearRepresentation(m1))
      return ComparisonEstimate(estimate: treatedMean.value - predicted.value, influence: influence, trimmed: 0)
    }
  }

  /// The traditional doubly robust estimator (`drdid_panel`, did's `"dr"`), in two passes over
  /// the units after the nuisance fits.
  ///
  /// With `e = ΔY − μ(X)`, treated weights `a = w D` and comparison weights
  /// `b = w p/(1−p)` (zero for trimmed units): the estimate is `η₁ − η₀` with
  /// `η₁ = Σ a e / Σ a`, `η₀ = Σ b e / Σ b`; the influence function is
  /// `a (e − η₁)/ā − b (e − η₀)/b̄` plus the regression's estimation effect in direction
  /// `m₃ − m₁` and minus the logit's in direction `m₂`, where `m₁ = Xᵀa / Σ a`,
  /// `m₃ = Xᵀb / Σ b` and `m₂ = Xᵀ(b (e − η₀)) / Σ b` (DRDID's `M1`, `M3`, `M2`). The first pass
  /// accumulates the sums, the second writes the influence values; no other vector of the
  /// sample's size is built.
  private func traditionalDoublyRobust(_ w: [Double]) throws(DiDError) -> ComparisonEstimate {
    let scores = try logitScores(w)
    let regression = try controlRegression(w)
    try requireComparisonMass(scores)
    let n = w.count, k = covariates.columns
    var sumA = 0.0, sumAE = 0.0, sumB = 0.0, sumBE = 0.0
    var xa = [Double](repeating: 0, count: k), xb = xa, xbe = xa
    covariates.elements.withUnsafeBufferPointer { x in
      for i in 0..<n {
        let e = outcomeChange[i] - regression.fitted[i]
        if treated[i] {
          let a = w[i]
          sumA += a
          sumAE += a * e
          for j in 0..<k { xa[j] += x[i + j * n] * a }
        } else if scores.keep[i] {
          let b = w[i] * scores.scores[i] / (1 - scores.scores[i])
          sumB += b
          sumBE += b * e
          for j in 0..<k {
            xb[j] += x[i + j * n] * b
            xbe[j] += x[i + j * n] * b * e
          }
        }
      }
    }
    let eta1 = sumAE / sumA, eta0 = sumBE / sumB
    let meanA = sumA / Double(n), meanB = sumB / Double(n)
    let m1 = xa.map { $0 / sumA }, m3 = xb.map { $0 / sumB }
    let m2 = (0..<k).map { (xbe[$0] - eta0 * xb[$0]) / sumB }
    var influence = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let e = outcomeChange[i] - regression.fitted[i]
      if treated[i] {
        influence[i] = w[i] * (e - eta1) / meanA
      } else if scores.keep[i] {
        influence[i] = -w[i] * scores.scores[i] / (1 - scores.scores[i]) * (e - eta0) / meanB
      }
    }
    regression.addLinearRepresentation(zip(m3, m1).map { $0 - $1 }, scale: 1, to: &influence)
    scores.addLinearRepresentation(m2, scale: -1, to: &influence)
    return ComparisonEstimate(estimate: eta1 - eta0, influence: influence, trimmed: scores.trimmed)
  }

  /// The improved estimator (`drdid_imp_panel`): tilting scores, odds-weighted regression, no
  /// estimation effects.
  private func improved(_ w: [Double]) throws(DiDError) -> ComparisonEstimate {
    let scores = try PropensityScores.tilting(treated: treated, covariates: covariates, weights: w)
    let odds = (0..<w.count).map { i in treated[i] ? 0 : w[i] * scores.scores[i] / (1 - scores.scores[i]) }
    let regression = try WeightedRegression(
      outcome: outcomeChange, covariates: covariates, weights: odds, model: "comparison units' outcome regression")
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

  /// The logit propensity scores, shared through ``propensitySharing`` when set.
  private func logitScores(_ w: [Double]) throws(DiDError) -> PropensityScores {
    guard let sharing = propensitySharing else {
      return try PropensityScores.logit(treated: treated, covariates: covariates, weights: w)
    }
    return try sharing.cache.logit(key: sharing.key, treated: treated, covariates: covariates, weights: w)
  }

  /// The comparison units' least-squares regression of the outcome change, weighted by `w`.
  private func controlRegression(_ w: [Double]) throws(DiDError) -> WeightedRegression {
    try WeightedRegression(
      outcome: outcomeChange, covariates: covariates, weights: (0..<w.count).map { treated[$0] ? 0 : w[$0] },
      model: "comparison units' outcome regression")
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

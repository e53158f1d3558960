import CausalCore
import LinearAlgebra

/// The nuisance fits of a panel comparison that do not depend on the outcome: made once and
/// shared by comparisons that differ only in their outcome change.
///
/// The cells of one cohort compare the same units (the cohort and its never-treated controls);
/// with covariates and weights that do not change over time, every one of them fits the same
/// propensity score and factors the same outcome-regression design. The fits here are exactly
/// what each comparison would compute for itself, so sharing them changes no result.
struct PanelNuisance: Sendable {
  /// The weights divided by their mean.
  let normalizedWeights: [Double]
  /// The propensity scores the method uses (logit, or tilting for the improved estimator), or
  /// `nil` when it uses none.
  let scores: Result<PropensityScores, DiDError>?
  /// The factorization of the comparison units' outcome regression (weighted by the weights, or
  /// by the tilting odds for the improved estimator), or `nil` when the method has none or the
  /// scores it needs failed.
  let regression: Result<WeightedLeastSquares, DiDError>?
  /// The outcome-free parts of the traditional doubly robust estimator, when that is the method
  /// and both fits succeeded.
  let doublyRobust: DoublyRobustWeights?

  /// Fits what `method` needs.
  ///
  /// - Parameters:
  ///   - treated: The group of each unit (both groups present).
  ///   - covariates: The `n × k` covariates, intercept first.
  ///   - weights: The sampling weights, one per unit.
  ///   - method: The 2x2 estimator.
  /// - Complexity: O(n k²) per nuisance fit.
  init(treated: [Bool], covariates: Matrix, weights: [Double], method: TwoByTwoMethod) {
    let meanWeight = Moments.mean(weights)
    let w = weights.map { $0 / meanWeight }
    normalizedWeights = w
    switch method {
    case .traditionalDoublyRobust, .inverseProbabilityWeighting:
      scores = Result { () throws(DiDError) in try PropensityScores.logit(treated: treated, covariates: covariates, weights: w) }
    case .improvedDoublyRobust:
      scores = Result { () throws(DiDError) in try PropensityScores.tilting(treated: treated, covariates: covariates, weights: w) }
    case .outcomeRegression:
      scores = nil
    }
    switch method {
    case .traditionalDoublyRobust, .outcomeRegression:
      regression = Result { () throws(DiDError) in
        try WeightedLeastSquares(
          covariates: covariates, weights: PanelComparison.controlWeights(w, treated: treated),
          model: PanelComparison.controlModel)
      }
    case .improvedDoublyRobust:
      if case .success(let tilting) = scores {
        let odds = PanelComparison.odds(tilting, w, treated: treated)
        regression = Result { () throws(DiDError) in
          try WeightedLeastSquares(covariates: covariates, weights: odds, model: PanelComparison.controlModel)
        }
      } else {
        regression = nil
      }
    case .inverseProbabilityWeighting:
      regression = nil
    }
    if method == .traditionalDoublyRobust, case .success(let logit) = scores, case .success(let design) = regression {
      doublyRobust = DoublyRobustWeights(treated: treated, weights: w, scores: logit, covariates: covariates, design: design)
    } else {
      doublyRobust = nil
    }
  }
}

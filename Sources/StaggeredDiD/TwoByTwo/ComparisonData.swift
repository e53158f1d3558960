import CausalCore
import LinearAlgebra

/// The data of one two-group, two-period comparison with panel data: one entry per unit.
///
/// The Callaway-Sant'Anna estimator builds one of these for every group-time cell and the 2x2
/// estimator (``DoublyRobustDiD``) one for its sample; both then call
/// `estimate(_:)` for the chosen ``TwoByTwoMethod``.
package struct PanelComparison: Sendable {
  /// `Y(post) − Y(pre)` per unit.
  package let outcomeChange: [Double]
  /// `true` for the treated group, per unit.
  package let treated: [Bool]
  /// The covariates, `n × k` with the intercept as the first column (`k = 1` without
  /// covariates).
  package let covariates: Matrix
  /// Positive sampling weights, one per unit (all 1 when the data have none).
  package let weights: [Double]
  /// Nuisance fits made for exactly these groups, covariates and weights and shared with other
  /// comparisons (the cells of one cohort), or `nil` to fit them here.
  let nuisance: PanelNuisance?
  /// The comparison units' outcome-regression coefficients for this outcome change, solved
  /// with the other comparisons of the same ``nuisance`` (``WeightedLeastSquares``'s batch), or
  /// `nil` to solve them here.
  let controlCoefficients: Result<[Double], DiDError>?

  /// Collects the data; the caller guarantees equal lengths and `covariates.rows == n`.
  ///
  /// - Complexity: O(1).
  package init(outcomeChange: [Double], treated: [Bool], covariates: Matrix, weights: [Double]) {
    self.init(outcomeChange: outcomeChange, treated: treated, covariates: covariates, weights: weights, nuisance: nil)
  }

  /// Collects the data, with nuisance fits made for the same groups, covariates and weights
  /// (see ``PanelNuisance``).
  ///
  /// - Complexity: O(1).
  init(
    outcomeChange: [Double], treated: [Bool], covariates: Matrix, weights: [Double], nuisance: PanelNuisance?,
    controlCoefficients: Result<[Double], DiDError>? = nil
  ) {
    self.outcomeChange = outcomeChange
    self.treated = treated
    self.covariates = covariates
    self.weights = weights
    self.nuisance = nuisance
    self.controlCoefficients = controlCoefficients
  }
}

/// The data of one two-group, two-period comparison with repeated cross-sections: one entry per
/// observation (each observation is seen in one period only).
package struct CrossSectionComparison: Sendable {
  /// The outcome per observation.
  package let outcome: [Double]
  /// `true` for observations of the post period.
  package let post: [Bool]
  /// `true` for the treated group.
  package let treated: [Bool]
  /// The covariates, `n × k` with the intercept as the first column.
  package let covariates: Matrix
  /// Positive sampling weights, one per observation.
  package let weights: [Double]

  /// Collects the data; the caller guarantees equal lengths and `covariates.rows == n`.
  ///
  /// - Complexity: O(1).
  package init(outcome: [Double], post: [Bool], treated: [Bool], covariates: Matrix, weights: [Double]) {
    self.outcome = outcome
    self.post = post
    self.treated = treated
    self.covariates = covariates
    self.weights = weights
  }
}

/// The estimate of one comparison and its influence function.
///
/// `influence[i]` is observation `i`'s influence-function value in DRDID's scaling
/// (`att.inf.func`, mean zero). Standard errors are formed by the caller: DRDID's `drdid()`
/// reports `sd(influence) / √n` (sample standard deviation), R did's `att_gt` uses
/// `sqrt(mean(influence²) / n)` after rescaling to the whole sample.
package struct ComparisonEstimate: Sendable {
  /// The average treatment effect on the treated.
  package let estimate: Double
  /// One influence value per observation, in the comparison's order.
  package let influence: [Double]
  /// Observations given zero weight by propensity-score trimming (controls with a score above
  /// the trimming level), reported by the caller.
  package let trimmed: Int
  /// Notes on the nuisance fits (for example a fallback of inverse probability tilting), for
  /// the caller's result.
  package let notes: [String]

  /// Collects an estimate.
  ///
  /// - Complexity: O(1).
  package init(estimate: Double, influence: [Double], trimmed: Int, notes: [String] = []) {
    self.estimate = estimate
    self.influence = influence
    self.trimmed = trimmed
    self.notes = notes
  }
}

extension ComparisonEstimate {
  /// The same estimate with every influence value multiplied by `scale`.
  ///
  /// - Complexity: O(n).
  func scalingInfluence(by scale: Double) -> ComparisonEstimate {
    ComparisonEstimate(estimate: estimate, influence: influence.map { scale * $0 }, trimmed: trimmed, notes: notes)
  }
}

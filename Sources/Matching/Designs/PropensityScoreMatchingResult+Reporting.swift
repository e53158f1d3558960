import CausalCore

/// A propensity-score matching's scores and matching weights, read by overlap plots.
extension PropensityScoreMatchingResult: PropensityOverlapSummary {
  /// The fitted propensity score of each matched-on unit.
  public var propensityScores: [Double] { propensity.fittedProbabilities }
  /// Whether each unit is treated (``MatchedSet/treatment``).
  public var treatmentStatus: [Bool] { matched.treatment }
  /// The matching weights (``MatchedSet/weights``; 0 for unmatched units).
  public var adjustmentWeights: [Double]? { matched.weights }
}

/// A propensity-matched difference-in-differences plots the overlap of its matching.
extension PropensityMatchedDifferenceInDifferencesResult: PropensityOverlapSummary {
  /// The matching's propensity scores.
  public var propensityScores: [Double] { matching.propensityScores }
  /// The matching's treatment status.
  public var treatmentStatus: [Bool] { matching.treatmentStatus }
  /// The matching's weights.
  public var adjustmentWeights: [Double]? { matching.adjustmentWeights }
}

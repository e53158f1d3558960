import CausalCore

// Interim dispatch until the Sant'Anna-Zhao kernels land: without covariates every method is
// the difference of mean changes.
extension PanelComparison {
  /// Estimates the comparison by `method`.
  package func estimate(_ method: TwoByTwoMethod) throws(DiDError) -> ComparisonEstimate {
    guard covariates.columns > 1 else { return try MeanDifference.estimate(self) }
    throw .noTreatedCohorts(reason: "covariate adjustment is not available yet")
  }
}

extension CrossSectionComparison {
  /// Estimates the comparison by `method`.
  package func estimate(_ method: TwoByTwoMethod) throws(DiDError) -> ComparisonEstimate {
    guard covariates.columns > 1 else { return try MeanDifference.estimate(self) }
    throw .noTreatedCohorts(reason: "covariate adjustment is not available yet")
  }
}

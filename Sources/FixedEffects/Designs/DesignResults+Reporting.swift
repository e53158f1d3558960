import CausalCore

/// A difference-in-differences result tabulates as its regression.
extension DifferenceInDifferencesResult: RegressionSummary {
  /// The regression's variance type.
  public var varianceType: VarianceType { fit.varianceType }
  /// The regression's absorbed fixed effects.
  public var absorbedFixedEffects: [String] { fit.absorbedFixedEffects }
  /// The regression's R².
  public var r2: Double { fit.r2 }
  /// The regression's within R².
  public var withinR2: Double? { fit.withinR2 }
}

/// An event study tabulates as its regression and plots its per-period estimates.
extension EventStudyResult: RegressionSummary, EventStudySummary {
  /// The regression's variance type.
  public var varianceType: VarianceType { fit.varianceType }
  /// The regression's absorbed fixed effects.
  public var absorbedFixedEffects: [String] { fit.absorbedFixedEffects }
  /// The regression's R².
  public var r2: Double { fit.r2 }
  /// The regression's within R².
  public var withinR2: Double? { fit.withinR2 }
  /// The per-period estimates, ``estimates``.
  public var eventTimeEstimates: [EventTimeEstimate] { estimates }
}

/// Every estimate of the project's effect on one outcome.
public struct OutcomeAnalysis: Sendable, Equatable {
  /// The outcome column.
  public var outcome: String
  /// The naive post-period comparison of treated and control units.
  public var naive: EffectEstimate
  /// The two-way fixed-effects DiD.
  public var difference: EffectEstimate
  /// The event study.
  public var eventStudy: EventStudyOutcome
  /// The DiD on the propensity-score-matched units, if covariates were given.
  public var matchedDifference: EffectEstimate?
  /// The wild cluster bootstrap of the DiD coefficient, if requested.
  public var bootstrap: WildBootstrapSummary?
  /// Indirect effects from the mediation stage, empty until one is configured.
  public var mediation: [MediationEstimate]

  /// Creates an analysis; parameters as the properties.
  public init(
    outcome: String, naive: EffectEstimate, difference: EffectEstimate, eventStudy: EventStudyOutcome,
    matchedDifference: EffectEstimate?, bootstrap: WildBootstrapSummary?, mediation: [MediationEstimate]
  ) {
    self.outcome = outcome
    self.naive = naive
    self.difference = difference
    self.eventStudy = eventStudy
    self.matchedDifference = matchedDifference
    self.bootstrap = bootstrap
    self.mediation = mediation
  }
}

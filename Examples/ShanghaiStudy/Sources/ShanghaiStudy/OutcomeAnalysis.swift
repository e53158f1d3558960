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
  /// Callaway-Sant'Anna's group-time effects and their aggregations, if run.
  public var callawaySantAnna: CallawaySantAnnaOutcome?
  /// The doubly robust 2×2 DiD with the conditioning covariates, if run.
  public var doublyRobust: DoublyRobustOutcome?
  /// The Goodman-Bacon decomposition of the TWFE DiD on school-year means, if run.
  public var bacon: BaconOutcome?
  /// The HonestDiD sensitivity analysis of the Callaway-Sant'Anna event study, if run.
  public var sensitivity: SensitivityOutcome?

  /// Creates an analysis; parameters as the properties (the heterogeneity-robust estimates
  /// default to none).
  public init(
    outcome: String, naive: EffectEstimate, difference: EffectEstimate, eventStudy: EventStudyOutcome,
    matchedDifference: EffectEstimate?, bootstrap: WildBootstrapSummary?, mediation: [MediationEstimate],
    callawaySantAnna: CallawaySantAnnaOutcome? = nil, doublyRobust: DoublyRobustOutcome? = nil, bacon: BaconOutcome? = nil,
    sensitivity: SensitivityOutcome? = nil
  ) {
    self.outcome = outcome
    self.naive = naive
    self.difference = difference
    self.eventStudy = eventStudy
    self.matchedDifference = matchedDifference
    self.bootstrap = bootstrap
    self.mediation = mediation
    self.callawaySantAnna = callawaySantAnna
    self.doublyRobust = doublyRobust
    self.bacon = bacon
    self.sensitivity = sensitivity
  }
}

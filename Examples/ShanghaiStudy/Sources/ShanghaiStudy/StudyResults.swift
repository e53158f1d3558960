/// The results of a ``StudyPipeline`` run: one ``OutcomeAnalysis`` per outcome, the matching
/// behind the PSM-DiD, and the first stage of the mediation analysis.
public struct StudyResults: Sendable {
  /// The column mapping analysed.
  public var schema: PanelSchema
  /// Rows (students).
  public var observations: Int
  /// Units (schools).
  public var units: Int
  /// Treated units.
  public var treatedUnits: Int
  /// The periods, ascending.
  public var periods: [Int]
  /// The first treated period.
  public var firstTreatedPeriod: Int
  /// The distinct first treated periods of the treated units (several under staggered
  /// adoption).
  public var adoptionPeriods: [Int]
  /// One analysis per outcome, in schema order.
  public var outcomes: [OutcomeAnalysis]
  /// The school-level matching, if covariates were given.
  public var matching: MatchingSummary?
  /// The DiD effect of the treatment on each mediator.
  public var mediatorShifts: [EffectEstimate]
  /// The name of the mediation stage, if one ran.
  public var mediationMethod: String?
  /// Wall-clock seconds per step, in the order run.
  public var timings: [(step: String, seconds: Double)]
  /// The causal-chain mediation estimates, if that stage ran.
  public var chain: CausalChainResults?

  /// Creates results; parameters as the properties.
  public init(
    schema: PanelSchema, observations: Int, units: Int, treatedUnits: Int, periods: [Int], firstTreatedPeriod: Int,
    outcomes: [OutcomeAnalysis], matching: MatchingSummary?, mediatorShifts: [EffectEstimate], mediationMethod: String?,
    timings: [(step: String, seconds: Double)], adoptionPeriods: [Int]? = nil, chain: CausalChainResults? = nil
  ) {
    self.chain = chain
    self.schema = schema
    self.observations = observations
    self.units = units
    self.treatedUnits = treatedUnits
    self.periods = periods
    self.firstTreatedPeriod = firstTreatedPeriod
    self.adoptionPeriods = adoptionPeriods ?? [firstTreatedPeriod]
    self.outcomes = outcomes
    self.matching = matching
    self.mediatorShifts = mediatorShifts
    self.mediationMethod = mediationMethod
    self.timings = timings
  }

  /// The analysis of one outcome, or `nil`.
  public subscript(outcome: String) -> OutcomeAnalysis? { outcomes.first { $0.outcome == outcome } }
}

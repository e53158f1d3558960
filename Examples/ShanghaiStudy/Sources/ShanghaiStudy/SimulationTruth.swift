/// The true effects of a generated panel, on the scale of its standardized scores, against
/// which the pipeline's estimates are scored.
///
/// The generator works in raw score units, then standardizes each subject by subtracting the
/// year mean and dividing by `scale`, the pooled within-year SD of the pre-project years
/// (which no treatment touches). The generator sets the raw direct effect so that the total
/// effect on the standardized score equals the configured total **exactly**:
///
/// - `total` = configured total (e.g. 0.67): the effect of `treat_post` on every treated
///   student's standardized score, hence also the ATT, the DiD estimand and the coefficient the
///   two-way fixed-effects regression estimates without bias (effects are homogeneous).
/// - `indirect[.peer]` = `peerSlope · (total shift of peer) / scale`: the effect carried by the
///   change in peer relationships (the mediator's DiD shift, which includes what leadership and
///   teaching style pass on to it, times its slope on the standardized scale); likewise for
///   leadership and teaching style. This is each mediator's interventional indirect effect, and
///   what a product-of-coefficients analysis that treats the mediators as independent estimates.
/// - `direct` = `total − Σ indirect`: the part not carried by any of the three mediators.
/// - `chain`: the decomposition along the mediators' causal order (``ChainTruth``): the seven
///   path-specific effects, the interventional effects, the mediator-dependence part (zero) and
///   the effects initiated at each mediator.
///
/// The mediator shifts themselves (``mediatorShifts``, the total DiD shifts) are in the
/// mediators' own units (their pre-project SD is close to 1) and are not rescaled.
///
/// When the effect grows with exposure (``SchoolPanelConfiguration/exposureGrowth`` > 0, the
/// staggered scenario) `total` is the effect after one year of exposure, the direct effect grows
/// (`direct` above is its value at that exposure) and three further truths matter:
/// `byEventTime[e] = τ(e) = total · (1 + g (e − 1))`, the effect `e` years after a school
/// joined (the estimand of an event study at event time `e`, whatever the cohort);
/// `treatedAverage`, the mean of `τ(e)` over every treated student-year (the ATT a static
/// DiD claims to estimate); and `cohortWeightedAverage`, the average of `τ(t − g)` over the
/// post-treatment cohort-year cells weighted by the cohort's share of the rows (the estimand
/// of Callaway-Sant'Anna's simple aggregation). Without growth all three equal `total`.
public struct SimulationTruth: Sendable, Equatable {
  /// A channel through which the project might act on scores.
  public enum Mediator: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// Student peer relationships (moved by the project).
    case peer
    /// School principal leadership (moved by the project).
    case leadership
    /// Student-reported teaching style (not moved by the project by default).
    case teaching
  }

  /// The true effects on one subject.
  public struct SubjectTruth: Sendable, Equatable {
    /// The subject.
    public var subject: Subject
    /// Total effect on the standardized score (SD units).
    public var total: Double
    /// Direct effect: the total minus every indirect effect.
    public var direct: Double
    /// Indirect effect through each mediator.
    public var indirect: [Mediator: Double]
    /// Slope of the score on each mediator on the standardized scale.
    public var slopes: [Mediator: Double]
    /// The raw-unit SD the subject was divided by.
    public var scale: Double
    /// The total effect by event time (years since the school joined, 0 in the joining year),
    /// for every event time the panel observes.
    public var byEventTime: [Int: Double]
    /// The mean total effect over every treated student-year.
    public var treatedAverage: Double
    /// The post-treatment cohort-year effects averaged with the cohorts' shares of the rows
    /// (Callaway-Sant'Anna's simple aggregation).
    public var cohortWeightedAverage: Double
    /// The decomposition along the mediators' causal order, or `nil` when not computed.
    public var chain: ChainTruth?

    /// Creates the truth for one subject; parameters as the properties.
    /// The event-time effects default to `total` at event time 0 and both averages to `total`
    /// (a constant effect), and the chain's decomposition to none.
    public init(
      subject: Subject, total: Double, direct: Double, indirect: [Mediator: Double], slopes: [Mediator: Double],
      scale: Double, byEventTime: [Int: Double]? = nil, treatedAverage: Double? = nil, cohortWeightedAverage: Double? = nil,
      chain: ChainTruth? = nil
    ) {
      self.chain = chain
      self.subject = subject
      self.total = total
      self.direct = direct
      self.indirect = indirect
      self.slopes = slopes
      self.scale = scale
      self.byEventTime = byEventTime ?? [0: total]
      self.treatedAverage = treatedAverage ?? total
      self.cohortWeightedAverage = cohortWeightedAverage ?? total
    }

    /// The mean of ``byEventTime`` over its event times: the estimand of the overall effect of
    /// Callaway-Sant'Anna's dynamic aggregation (the mean of its event-time effects).
    public var eventTimeAverage: Double {
      byEventTime.isEmpty ? total : byEventTime.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value } / Double(byEventTime.count)
    }

    /// Whether the effect differs across event times.
    public var growsWithExposure: Bool { Set(byEventTime.values).count > 1 }
  }

  /// The true effects per subject, in ``Subject/allCases`` order.
  public var subjects: [SubjectTruth]
  /// The true DiD shift of each mediator (in its own units): its total shift, through the chain
  /// (``MediatorChain/totalShift(of:)``).
  public var mediatorShifts: [Mediator: Double]

  /// Creates the truth; parameters as the properties.
  public init(subjects: [SubjectTruth], mediatorShifts: [Mediator: Double]) {
    self.subjects = subjects
    self.mediatorShifts = mediatorShifts
  }

  /// The truth for one subject, or `nil`.
  public subscript(subject: Subject) -> SubjectTruth? { subjects.first { $0.subject == subject } }

  /// The truth for a score column name, or `nil` when the name is not a subject.
  public func truth(forOutcome name: String) -> SubjectTruth? { Subject(rawValue: name).flatMap { self[$0] } }
}

/// Which columns of a panel play which role in the study: the mapping that lets the pipeline
/// run on the generated data or on a user's own school panel.
///
/// Rows are students (or any unit nested in the panel unit); the panel unit (`unit`) is the
/// level of treatment assignment, fixed effects and clustering. Treatment timing is given
/// either by a 0/1 `post` column or by the first treated period (`firstTreatedPeriod`; rows
/// with `time ≥ firstTreatedPeriod` are post). Matching covariates must be constant within a
/// unit (each unit's earliest pre-period row describes it).
///
/// ```swift
/// var schema = PanelSchema(unit: "school_id", time: "exam_year", treated: "in_program",
///                          outcomes: ["math", "reading"])
/// schema.firstTreatedPeriod = 2018
/// schema.covariates = ["baseline_score", "enrolment"]
/// ```
public struct PanelSchema: Sendable, Equatable {
  /// Panel unit (school) identifier: absorbed and clustered on.
  public var unit: String
  /// Period column (whole numbers, e.g. years).
  public var time: String
  /// 0/1 column: 1 for units in the treated group (constant within a unit).
  public var treated: String
  /// 0/1 column marking treated periods, or `nil` to use ``firstTreatedPeriod``.
  public var post: String?
  /// First treated period, used when ``post`` is `nil`.
  public var firstTreatedPeriod: Int?
  /// Outcome columns (one analysis each).
  public var outcomes: [String]
  /// Pre-treatment unit characteristics for the propensity score; empty skips matching.
  public var covariates: [String]
  /// Mediator columns (for the mediation stage).
  public var mediators: [String]
  /// Pre-treatment characteristics that parallel trends is conditioned on in the doubly robust
  /// DiD and in Callaway-Sant'Anna (their propensity score and outcome regressions): prior
  /// achievement for the simulated panel; empty for unconditional parallel trends.
  public var conditioningCovariates: [String]

  /// Creates a mapping; parameters as the properties.
  public init(
    unit: String, time: String, treated: String, post: String? = nil, firstTreatedPeriod: Int? = nil,
    outcomes: [String], covariates: [String] = [], mediators: [String] = [], conditioningCovariates: [String] = []
  ) {
    self.unit = unit
    self.time = time
    self.treated = treated
    self.post = post
    self.firstTreatedPeriod = firstTreatedPeriod
    self.outcomes = outcomes
    self.covariates = covariates
    self.mediators = mediators
    self.conditioningCovariates = conditioningCovariates
  }

  /// The mapping of the generated panel (``PanelColumns``).
  public static let simulated = PanelSchema(
    unit: PanelColumns.school, time: PanelColumns.year, treated: PanelColumns.ssp, post: PanelColumns.post,
    outcomes: Subject.allCases.map(\.rawValue), covariates: PanelColumns.schoolCovariates,
    mediators: PanelColumns.mediators, conditioningCovariates: [PanelColumns.priorAchievement])
}

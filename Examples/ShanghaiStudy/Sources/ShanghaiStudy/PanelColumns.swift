/// The column names of the generated panel (one row per student).
///
/// | column | meaning |
/// |---|---|
/// | `student` | student identifier |
/// | `school` | school identifier (1-based) |
/// | `year` | examination year of the Grade 9 cohort |
/// | `cohort` | the year the cohort entered lower secondary (Grade 7), `year − 2` |
/// | `ssp` | 1 for Strong School Project schools (ever treated) |
/// | `post` | 1 in project years |
/// | `treat_post` | `ssp × post` |
/// | `first_year` | first project year for SSP schools, 0 for the others (event-study start) |
/// | `math`, `chinese`, `english`, `science` | standardized scores |
/// | `peer`, `teaching` | student peer-relationship and teaching-style scales |
/// | `leadership` | school principal-leadership scale (constant within school-year) |
/// | `prior_achievement`, `size`, `urban`, `migrant_share`, `teacher_experience` | pre-project school characteristics |
public enum PanelColumns {
  /// Student identifier.
  public static let student = "student"
  /// School identifier.
  public static let school = "school"
  /// Examination year.
  public static let year = "year"
  /// Grade 7 entry year of the cohort.
  public static let cohort = "cohort"
  /// Ever-treated indicator.
  public static let ssp = "ssp"
  /// Project-year indicator.
  public static let post = "post"
  /// Treated-school-in-project-year indicator.
  public static let treatPost = "treat_post"
  /// First project year (0 for never-treated schools).
  public static let firstYear = "first_year"
  /// Peer-relationship scale.
  public static let peer = "peer"
  /// Teaching-style scale.
  public static let teaching = "teaching"
  /// Principal-leadership scale.
  public static let leadership = "leadership"
  /// School prior achievement.
  public static let priorAchievement = "prior_achievement"
  /// School enrollment.
  public static let size = "size"
  /// Urban district indicator.
  public static let urban = "urban"
  /// Share of migrant students.
  public static let migrantShare = "migrant_share"
  /// Mean teacher experience in years.
  public static let teacherExperience = "teacher_experience"
  /// The pre-project school characteristics used for matching.
  public static let schoolCovariates = [priorAchievement, size, urban, migrantShare, teacherExperience]
  /// The mediators, in ``SimulationTruth/Mediator`` order.
  public static let mediators = [peer, leadership, teaching]
}

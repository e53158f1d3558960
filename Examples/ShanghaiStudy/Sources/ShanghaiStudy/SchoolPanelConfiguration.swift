/// Every parameter of the synthetic Strong School Project panel, with documented defaults.
///
/// ## Design
///
/// - **Schools**: ``schoolCount`` lower-secondary schools, each with pre-project
///   characteristics: prior achievement (the school's standardized Grade 9 mean before the
///   project, N(0, 1)), size (students enrolled, log-normal around ``meanSchoolSize``), an
///   urban or suburban district (urban with probability ``urbanShare``), the share of migrant
///   students (lower-achieving schools have more) and mean teacher experience in years (higher
///   in higher-achieving schools).
/// - **Selection**: the ``sspSchoolCount`` schools with the highest selection index
///   `Σ selection coefficients · standardized characteristics + logistic noise` join the
///   project. The default coefficients select weak schools (prior achievement −1.5), so a
///   naive post-period comparison is biased downward. With logistic noise and a fixed count,
///   selection is a logit model with an intercept set by the count, so a logit propensity
///   score on the same characteristics is correctly specified.
/// - **Years**: Grade 9 cohorts from ``firstYear`` to ``lastYear``; the project starts in
///   ``firstProjectYear`` (defaults 2015–2021, project from 2018, as in the study). Each
///   school-year has a fresh cohort of between ``minimumStudents`` and ``maximumStudents``
///   students (a repeated cross-section of students within a school panel).
/// - **Adoption**: by default every SSP school joins in ``firstProjectYear``. With
///   ``adoptionCohorts`` `k > 1` (the staggered scenario, ``staggered``) the SSP schools join in
///   `k` consecutive years from ``firstProjectYear``, a `k`-th each: the SSP schools are dealt
///   to the years in turn in order of their selection index, so every adoption cohort has the
///   same mix of schools (assigning the most selected schools first would leave the first
///   cohort with almost no never-treated school like it, and the propensity scores of
///   Callaway-Sant'Anna's doubly robust comparisons near 0 or 1).
/// - **Effects growing with exposure**: the total effect on a subject `e` years after its
///   school joined (`e = 0` in the joining year) is `τ(e) = total · (1 + g · (e − 1))` with
///   `g` = ``exposureGrowth``: `total` after one year of exposure, `(1 − g) · total` in the
///   joining year, and `g · total` more each later year. The default `g = 0` keeps the effect
///   constant; the staggered scenario's `g = 0.5` gives `0.5, 1, 1.5, 2` times `total` for
///   `e = 0, 1, 2, 3`. Only the direct effect grows: the mediator shifts stay constant, so the
///   indirect effects do not depend on exposure.
/// - **Mediators in a causal order**: principal leadership → teaching style → peer
///   relationships. Leadership is a school-year scale (a school level plus small year noise);
///   teaching style and peer relationships are student scales (a school mean plus N(0, 1)
///   student noise). Leadership affects teaching style (``teachingOnLeadership``) and peer
///   relationships (``peerOnLeadership``), and teaching style affects peer relationships
///   (``peerOnTeaching``). In SSP schools in project years the project adds ``leadershipShift``
///   to leadership, ``teachingShift`` to teaching style and ``peerShift`` to peer relationships
///   (its direct effects on each mediator); through the chain the mediators' total shifts are
///   larger (``chain``, ``MediatorChain``): by default leadership +1.00, teaching style +0.25
///   and peer relationships +0.80.
/// - **Scores**: `level(s) + shock(t) + peer · b_P + leadership · b_L + teaching · b_T +
///   direct · treat_post + school-year shock + student noise`, with the noise a common ability factor (correlation
///   ``abilityCorrelation`` across subjects) plus subject noise, and the school level a linear
///   function of the characteristics plus a school residual. Parallel trends hold by
///   construction: school levels are fixed and year shocks are common to all schools.
/// - **Standardization**: each subject's score is centred on its year mean (over all students)
///   and divided by the pooled within-year SD of the pre-project years. So every year has mean
///   0, the pre-project years have SD 1, and one SD means the same in every year. A per-year SD
///   would not do: the project itself changes the spread of post-period scores (it lifts weak
///   schools), which would rescale the fixed school gaps and bias the DiD by a few hundredths.
///   The total effects in ``effects`` are exact on this scale; see ``SimulationTruth``.
///
/// ```swift
/// var configuration = SchoolPanelConfiguration()
/// configuration.schoolCount = 120
/// configuration.sspSchoolCount = 48
/// let panel = try SchoolPanelGenerator(configuration: configuration).generate()
/// ```
public struct SchoolPanelConfiguration: Sendable, Equatable, Codable {
  /// The random seed; equal seeds give bit-identical panels.
  public var seed: UInt64 = 20_180_901
  /// Number of schools.
  public var schoolCount: Int = 300
  /// Number of schools in the Strong School Project.
  public var sspSchoolCount: Int = 120
  /// First Grade 9 cohort year.
  public var firstYear: Int = 2015
  /// Last Grade 9 cohort year.
  public var lastYear: Int = 2021
  /// First project year (the study's 2018).
  public var firstProjectYear: Int = 2018
  /// Number of adoption cohorts: SSP schools join in this many consecutive years from
  /// ``firstProjectYear`` (1: all at once, the study's design; 3 in the staggered scenario).
  public var adoptionCohorts: Int = 1
  /// Growth `g` of the total effect with exposure: `τ(e) = total · (1 + g · (e − 1))` for
  /// `e = 0, 1, …` years since the school joined; 0 (the default) keeps it constant, and it
  /// must lie in [0, 1] so that the first-year effect `(1 − g) · total` keeps its sign.
  public var exposureGrowth: Double = 0
  /// Fewest sampled Grade 9 students per school and year.
  public var minimumStudents: Int = 35
  /// Most sampled Grade 9 students per school and year.
  public var maximumStudents: Int = 55

  /// Effects on each subject. Totals: 0.67 (math) and 0.63 (Chinese), the study's figures;
  /// 0.40 (English) and 0.35 (science), which the study reports only as "also improved".
  public var effects: [Subject: SubjectEffects] = [
    .math: SubjectEffects(total: 0.67, peerSlope: 0.25, leadershipSlope: 0.15, teachingSlope: 0.10),
    .chinese: SubjectEffects(total: 0.63, peerSlope: 0.25, leadershipSlope: 0.12, teachingSlope: 0.10),
    .english: SubjectEffects(total: 0.40, peerSlope: 0.18, leadershipSlope: 0.10, teachingSlope: 0.08),
    .science: SubjectEffects(total: 0.35, peerSlope: 0.15, leadershipSlope: 0.10, teachingSlope: 0.08),
  ]
  /// The project's direct shift of the peer-relationship scale in SSP schools in project years
  /// (its total shift adds the shifts of leadership and teaching style passed on through
  /// ``peerOnLeadership`` and ``peerOnTeaching``: 0.80 by default).
  public var peerShift: Double = 0.50
  /// The project's shift of the principal-leadership scale in SSP schools in project years (the
  /// first mediator of the chain: its direct shift is its total shift).
  public var leadershipShift: Double = 1.00
  /// The project's direct shift of the teaching-style scale in SSP schools in project years (its
  /// total shift adds leadership's, passed on through ``teachingOnLeadership``: 0.25 by default).
  public var teachingShift: Double = 0.05
  /// Teaching-style change per unit of the school's principal-leadership scale.
  public var teachingOnLeadership: Double = 0.20
  /// Peer-relationship change per unit of the school's principal-leadership scale.
  public var peerOnLeadership: Double = 0.25
  /// Peer-relationship change per unit of the student's teaching-style scale.
  public var peerOnTeaching: Double = 0.20

  /// The causal chain of the mediators: the project's direct shifts and the mediators' effects
  /// on each other.
  public var chain: MediatorChain {
    MediatorChain(
      leadershipShift: leadershipShift, teachingShift: teachingShift, peerShift: peerShift,
      teachingOnLeadership: teachingOnLeadership, peerOnLeadership: peerOnLeadership, peerOnTeaching: peerOnTeaching)
  }

  /// Selection-index coefficient of prior achievement (negative: weak schools are chosen).
  public var selectionPriorAchievement: Double = -1.5
  /// Selection-index coefficient of the standardized log school size.
  public var selectionSize: Double = 0.3
  /// Selection-index coefficient of an urban district.
  public var selectionUrban: Double = -0.5
  /// Selection-index coefficient of the standardized migrant-student share.
  public var selectionMigrantShare: Double = 0.5
  /// Selection-index coefficient of the standardized teacher experience.
  public var selectionTeacherExperience: Double = -0.4

  /// Effect of one SD of prior achievement on the school's score level (raw score units).
  public var levelPriorAchievement: Double = 0.40
  /// Effect of an urban district on the school's score level.
  public var levelUrban: Double = 0.10
  /// Effect of one SD of migrant share on the school's score level.
  public var levelMigrantShare: Double = -0.08
  /// Effect of one SD of teacher experience on the school's score level.
  public var levelTeacherExperience: Double = 0.06
  /// SD of the school residual level of each subject.
  public var schoolResidualSD: Double = 0.20
  /// SD of the school-by-year shock of each subject (cohort-level noise common to a school's
  /// students in one year; mean zero, so trends stay parallel).
  public var schoolYearShockSD: Double = 0.10
  /// SD of the common year shock of each subject.
  public var yearShockSD: Double = 0.10
  /// SD of the student noise of each score (raw units; with the defaults the untreated score
  /// has variance close to 1 before standardization).
  public var studentNoiseSD: Double = 0.80
  /// Correlation of the student noise across subjects (a common ability factor).
  public var abilityCorrelation: Double = 0.5

  /// Loading of the school's peer-relationship mean on prior achievement.
  public var peerOnPriorAchievement: Double = 0.30
  /// Loading of the school's teaching-style mean on prior achievement.
  public var teachingOnPriorAchievement: Double = 0.20
  /// Loading of the school's leadership level on prior achievement.
  public var leadershipOnPriorAchievement: Double = 0.30
  /// SD of the year-to-year noise of a school's leadership scale.
  public var leadershipYearSD: Double = 0.20

  /// Mean school enrollment (students); size is log-normal with log-SD 0.35.
  public var meanSchoolSize: Double = 900
  /// Probability that a school's district is urban.
  public var urbanShare: Double = 0.55

  /// The default configuration.
  public init() {}

  /// The staggered-adoption scenario (`ssp-study --staggered`): the default panel, but 180 of
  /// the 300 schools join the project, 60 each in 2018, 2019 and 2020 (dealt in turn by
  /// selection index),
  /// and the total effect grows with exposure, `τ(e) = total · (1 + 0.5 (e − 1))`: half the
  /// total in the joining year, the total after one year, 1.5 and 2 times it after two and
  /// three. Two-way fixed effects average these effects with weights that fall with exposure
  /// (and compare later-joining schools with schools already in the project), so its static
  /// DiD is biased downwards; Callaway-Sant'Anna is not.
  public static var staggered: SchoolPanelConfiguration {
    var c = SchoolPanelConfiguration()
    c.sspSchoolCount = 180
    c.adoptionCohorts = 3
    c.exposureGrowth = 0.5
    return c
  }

  /// The multiplier of the configured total effect `e` years after a school joined:
  /// `1 + g · (e − 1)` with `g` = ``exposureGrowth`` (1 for every `e` by default).
  ///
  /// - Parameter exposure: Years since the school joined, 0 in the joining year.
  public func exposureMultiplier(_ exposure: Int) -> Double {
    1 + exposureGrowth * Double(exposure - 1)
  }

  /// The first project year of the SSP school at a rank of the selection index (0: the most
  /// likely to be chosen): the schools are dealt to ``adoptionCohorts`` consecutive years
  /// from ``firstProjectYear`` in turn (rank 0 to the first year, rank 1 to the second, …),
  /// so the cohorts have equal sizes (the earlier ones one larger when the count does not
  /// divide) and the same mix of schools.
  ///
  /// - Parameter rank: The school's rank among the SSP schools, `0 ..< sspSchoolCount`.
  public func adoptionYear(rank: Int) -> Int {
    let cohorts = max(1, adoptionCohorts)
    return firstProjectYear + (max(0, rank) % cohorts)
  }

  /// The years in which SSP schools join, ascending.
  public var adoptionYears: [Int] { (0..<max(1, adoptionCohorts)).map { firstProjectYear + $0 } }

  /// The years with a Grade 9 cohort, ascending.
  public var years: [Int] { firstYear <= lastYear ? Array(firstYear...lastYear) : [] }

  /// The effects of a subject (zero effects for a subject missing from ``effects``).
  public func effects(for subject: Subject) -> SubjectEffects {
    effects[subject] ?? SubjectEffects(total: 0, peerSlope: 0, leadershipSlope: 0, teachingSlope: 0)
  }

  /// Checks that the parameters describe a panel that can be generated and analysed.
  ///
  /// - Throws: ``StudyError/invalidConfiguration(parameter:reason:)`` naming the first
  ///   offending parameter.
  public func validate() throws(StudyError) {
    func fail(_ name: String, _ reason: String) -> StudyError { .invalidConfiguration(parameter: name, reason: reason) }
    guard schoolCount >= 4 else { throw fail("schoolCount", "\(schoolCount) schools; at least 4 are needed") }
    guard sspSchoolCount >= 1, sspSchoolCount < schoolCount else {
      throw fail("sspSchoolCount", "\(sspSchoolCount) SSP schools; need between 1 and \(schoolCount - 1) (some schools must stay out)")
    }
    guard firstYear < firstProjectYear else {
      throw fail("firstProjectYear", "\(firstProjectYear) leaves no pre-project year after \(firstYear)")
    }
    guard firstProjectYear <= lastYear else {
      throw fail("firstProjectYear", "\(firstProjectYear) is after the last year \(lastYear)")
    }
    guard adoptionCohorts >= 1, adoptionCohorts <= sspSchoolCount else {
      throw fail("adoptionCohorts", "\(adoptionCohorts) cohorts; need between 1 and the \(sspSchoolCount) SSP schools")
    }
    guard firstProjectYear + adoptionCohorts - 1 <= lastYear else {
      throw fail("adoptionCohorts", "\(adoptionCohorts) cohorts from \(firstProjectYear) run past the last year \(lastYear)")
    }
    guard exposureGrowth >= 0, exposureGrowth <= 1 else {
      throw fail("exposureGrowth", "\(exposureGrowth) is not in [0, 1] (the first-year effect (1 − g) · total would change sign)")
    }
    guard lastYear - firstYear < 100 else { throw fail("lastYear", "more than 100 years") }
    guard minimumStudents >= 1, minimumStudents <= maximumStudents else {
      throw fail("minimumStudents", "students per school-year must satisfy 1 ≤ minimum (\(minimumStudents)) ≤ maximum (\(maximumStudents))")
    }
    guard maximumStudents <= 100_000 else { throw fail("maximumStudents", "\(maximumStudents) exceeds 100,000") }
    let rows = Double(schoolCount) * Double(years.count) * Double(maximumStudents)
    guard rows <= 50_000_000 else { throw fail("schoolCount", "the panel could reach \(Int(rows)) rows; the limit is 50 million") }
    guard abilityCorrelation >= 0, abilityCorrelation <= 1 else {
      throw fail("abilityCorrelation", "\(abilityCorrelation) is not in [0, 1]")
    }
    let sds: [(String, Double)] = [
      ("schoolResidualSD", schoolResidualSD), ("yearShockSD", yearShockSD), ("schoolYearShockSD", schoolYearShockSD), ("studentNoiseSD", studentNoiseSD),
      ("leadershipYearSD", leadershipYearSD),
    ]
    for (name, value) in sds where !(value >= 0 && value.isFinite) { throw fail(name, "\(value) is not a finite non-negative SD") }
    guard meanSchoolSize > 0, meanSchoolSize.isFinite else { throw fail("meanSchoolSize", "\(meanSchoolSize) is not positive") }
    guard urbanShare >= 0, urbanShare <= 1 else { throw fail("urbanShare", "\(urbanShare) is not a probability") }
    let finite: [(String, Double)] = [
      ("peerShift", peerShift), ("leadershipShift", leadershipShift), ("teachingShift", teachingShift),
      ("selectionPriorAchievement", selectionPriorAchievement), ("selectionSize", selectionSize),
      ("selectionUrban", selectionUrban), ("selectionMigrantShare", selectionMigrantShare),
      ("selectionTeacherExperience", selectionTeacherExperience), ("levelPriorAchievement", levelPriorAchievement),
      ("levelUrban", levelUrban), ("levelMigrantShare", levelMigrantShare),
      ("levelTeacherExperience", levelTeacherExperience), ("peerOnPriorAchievement", peerOnPriorAchievement),
      ("teachingOnPriorAchievement", teachingOnPriorAchievement),
      ("leadershipOnPriorAchievement", leadershipOnPriorAchievement), ("teachingOnLeadership", teachingOnLeadership),
      ("peerOnLeadership", peerOnLeadership), ("peerOnTeaching", peerOnTeaching),
    ]
    for (name, value) in finite where !value.isFinite { throw fail(name, "\(value) is not finite") }
    for subject in Subject.allCases {
      let e = effects(for: subject)
      for value in [e.total, e.peerSlope, e.leadershipSlope, e.teachingSlope] where !value.isFinite {
        throw fail("effects[\(subject.rawValue)]", "\(value) is not finite")
      }
    }
  }
}

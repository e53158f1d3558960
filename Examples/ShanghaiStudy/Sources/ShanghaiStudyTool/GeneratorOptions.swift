import ArgumentParser
import ShanghaiStudy

/// The generator's main parameters as command-line options (defaults from
/// `SchoolPanelConfiguration`).
struct GeneratorOptions: ParsableArguments {
  @Option(name: .long, help: "Random seed of the synthetic panel (equal seeds give identical data).")
  var seed: UInt64 = SchoolPanelConfiguration().seed

  @Option(name: .long, help: "Number of schools.")
  var schools: Int = SchoolPanelConfiguration().schoolCount

  @Option(name: .customLong("ssp-schools"), help: "Number of Strong School Project schools (default 120; 180 with --staggered).")
  var sspSchools: Int?

  @Flag(
    name: .long,
    help: "Staggered scenario: SSP schools join in 2018, 2019 and 2020 (a third each, 180 of 300) and the effect grows with exposure, tau(e) = total * (1 + 0.5 (e - 1)).")
  var staggered = false

  @Option(name: .long, help: "Students per school and year as MIN-MAX, e.g. 35-55.")
  var students: String = "\(SchoolPanelConfiguration().minimumStudents)-\(SchoolPanelConfiguration().maximumStudents)"

  @Option(name: .customLong("first-year"), help: "First Grade 9 cohort year.")
  var firstYear: Int = SchoolPanelConfiguration().firstYear

  @Option(name: .customLong("last-year"), help: "Last Grade 9 cohort year.")
  var lastYear: Int = SchoolPanelConfiguration().lastYear

  @Option(name: .customLong("math-effect"), help: "True total effect on math (SD).")
  var mathEffect: Double = SchoolPanelConfiguration().effects(for: .math).total

  @Option(name: .customLong("chinese-effect"), help: "True total effect on Chinese (SD).")
  var chineseEffect: Double = SchoolPanelConfiguration().effects(for: .chinese).total

  @Option(name: .customLong("english-effect"), help: "True total effect on English (SD).")
  var englishEffect: Double = SchoolPanelConfiguration().effects(for: .english).total

  @Option(name: .customLong("science-effect"), help: "True total effect on science (SD).")
  var scienceEffect: Double = SchoolPanelConfiguration().effects(for: .science).total

  @Option(
    name: .customLong("peer-shift"),
    help: "The project's direct shift of the peer-relationship scale (its total shift adds what leadership and teaching style pass on).")
  var peerShift: Double = SchoolPanelConfiguration().peerShift

  @Option(name: .customLong("leadership-shift"), help: "Shift of the principal-leadership scale in SSP schools in project years.")
  var leadershipShift: Double = SchoolPanelConfiguration().leadershipShift

  @Option(
    name: .customLong("teaching-shift"),
    help: "The project's direct shift of the teaching-style scale (its total shift adds what leadership passes on).")
  var teachingShift: Double = SchoolPanelConfiguration().teachingShift

  @Option(name: .customLong("teaching-on-leadership"), help: "Effect of principal leadership on teaching style.")
  var teachingOnLeadership: Double = SchoolPanelConfiguration().teachingOnLeadership

  @Option(name: .customLong("peer-on-leadership"), help: "Effect of principal leadership on peer relationships.")
  var peerOnLeadership: Double = SchoolPanelConfiguration().peerOnLeadership

  @Option(
    name: .customLong("peer-on-teaching"),
    help: "Effect of teaching style on peer relationships (0 for all three: causally independent mediators).")
  var peerOnTeaching: Double = SchoolPanelConfiguration().peerOnTeaching

  @Option(name: .customLong("selection-prior"), help: "Selection-index coefficient of prior achievement (negative: weak schools join).")
  var selectionPrior: Double = SchoolPanelConfiguration().selectionPriorAchievement

  /// The configuration these options describe.
  func configuration(firstProjectYear: Int?) throws -> SchoolPanelConfiguration {
    var c = staggered ? SchoolPanelConfiguration.staggered : SchoolPanelConfiguration()
    c.seed = seed
    c.schoolCount = schools
    if let sspSchools { c.sspSchoolCount = sspSchools }
    let bounds = students.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    switch bounds.count {
    case 1:
      guard let n = bounds[0] else { throw ValidationError("--students '\(students)' is not a number or a range MIN-MAX") }
      (c.minimumStudents, c.maximumStudents) = (n, n)
    case 2:
      guard let low = bounds[0], let high = bounds[1] else { throw ValidationError("--students '\(students)' is not a range MIN-MAX") }
      (c.minimumStudents, c.maximumStudents) = (low, high)
    default:
      throw ValidationError("--students '\(students)' is not a number or a range MIN-MAX")
    }
    c.firstYear = firstYear
    c.lastYear = lastYear
    if let firstProjectYear { c.firstProjectYear = firstProjectYear }
    let totals: [(Subject, Double)] = [(.math, mathEffect), (.chinese, chineseEffect), (.english, englishEffect), (.science, scienceEffect)]
    for (subject, total) in totals { c.effects[subject]?.total = total }
    c.peerShift = peerShift
    c.leadershipShift = leadershipShift
    c.teachingShift = teachingShift
    c.teachingOnLeadership = teachingOnLeadership
    c.peerOnLeadership = peerOnLeadership
    c.peerOnTeaching = peerOnTeaching
    c.selectionPriorAchievement = selectionPrior
    return c
  }
}

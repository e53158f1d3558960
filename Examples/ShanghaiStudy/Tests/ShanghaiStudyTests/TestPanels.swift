import CausalKit
import ShanghaiStudy

/// Small configurations that keep the tests fast in debug builds.
enum TestPanels {
  /// 60 schools (24 in the project), 15-25 students per school-year: about 8,400 rows.
  static func small(seed: UInt64 = SchoolPanelConfiguration().seed) -> SchoolPanelConfiguration {
    var c = SchoolPanelConfiguration()
    c.seed = seed
    c.schoolCount = 60
    c.sspSchoolCount = 24
    c.minimumStudents = 15
    c.maximumStudents = 25
    return c
  }

  /// Pipeline options without the bootstrap and the HonestDiD analysis (each tested
  /// separately: the analysis's linear programs are slow in debug builds).
  static var fastOptions: StudyPipeline.Options {
    var o = StudyPipeline.Options()
    o.bootstrapReplicates = 0
    o.sensitivityMbar = []
    return o
  }

  /// The default M̄ values of the HonestDiD analysis: 0, 0.25, ..., 2.
  static let defaultMbar = StudyPipeline.Options().sensitivityMbar

  /// The values of a numeric column.
  static func values(_ table: DataTable, _ name: String) throws -> [Double] {
    try table.column(named: name).doubles()
  }

  /// Mean of `x` over the rows where `keep` holds.
  static func mean(_ x: [Double], where keep: (Int) -> Bool) -> Double {
    var sum = 0.0, n = 0.0
    for i in x.indices where keep(i) {
      sum += x[i]
      n += 1
    }
    return sum / n
  }
}

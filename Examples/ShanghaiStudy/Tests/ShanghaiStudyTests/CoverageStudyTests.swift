import Foundation
import ShanghaiStudy
import Testing

/// The coverage mode runs end to end on a tiny panel and its output does not depend on the
/// number of threads.
@Suite struct CoverageStudyTests {
  /// 40 schools (16 in the project), 8-12 students per school-year.
  static var tiny: SchoolPanelConfiguration {
    var c = TestPanels.small()
    c.schoolCount = 40
    c.sspSchoolCount = 16
    c.minimumStudents = 8
    c.maximumStudents = 12
    return c
  }

  @Test func twoSeedsGiveFiniteSummaries() throws {
    let result = try CoverageStudy(configuration: Self.tiny, seeds: [1, 2], jobs: 2).run()
    #expect(result.seeds == [1, 2])
    #expect(result.draws.map(\.seed).first == 1)
    #expect(result.draws.map(\.seed).last == 2)
    #expect(result.rows.count == Subject.allCases.count * CoverageQuantity.allCases.count)
    for row in result.rows {
      #expect(row.draws == 2, "\(row.subject) \(row.quantity)")
      for value in [row.meanTruth, row.meanBias, row.sdEstimate, row.sdError, row.meanStdError, row.coverage, row.coverageMCSE, row.withinThreeSE] {
        #expect(value.isFinite, "\(row.subject) \(row.quantity): \(row)")
      }
      #expect(row.meanStdError > 0)
      #expect((0...1).contains(row.coverage))
    }
    let table = result.markdownTable()
    #expect(table.contains("| Math | TWFE DiD |"))
    #expect(table.contains("indirect: leadership"))
    let decoded = try JSONDecoder().decode(CoverageResult.self, from: result.jsonData())
    #expect(decoded.rows == result.rows)
  }

  @Test func outputDoesNotDependOnTheNumberOfThreads() throws {
    let one = try CoverageStudy(configuration: Self.tiny, seeds: [3, 4], jobs: 1).run()
    let two = try CoverageStudy(configuration: Self.tiny, seeds: [3, 4], jobs: 2).run()
    #expect(one.draws == two.draws)
  }

  @Test func seedListsParse() {
    #expect(CoverageStudy.parseSeeds("101-103") == [101, 102, 103])
    #expect(CoverageStudy.parseSeeds("1, 2,5-6") == [1, 2, 5, 6])
    #expect(CoverageStudy.parseSeeds("5-3") == nil)
    #expect(CoverageStudy.parseSeeds("a") == nil)
    #expect(CoverageStudy.parseSeeds("") == nil)
  }
}

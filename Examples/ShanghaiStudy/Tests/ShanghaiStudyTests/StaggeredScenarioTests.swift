import CausalKit
import Foundation
import ShanghaiStudy
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The staggered scenario: schools join in three years and the effect grows with exposure, so
/// the static TWFE DiD is biased while Callaway-Sant'Anna recovers the truth.
@Suite struct StaggeredScenarioTests {
  /// The staggered scenario at half the schools and fewer students (fast in debug builds): 150
  /// schools, 90 in the project (30 per adoption year), 15-25 students per school-year.
  static func configuration(seed: UInt64 = SchoolPanelConfiguration().seed) -> SchoolPanelConfiguration {
    var c = SchoolPanelConfiguration.staggered
    c.seed = seed
    c.schoolCount = 150
    c.sspSchoolCount = 90
    c.minimumStudents = 15
    c.maximumStudents = 25
    return c
  }

  /// The pipeline's options for these tests: no bootstrap, no matching.
  static var options: StudyPipeline.Options {
    var o = TestPanels.fastOptions
    o.matching = false
    return o
  }

  @Test func generatorAssignsThreeEqualCohortsAndTheExposureTruth() throws {
    let c = Self.configuration()
    let panel = try SchoolPanelGenerator(configuration: c).generate()
    let joined = panel.schools.compactMap(\.adoptionYear)
    #expect(joined.count == 90)
    for year in [2018, 2019, 2020] { #expect(joined.filter { $0 == year }.count == 30) }
    // Dealt in turn by selection index: the most selected school joins in 2018, the next in
    // 2019, the next in 2020, and so on.
    let ranked = panel.schools.filter(\.ssp).sorted { $0.selectionIndex > $1.selectionIndex }
    #expect(ranked.prefix(6).map(\.adoptionYear) == [2018, 2019, 2020, 2018, 2019, 2020])
    let math = try #require(panel.truth[.math])
    // τ(e) = 0.67 (1 + 0.5 (e − 1)) for e = 0...3.
    #expect(math.byEventTime.keys.sorted() == [0, 1, 2, 3])
    for e in 0...3 { #expect(abs((math.byEventTime[e] ?? .nan) - 0.67 * (1 + 0.5 * Double(e - 1))) < 1e-12) }
    #expect(math.growsWithExposure)
    // treat_post is ssp × (year ≥ the school's own first year).
    let table = panel.table
    let year = try TestPanels.values(table, PanelColumns.year)
    let first_year = try TestPanels.values(table, PanelColumns.firstYear)
    let treat = try TestPanels.values(table, PanelColumns.treatPost)
    for i in year.indices { #expect(treat[i] == (first_year[i] > 0 && year[i] >= first_year[i] ? 1 : 0)) }
    // The student-year ATT averages τ(e) over the treated rows.
    var sum = 0.0, n = 0.0
    for i in year.indices where treat[i] == 1 {
      sum += 0.67 * (1 + 0.5 * (year[i] - first_year[i] - 1))
      n += 1
    }
    #expect(abs(math.treatedAverage - sum / n) < 1e-12)
  }

  @Test func callawaySantAnnaRecoversTheTruthAndTwoWayFixedEffectsIsBiased() throws {
    let panel = try SchoolPanelGenerator(configuration: Self.configuration()).generate()
    let results = try StudyPipeline(options: Self.options).run(panel.table, schema: panel.schema)
    #expect(results.adoptionPeriods == [2018, 2019, 2020])
    for subject in Subject.allCases {
      let a = try #require(results[subject.rawValue])
      let truth = try #require(panel.truth[subject])
      let cs = try #require(a.callawaySantAnna)
      #expect(cs.clusters == 150)
      for (e, tau) in truth.byEventTime {
        let row = try #require(cs.eventTime(e))
        #expect(abs(row.estimate - tau) < 3 * row.standardError, "\(subject) e = \(e): CS \(row.estimate) ± \(row.standardError), truth \(tau)")
      }
      for lead in cs.dynamic.breakdown where lead.key < 0 {
        #expect(abs(lead.row.estimate) < 3 * lead.row.standardError, "\(subject) lead \(lead.key): \(lead.row.estimate) ± \(lead.row.standardError)")
      }
      #expect(abs(cs.simple.estimate - truth.cohortWeightedAverage) < 3 * cs.simple.standardError, "\(subject): CS simple \(cs.simple.estimate)")
      let overall = cs.dynamic.overall
      #expect(abs(overall.estimate - truth.eventTimeAverage) < 3 * overall.standardError)
      // The static TWFE DiD falls short of the ATT over treated student-years by more than
      // 10% of it, and by more than 2 of its standard errors (3 for math and Chinese, whose
      // effects are largest).
      let twfe = a.difference.row
      let bias = twfe.estimate - truth.treatedAverage
      #expect(bias < -0.1 * truth.treatedAverage, "\(subject): TWFE \(twfe.estimate), ATT \(truth.treatedAverage)")
      let limit = subject == .math || subject == .chinese ? 3.0 : 2.0
      #expect(bias < -limit * twfe.standardError, "\(subject): TWFE bias \(bias), SE \(twfe.standardError)")
    }
  }

  @Test func baconWeightsSumToOneAndShowTheForbiddenComparisons() throws {
    let panel = try SchoolPanelGenerator(configuration: Self.configuration()).generate()
    let results = try StudyPipeline(options: Self.options).run(panel.table, schema: panel.schema)
    for a in results.outcomes {
      let bacon = try #require(a.bacon?.result, "\(a.outcome): \(a.bacon?.unavailable ?? "no decomposition")")
      let weights = bacon.comparisons.map(\.weight).reduce(0, +)
      #expect(abs(weights - 1) < 1e-10)
      #expect(abs(bacon.totals.map(\.weight).reduce(0, +) - 1) < 1e-10)
      #expect(abs(bacon.weightedSum - bacon.twoWayFixedEffects.estimate) < 1e-9)
      #expect(bacon.unitCount == 150 && bacon.periodCount == 7)
      #expect(bacon.timingGroupCount == 3)
      let later = try #require(bacon.total(.laterVsEarlierTreated))
      #expect(later.weight > 0.05)
      // The forbidden comparisons subtract the earlier cohorts' growing effect.
      let clean = try #require(bacon.total(.treatedVsNeverTreated))
      #expect(later.estimate < clean.estimate)
    }
    // The report shows the truth by event time, the decomposition and its figure.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ssp-staggered-test-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let report = MarkdownReport(results: results, truth: panel.truth, configuration: Self.configuration())
    let files = try StudyOutputWriter(directory: folder).write(report: report, data: nil)
    let text = try String(contentsOfFile: files.report, encoding: .utf8)
    #expect(text.contains("| Subject | e = 0 | e = 1 | e = 2 | e = 3 | Mean over treated student-years |"))
    #expect(text.contains("| Math | 0.335 | 0.670 | 1.005 | 1.340 |"))
    #expect(text.contains("| Later vs Earlier Treated |"))
    #expect(text.contains("Staggered adoption: treated units start in 2018, 2019, 2020."))
    #expect(files.figures.contains { $0.hasSuffix("bacon.svg") })
    for path in files.figures {
      let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: path)))
      #expect(parser.parse(), "\(path) is not well-formed XML")
    }
  }

  @Test func honestDiDBoundsTheJoiningYearEffectOfTheUniversalBaseEventStudy() throws {
    let panel = try SchoolPanelGenerator(configuration: Self.configuration()).generate()
    var options = Self.options
    options.sensitivityMbar = TestPanels.defaultMbar
    let results = try StudyPipeline(options: options).run(panel.table, schema: panel.schema)
    for a in results.outcomes {
      let s = try #require(a.sensitivity, "\(a.outcome): no sensitivity analysis")
      let result = try #require(s.result, "\(a.outcome): \(s.unavailable ?? "no result")")
      let study = try #require(s.eventStudy)
      // Universal base period: every lead against e = -1, the reference left out.
      #expect(study.referenceEventTime == -1)
      #expect(result.prePeriods == [-5, -4, -3, -2] && result.postPeriods == [0, 1, 2, 3])
      // The post-treatment estimates are those of the varying-base-period fit.
      let cs = try #require(a.callawaySantAnna)
      for (e, estimate) in zip(study.eventTimes, study.estimates) where e >= 0 {
        let row = try #require(cs.eventTime(e))
        #expect(abs(estimate - row.estimate) < 1e-10, "\(a.outcome) e = \(e)")
      }
      #expect(result.target == .eventTime(0))
      #expect(abs(result.estimate - (cs.eventTime(0)?.estimate ?? .nan)) < 1e-10)
      #expect(result.robust.map(\.value) == [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2])
      #expect(result.robust.allSatisfy { !$0.atGridEnd })
      // Each robust interval holds the estimate; from M̄ = 0.5 on they widen with M̄.
      for row in result.robust { #expect(row.interval.lower < result.estimate && result.estimate < row.interval.upper) }
      for (x, y) in zip(result.robust.dropFirst(2), result.robust.dropFirst(3)) {
        #expect(y.interval.upper - y.interval.lower > x.interval.upper - x.interval.lower, "\(a.outcome) M̄ = \(y.value)")
      }
      // The effects, 5 or more standard errors from zero, are significant at M̄ = 0 at least.
      #expect(result.breakdown != nil, "\(a.outcome): no breakdown value")
      #expect((s.largestPreTreatmentChange ?? .nan) > 0)
    }
  }

  @Test func honestDiDIsSkippedWithoutMbarValuesAndExplainedWhenItCannotRun() throws {
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small()).generate()
    var options = TestPanels.fastOptions
    #expect(options.sensitivityMbar.isEmpty)
    let skipped = try StudyPipeline(options: options).run(panel.table, schema: panel.schema)
    #expect(skipped.outcomes.allSatisfy { $0.sensitivity == nil })
    #expect(!MarkdownReport(results: skipped, truth: panel.truth).document().contains("HonestDiD"))
    options.sensitivityMbar = [-1]
    let refused = try StudyPipeline(options: options).run(panel.table, schema: panel.schema)
    let math = try #require(refused["math"]?.sensitivity)
    #expect(math.result == nil && math.eventStudy != nil)
    let reason = try #require(math.unavailable)
    let text = MarkdownReport(results: refused, truth: panel.truth).document()
    #expect(text.contains("Math: not computed (\(reason))."))
  }

  @Test func defaultScenarioHasOneCohortAndAllBaconWeightOnTheCleanComparison() throws {
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small()).generate()
    let results = try StudyPipeline(options: TestPanels.fastOptions).run(panel.table, schema: panel.schema)
    let math = try #require(results["math"])
    let bacon = try #require(math.bacon?.result)
    #expect(bacon.totals.map(\.type) == [.treatedVsNeverTreated])
    #expect(abs((bacon.totals.first?.weight ?? 0) - 1) < 1e-12)
    let truth = try #require(panel.truth[.math])
    #expect(!truth.growsWithExposure)
    let cs = try #require(math.callawaySantAnna)
    #expect(abs(cs.simple.estimate - truth.total) < 3 * cs.simple.standardError)
    let dr = try #require(math.doublyRobust)
    #expect(abs(dr.estimate.row.estimate - truth.total) < 3 * dr.estimate.row.standardError)
    #expect(dr.treatedSchools == 24 && dr.comparisonSchools == 36 && dr.droppedRows == 0)
  }
}

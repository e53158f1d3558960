import CausalKit
import Foundation
import ShanghaiStudy
import Testing

/// The pipeline recovers the simulation's true effects.
@Suite struct StudyPipelineTests {
  /// The default seed and three others.
  static let seeds: [UInt64] = [SchoolPanelConfiguration().seed, 1, 2, 3]

  /// The fast options without the heterogeneity-robust estimators: these tests check the DiD
  /// and the event study (the staggered estimators have their own suite).
  static var withoutStaggered: StudyPipeline.Options {
    var o = TestPanels.fastOptions
    o.staggeredEstimators = false
    return o
  }

  /// On the small panel of seed 1 the prior-achievement covariate all but separates the treated
  /// students in every group-time cell (the largest unweighted propensity score is 0.9991 to
  /// 0.9996), so R did 2.5.1's overlap check leaves every Callaway-Sant'Anna cell NA; the study
  /// stops at that step and says why instead of reporting an aggregate of nothing.
  @Test func callawaySantAnnaWithoutOverlapStopsWithTheReason() throws {
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small(seed: 1)).generate()
    do {
      _ = try StudyPipeline(options: TestPanels.fastOptions).run(panel.table, schema: panel.schema)
      Issue.record("the study ran although no Callaway-Sant'Anna cell passes the overlap check")
    } catch {
      guard case .estimationFailed(let step, _, let message) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(step == "Callaway-Sant'Anna", "\(error)")
      #expect(message.contains("overlap condition violated"), "\(message)")
    }
  }

  @Test(arguments: seeds)
  func differenceInDifferencesRecoversTheTrueEffectWithinThreeStandardErrors(seed: UInt64) throws {
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small(seed: seed)).generate()
    let results = try StudyPipeline(options: Self.withoutStaggered).run(panel.table, schema: panel.schema)
    for subject in Subject.allCases {
      let a = try #require(results[subject.rawValue])
      let truth = try #require(panel.truth[subject]).total
      let did = a.difference.row
      #expect(abs(did.estimate - truth) < 3 * did.standardError, "\(subject) seed \(seed): DiD \(did.estimate) ± \(did.standardError), truth \(truth)")
      #expect(a.difference.clusters == 60)
      let matched = try #require(a.matchedDifference).row
      #expect(abs(matched.estimate - truth) < 3 * matched.standardError, "\(subject) seed \(seed): PSM-DiD \(matched.estimate) ± \(matched.standardError)")
      // The naive post-period comparison is biased down: SSP schools are weaker.
      #expect(a.naive.row.estimate < truth - 0.2, "\(subject) seed \(seed): naive \(a.naive.row.estimate)")
    }
  }

  @Test(arguments: seeds)
  func eventStudyLeadsAreConsistentWithZero(seed: UInt64) throws {
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small(seed: seed)).generate()
    let results = try StudyPipeline(options: Self.withoutStaggered).run(panel.table, schema: panel.schema)
    for a in results.outcomes {
      let study = a.eventStudy
      #expect(study.leads.map(\.relativeTime) == [-3, -2])
      #expect(study.estimates.contains { $0.isReference && $0.relativeTime == -1 })
      for lead in study.leads { #expect(abs(lead.row.statistic) < 3.5, "\(a.outcome) lead \(lead.relativeTime): t \(lead.row.statistic)") }
      let test = try #require(study.preTrendTest)
      #expect(test.pValue > 0.001, "\(a.outcome): pre-trend p \(test.pValue)")
      #expect(test.leads == 2)
      let truth = try #require(panel.truth.truth(forOutcome: a.outcome)).total
      for lag in study.lags { #expect(abs(lag.row.estimate - truth) < 4 * lag.row.standardError) }
    }
  }

  @Test func matchingImprovesBalanceOnPriorAchievement() throws {
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small()).generate()
    let results = try StudyPipeline(options: TestPanels.fastOptions).run(panel.table, schema: panel.schema)
    let matching = try #require(results.matching)
    let row = try #require(matching.balance[PanelColumns.priorAchievement])
    let before = try #require(row.before.standardizedMeanDifference)
    let after = try #require(row.after?.standardizedMeanDifference)
    #expect(before < -0.5)
    #expect(abs(after) < abs(before) / 2)
    #expect(matching.counts.treated.matched > 0)
    #expect(matching.counts.treated.matched == matching.counts.control.matched)
  }

  @Test func mediatorShiftsMatchTheTruth() throws {
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small()).generate()
    let results = try StudyPipeline(options: TestPanels.fastOptions).run(panel.table, schema: panel.schema)
    #expect(results.mediatorShifts.map(\.outcome) == PanelColumns.mediators)
    for shift in results.mediatorShifts {
      let mediator = try #require(SimulationTruth.Mediator(rawValue: shift.outcome))
      let truth = try #require(panel.truth.mediatorShifts[mediator])
      #expect(abs(shift.row.estimate - truth) < 3.5 * shift.row.standardError, "\(shift.outcome): \(shift.row.estimate) vs \(truth)")
    }
  }

  @Test func wildBootstrapIntervalCoversTheTruthAndRejectsZero() throws {
    var options = TestPanels.fastOptions
    options.bootstrapReplicates = 399
    options.matching = false
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small()).generate()
    var schema = panel.schema
    schema.outcomes = ["math"]
    let results = try StudyPipeline(options: options).run(panel.table, schema: schema)
    let boot = try #require(results["math"]?.bootstrap)
    let interval = try #require(boot.interval)
    #expect(interval.contains(0.67))
    #expect(boot.pValue < 0.01)
    #expect(boot.replicates == 399)
    #expect(abs(boot.estimate - (results["math"]?.difference.row.estimate ?? .nan)) < 1e-10)
  }

  @Test func userPanelWithFirstProjectYearGivesTheSameDiD() throws {
    // The generated panel mapped through a schema without a post column: post comes from the
    // first project year, and renamed columns flow through.
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small()).generate()
    let schema = PanelSchema(
      unit: PanelColumns.school, time: PanelColumns.year, treated: PanelColumns.ssp, firstTreatedPeriod: 2018,
      outcomes: ["math"], covariates: [], mediators: [])
    let results = try StudyPipeline(options: TestPanels.fastOptions).run(panel.table, schema: schema)
    let reference = try StudyPipeline(options: TestPanels.fastOptions).run(panel.table, schema: panel.schema)
    let a = try #require(results["math"]?.difference.row.estimate)
    let b = try #require(reference["math"]?.difference.row.estimate)
    #expect(abs(a - b) < 1e-12)
    #expect(results.matching == nil)
    #expect(results["math"]?.matchedDifference == nil)
  }

  @Test func panelErrorsNameTheColumn() throws {
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small()).generate()
    var schema = panel.schema
    schema.outcomes = ["maths"]
    #expect(throws: StudyError.self) { try StudyPipeline(options: TestPanels.fastOptions).run(panel.table, schema: schema) }
    schema = panel.schema
    schema.treated = PanelColumns.treatPost  // varies within school
    do {
      _ = try StudyPipeline(options: TestPanels.fastOptions).run(panel.table, schema: schema)
      Issue.record("expected an error")
    } catch {
      guard case .invalidPanel(let column, _) = error else { Issue.record("wrong error \(error)"); return }
      #expect(column == PanelColumns.treatPost)
    }
  }
}

/// The pipeline's bootstrap model (period dummies, school effects only) is the TWFE DiD.
@Suite struct BootstrapEquivalenceTests {
  @Test func periodDummiesGiveTheSameBootstrapAsAbsorbedYearEffects() throws {
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small()).generate()
    let prepared = try AnalysisPanel(panel.table, schema: panel.schema)
    let dummies = try FixedEffectsModel(
      formula: "math ~ treat_post + " + prepared.periodDummies.joined(separator: " + ") + " | school",
      vcov: .cluster(["school"]))
    let absorbed = try FixedEffectsModel(formula: "math ~ treat_post | school + year", vcov: .cluster(["school"]))
    let a = try WildClusterBootstrap(
      model: dummies, cluster: PanelColumns.school, hypothesis: .term(AnalysisPanel.treatPostColumn), replicates: 199,
      seed: 5, confidenceLevel: 0.95).fit(prepared.table)
    let b = try WildClusterBootstrap(
      model: absorbed, cluster: PanelColumns.school, hypothesis: .term(AnalysisPanel.treatPostColumn), replicates: 199,
      seed: 5, confidenceLevel: 0.95).fit(prepared.table)
    #expect(abs(a.estimate - b.estimate) < 1e-10)
    #expect(abs(a.statistic - b.statistic) < 1e-8)
    #expect(a.pValue == b.pValue)
    let ia = try #require(a.confidenceInterval)
    let ib = try #require(b.confidenceInterval)
    #expect(abs(ia.lower - ib.lower) < 1e-6)
    #expect(abs(ia.upper - ib.upper) < 1e-6)
    for (x, y) in zip(a.bootstrapStatistics, b.bootstrapStatistics) { #expect(abs(x - y) < 1e-6 * max(1, abs(y))) }
  }
}

import CausalKit
import Foundation
import ShanghaiStudy
import Testing

/// The DiD mediation stage recovers the simulation's indirect effects, finds a small
/// teaching-style channel, and reports the proportion mediated and the sensitivity `ρ`.
@Suite struct MediationStageTests {
  /// The small panel of the default seed analysed with few cluster-bootstrap replicates (the
  /// default run uses more; see `DifferenceInDifferencesMediationStage`).
  static func run(replicates: Int) throws -> (StudyResults, SimulatedPanel) {
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small()).generate()
    var options = TestPanels.fastOptions
    options.matching = false
    options.mediation = DifferenceInDifferencesMediationStage(replicates: replicates, seed: 7, sensitivityReplicates: 2)
    return (try StudyPipeline(options: options).run(panel.table, schema: panel.schema), panel)
  }

  @Test func indirectEffectsRecoverTheTruthWithinThreeStandardErrors() throws {
    let (results, panel) = try Self.run(replicates: 49)
    for subject in Subject.allCases {
      let a = try #require(results[subject.rawValue])
      let truth = try #require(panel.truth[subject])
      #expect(a.mediation.map(\.mediator) == PanelColumns.mediators)
      for e in a.mediation {
        let mediator = try #require(SimulationTruth.Mediator(rawValue: e.mediator))
        let t = try #require(truth.indirect[mediator])
        #expect(
          abs(e.indirect.estimate - t) < 3 * e.indirect.standardError,
          "\(subject) \(e.mediator): \(e.indirect.estimate) ± \(e.indirect.standardError), truth \(t)")
        #expect(e.indirect.confLow <= e.indirect.estimate && e.indirect.estimate <= e.indirect.confHigh)
      }
    }
  }

  @Test func teachingStyleChannelIsSmall() throws {
    // Teaching style's true indirect effect is slope × 0.25 (mostly passed on from leadership),
    // about 0.02 SD: its interval must cover that and stay far below the peer channel's.
    let (results, panel) = try Self.run(replicates: 49)
    for a in results.outcomes {
      let truth = try #require(panel.truth.truth(forOutcome: a.outcome)?.indirect[.teaching])
      #expect(truth > 0 && truth < 0.03)
      let teaching = try #require(a.mediation.first { $0.mediator == PanelColumns.teaching })
      #expect(teaching.indirect.confLow <= truth && truth <= teaching.indirect.confHigh, "\(a.outcome): \(teaching.indirect)")
      #expect(teaching.indirect.confHigh < 0.06, "\(a.outcome): \(teaching.indirect)")
      let peer = try #require(a.mediation.first { $0.mediator == PanelColumns.peer })
      #expect(peer.indirect.confLow > 0, "\(a.outcome): the peer channel should be clearly positive")
    }
  }

  @Test func proportionsAndSensitivityAreReportedForTheMainChannels() throws {
    let (results, panel) = try Self.run(replicates: 49)
    for a in results.outcomes {
      let truth = try #require(panel.truth.truth(forOutcome: a.outcome))
      for e in a.mediation {
        let proportion = try #require(e.proportion)
        let mediator = try #require(SimulationTruth.Mediator(rawValue: e.mediator))
        let trueProportion = (truth.indirect[mediator] ?? 0) / truth.total
        #expect(
          abs(proportion.estimate - trueProportion) < 3 * proportion.standardError,
          "\(a.outcome) \(e.mediator): \(proportion.estimate) ± \(proportion.standardError), truth \(trueProportion)")
        if e.mediator == PanelColumns.teaching {
          #expect(e.rhoAtZero == nil)
        } else {
          let rho = try #require(e.rhoAtZero)
          #expect(rho > 0 && rho < 1, "\(a.outcome) \(e.mediator): rho \(rho)")
        }
      }
    }
    let text = MarkdownReport(results: results, truth: panel.truth).mediationTable()
    #expect(text.contains("| Math | Peer relationships |"))
    #expect(text.contains("ρ at which indirect = 0"))
  }

  @Test func sharedBootstrapEqualsTheMediationModulesClusterBootstrap() throws {
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small()).generate()
    let prepared = try AnalysisPanel(panel.table, schema: panel.schema)
    let stage = DifferenceInDifferencesMediationStage(replicates: 19, seed: 11, sensitivityMediators: [])
    let shared = try stage.estimate(panel: prepared, outcomes: ["math", "english"], mediators: PanelColumns.mediators)
    let analysis = try MediationAnalysis(
      treatment: AnalysisPanel.treatPostColumn, mediators: PanelColumns.mediators, outcome: "english",
      fixedEffects: ["school", "year"], vcov: .cluster(["school"]), method: .bootstrap(replicates: 19, cluster: "school"),
      seed: 11)
    let reference = try analysis.fit(prepared.table)
    for (j, e) in shared[1].enumerated() {
      let r = reference.mediatorEffects[j]
      #expect(abs(e.indirect.estimate - r.acmeAverage.estimate) < 1e-10)
      #expect(abs(e.indirect.confLow - r.acmeAverage.confLow) < 1e-10, "\(e.mediator)")
      #expect(abs(e.indirect.confHigh - r.acmeAverage.confHigh) < 1e-10, "\(e.mediator)")
      #expect(abs(e.indirect.standardError - r.acmeAverage.standardError) < 1e-10, "\(e.mediator)")
    }
  }
}

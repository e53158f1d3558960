import CausalKit
import Foundation
import ShanghaiStudy
import Testing

/// The mediators' causal chain: the true path-specific and interventional effects are the
/// products of the generator's coefficients, and `CausalChainStage` recovers them and renders
/// its tables and figure.
@Suite struct CausalChainStageTests {
  /// The small panel of the default seed with the chain stage only (few replicates).
  static func run() throws -> (StudyResults, SimulatedPanel) {
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small()).generate()
    var options = TestPanels.fastOptions
    options.matching = false
    options.staggeredEstimators = false
    options.mediation = DifferenceInDifferencesMediationStage(replicates: 0, sensitivityMediators: [])
    options.chain = CausalChainStage(replicates: 49, seed: 7)
    return (try StudyPipeline(options: options).run(panel.table, schema: panel.schema), panel)
  }

  @Test func truthsAreProductsOfTheGeneratorsCoefficients() throws {
    // Closed form from the defaults: s_L = 1, s_T = 0.05, s_P = 0.5, γ_TL = 0.2, γ_PL = 0.25,
    // γ_PT = 0.2; math slopes θ_L = 0.15, θ_T = 0.10, θ_P = 0.25 (raw units, / scale).
    let truth = try SchoolPanelGenerator(configuration: TestPanels.small()).generate().truth
    let t = try #require(truth[.math])
    let chain = try #require(t.chain)
    let k = 1 / t.scale
    let expected: [([SimulationTruth.Mediator], Double)] = [
      ([.leadership], 1.0 * 0.15), ([.teaching], 0.05 * 0.10), ([.peer], 0.5 * 0.25),
      ([.leadership, .teaching], 1.0 * 0.2 * 0.10), ([.leadership, .peer], 1.0 * 0.25 * 0.25),
      ([.teaching, .peer], 0.05 * 0.2 * 0.25), ([.leadership, .teaching, .peer], 1.0 * 0.2 * 0.2 * 0.25),
    ]
    #expect(chain.paths.map(\.mediators) == expected.map(\.0))
    for (path, raw) in expected { #expect(abs((chain.path(path) ?? .nan) - raw * k) < 1e-12, "\(path)") }
    // Interventional: θ_M × total shift (1.00, 0.25, 0.80); they add up to the joint effect.
    #expect(abs((chain.interventional[.leadership] ?? .nan) - 0.15 * k) < 1e-12)
    #expect(abs((chain.interventional[.teaching] ?? .nan) - 0.10 * 0.25 * k) < 1e-12)
    #expect(abs((chain.interventional[.peer] ?? .nan) - 0.25 * 0.80 * k) < 1e-12)
    #expect(chain.mediatorDependence == 0)
    #expect(abs(chain.jointIndirect - chain.interventional.values.reduce(0, +)) < 1e-15)
    #expect(abs(chain.jointIndirect - expected.map(\.1).reduce(0, +) * k) < 1e-12)
    #expect(abs(chain.direct + chain.jointIndirect - 0.67) < 1e-12)
    #expect(abs(chain.direct - t.direct) < 1e-12)
    // Initiated at leadership: s_L (θ_L + γ_TL θ_T + γ_PL θ_P + γ_TL γ_PT θ_P).
    #expect(abs((chain.initiated[.leadership] ?? .nan) - (0.15 + 0.2 * 0.10 + 0.25 * 0.25 + 0.2 * 0.2 * 0.25) * k) < 1e-12)
    #expect(abs(chain.initiated.values.reduce(0, +) - chain.jointIndirect) < 1e-12)
    // The independent analysis' truth (a × b) is the interventional effect.
    for m in SimulationTruth.Mediator.allCases { #expect(abs((t.indirect[m] ?? .nan) - (chain.interventional[m] ?? 0)) < 1e-12) }
  }

  @Test func estimatesRecoverTheTruthWithinThreeStandardErrors() throws {
    let (results, panel) = try Self.run()
    let chain = try #require(results.chain)
    #expect(chain.outcomes.map(\.outcome) == Subject.allCases.map(\.rawValue))
    let comparison = CausalChainComparison(chain: chain, truth: panel.truth)
    #expect(comparison.entries.count == 4 * (8 + 3 + 1 + 2 + 3))
    for e in comparison.entries {
      let truth = try #require(e.truth, "\(e.outcome) \(e.label)")
      if e.kind == .dependence {
        // Zero in linear models without interactions: the estimate too, up to rounding.
        #expect(abs(e.row.estimate) < 1e-8 && truth == 0, "\(e.outcome): \(e.row.estimate)")
        continue
      }
      #expect(abs(e.row.estimate - truth) < 3 * e.row.standardError, "\(e.outcome) \(e.label): \(e.row.estimate) ± \(e.row.standardError), truth \(truth)")
      #expect(e.row.confLow <= e.row.estimate && e.row.estimate <= e.row.confHigh, "\(e.outcome) \(e.label)")
    }
  }

  @Test func initiatedEffectsEqualTheSumsOfThePathsStartingThere() throws {
    // An identity of least squares on one sample: the truncated chain's single path equals the
    // full chain's paths starting at the mediator; and the paths ending at a mediator are its
    // interventional effect (delta method).
    let (results, _) = try Self.run()
    for o in try #require(results.chain).outcomes {
      for m in o.mediators {
        let starting = o.paths.filter { $0.mediators.first == m.mediator }.reduce(0) { $0 + $1.row.estimate }
        let ending = o.paths.filter { $0.mediators.last == m.mediator }.reduce(0) { $0 + $1.row.estimate }
        #expect(abs(m.initiated.estimate - starting) < 1e-8, "\(o.outcome) \(m.mediator)")
        #expect(abs(m.interventionalDelta.estimate - ending) < 1e-10, "\(o.outcome) \(m.mediator)")
      }
      let joint = o.paths.filter { !$0.mediators.isEmpty }.reduce(0) { $0 + $1.row.estimate }
      #expect(abs(o.jointIndirect.estimate - joint) < 1e-10)
    }
  }

  @Test func tablesFigureAndConsoleRender() throws {
    let (results, panel) = try Self.run()
    let report = MarkdownReport(results: results, truth: panel.truth, configuration: TestPanels.small())
    let section = try #require(report.causalChainSection())
    #expect(section.contains("### Path-specific effects"))
    #expect(section.contains("| Math | SSP → L → P → score |"))
    #expect(section.contains("### What the independent-mediator analysis gets wrong"))
    #expect(section.contains("| Subject | Mediator | Independent a × b [95% CI] |"))
    #expect(section.contains("95% intervals of the chain analysis cover their true values"))
    #expect(report.document().contains("## Mediators in causal order"))
    let latex = try StudyTables(results: results).latexDocument(truth: panel.truth)
    #expect(latex.contains("Path-specific effects along leadership (L) $\\to$ teaching style (T)"))
    #expect(latex.contains("SSP $\\to$ L $\\to$ T $\\to$ P $\\to$ score"))
    let figure = try #require(StudyFigures(results: results, truth: panel.truth).causalChain())
    #expect(figure.fileName == "causal-chain.svg")
    #expect(try figure.chart.svg().contains("<svg"))
    let console = ConsoleSummary(results: results, truth: panel.truth).text()
    #expect(console.contains("causal chain L → T → P"))
    #expect(console.contains("causal-chain 95% intervals covering the truth"))
  }
}

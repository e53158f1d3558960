import CausalCore
import Foundation
import TestSupport
import Resampling
import Testing

@testable import Mediation

@Suite("Interventional mediation: the cluster bootstrap of linear models from per-cluster cross products")
struct ClusterCrossProductsTests {
  @Test(
    "every replicate equals the re-fit on the materialised resample (1e-9), with leadership at the school level too",
    arguments: [(false, "school"), (true, "school"), (true, "district")])
  func equalsRefit(schoolLevel: Bool, resampled: String) throws {
    let data = try SequentialMediationTests.data()
    let analysis = try InterventionalMediation(
      treatment: "strong", mediators: ["lead", "teach", "peer"], outcomes: ["score"], covariates: ["prior", "female"],
      interaction: true, clusterLevelMediators: schoolLevel ? ["lead"] : [], mediatorCluster: schoolLevel ? "school" : nil,
      weights: "w", method: .bootstrap(replicates: 40, cluster: resampled))
    let fits = try analysis.fits(data, vcov: .iid)
    let engine = InterventionalGComputation(fits: fits, draws: 1)
    let names = InterventionalMediationResult.terms(mediators: analysis.mediators, outcomes: analysis.outcomes)
    let boot = StatisticBootstrap(replicates: 40, cluster: resampled, interval: .percentile, seed: 3, level: 0.95)
    let statistic: @Sendable (DataTable, UInt64) throws -> [Double] = { table, _ in
      var rng = SeededGenerator(seed: 0)
      return InterventionalGComputation(fits: try analysis.fits(table, vcov: .iid), draws: 1).estimates(generator: &rng)
    }
    let refit = try boot.run(sample: fits[0].completeCases, names: names, statistic: statistic)
    let quick = try boot.run(
      sample: fits[0].completeCases, names: names, statistic: statistic, byCounts: InterventionalMediation.crossProducts(engine))
    let make = InterventionalMediation.crossProducts(engine)
    let groups = try #require(try? ResamplingPlanProbe.groups(fits[0].completeCases, resampled))
    let shortcut = try #require(make(groups.rows, groups.count))
    #expect(shortcut(Array(repeating: 1, count: groups.count)) != nil)
    #expect(refit.draws.count == 40 && quick.draws.count == 40)
    for (a, b) in zip(refit.draws.joined(), quick.draws.joined()) {
      #expect(abs(a - b) <= 1e-9 * max(1, abs(a)), "\(a) vs \(b)")
    }
    for (a, b) in zip(refit.rows, quick.rows) { #expect(abs(a.standardError - b.standardError) < 1e-9) }
  }

  @Test("the shortcut is not built for binary models")
  func binaryModelsRefit() throws {
    let data = try NonlinearSystem().sample(n: 400, seed: 1)
    let analysis = try InterventionalMediation(
      treatment: "t", mediators: ["m1", "m2"], outcomes: ["y"], mediatorFamilies: ["m1": .logit])
    let fits = try analysis.fits(data, vcov: .iid)
    let engine = InterventionalGComputation(fits: fits, draws: 2)
    #expect(ClusterCrossProducts(engine: engine, clusterOfRow: Array(repeating: 0, count: 400), clusterCount: 1) == nil)
  }
}

/// The cluster of each row in the resampling plan's numbering.
enum ResamplingPlanProbe {
  static func groups(_ table: DataTable, _ column: String) throws -> (rows: [Int], count: Int) {
    let plan = try ResamplingPlan(scheme: .cluster(column: column), data: table)
    guard let groups = plan.groups else { throw BootstrapError.tooFewObservations(needed: 1, found: 0) }
    return (groups.groupOfRow, groups.members.count)
  }
}

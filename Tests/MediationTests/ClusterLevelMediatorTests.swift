import CausalCore
import FixedEffects
import Foundation
import Mediation
import TestSupport
import Testing

@Suite("Interventional mediation: a cluster-level mediator (2-1-1 design)")
struct ClusterLevelMediatorTests {
  static func analysis(
    _ mediators: [String] = ["lead", "teach", "peer"], clusterLevel: [String] = ["lead"],
    method: MediationMethod = .bootstrap(replicates: 30, cluster: "school"), weights: String? = nil
  ) throws -> InterventionalMediation {
    try InterventionalMediation(
      treatment: "strong", mediators: mediators, outcomes: ["score"], covariates: ["prior"],
      clusterLevelMediators: clusterLevel, mediatorCluster: "school", weights: weights, method: method)
  }

  @Test("the leadership model is the regression on one row per school (school means of the covariates)")
  func schoolLevelModel() throws {
    let data = try SequentialMediationTests.data()
    let result = try Self.analysis().fit(data)
    // One row per school: leadership, treatment and the mean prior score, fitted by OLS here.
    let school = try data.column(named: "school").doubles(), lead = try data.column(named: "lead").doubles()
    let strong = try data.column(named: "strong").doubles(), prior = try data.column(named: "prior").doubles()
    var rows: [Double: (lead: Double, strong: Double, prior: [Double])] = [:]
    for i in school.indices { rows[school[i], default: (lead[i], strong[i], [])].prior.append(prior[i]) }
    let keys = rows.keys.sorted()
    let table = try DataTable(columns: [
      Column(name: "lead", doubles: keys.map { rows[$0]?.lead ?? .nan }),
      Column(name: "strong", doubles: keys.map { rows[$0]?.strong ?? .nan }),
      Column(name: "prior", doubles: keys.map { k in rows[k].map { $0.prior.reduce(0, +) / Double($0.prior.count) } ?? .nan }),
    ])
    let school40 = try FixedEffectsModel(formula: "lead ~ strong + prior").fit(table)
    let model = result.models[0]
    #expect(model.name.contains("one row per school"))
    for term in ["(Intercept)", "strong", "prior"] {
      let mine = try #require(model.coefficients.first { $0.term == term }).estimate
      let theirs = try #require(school40.coefficient(term)).estimate
      #expect(abs(mine - theirs) < 1e-10, "\(term)")
    }
    // Linear models: the leadership effect is θ_lead × α_lead (school-level slope).
    let theta = try #require(result.models[3].coefficients.first { $0.term == "lead" }).estimate
    let alpha = try #require(school40.coefficient("strong")).estimate
    let effects = try #require(result.outcomes.first)
    #expect(abs(effects.interventionalIndirect[0].row.estimate - theta * alpha) < 1e-10)
    #expect(abs(effects.mediatorDependence.estimate) < 1e-12)
  }

  @Test("a school-level mediator that varies within a school is a typed error naming the school")
  func variesWithinSchool() throws {
    let data = try SequentialMediationTests.data()
    do {
      _ = try Self.analysis(["teach", "peer"], clusterLevel: ["teach"]).fit(data)
      Issue.record("accepted")
    } catch let error as MediationError {
      guard case .variesWithinCluster(let variable, let cluster, _, let values) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(variable == "teach" && cluster == "school" && values.count == 2)
      #expect(error.description.contains("constant within each school"))
    }
  }

  @Test("bad specifications: not first in the order, no cluster column, the pairs bootstrap")
  func badSpecifications() throws {
    #expect(throws: MediationError.self) { try Self.analysis(["teach", "lead", "peer"]) }
    #expect(throws: MediationError.self) { try Self.analysis(method: .bootstrap(replicates: 10)) }
    #expect(throws: MediationError.self) {
      try InterventionalMediation(
        treatment: "strong", mediators: ["lead"], outcomes: ["score"], clusterLevelMediators: ["lead"])
    }
    #expect(throws: MediationError.self) { try Self.analysis(clusterLevel: ["nope"]) }
  }

  @Test("a logit outcome: one draw of leadership per school and draw, reproducible")
  func nonlinearSharedDraws() throws {
    var data = try SequentialMediationTests.data()
    let score = try data.column(named: "score").doubles()
    try data.append(Column(name: "pass", doubles: score.map { $0 > 0.5 ? 1 : 0 }))
    func run() throws -> InterventionalMediationResult {
      try InterventionalMediation(
        treatment: "strong", mediators: ["lead", "peer"], outcomes: ["pass"], covariates: ["prior"],
        outcomeFamily: .logit, clusterLevelMediators: ["lead"], mediatorCluster: "school",
        method: .bootstrap(replicates: 20, cluster: "school"), draws: 3, seed: 2
      ).fit(data)
    }
    let first = try run()
    #expect(first == (try run()))
    let effects = try #require(first.outcomes.first)
    #expect(effects.rows.allSatisfy { $0.estimate.isFinite && $0.standardError.isFinite })
    #expect(abs(effects.total.estimate - (effects.interventionalDirect.estimate + effects.jointIndirect.estimate)) < 1e-12)
  }
}

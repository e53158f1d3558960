import Bootstrap
import CausalCore
import FixedEffects
import Testing

/// Checks the fast replicate statistics against refitting the model on bootstrap data, with
/// two fixed effects (one crossing the clusters, one nested in them: the dense route of
/// `WildClusterInteraction`) and with the nested one alone (its low-rank route).
@Suite("Wild bootstrap replicates equal refits")
struct WildRefitTests {
  @Test("enumerated replicates equal definitional refits with two-way fixed effects", arguments: [true, false])
  func refits(imposeNull: Bool) throws {
    try checkRefits(imposeNull: imposeNull, fixedEffects: "period + cl")
  }

  @Test("enumerated replicates equal definitional refits with cluster-nested fixed effects only", arguments: [true, false])
  func nestedRefits(imposeNull: Bool) throws {
    try checkRefits(imposeNull: imposeNull, fixedEffects: "cl")
  }

  func checkRefits(imposeNull: Bool, fixedEffects: String) throws {
    let data = try WildFixtures.table("small")
    let model = try FixedEffectsModel(formula: "y ~ x + treat | \(fixedEffects)", vcov: .cluster(["cl"]))
    let result = try WildClusterBootstrap(model: model, cluster: "cl", hypothesis: .term("treat"), imposeNull: imposeNull)
      .fit(data)
    #expect(result.enumerated)
    let full = try model.fit(data)
    let dgp = imposeNull ? try FixedEffectsModel(formula: "y ~ x | \(fixedEffects)", vcov: .cluster(["cl"])).fit(data) : full
    #expect(dgp.observationRows == Array(0..<data.rowCount))
    let center = imposeNull ? 0 : try #require(full.coefficient("treat")).estimate
    let fitted = dgp.fittedValues
    let residuals = dgp.residuals
    let cl = try data.column(named: "cl").doubles().map { Int($0) }
    // Cluster h is the h-th cluster value in order of first appearance (here the value h).
    for index in [0, 1, 2, 5, 77, 300, 511, 1000, 1023] {
      var ystar = [Double](repeating: 0, count: data.rowCount)
      for i in 0..<data.rowCount {
        let sign: Double = (index >> cl[i]) & 1 == 1 ? 1 : -1
        ystar[i] = fitted[i] + sign * residuals[i]
      }
      var table = data
      try table.append(Column(name: "ystar", doubles: ystar))
      let refit = try FixedEffectsModel(formula: "ystar ~ x + treat | \(fixedEffects)", vcov: .cluster(["cl"])).fit(table)
      let row = try #require(refit.coefficient("treat"))
      let t = (row.estimate - center) / row.standardError
      let fast = result.bootstrapStatistics[index]
      #expect(abs(fast - t) <= 1e-8 * max(1, abs(t)), "replicate \(index): fast \(fast) vs refit \(t)")
    }
  }
}

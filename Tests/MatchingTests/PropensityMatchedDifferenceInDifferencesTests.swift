import CausalCore
import Foundation
import FixedEffects
import Matching
import Testing

/// PSM-DiD on a simulated panel where treated units are selected on a characteristic that
/// also shapes the outcome's trend: the naive two-way fixed-effects DiD is biased, matching on
/// the characteristic removes the bias.
@Suite("PSM-DiD")
struct PropensityMatchedDifferenceInDifferencesTests {
  /// 600 units × 6 periods; treatment starts in period 4 for the treated group; the true
  /// effect is 1. Units with high `x` are more likely to be treated and have a steeper trend.
  static func panel(seed: UInt64) throws -> DataTable {
    var rng = SeededGenerator(seed: seed)
    var unit = [Int](), period = [Int](), x = [Double](), group = [Int](), post = [Int](), y = [Double]()
    for u in 0..<600 {
      let xu = rng.nextNormal()
      let treated = rng.nextUniform() < 1 / (1 + exp(-(1.5 * xu - 1)))
      let alpha = rng.nextNormal()
      for t in 1...6 {
        let isPost = t >= 4
        unit.append(u)
        period.append(t)
        x.append(xu)
        group.append(treated ? 1 : 0)
        post.append(isPost ? 1 : 0)
        y.append(alpha + 0.3 * Double(t) + 0.5 * xu * Double(t) + (treated && isPost ? 1 : 0) + 0.5 * rng.nextNormal())
      }
    }
    return try DataTable(columns: [
      Column(name: "unit", ints: unit), Column(name: "period", ints: period), Column(name: "x", doubles: x),
      Column(name: "treated", ints: group), Column(name: "post", ints: post), Column(name: "y", doubles: y),
    ])
  }

  @Test("matching on the selection variable removes the trend bias", arguments: [UInt64(3), 17, 29])
  func removesBias(seed: UInt64) throws {
    let panel = try Self.panel(seed: seed)
    var withInteraction = panel
    let g = try panel.column(named: "treated").doubles(), p = try panel.column(named: "post").doubles()
    try withInteraction.append(Column(name: "tp", doubles: zip(g, p).map { $0 * $1 }))
    let naive = try DifferenceInDifferences(
      outcome: "y", design: .twoWayFixedEffects(treatment: "tp", unit: "unit", time: "period")
    ).fit(withInteraction)
    let design = try PropensityMatchedDifferenceInDifferences(
      outcome: "y", unit: "unit", time: "period", treated: "treated", post: "post", covariates: ["x"],
      matcher: NearestNeighborMatcher(replace: true))
    let result = try design.fit(panel)
    // Truth is 1: the matched estimate is within three standard errors, the naive one is not.
    #expect(abs(result.effect.estimate - 1) < 3 * result.effect.standardError)
    #expect(abs(naive.effect.estimate - 1) > 3 * naive.effect.standardError)
    #expect(result.matching.matched.counts.treated.matched == result.matching.matched.counts.treated.all)
    #expect(result.did.fit.clusterCounts["unit"] != nil)
  }

  @Test("a group flag that changes within a unit is rejected")
  func inconsistentGroup() throws {
    var panel = try Self.panel(seed: 1)
    var g = try panel.column(named: "treated").doubles()
    g[1] = 1 - g[1]
    try panel.set(Column(name: "treated", doubles: g))
    #expect(throws: DataError.self) {
      try PropensityMatchedDifferenceInDifferences(
        outcome: "y", unit: "unit", time: "period", treated: "treated", post: "post", covariates: ["x"]
      ).fit(panel)
    }
  }
}

import Bootstrap
import CausalCore
import FixedEffects
import Foundation
import Testing

/// Rough timing, run only when `WILD_TIMING=1` (for example
/// `WILD_TIMING=1 swift test -c release --filter WildTiming`).
@Suite("Wild bootstrap timing")
struct WildTimingTests {
  @Test("N = 100,000, G = 50, B = 9,999", .enabled(if: ProcessInfo.processInfo.environment["WILD_TIMING"] == "1"))
  func timing() throws {
    var generator = SeededGenerator(seed: 3)
    let n = 100_000
    var cl = [Int](), period = [Int](), x = [Double](), treat = [Double](), y = [Double]()
    for _ in 0..<n {
      let c = Int(generator.nextUniform() * 50)
      let p = Int(generator.nextUniform() * 20)
      let xi = generator.nextNormal()
      let ti: Double = c < 25 && p >= 10 ? 1 : 0
      cl.append(c)
      period.append(p)
      x.append(xi)
      treat.append(ti)
      y.append(0.5 * xi + 0.1 * ti + Double(p) * 0.05 + Double(c % 7) * 0.1 + generator.nextNormal())
    }
    let data = try DataTable(columns: [
      Column(name: "y", doubles: y), Column(name: "x", doubles: x), Column(name: "treat", doubles: treat),
      Column(name: "cl", ints: cl), Column(name: "period", ints: period),
    ])
    let model = try FixedEffectsModel(formula: "y ~ x + treat | period")
    let start = Date()
    let result = try WildClusterBootstrap(model: model, cluster: "cl", hypothesis: .term("treat"), seed: 1).fit(data)
    let elapsed = Date().timeIntervalSince(start)
    print("WILD_TIMING N=\(n) G=\(result.clusterCount) B=\(result.replicates) p=\(result.pValue) t=\(result.statistic) seconds=\(elapsed)")
    #expect(result.replicates == 9_999)
    let twoWay = try FixedEffectsModel(formula: "y ~ x + treat | period + cl")
    let start2 = Date()
    let withInterval = try WildClusterBootstrap(model: twoWay, 
      cluster: "cl", hypothesis: .term("treat"), seed: 1, confidenceLevel: 0.95
    ).fit(data)
    let elapsed2 = Date().timeIntervalSince(start2)
    print("WILD_TIMING two-way FE + 95% CI: p=\(withInterval.pValue) ci=\(String(describing: withInterval.confidenceInterval)) seconds=\(elapsed2)")
  }
}

import CausalCore
import Foundation

/// Simulated data sets with known mediation effects, generated with CausalKit's own seeded
/// generator (so the tests never run Python).
enum SimulatedData {
  /// One mediator with a treatment × mediator interaction:
  /// `M = 0.5 + T + 0.5x + e`, `Y = 1 + 0.5T + 0.8M + 0.4TM + 0.3x + u`, `T ~ Bernoulli(½)`,
  /// `x, e, u ~ N(0, 1)`. Truth: `ACME(0) = 0.8`, `ACME(1) = 1.2`, `ADE(t) = 0.5 + 0.4 E[M(t)]`
  /// so `ADE(0) = 0.7`, `ADE(1) = 1.1`, total 1.9.
  static func interaction(n: Int, seed: UInt64) throws -> DataTable {
    var rng = SeededGenerator(seed: seed)
    var t = [Double](), x = [Double](), m = [Double](), y = [Double]()
    for _ in 0..<n {
      let ti: Double = rng.nextUniform() < 0.5 ? 1 : 0
      let xi = rng.nextNormal()
      let mi = 0.5 + ti + 0.5 * xi + rng.nextNormal()
      t.append(ti)
      x.append(xi)
      m.append(mi)
      y.append(1 + 0.5 * ti + 0.8 * mi + 0.4 * ti * mi + 0.3 * xi + rng.nextNormal())
    }
    return try DataTable(columns: [
      Column(name: "t", doubles: t), Column(name: "x", doubles: x), Column(name: "m", doubles: m),
      Column(name: "y", doubles: y),
    ])
  }

  /// Two causally independent mediators: `M1 = 0.8T + 0.3x + e1`, `M2 = −0.5T + 0.2x + e2`,
  /// `Y = 0.3T + 0.6M1 + 0.9M2 + 0.2x + u`. Truth: `ACME₁ = 0.48`, `ACME₂ = −0.45`, joint
  /// `0.03`, `ADE = 0.3`. Also a binary outcome `yb = 1[−0.3 + 0.5T + 0.7M1 + 0.2x + L > 0]`
  /// with `L` standard logistic.
  static func twoMediators(n: Int, seed: UInt64) throws -> DataTable {
    var rng = SeededGenerator(seed: seed)
    var cols = [[Double]](repeating: [], count: 6)
    for _ in 0..<n {
      let ti: Double = rng.nextUniform() < 0.5 ? 1 : 0
      let xi = rng.nextNormal()
      let m1 = 0.8 * ti + 0.3 * xi + rng.nextNormal()
      let m2 = -0.5 * ti + 0.2 * xi + rng.nextNormal()
      let yi = 0.3 * ti + 0.6 * m1 + 0.9 * m2 + 0.2 * xi + rng.nextNormal()
      let u = rng.nextUniformOpen()
      let yb: Double = -0.3 + 0.5 * ti + 0.7 * m1 + 0.2 * xi + log(u / (1 - u)) > 0 ? 1 : 0
      for (k, v) in [ti, xi, m1, m2, yi, yb].enumerated() { cols[k].append(v) }
    }
    return try DataTable(columns: zip(["t", "x", "m1", "m2", "y", "yb"], cols).map { Column(name: $0, doubles: $1) })
  }

  /// The population ACME/ADE of the binary outcome `yb` of ``twoMediators(n:seed:)`` through
  /// `M1`, by Monte Carlo integration over `x` and `e1` (`draws` draws, common to all terms).
  static func binaryTruth(draws: Int) -> (acme0: Double, acme1: Double, ade0: Double, ade1: Double) {
    var rng = SeededGenerator(seed: 99)
    func p(_ eta: Double) -> Double { 1 / (1 + exp(-eta)) }
    var s = [0.0, 0.0, 0.0, 0.0]
    for _ in 0..<draws {
      let x = rng.nextNormal(), e = rng.nextNormal()
      let m0 = 0.3 * x + e, m1 = 0.8 + 0.3 * x + e
      func py(_ t: Double, _ m: Double) -> Double { p(-0.3 + 0.5 * t + 0.7 * m + 0.2 * x) }
      s[0] += py(0, m1) - py(0, m0)
      s[1] += py(1, m1) - py(1, m0)
      s[2] += py(1, m0) - py(0, m0)
      s[3] += py(1, m1) - py(0, m1)
    }
    let d = Double(draws)
    return (s[0] / d, s[1] / d, s[2] / d, s[3] / d)
  }

  /// A school × year panel with a staggered-free DiD: `G` schools, half treated, years
  /// 0…5, post from year 3, `k` students per school-year.
  /// `M = αs + γy + 0.5D + 0.3x + e`, `Y = α's + γ'y + 0.2D + 0.6M + 0.2x + u` with school
  /// effects correlated across equations. Truth: indirect `0.3`, direct `0.2`.
  static func panel(schools: Int, perCell: Int, seed: UInt64) throws -> DataTable {
    var rng = SeededGenerator(seed: seed)
    var school = [Int](), year = [Int](), treated = [Double](), post = [Double](), x = [Double](), m = [Double](), y = [Double]()
    for s in 0..<schools {
      let g: Double = s % 2 == 0 ? 1 : 0
      let alphaM = rng.nextNormal() + 0.5 * g, alphaY = rng.nextNormal() + alphaM
      for yr in 0..<6 {
        let p: Double = yr >= 3 ? 1 : 0
        for _ in 0..<perCell {
          let xi = rng.nextNormal()
          let mi = alphaM + 0.1 * Double(yr) + 0.5 * g * p + 0.3 * xi + rng.nextNormal()
          school.append(s)
          year.append(2010 + yr)
          treated.append(g)
          post.append(p)
          x.append(xi)
          m.append(mi)
          y.append(alphaY + 0.2 * Double(yr) + 0.2 * g * p + 0.6 * mi + 0.2 * xi + rng.nextNormal())
        }
      }
    }
    return try DataTable(columns: [
      Column(name: "school", ints: school), Column(name: "year", ints: year), Column(name: "treated", doubles: treated),
      Column(name: "post", doubles: post), Column(name: "x", doubles: x), Column(name: "m", doubles: m),
      Column(name: "y", doubles: y),
    ])
  }
}

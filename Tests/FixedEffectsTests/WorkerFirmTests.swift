import CausalCore
import FixedEffects
import Testing
import TestSupport

/// A poorly connected worker-firm design (the shape of fixest's "difficult" benchmark, scaled
/// down): alternating projections stall, and the automatic solver must finish the job with
/// conjugate gradient on the Schur complement and give the same slopes.
@Suite("Worker-firm designs")
struct WorkerFirmTests {
  /// n observations, n/20 workers, n/160 firms, 10 years; worker w works at firms
  /// `w/8 − 10 … w/8 + 10`, so the firm graph is a long, thin chain.
  static func design(n: Int, seed: UInt64) throws -> DataTable {
    var rng = SeededGenerator(seed: seed)
    let workers = n / 20, firms = n / 160
    var worker = [Int](), firm = [Int](), year = [Int](), x = [Double](), y = [Double]()
    for _ in 0..<n {
      let w = try rng.nextInt(below: workers)
      let f = min(try rng.nextInt(below: 21) + max(0, w / 8 - 10), firms - 1)
      let t = try rng.nextInt(below: 10)
      let xi = rng.nextNormal()
      worker.append(w)
      firm.append(f)
      year.append(t)
      x.append(xi)
      y.append(2 * xi + Double(w % 7) - Double(f % 5) + 0.1 * Double(t) + rng.nextNormal())
    }
    return try DataTable(columns: [
      Column(name: "y", doubles: y), Column(name: "x", doubles: x), Column(name: "worker", ints: worker),
      Column(name: "firm", ints: firm), Column(name: "year", ints: year),
    ])
  }

  @Test("automatic switches to conjugate gradient and agrees with long alternating projections")
  func solversAgree() throws {
    let data = try Self.design(n: 40_000, seed: 7)
    let formula = "y ~ x | worker + firm + year"
    let automatic = try FixedEffectsModel(formula: formula).fit(data)
    #expect(automatic.demeaning.methods.contains("conjugate-gradient"))
    let slow = try FixedEffectsModel(
      formula: formula,
      demeaning: DemeaningOptions(method: .alternatingProjections, tolerance: 1e-13, maxIterations: 200_000)
    ).fit(data)
    let a = try #require(automatic.coefficient("x")), b = try #require(slow.coefficient("x"))
    #expect(relativeDifference(a.estimate, b.estimate) < 1e-8)
    #expect(relativeDifference(a.standardError, b.standardError) < 1e-6)
    #expect(abs(a.estimate - 2) < 0.05)
  }
}

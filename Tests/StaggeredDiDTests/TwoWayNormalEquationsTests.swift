import CausalCore
@testable import StaggeredDiD
import Testing

/// The factored period system against the Gauss-Seidel sweeps on the same equations.
@Suite("Two-way normal equations: the direct solve equals the sweeps")
struct TwoWayNormalEquationsTests {
  /// An unbalanced panel in two parts that share no unit and no period (units 0..<20 in
  /// periods 0..<6, units 20..<30 in periods 6..<9), some rows missing, some weights zero,
  /// and a duplicated unit-period row.
  static func rows(seed: UInt64) -> (units: [Int32], periods: [Int32], weights: [Double]) {
    var g = SeededGenerator(seed: seed)
    var units = [Int32](), periods = [Int32](), weights = [Double]()
    for u in 0..<30 {
      let range = u < 20 ? 0..<6 : 6..<9
      for t in range where g.nextUniform() < 0.8 {
        units.append(Int32(u))
        periods.append(Int32(t))
        weights.append(g.nextUniform() < 0.1 ? 0 : 0.5 + g.nextUniform())
      }
    }
    units.append(units[3])
    periods.append(periods[3])
    weights.append(1.5)
    return (units, periods, weights)
  }

  @Test("α_u + λ_t agree on every fitting row, for right-hand sides summed over rows", arguments: 0..<8)
  func agreement(_ seed: Int) throws {
    let r = Self.rows(seed: UInt64(seed))
    let direct = TwoWayNormalEquations(units: r.units, periods: r.periods, weights: r.weights, unitCount: 30, periodCount: 9)
    let sweeps = TwoWayNormalEquations(
      units: r.units, periods: r.periods, weights: r.weights, unitCount: 30, periodCount: 9, direct: false)
    #expect(direct.direct != nil && sweeps.direct == nil)
    var g = SeededGenerator(seed: UInt64(100 + seed))
    let x = r.units.indices.map { _ in g.nextNormal() }
    let fitting = Array(r.units.indices)
    let a = try #require(direct.residualize(x, fittingRows: fitting, rowUnits: r.units, rowPeriods: r.periods))
    let b = try #require(sweeps.residualize(x, fittingRows: fitting, rowUnits: r.units, rowPeriods: r.periods))
    for i in fitting { #expect(abs(a[i] - b[i]) <= 1e-10 * (1 + abs(b[i])), "row \(i)") }
    // The residuals are orthogonal to every unit and every period (weighted): the equations hold.
    var byUnit = [Double](repeating: 0, count: 30), byPeriod = [Double](repeating: 0, count: 9)
    for i in fitting {
      byUnit[Int(r.units[i])] += r.weights[i] * a[i]
      byPeriod[Int(r.periods[i])] += r.weights[i] * a[i]
    }
    #expect(byUnit.allSatisfy { abs($0) < 1e-10 } && byPeriod.allSatisfy { abs($0) < 1e-10 })
  }

  @Test("a right-hand side whose unit and period sums differ within a part has no solution")
  func inconsistent() {
    let r = Self.rows(seed: 1)
    let direct = TwoWayNormalEquations(units: r.units, periods: r.periods, weights: r.weights, unitCount: 30, periodCount: 9)
    var bu = [Double](repeating: 0, count: 30), bt = [Double](repeating: 0, count: 9)
    for i in r.units.indices {
      bu[Int(r.units[i])] += r.weights[i]
      bt[Int(r.periods[i])] += r.weights[i]
    }
    #expect(direct.solve(unitSide: bu, periodSide: bt) != nil)
    // Move weight from one part's periods to the other's: each part's sums now differ.
    bt[0] += 1
    bt[7] -= 1
    #expect(direct.solve(unitSide: bu, periodSide: bt) == nil)
  }
}

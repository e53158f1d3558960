import CausalCore
import Foundation
import Testing

@testable import StaggeredDiD

/// The sensitivity analysis' numerical kernels against closed forms and brute force.
@Suite struct ParallelTrendsSensitivitySolverTests {
  /// A small deterministic generator for the brute-force comparisons.
  static func uniforms(_ count: Int, seed: UInt64) -> [Double] {
    var g = SeededGenerator(seed: seed)
    return (0..<count).map { _ in 2 * g.nextUniform() - 1 }
  }

  @Test func simplexSolvesATextbookProgram() {
    // max 3x + 2y, x + y ≤ 4, x + 3y ≤ 6 (slacks s, t): optimum x = 4, y = 0, value 12.
    let lp = StandardFormSimplex(rows: 2, columns: 4)
    let outcome = lp.maximize(objective: [3, 2, 0, 0], matrix: [1, 1, 1, 0, 1, 3, 0, 1], rhs: [4, 6])
    guard case .optimal(let x, let value) = outcome else { Issue.record("not optimal: \(outcome)"); return }
    #expect(abs(value - 12) < 1e-12)
    #expect(abs(x[0] - 4) < 1e-12 && abs(x[1]) < 1e-12)
  }

  @Test func simplexReportsInfeasibleAndUnbounded() {
    let lp = StandardFormSimplex(rows: 1, columns: 2)
    #expect(lp.maximize(objective: [1, 1], matrix: [1, 1], rhs: [-1]) == .infeasible)
    #expect(lp.maximize(objective: [1, 0], matrix: [1, -1], rhs: [0]) == .unbounded)
  }

  /// Random programs `max cᵀλ, 1ᵀλ = 1, Xᵀλ = 0, λ ≥ 0` (the test statistic's dual) against the
  /// best basic feasible solution found by enumerating every basis.
  @Test func simplexMatchesVertexEnumeration() {
    let (m, n) = (2, 6)
    for trial in 0..<200 {
      let u = Self.uniforms(2 * n, seed: UInt64(trial))
      let matrix = [Double](repeating: 1, count: n) + Array(u[0..<n])
      let objective = Array(u[n..<(2 * n)])
      let outcome = StandardFormSimplex(rows: m, columns: n).maximize(objective: objective, matrix: matrix, rhs: [1, 0])
      var best = -Double.infinity
      for i in 0..<n {
        for j in (i + 1)..<n {
          // Solve [1 1; x_i x_j] (λ_i, λ_j) = (1, 0).
          let det = matrix[n + j] - matrix[n + i]
          guard abs(det) > 1e-12 else { continue }
          let (li, lj) = (matrix[n + j] / det, -matrix[n + i] / det)
          if li >= -1e-12, lj >= -1e-12 { best = max(best, li * objective[i] + lj * objective[j]) }
        }
      }
      switch outcome {
      case .optimal(_, let value): #expect(abs(value - best) < 1e-10, "trial \(trial)")
      case .infeasible: #expect(best == -.infinity, "trial \(trial)")
      default: Issue.record("trial \(trial): \(outcome)")
      }
    }
  }

  /// Random box programs against the minimum over every assignment of the variables to
  /// {lower bound, free, upper bound} whose free solution is feasible.
  @Test func boxProgramMatchesActiveSetEnumeration() throws {
    let n = 3
    for trial in 0..<200 {
      let u = Self.uniforms(n * n + n + 1, seed: 1000 + UInt64(trial))
      // Q = BᵀB + 0.1 I.
      var q = [Double](repeating: 0, count: n * n)
      for i in 0..<n { for j in 0..<n { q[i * n + j] = (0..<n).reduce(i == j ? 0.1 : 0) { $0 + u[$1 * n + i] * u[$1 * n + j] } } }
      let linear = (0..<n).map { 3 * u[n * n + $0] }
      let width = abs(u[n * n + n]) + 0.05
      let program = BoxQuadraticProgram(
        hessian: q, linear: linear, lower: [Double](repeating: -width, count: n), upper: [Double](repeating: width, count: n))
      let solution = try #require(program.solve())
      var best = Double.infinity
      for code in 0..<27 {
        let state = [code % 3, (code / 3) % 3, code / 9]  // 0 lower, 1 free, 2 upper
        var mu = state.map { $0 == 0 ? -width : ($0 == 2 ? width : 0) }
        let free = (0..<n).filter { state[$0] == 1 }
        if !free.isEmpty {
          let k = free.count
          var block = [Double](repeating: 0, count: k * k)
          var rhs = [Double](repeating: 0, count: k)
          for (a, i) in free.enumerated() {
            rhs[a] = -linear[i] - (0..<n).filter { state[$0] != 1 }.reduce(0) { $0 + q[i * n + $1] * mu[$1] }
            for (b, j) in free.enumerated() { block[a * k + b] = q[i * n + j] }
          }
          let inverse = try #require(ConditionalMomentTest.inverted(block, k))
          for (a, i) in free.enumerated() { mu[i] = (0..<k).reduce(0) { $0 + inverse[a * k + $1] * rhs[$1] } }
        }
        if mu.allSatisfy({ abs($0) <= width + 1e-12 }) { best = min(best, program.objective(at: mu)) }
      }
      #expect(abs(program.objective(at: solution) - best) < 1e-10, "trial \(trial)")
    }
  }

  @Test func truncatedNormalQuantilesSolveTheirDefinition() {
    let z = NormalDistribution.standard
    #expect(abs(NormalQuantiles.truncatedNormal(0.975, lower: -.infinity, upper: .infinity) - 1.959963984540054) < 1e-12)
    for (l, u) in [(-1.0, 2.0), (0.5, 3.0), (-4.0, -0.5), (3.0, .infinity), (-.infinity, 1.0), (9.0, 12.0)] {
      for p in [0.01, 0.3, 0.95, 0.999] {
        let x = NormalQuantiles.truncatedNormal(p, lower: l, upper: u)
        // P(l < X ≤ x) / P(l < X ≤ u) = p, computed on the accurate tail.
        let share = l >= 0
          ? (z.survival(l) - z.survival(x)) / (z.survival(l) - z.survival(u))
          : (z.cdf(x) - z.cdf(l)) / (z.cdf(u) - z.cdf(l))
        #expect(abs(share - p) < 1e-9, "p \(p) on [\(l), \(u)]")
      }
    }
    // Scaling: N(2, 3²) truncated to [2, ∞) is 2 + 3 |Z|.
    #expect(abs(NormalQuantiles.truncatedNormal(0.95, lower: 2, upper: .infinity, mean: 2, sd: 3) - (2 + 3 * 1.959963984540054)) < 1e-10)
  }

  @Test func foldedNormalQuantilesSolveTheirDefinition() {
    let z = NormalDistribution.standard
    #expect(abs(NormalQuantiles.foldedNormal(0.95, mean: 0) - 1.959963984540054) < 1e-12)
    for mean in [0.1, 1.0, -2.5, 10.0, 40.0] {
      let c = NormalQuantiles.foldedNormal(0.95, mean: mean)
      #expect(abs(z.survival(c - abs(mean)) + z.survival(c + abs(mean)) - 0.05) < 1e-13, "mean \(mean)")
    }
    // Far from zero the fold does not matter: c ≈ |μ| + z_{0.95}.
    #expect(abs(NormalQuantiles.foldedNormal(0.95, mean: 40) - (40 + 1.6448536269514722)) < 1e-10)
  }

  @Test func typeSevenQuantileInterpolates() {
    #expect(MomentInequalities.typeSevenQuantile([4, 1, 3, 2], 0.5) == 2.5)
    #expect(MomentInequalities.typeSevenQuantile([1, 2, 3, 4, 5], 0.9) == 4.6)
  }
}

import CausalCore
import Foundation
import Testing
import TestSupport

@testable import StaggeredDiD

/// The sensitivity analysis against closed forms: the one-pre-period FLCI, the minimum-variance
/// interval at M = 0, the worst-case bias formula, the M̄ = 0 test with one post-period,
/// monotonicity in the restriction's size and the breakdown value.
@Suite struct ParallelTrendsSensitivityClosedFormTests {
  /// The mpdta event study of the fixture (universal base period), or a synthetic one when the
  /// fixture is absent.
  static func mpdta() throws -> EventStudyEstimates {
    let c = try #require(ParallelTrendsSensitivityFixtureTests.cases.first)
    return try ParallelTrendsSensitivityFixtureTests.estimates(c)
  }

  /// One pre-period, one post-period: the only estimator unbiased for linear trends is
  /// `β₁ + β₋₁` (bias M: the second difference at the reference), so the FLCI is
  /// `β₁ + β₋₁ ± sd · cv_{0.95}(M / sd)`.
  @Test func onePrePeriodFLCIIsClosedForm() throws {
    let study = try EventStudyEstimates(
      eventTimes: [-2, 0], estimates: [0.03, 0.2], covariance: [0.0004, 0.0001, 0.0001, 0.0009])
    let sd = (0.0004 + 0.0009 + 2 * 0.0001).squareRoot()
    let result = try ParallelTrendsSensitivity(restriction: .smoothness(m: [0, 0.01, 0.05])).analyze(study)
    for row in result.robust {
      let half = sd * NormalQuantiles.foldedNormal(0.95, mean: row.value / sd)
      #expect(abs(row.interval.lower - (0.23 - half)) < 1e-12)
      #expect(abs(row.interval.upper - (0.23 + half)) < 1e-12)
    }
    #expect(abs(result.robust[0].interval.width - 2 * 1.959963984540054 * sd) < 1e-12)
  }

  /// At M = 0 the FLCI is `z · sd` around the minimum-variance estimator among those unbiased
  /// for linear trends: `min wᵀΣw` over `w = (v, l)` with `Σ_t t v₋ₜ = Σ_t t l_t`, solved here by
  /// its Lagrangian.
  @Test func zeroSmoothnessIsTheMinimumVarianceInterval() throws {
    let study = try Self.mpdta()
    let (p, q, k) = (study.prePeriods.count, study.postPeriods.count, study.count)
    for target in [ParallelTrendsSensitivity.Target.eventTime(0), .averagePost] {
      let l: [Double] = target == .averagePost ? Array(repeating: 1 / Double(q), count: q) : [1] + Array(repeating: 0, count: q - 1)
      let tau = (0..<q).reduce(0) { $0 + Double($1 + 1) * l[$1] }
      let c = (0..<p).map { Double(p - $0) }  // period −(p − i) has weight p − i
      let spp = (0..<(p * p)).map { study.covariance[($0 / p) * k + $0 % p] }
      let inverse = try #require(ConditionalMomentTest.inverted(spp, p))
      let spl = (0..<p).map { i in (0..<q).reduce(0) { $0 + study.covariance[i * k + p + $1] * l[$1] } }
      let ic = (0..<p).map { i in (0..<p).reduce(0) { $0 + inverse[i * p + $1] * c[$1] } }
      let isl = (0..<p).map { i in (0..<p).reduce(0) { $0 + inverse[i * p + $1] * spl[$1] } }
      let mu = (tau + (0..<p).reduce(0) { $0 + c[$1] * isl[$1] }) / (0..<p).reduce(0) { $0 + c[$1] * ic[$1] }
      let w = (0..<p).map { mu * ic[$0] - isl[$0] } + l
      let variance = (0..<k).reduce(0.0) { s, i in s + (0..<k).reduce(0) { $0 + w[i] * study.covariance[i * k + $1] * w[$1] } }
      let centre = (0..<k).reduce(0) { $0 + w[$1] * study.estimates[$1] }
      let half = 1.959963984540054 * variance.squareRoot()
      let row = try #require(try ParallelTrendsSensitivity(restriction: .smoothness(m: [0]), target: target).analyze(study).robust.first)
      #expect(abs(row.interval.lower - (centre - half)) < 1e-9 * half)
      #expect(abs(row.interval.upper - (centre + half)) < 1e-9 * half)
    }
  }

  /// The worst-case bias `M(|τ| + C + ‖x‖₁)` equals `M Σ_j |wᵀδ⁽ʲ⁾|` with `δ⁽ʲ⁾` the path with one
  /// unit second difference at period j (integrated from δ₀ = 0, zero slope), and the
  /// estimator is unbiased for linear trends.
  @Test func worstCaseBiasMatchesThePathsOfUnitSecondDifferences() {
    for (p, l) in [(3, [1.0, 0, 0]), (4, [0.25, 0.25, 0.25, 0.25]), (2, [0, 1.0]), (1, [0.5, 0.5])] {
      let q = l.count
      let problem = FixedLengthInterval(beta: [], sigma: [], pre: p, weights: l)
      let x = ParallelTrendsSensitivitySolverTests.uniforms(p - 1, seed: UInt64(p))
      let w = problem.estimatorWeights(x)
      /// δ over periods −p…q (index t + p), from second differences s at −p + 1 … q − 1.
      func path(second s: [Int: Double], slope: Double) -> [Double] {
        var d = [Double](repeating: 0, count: p + q + 1)
        if q > 0 { d[p + 1] = slope }
        if q > 1 { for t in 1..<q { d[p + t + 1] = 2 * d[p + t] - d[p + t - 1] + (s[t] ?? 0) } }
        if p > 0 { d[p - 1] = 2 * d[p] - d[p + 1] + (s[0] ?? 0) }
        if p > 1 { for t in stride(from: -1, through: -(p - 1), by: -1) { d[p + t - 1] = 2 * d[p + t] - d[p + t + 1] + (s[t] ?? 0) } }
        return Array(d[0..<p]) + Array(d[(p + 1)...])
      }
      func bias(_ d: [Double]) -> Double { zip(w, d).reduce(0) { $0 + $1.0 * $1.1 } }
      #expect(abs(bias(path(second: [:], slope: 1))) < 1e-12, "linear trend, p \(p)")
      let worst = (-(p - 1)...(q - 1)).reduce(0) { $0 + abs(bias(path(second: [$1: 1], slope: 0))) }
      #expect(abs(worst - problem.biasPerM(x)) < 1e-12, "p \(p), l \(l)")
    }
  }

  /// One post-period and M̄ = 0: δ_post = 0, the moments are `±(β₁ − θ)/sd`, and the test
  /// accepts `|β₁ − θ|/sd ≤ z_{1 − α̃/2}` with `α̃ = (α − κ)/(1 − κ)`, κ = α/10 (the
  /// least-favourable first stage, at `z_{1 − κ/2}`, is larger).
  @Test func zeroRelativeMagnitudeWithOnePostPeriod() throws {
    let study = try EventStudyEstimates(
      eventTimes: [-3, -2, 0], estimates: [0.01, -0.02, 0.1],
      covariance: [0.0004, 0.0001, 0.00005, 0.0001, 0.0003, 0.00002, 0.00005, 0.00002, 0.0009])
    let result = try ParallelTrendsSensitivity(restriction: .relativeMagnitude(mbar: [0]), gridPoints: 4001).analyze(study)
    let alphaTilde = (0.05 - 0.005) / (1 - 0.005)
    let half = NormalDistribution.standard.upperQuantile(alphaTilde / 2) * 0.03
    let step = 40 * 0.03 / 4000
    let row = try #require(result.robust.first)
    #expect(abs(row.interval.lower - (0.1 - half)) <= step)
    #expect(abs(row.interval.upper - (0.1 + half)) <= step)
  }

  /// Larger restrictions give wider intervals, each containing the previous one (up to the
  /// grid step for the test inversion).
  @Test func intervalsGrowWithTheRestriction() throws {
    let study = try Self.mpdta()
    let sizes = [0.0, 0.25, 0.5, 1, 1.5, 2]
    let rm = try ParallelTrendsSensitivity(restriction: .relativeMagnitude(mbar: sizes), gridPoints: 400).analyze(study)
    let step = 40 * rm.standardError / 399
    for (a, b) in zip(rm.robust, rm.robust.dropFirst()) {
      #expect(b.interval.lower <= a.interval.lower + step && b.interval.upper >= a.interval.upper - step)
    }
    let sd = try ParallelTrendsSensitivity(restriction: .smoothness(m: [0, 0.005, 0.01, 0.02, 0.05]), target: .averagePost)
      .analyze(study)
    for (a, b) in zip(sd.robust, sd.robust.dropFirst()) { #expect(b.interval.width > a.interval.width) }
  }

  /// A clear effect with flat pre-trends: significant for small M̄, not for large ones; the
  /// breakdown value is the last size before the first interval containing 0.
  @Test func breakdownIsTheLastSignificantSize() throws {
    let study = try EventStudyEstimates(
      eventTimes: [-3, -2, 0, 1], estimates: [0.02, -0.01, 0.08, 0.1],
      covariance: [0.0001, 0, 0, 0, 0, 0.0001, 0, 0, 0, 0, 0.0001, 0, 0, 0, 0, 0.0001])
    let sizes = [0.0, 0.5, 1, 2, 4, 8]
    let result = try ParallelTrendsSensitivity(restriction: .relativeMagnitude(mbar: sizes), gridPoints: 200).analyze(study)
    let significant = result.robust.map { $0.interval.lower > 0 || $0.interval.upper < 0 }
    let firstZero = try #require(significant.firstIndex(of: false))
    #expect(firstZero > 0)
    #expect(result.breakdown == sizes[firstZero - 1])
    let flat = try ParallelTrendsSensitivity(restriction: .smoothness(m: [0, 0.001])).analyze(
      try EventStudyEstimates(eventTimes: [-2, 0], estimates: [0, 0.001], covariance: [0.0001, 0, 0, 0.0001]))
    #expect(flat.breakdown == nil)
  }
}

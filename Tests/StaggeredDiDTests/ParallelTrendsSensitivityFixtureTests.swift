import Foundation
import StaggeredDiD
import Testing
import TestSupport

/// Agreement with HonestDiD as run by Tests/Fixtures/generate_honest_did.py (moderndid 0.2.0's
/// routines with R HonestDiD 0.2.8's `Δ^RM`), on the Callaway-Sant'Anna event studies of mpdta.
@Suite struct ParallelTrendsSensitivityFixtureTests {
  struct Interval: Decodable { let lb: Double?; let ub: Double? }
  struct RelativeMagnitude: Decodable {
    let method: String
    let mbar: Double
    let lb: Double?
    let ub: Double?
    let grid_lb: Double
    let grid_ub: Double
    let grid_points: Int
    let grid_step: Double
  }
  struct Smoothness: Decodable { let m: Double; let lb: Double?; let ub: Double? }
  struct Target: Decodable {
    let l_vec: [Double]
    let estimate: Double
    let original_ci: Interval
    let relative_magnitude: [RelativeMagnitude]
    let smoothness: [Smoothness]
  }
  struct Case: Decodable {
    let name: String
    let event_times_used: [Int]
    let num_pre_periods: Int
    let betahat: [Double]
    let sigma: [[Double]]
    let event_time_0: Target
    let average_post: Target
  }

  static let cases: [Case] = FixtureFiles.cases("honest_did.json")

  @Test func fixtureHasTwoCases() { #expect(Self.cases.count == 2) }

  static func estimates(_ c: Case) throws -> EventStudyEstimates {
    try EventStudyEstimates(
      eventTimes: c.event_times_used, estimates: c.betahat, covariance: c.sigma.flatMap { $0 }, referenceEventTime: -1)
  }

  /// The two targets: the first post-period (the default) and the average of the post-periods.
  static func targets(_ c: Case) -> [(String, ParallelTrendsSensitivity.Target?, Target)] {
    [("e=0", nil, c.event_time_0), ("average", .averagePost, c.average_post)]
  }

  @Test(arguments: [0, 1]) func originalIntervalMatches(index: Int) throws {
    let c = try #require(Self.cases.dropFirst(index).first)
    for (_, target, expected) in Self.targets(c) {
      let result = try ParallelTrendsSensitivity(restriction: .smoothness(m: [0]), target: target).analyze(Self.estimates(c))
      #expect(abs(result.estimate - expected.estimate) < 1e-12)
      #expect(abs(result.original.lower - (expected.original_ci.lb ?? .nan)) < 1e-10)
      #expect(abs(result.original.upper - (expected.original_ci.ub ?? .nan)) < 1e-10)
    }
  }

  /// FLCI: no grid, no simulation; the optimum of the same convex program, to 1e-5 of the
  /// interval's width. At M = 0 only the width is compared tightly: the interval is then the
  /// minimum-variance estimator's, which R reaches exactly (its bisection stops at h_min) while
  /// moderndid stops its search for h slightly above h_min and takes the least-biased estimator
  /// of that variance, which moves the centre by about 1e-3 of the width at the same width.
  @Test(arguments: [0, 1]) func smoothnessMatches(index: Int) throws {
    let c = try #require(Self.cases.dropFirst(index).first)
    for (label, target, expected) in Self.targets(c) {
      let expected = expected.smoothness
      let result = try ParallelTrendsSensitivity(restriction: .smoothness(m: expected.map(\.m)), target: target)
        .analyze(Self.estimates(c))
      for (row, want) in zip(result.robust, expected) {
        let (lb, ub) = (try #require(want.lb), try #require(want.ub))
        let width = ub - lb
        let centre = row.value == 0 ? 2e-3 : 1e-5
        #expect(abs(row.interval.width - width) < 1e-5 * width, "\(c.name) \(label) M=\(row.value)")
        #expect(abs(row.interval.lower - lb) < centre * width, "\(c.name) \(label) M=\(row.value)")
        #expect(abs(row.interval.upper - ub) < centre * width, "\(c.name) \(label) M=\(row.value)")
      }
    }
  }

  /// C-LF on the fixture's own grid: equal up to the least-favourable critical value's
  /// simulation error, which may move a bound by one grid step.
  @Test(arguments: [0, 1]) func relativeMagnitudeMatchesOnTheFixtureGrid(index: Int) throws {
    let c = try #require(Self.cases.dropFirst(index).first)
    for (label, target, expected) in Self.targets(c) {
      for want in expected.relative_magnitude where want.method == "C-LF" {
        let result = try ParallelTrendsSensitivity(
          restriction: .relativeMagnitude(mbar: [want.mbar]), target: target, gridPoints: want.grid_points,
          gridBounds: want.grid_lb...want.grid_ub
        ).analyze(Self.estimates(c))
        let row = try #require(result.robust.first)
        let (lb, ub) = (try #require(want.lb), try #require(want.ub))
        #expect(abs(row.interval.lower - lb) <= want.grid_step * 1.0001, "\(c.name) \(label) Mbar=\(want.mbar)")
        #expect(abs(row.interval.upper - ub) <= want.grid_step * 1.0001, "\(c.name) \(label) Mbar=\(want.mbar)")
      }
    }
  }

  /// C-LF with HonestDiD's default grid (1,000 points on ±20 standard errors): each grid puts
  /// a bound up to one of its steps inside the true one, so the two differ by less than the
  /// fixture's step plus this grid's step.
  @Test(arguments: [0, 1]) func relativeMagnitudeMatchesWithTheDefaultGrid(index: Int) throws {
    let c = try #require(Self.cases.dropFirst(index).first)
    for (label, target, expected) in Self.targets(c) {
      let wanted = expected.relative_magnitude.filter { $0.method == "C-LF" }
      let result = try ParallelTrendsSensitivity(restriction: .relativeMagnitude(mbar: wanted.map(\.mbar)), target: target)
        .analyze(Self.estimates(c))
      for (row, want) in zip(result.robust, wanted) {
        let (lb, ub) = (try #require(want.lb), try #require(want.ub))
        let tolerance = want.grid_step + 40 * result.standardError / 999
        #expect(abs(row.interval.lower - lb) <= tolerance, "\(c.name) \(label) Mbar=\(want.mbar)")
        #expect(abs(row.interval.upper - ub) <= tolerance, "\(c.name) \(label) Mbar=\(want.mbar)")
      }
    }
  }
}

import Resampling
import CausalCore
import Foundation
import Testing

/// The reference file written by `Tests/Fixtures/generate_bootstrap_ci.R` (R 4.2, boot 1.3-28).
struct BootstrapCIFixture: Decodable {
  struct Interval: Decodable {
    let type: String
    let conf: Double
    let lower: Double
    let upper: Double
  }
  struct Case: Decodable {
    let name: String
    let R: Int
    let t0: [Double]
    let L: [Double]
    let data: [String: [Double]]
    let t: [[Double?]]
    let intervals: [Interval]

    /// The replicate matrix with R's `NA` as NaN.
    var result: BootstrapResult {
      BootstrapResult(t0: t0, t: t.map { row in row.map { $0 ?? .nan } })
    }
  }
  let cases: [Case]

  /// Loads the fixture relative to this source file (no SwiftPM resources).
  static func load() throws -> BootstrapCIFixture {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // BootstrapTests
      .deletingLastPathComponent()  // Tests
      .appendingPathComponent("Fixtures/expected/bootstrap_ci.json")
    return try JSONDecoder().decode(BootstrapCIFixture.self, from: Data(contentsOf: url))
  }
}

/// |a − b| relative to max(1, |b|).
func scaledDifference(_ a: Double, _ b: Double) -> Double {
  abs(a - b) / max(1, abs(b))
}

@Suite("Bootstrap intervals agree with boot::boot.ci")
struct IntervalFixtureTests {
  @Test("norm, basic, perc, stud and bca at 90% and 95% within 1e-10")
  func allIntervals() throws {
    let fixture = try BootstrapCIFixture.load()
    #expect(fixture.cases.count == 5)
    var worst = 0.0
    var compared = 0
    for c in fixture.cases {
      let result = c.result
      #expect(result.replicates == c.R)
      for reference in c.intervals {
        let ours: BootstrapInterval
        switch reference.type {
        case "norm": ours = try result.normalInterval(level: reference.conf)
        case "basic": ours = try result.basicInterval(level: reference.conf)
        case "perc": ours = try result.percentileInterval(level: reference.conf)
        case "stud": ours = try result.studentizedInterval(level: reference.conf, index: 0, varianceIndex: 1)
        case "bca": ours = try result.bcaInterval(level: reference.conf, influence: c.L)
        default:
          Issue.record("unknown type \(reference.type)")
          continue
        }
        #expect(ours.method.rawValue == reference.type)
        let d = max(scaledDifference(ours.lower, reference.lower), scaledDifference(ours.upper, reference.upper))
        worst = max(worst, d)
        compared += 1
        #expect(d <= 1e-10, "\(c.name) \(reference.type) \(reference.conf): \(ours) vs \(reference.lower), \(reference.upper)")
      }
    }
    #expect(compared == 50)
    print("bootstrap_ci.json: \(compared) intervals, max scaled difference \(worst)")
  }

  @Test("the Swift jackknife reproduces boot's empinf(type = \"jack\") on the fixture data")
  func jackknifeInfluence() throws {
    let fixture = try BootstrapCIFixture.load()
    var worst = 0.0
    for c in fixture.cases {
      let table: DataTable
      let statistic: @Sendable (DataTable) throws -> [Double]
      if let x = c.data["x"], let u = c.data["u"] {
        table = try DataTable(columns: [Column(name: "x", doubles: x), Column(name: "u", doubles: u)])
        statistic = { d in
          let xs = try d.column(named: "x").doubles()
          let us = try d.column(named: "u").doubles()
          return [xs.reduce(0, +) / us.reduce(0, +)]
        }
      } else if let x = c.data["x"], let y = c.data["y"] {
        table = try DataTable(columns: [Column(name: "x", doubles: x), Column(name: "y", doubles: y)])
        statistic = { d in
          let xs = try d.column(named: "x").doubles()
          let ys = try d.column(named: "y").doubles()
          let mx = xs.reduce(0, +) / Double(xs.count)
          let my = ys.reduce(0, +) / Double(ys.count)
          let sxy = zip(xs, ys).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
          let sxx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
          return [sxy / sxx]
        }
      } else if let x = c.data["x"] {
        table = try DataTable(columns: [Column(name: "x", doubles: x)])
        statistic = { d in
          let xs = try d.column(named: "x").doubles()
          return [xs.reduce(0, +) / Double(xs.count)]
        }
      } else {
        Issue.record("unexpected data in \(c.name)")
        continue
      }
      let jack = try Jackknife.run(on: table, statistic: statistic)
      let influence = try jack.influence()
      #expect(influence.count == c.L.count)
      for (a, b) in zip(influence, c.L) {
        worst = max(worst, scaledDifference(a, b))
      }
      let a = try jack.acceleration()
      let aR = try IntervalEstimators.acceleration(influence: c.L)
      #expect(scaledDifference(a, aR) <= 1e-10)
    }
    #expect(worst <= 1e-10)
    print("jackknife influence vs empinf(type = \"jack\"): max scaled difference \(worst)")
  }

  @Test("norm.inter: exact order statistics, interpolation and the end-point rule")
  func quantileRule() throws {
    let t = (1...19).map(Double.init)  // R = 19
    // (R + 1)·0.5 = 10 is an integer: the 10th order statistic.
    #expect(try IntervalQuantile.normalInterpolated(t, probabilities: [0.5]) == [10])
    // (R + 1)·0.025 = 0.5 < 1 and (R + 1)·0.975 = 19.5 > R: the extremes.
    #expect(try IntervalQuantile.normalInterpolated(t, probabilities: [0.025, 0.975]) == [1, 19])
    // (R + 1)·0.12 = 2.4: between the 2nd and 3rd on the normal scale, not linearly.
    let q = try IntervalQuantile.normalInterpolated(t, probabilities: [0.12])[0]
    let z = { (p: Double) in SpecialFunctions.normalQuantile(p) }
    let expected = 2 + (z(0.12) - z(0.1)) / (z(0.15) - z(0.1)) * 1
    #expect(q == expected)
    #expect(q != 2.4)
    // Non-finite values are dropped first.
    #expect(try IntervalQuantile.normalInterpolated(t + [.nan, .infinity], probabilities: [0.5]) == [10])
    #expect(throws: BootstrapError.invalidProbability(1.5)) {
      try IntervalQuantile.normalInterpolated(t, probabilities: [1.5])
    }
  }

  @Test("invalid inputs throw typed errors")
  func errors() {
    let t = [1.0, 2, 3, 4]
    #expect(throws: BootstrapError.invalidConfidenceLevel(1)) { try IntervalEstimators.percentile(t: t, level: 1) }
    #expect(throws: BootstrapError.constantReplicates(2)) { try IntervalEstimators.percentile(t: [2, 2, 2], level: 0.9) }
    #expect(throws: BootstrapError.tooFewFiniteReplicates(1)) { try IntervalEstimators.basic(t0: 1, t: [1, .nan], level: 0.9) }
    #expect(throws: BootstrapError.infiniteBiasCorrection) {
      try IntervalEstimators.bca(t0: 0, t: t, influence: [1, -1, 2], level: 0.9)
    }
    #expect(throws: BootstrapError.invalidAcceleration) {
      try IntervalEstimators.bca(t0: 2.5, t: t, influence: [0, 0], level: 0.9)
    }
    #expect(throws: BootstrapError.invalidStatisticIndex(3, count: 1)) {
      try BootstrapResult(t0: [1], t: [[1], [2]]).percentileInterval(index: 3)
    }
  }
}

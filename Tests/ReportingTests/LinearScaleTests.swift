import Reporting
import Testing

@Suite("Linear scales and nice ticks")
struct LinearScaleTests {
  @Test("ticks are nice multiples inside the bounds, evenly spaced, about the requested count")
  func niceTickProperties() {
    let cases: [(Double, Double)] = [(0, 1), (0.03, 0.87), (-3.2, 7.9), (1e-6, 3e-6), (1794, 15000), (-0.42, 0.01), (5, 5.000001)]
    for (lo, hi) in cases {
      let ticks = LinearScale.niceTicks(lower: lo, upper: hi, count: 5)
      #expect(ticks.count >= 2 && ticks.count <= 11, "\(lo)...\(hi): \(ticks)")
      #expect(ticks.allSatisfy { $0 >= lo - 1e-12 * max(1, abs(lo)) && $0 <= hi + 1e-12 * max(1, abs(hi)) })
      let step = ticks[1] - ticks[0]
      var mantissa = step
      while mantissa >= 10 { mantissa /= 10 }
      while mantissa < 1 { mantissa *= 10 }
      #expect([1, 2, 2.5, 5, 10].contains { abs(mantissa - $0) < 1e-6 }, "step \(step)")
      for (a, b) in zip(ticks, ticks.dropFirst()) { #expect(abs((b - a) - step) <= 1e-9 * max(step, abs(b))) }
    }
  }

  @Test("ticks print without floating-point noise")
  func exactTicks() {
    #expect(LinearScale.niceTicks(lower: 0, upper: 1, count: 5) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(LinearScale.niceTicks(lower: 0.1, upper: 0.35, count: 5) == [0.1, 0.15, 0.2, 0.25, 0.3, 0.35])
    #expect(LinearScale.niceTicks(lower: -4000, upper: 4000, count: 8) == [-4000, -3000, -2000, -1000, 0, 1000, 2000, 3000, 4000])
  }

  @Test("degenerate bounds: equal, reversed and non-finite")
  func degenerate() {
    #expect(LinearScale.niceTicks(lower: 2, upper: 2) == [2])
    #expect(LinearScale.niceTicks(lower: 3, upper: 2).isEmpty)
    #expect(LinearScale.niceTicks(lower: .nan, upper: 2).isEmpty)
    #expect(LinearScale.niceTicks(lower: 0, upper: .infinity).isEmpty)
    let flat = LinearScale(domain: (0, 0), range: (0, 100))
    #expect(flat(0) == 50)
  }

  @Test("niced domains end on ticks and contain the data; the map is linear")
  func niced() {
    let scale = LinearScale(domain: (0.03, 0.87), range: (0, 500)).niced(count: 5)
    #expect(scale.domainLower == 0 && scale.domainUpper == 1)
    #expect(scale(0.5) == 250)
    let y = LinearScale(domain: (0, 10), range: (400, 0))
    #expect(y(10) == 0 && y(0) == 400)
  }
}

import Foundation
import Testing

@testable import CausalCore

/// Known-answer and statistical sanity tests for `SeededGenerator`. The known answers come from an
/// independent Python implementation of the published algorithms in
/// `Tests/Fixtures/generate_distributions.py` (which also checks the jump polynomial against the
/// 2¹²⁸-th power of the generator's GF(2) transition matrix).
@Suite("SeededGenerator")
struct RandomGeneratorTests {
  let fixture: DistributionFixtureFile.RandomSection

  init() throws { fixture = try DistributionFixtureFile.load().random }

  private func words(_ strings: [String]) -> [UInt64] { strings.compactMap { UInt64($0) } }

  /// SplitMix64 from seed 0 starts 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4 (the published vector).
  @Test func splitMixPublishedVector() {
    var s = SplitMix64(seed: 0)
    #expect(s.next() == 0xE220_A839_7B1D_CDAF)
    #expect(s.next() == 0x6E78_9E6A_A1B9_65F4)
  }

  @Test func splitMixSeedingMatchesReference() {
    let g = SeededGenerator(seed: 42)
    #expect([g.state.0, g.state.1, g.state.2, g.state.3] == words(fixture.splitmix64_seed42_state))
  }

  @Test func xoshiroOutputMatchesReference() {
    var g = SeededGenerator(seed: 42)
    let expected = words(fixture.seed42_next)
    #expect(expected.count == 16)
    #expect((0..<16).map { _ in g.next() } == expected)
    var zero = SeededGenerator(seed: 0)
    #expect((0..<8).map { _ in zero.next() } == words(fixture.seed0_next))
  }

  @Test func uniformMappingsMatchReference() {
    var g = SeededGenerator(seed: 42)
    #expect((0..<8).map { _ in g.nextUniform() } == fixture.seed42_uniform)
    var h = SeededGenerator(seed: 42)
    #expect((0..<8).map { _ in h.nextUniformOpenClosed() } == fixture.seed42_uniform_open_closed)
  }

  @Test func normalMatchesReferenceQuantiles() {
    var g = SeededGenerator(seed: 42)
    for expected in fixture.seed42_normal {
      let z = g.nextNormal()
      #expect(abs(z - expected) <= 1e-14 * max(1, abs(expected)), "got \(z), expected \(expected)")
    }
  }

  @Test func lemireIntegersMatchReference() throws {
    var g = SeededGenerator(seed: 42)
    // The reference draws the bounds in this order from one generator.
    for bound in ["1", "2", "3", "10", "1000", "4611686018427387905"] {
      let expected = try #require(fixture.seed42_int_below[bound])
      let n = try #require(Int(bound))
      let got = try (0..<8).map { _ in UInt64(try g.nextInt(below: n)) }
      #expect(got == expected, "bound \(bound)")
    }
  }

  @Test func rademacherMatchesReference() {
    var g = SeededGenerator(seed: 42)
    #expect((0..<16).map { _ in g.nextRademacher() } == fixture.seed42_rademacher)
  }

  @Test func derivedStreamsMatchReferenceAndAreDeterministic() throws {
    let root = SeededGenerator(seed: 42)
    for (key, expected) in fixture.seed42_derived {
      let stream = try #require(UInt64(key))
      var d = root.derived(stream: stream)
      #expect((0..<4).map { _ in d.next() } == words(expected), "stream \(stream)")
    }
    // Depends only on (seed, stream): drawing from the root first changes nothing.
    var advanced = root
    for _ in 0..<1000 { _ = advanced.next() }
    #expect(advanced.derived(stream: 5) == root.derived(stream: 5))
    #expect(root.derived(stream: 5) != root.derived(stream: 6))
    #expect(root.derived(stream: 5) != SeededGenerator(seed: 43).derived(stream: 5))
  }

  @Test func jumpMatchesReference() {
    var g = SeededGenerator(seed: 42)
    g.jump()
    #expect((0..<4).map { _ in g.next() } == words(fixture.seed42_after_jump))
    #expect(g.seed == 42)
  }

  @Test func uniformMomentsWithFixedSeed() {
    var g = SeededGenerator(seed: 2024)
    let n = 200_000
    var sum = 0.0, sumSquares = 0.0, minimum = 1.0, maximum = 0.0
    for _ in 0..<n {
      let u = g.nextUniform()
      sum += u
      sumSquares += u * u
      minimum = min(minimum, u)
      maximum = max(maximum, u)
    }
    let mean = sum / Double(n), variance = sumSquares / Double(n) - mean * mean
    // Standard errors: 1/sqrt(12 n) ≈ 6.5e-4 for the mean, ~1.9e-4 for the variance; 5 SE bounds.
    #expect(abs(mean - 0.5) < 5 * 6.5e-4)
    #expect(abs(variance - 1.0 / 12) < 5 * 1.9e-4)
    #expect(minimum >= 0 && maximum < 1)
  }

  @Test func nextIntStaysInRangeAndCoversIt() throws {
    var g = SeededGenerator(seed: 7)
    for bound in [1, 2, 3, 7, 10, 1000] {
      var seen = Set<Int>()
      for _ in 0..<5000 {
        let k = try g.nextInt(below: bound)
        #expect((0..<bound).contains(k))
        seen.insert(k)
      }
      if bound <= 100 { #expect(seen.count == bound, "bound \(bound) covered \(seen.count) values") }
    }
    #expect(throws: DistributionError.invalidBound(function: "SeededGenerator.nextInt(below:)", value: 0)) {
      try g.nextInt(below: 0)
    }
    #expect(throws: DistributionError.self) { try g.nextInt(below: -3) }
  }

  @Test func normalMomentsWithFixedSeed() {
    var g = SeededGenerator(seed: 99)
    let n = 200_000
    var s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0
    for _ in 0..<n {
      let z = g.nextNormal()
      s1 += z
      s2 += z * z
      s3 += z * z * z
      s4 += z * z * z * z
    }
    let m = Double(n)
    // 5-standard-error bounds: SE(mean) = 1/√n, SE(E z²) = √(2/n), SE(E z³) = √(15/n), SE(E z⁴) = √(96/n).
    #expect(abs(s1 / m) < 5 / m.squareRoot())
    #expect(abs(s2 / m - 1) < 5 * (2 / m).squareRoot())
    #expect(abs(s3 / m) < 5 * (15 / m).squareRoot())
    #expect(abs(s4 / m - 3) < 5 * (96 / m).squareRoot())
  }

  @Test func rademacherIsBalanced() {
    var g = SeededGenerator(seed: 5)
    let n = 100_000
    var sum = 0.0
    for _ in 0..<n {
      let r = g.nextRademacher()
      #expect(r == 1 || r == -1)
      sum += r
    }
    #expect(abs(sum) < 5 * Double(n).squareRoot())
  }

  @Test func equalSeedsGiveEqualSequences() {
    var a = SeededGenerator(seed: 123), b = SeededGenerator(seed: 123)
    for _ in 0..<100 { #expect(a.next() == b.next()) }
    var c = SeededGenerator(seed: 124)
    #expect(a.next() != c.next())
  }
}

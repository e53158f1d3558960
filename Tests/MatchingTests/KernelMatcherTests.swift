import Matching
import Testing

@Suite("Kernel matching")
struct KernelMatcherTests {
  @Test("weights agree with the definitional R computation within 1e-12",
        arguments: MatchingFixture.allKernelCases)
  func fixtureWeights(_ fixtureCase: MatchingFixture.KernelCase) throws {
    let data = try #require(MatchingFixture.loaded).lalonde
    let matcher = try KernelMatcher(
      kernel: try #require(KernelFunction(rawValue: fixtureCase.kernel)),
      bandwidth: fixtureCase.bandwidth, estimand: fixtureCase.estimand == "ATC" ? .atc : .att)
    let result = try matcher.match(treatment: data.treatment, score: data.ps)
    let worst = zip(result.weights, fixtureCase.weights).map { abs($0 - $1) }.max() ?? .infinity
    #expect(worst <= 1e-12, "largest weight difference \(worst)")
    #expect(fixtureCase.counts.equals(result.counts), "counts \(result.counts)")
  }

  @Test("non-focal weights sum to the number of supported focal units")
  func weightTotals() throws {
    let treatment = [true, true, true, false, false, false, false]
    let score = [0.30, 0.50, 0.95, 0.28, 0.33, 0.52, 0.10]
    let result = try KernelMatcher(kernel: .epanechnikov, bandwidth: 0.1)
      .match(treatment: treatment, score: score)
    // Unit 2 (0.95) has no control within 0.1: no support.
    #expect(result.focalUnitsWithoutSupport == 1)
    #expect(result.weights[2] == 0)
    let controlTotal = zip(treatment, result.weights).filter { !$0.0 }.map(\.1).reduce(0, +)
    #expect(abs(controlTotal - 2) < 1e-14)
    // Unit 6 (0.10) is outside every treated unit's window.
    #expect(result.weights[6] == 0)
  }

  @Test("Epanechnikov weights follow the formula on a hand-computed example")
  func handComputed() throws {
    // One treated unit at 0.5, controls at 0.45 and 0.6, h = 0.2:
    // u = -0.25 -> K = 0.75 * 0.9375; u = 0.5 -> K = 0.75 * 0.75.
    let result = try KernelMatcher(kernel: .epanechnikov, bandwidth: 0.2)
      .match(treatment: [true, false, false], score: [0.5, 0.45, 0.6])
    let k1 = 0.75 * (1 - 0.25 * 0.25), k2 = 0.75 * (1 - 0.5 * 0.5)
    #expect(abs(result.weights[1] - k1 / (k1 + k2)) < 1e-12)
    #expect(abs(result.weights[2] - k2 / (k1 + k2)) < 1e-12)
  }

  @Test("the Gaussian kernel gives every control a positive weight")
  func gaussianSupport() throws {
    let result = try KernelMatcher(kernel: .gaussian, bandwidth: 0.2)
      .match(treatment: [true, false, false], score: [0.5, 0.45, 0.9])
    #expect(result.weights[1] > 0 && result.weights[2] > 0)
    #expect(result.focalUnitsWithoutSupport == 0)
  }

  @Test("invalid options and inputs throw descriptive errors")
  func errors() {
    let treatment = [true, false]
    let score = [0.4, 0.5]
    #expect(throws: OptionError.self) { try KernelMatcher(bandwidth: 0) }
    #expect(throws: OptionError.self) { try KernelMatcher(bandwidth: .nan) }
    #expect(throws: OptionError.self) { try KernelMatcher(estimand: .ate) }
    #expect(throws: DataError.lengthMismatch(column: "The score", expected: 2, found: 1)) {
      try KernelMatcher().match(treatment: treatment, score: [0.4])
    }
    #expect(throws: MatchingError.noMatches(unmatched: 1)) {
      try KernelMatcher(bandwidth: 0.01).match(treatment: treatment, score: score)
    }
  }
}

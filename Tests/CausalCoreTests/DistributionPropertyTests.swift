import Foundation
import Testing

@testable import CausalCore

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
  a == b || abs(a - b) <= tolerance * max(abs(a), abs(b))
}

@Suite("Distribution validation, edge cases and identities")
struct DistributionPropertyTests {
  // MARK: - Parameter validation

  @Test func invalidParametersThrowTypedErrors() {
    #expect(throws: DistributionError.self) { try StudentTDistribution(degreesOfFreedom: -1) }
    #expect(throws: DistributionError.self) { try StudentTDistribution(degreesOfFreedom: 0) }
    #expect(throws: DistributionError.self) { try StudentTDistribution(degreesOfFreedom: .nan) }
    #expect(throws: DistributionError.self) { try ChiSquaredDistribution(degreesOfFreedom: .infinity) }
    #expect(throws: DistributionError.self) { try ChiSquaredDistribution(degreesOfFreedom: -2) }
    #expect(throws: DistributionError.self) {
      try FDistribution(numeratorDegreesOfFreedom: 1, denominatorDegreesOfFreedom: 0)
    }
    #expect(throws: DistributionError.self) {
      try FDistribution(numeratorDegreesOfFreedom: .nan, denominatorDegreesOfFreedom: 3)
    }
    #expect(throws: DistributionError.self) { try NormalDistribution(mean: 0, standardDeviation: 0) }
    #expect(throws: DistributionError.self) { try NormalDistribution(mean: .infinity, standardDeviation: 1) }
  }

  @Test func errorMessagesSayWhatWhereAndWhatToDo() throws {
    do {
      _ = try StudentTDistribution(degreesOfFreedom: -3)
      Issue.record("expected a throw")
    } catch {
      #expect(
        error == .invalidParameter(
          distribution: "StudentTDistribution", parameter: "degreesOfFreedom", value: -3,
          requirement: "greater than 0 (or +infinity for the normal limit)"))
      let text = error.description
      #expect(text.contains("StudentTDistribution") && text.contains("degreesOfFreedom") && text.contains("-3"))
    }
    let t = try StudentTDistribution(degreesOfFreedom: 5)
    #expect(throws: DistributionError.invalidProbability(function: "StudentTDistribution.checkedQuantile", value: 1.5)) {
      try t.checkedQuantile(1.5)
    }
    #expect(throws: DistributionError.self) { try t.checkedUpperQuantile(-0.1) }
    #expect(try t.checkedQuantile(0.975) == t.quantile(0.975))
  }

  // MARK: - Edge values

  @Test func edgeValuesAreDocumentedLimits() throws {
    let t = try StudentTDistribution(degreesOfFreedom: 4)
    #expect(t.quantile(0) == -.infinity && t.quantile(1) == .infinity && t.quantile(0.5) == 0)
    #expect(t.quantile(1.2).isNaN && t.upperQuantile(.nan).isNaN && t.cdf(.nan).isNaN)
    #expect(t.cdf(-.infinity) == 0 && t.cdf(.infinity) == 1 && t.survival(.infinity) == 0)
    let chi2 = try ChiSquaredDistribution(degreesOfFreedom: 3)
    #expect(chi2.cdf(-1) == 0 && chi2.survival(0) == 1 && chi2.quantile(0) == 0)
    #expect(chi2.upperQuantile(0) == .infinity && chi2.density(-1) == 0)
    #expect(try ChiSquaredDistribution(degreesOfFreedom: 2).density(0) == 0.5)
    let f = try FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 7)
    #expect(f.cdf(0) == 0 && f.survival(.infinity) == 0 && f.density(0) == 1)
    #expect(NormalDistribution.standard.quantile(0) == -.infinity)
    #expect(NormalDistribution.standard.survival(-.infinity) == 1)
  }

  @Test func momentsFollowDefinitions() throws {
    #expect(try StudentTDistribution(degreesOfFreedom: 1).mean.isNaN)
    #expect(try StudentTDistribution(degreesOfFreedom: 2).variance == .infinity)
    #expect(try StudentTDistribution(degreesOfFreedom: 6).variance == 1.5)
    #expect(try ChiSquaredDistribution(degreesOfFreedom: 4).variance == 8)
    #expect(try FDistribution(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 10).mean == 1.25)
    #expect(try NormalDistribution(mean: 1, standardDeviation: 3).variance == 9)
  }

  // MARK: - Identities

  @Test func infiniteDegreesOfFreedomIsTheNormal() throws {
    let t = try StudentTDistribution(degreesOfFreedom: .infinity)
    let z = NormalDistribution.standard
    for x in [-30.0, -5, -1, 0, 0.7, 2, 8] {
      #expect(t.cdf(x) == z.cdf(x) && t.survival(x) == z.survival(x) && t.density(x) == z.density(x))
    }
    #expect(t.upperQuantile(1e-10) == z.upperQuantile(1e-10))
    #expect(t.variance == 1)
    // Huge but finite ν approaches the normal smoothly.
    let big = try StudentTDistribution(degreesOfFreedom: 1e12)
    #expect(close(big.survival(3), z.survival(3), 1e-10))
  }

  @Test(arguments: [0.7, 1.0, 2.5, 9.0, 1e3, 1e6])
  func quantilesInvertTheTails(degreesOfFreedom nu: Double) throws {
    let dists: [any ContinuousDistribution] = [
      try StudentTDistribution(degreesOfFreedom: nu),
      try ChiSquaredDistribution(degreesOfFreedom: nu),
      try FDistribution(numeratorDegreesOfFreedom: nu, denominatorDegreesOfFreedom: 7.5),
    ]
    for d in dists {
      for p in [1e-12, 1e-6, 0.01, 0.3, 0.5, 0.8, 0.99] {
        let x = d.quantile(p)
        #expect(close(d.cdf(x), p, 1e-11), "\(d) quantile(\(p)) = \(x), cdf = \(d.cdf(x))")
        let y = d.upperQuantile(p)
        #expect(close(d.survival(y), p, 1e-11), "\(d) upperQuantile(\(p)) = \(y)")
      }
    }
  }

  @Test func tailsAreComplementaryAndSymmetric() throws {
    let t = try StudentTDistribution(degreesOfFreedom: 3.5)
    for x in [-40.0, -3, -0.2, 0, 0.2, 3, 40] {
      #expect(close(t.cdf(x) + t.survival(x), 1, 1e-15))
      #expect(close(t.cdf(-x), t.survival(x), 1e-15))
    }
    let f = try FDistribution(numeratorDegreesOfFreedom: 4, denominatorDegreesOfFreedom: 9)
    let g = try FDistribution(numeratorDegreesOfFreedom: 9, denominatorDegreesOfFreedom: 4)
    for x in [0.01, 0.5, 1, 3, 50] { #expect(close(f.cdf(x), g.survival(1 / x), 1e-13)) }
    // t² with ν df is F(1, ν).
    let f1 = try FDistribution(numeratorDegreesOfFreedom: 1, denominatorDegreesOfFreedom: 3.5)
    for x in [0.5, 2, 10] { #expect(close(t.twoSidedPValue(tStatistic: x), f1.survival(x * x), 1e-13)) }
    // χ² with 2 df is exponential with mean 2.
    let chi2 = try ChiSquaredDistribution(degreesOfFreedom: 2)
    for x in [0.1, 1, 10, 700] { #expect(close(chi2.survival(x), exp(-x / 2), 1e-14)) }
    // Cauchy: t with 1 df.
    let cauchy = try StudentTDistribution(degreesOfFreedom: 1)
    for x in [-1e6, -2, 0.5, 3] { #expect(close(cauchy.cdf(x), atan2(1, -x) / Double.pi, 1e-14)) }
  }

  @Test func tinyPValuesKeepRelativeAccuracy() throws {
    // Upper tails are computed directly: far beyond 1 − cdf's reach.
    let z = NormalDistribution.standard
    #expect(z.survival(37) > 0 && z.survival(37) < 1e-298)
    #expect(close(z.upperQuantile(z.survival(30)), 30, 1e-14))
    let t = try StudentTDistribution(degreesOfFreedom: 1e7)
    #expect(close(t.upperQuantile(1e-300), 37.04836842874147, 1e-12))
  }

  // MARK: - Convenience p-values and documented examples

  @Test func pValueHelpersMatchDistributions() throws {
    #expect(close(try PValues.twoSided(tStatistic: 3, degreesOfFreedom: 10), 0.01334365502256957))
    #expect(close(try PValues.twoSided(tStatistic: -3, degreesOfFreedom: 10), 0.01334365502256957))
    #expect(close(PValues.twoSided(zStatistic: 1.96), 2 * 0.024997895148220435))
    #expect(close(try PValues.upperTail(chiSquaredStatistic: 7.815, degreesOfFreedom: 3), 0.049993902974883875))
    #expect(
      close(
        try PValues.upperTail(fStatistic: 2.9222771906450373, numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 30),
        0.05))
    #expect(close(try PValues.twoSidedCriticalValue(alpha: 0.05, degreesOfFreedom: 10), 2.2281388519862753))
    #expect(throws: DistributionError.self) { try PValues.twoSidedCriticalValue(alpha: 0, degreesOfFreedom: 10) }
    #expect(throws: DistributionError.self) { try PValues.twoSided(tStatistic: 1, degreesOfFreedom: -1) }
    #expect(close(NormalDistribution.standard.upperQuantile(0.025), 1.9599639845400545, 1e-15))
    #expect(close(try ChiSquaredDistribution(degreesOfFreedom: 3).upperQuantile(0.05), 7.814727903251178))
  }

  // MARK: - Special functions

  @Test func logBetaIsAccurateForLargeArguments() {
    // References: mpmath loggamma at 50 digits.
    #expect(close(SpecialFunctions.logBeta(5e6, 0.5), -7.140109267274487, 1e-14))
    #expect(close(SpecialFunctions.logBeta(1e4, 1e4), -13866.28325676141, 1e-14))
    #expect(close(SpecialFunctions.logBeta(3, 4), log(1.0 / 60), 1e-14))
    #expect(SpecialFunctions.logBeta(-1, 2).isNaN)
  }

  @Test func incompleteFunctionsReturnNaNOutsideDomain() {
    #expect(SpecialFunctions.regularizedGammaP(-1, 2).isNaN)
    #expect(SpecialFunctions.regularizedBeta(x: 1.5, a: 2, b: 3).isNaN)
    #expect(SpecialFunctions.regularizedBeta(x: 0, a: 2, b: 3) == 0)
    #expect(close(SpecialFunctions.regularizedBetaComplement(x: 0.3, a: 1, b: 1), 0.7, 1e-15))
    #expect(close(SpecialFunctions.regularizedGammaQ(1, 3), exp(-3), 1e-15))
  }
}

import CausalKit
import Foundation

/// One effect a coverage design estimates: its label in the report and its true value.
struct EffectTruth: Sendable {
  /// The label, prefixed with the estimator (`interventional: Joint indirect`).
  var name: String
  /// The true value of the estimand in the data-generating process.
  var value: Double
  /// Set when the estimator returns this effect identically (an exact zero by construction), so
  /// its interval is no test of coverage.
  var identicallyZero = false
}

/// One data set's estimate of one effect: the point estimate, its standard error and the 95%
/// interval as the library reports them.
struct EffectEstimate: Sendable {
  var estimate: Double
  var standardError: Double
  var low: Double
  var high: Double

  /// The estimate of a tidy row.
  init(_ row: CoefficientRow) {
    estimate = row.estimate
    standardError = row.standardError
    low = row.confLow
    high = row.confHigh
  }
}

/// A simulation design of `causalkit-bench mediation-coverage`: a data-generating process with
/// known effects and the library fits that estimate them.
///
/// ``truths`` and the values ``estimates(using:)`` returns are in the same order. A design must
/// be a pure function of the generator it is given, so that a replication's results depend only
/// on the study's seed and the replication's index.
protocol CoverageDesign: Sendable {
  /// The name given to `--design`.
  var name: String { get }
  /// A description of the process, the sample size and the inference settings for the report.
  var summary: String { get }
  /// The effects and their true values.
  var truths: [EffectTruth] { get }
  /// How the truths were obtained and how accurate they are.
  var truthNote: String { get }
  /// Simulates one data set from `generator`, fits it and returns one estimate per truth.
  ///
  /// - Parameter generator: The replication's generator; the data are drawn from it, then the
  ///   seed of the fits' bootstrap or draws.
  func estimates(using generator: inout SeededGenerator) throws -> [EffectEstimate]
}

extension SeededGenerator {
  /// A Bernoulli draw with success probability `p`, as 0 or 1.
  mutating func nextBernoulli(_ p: Double) -> Double { nextUniform() < p ? 1 : 0 }
}

/// The logistic function `1 / (1 + e^{−x})`.
func expit(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }

/// The Monte Carlo coverage settings shared by the designs.
struct CoverageSettings: Sendable {
  /// Bootstrap replicates per data set.
  var bootstrap: Int
  /// Monte Carlo draws per observation of the g-computation (nonlinear models).
  var draws: Int
  /// Observations per data set (individuals; for the clustered design, schools × students).
  var observations: Int?
}

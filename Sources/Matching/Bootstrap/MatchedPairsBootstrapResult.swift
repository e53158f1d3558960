import CausalCore
import Resampling

/// The outcome of ``MatchedPairsBootstrap/fit(_:)``: the effect's bootstrap summary and how it
/// was obtained.
///
/// Its one tidy row (``coefficients``) is the effect, term = the treatment column. Encoded
/// flat with the effect's keys as the `causalkit match --bootstrap` entry prints them (`term`,
/// `estimate`, `std_error`, `p_value`, `conf_low`, `conf_high`, `ci`, `reps`, `enumerated`,
/// `failed`, `method` = `matched-set-cluster`) plus `estimand`, `matched_sets`, `nobs`,
/// `regression_adjusted`, `seed`, `confidence_level`; non-finite numbers as `null`.
public struct MatchedPairsBootstrapResult: EstimationResult, Equatable {
  /// What the effect targets (ATT or ATC).
  public let estimand: MatchingEstimand
  /// The effect (term = the treatment column): estimate, bootstrap SE, interval, p-value,
  /// replicates and failures.
  public let effect: ResampledEstimate
  /// The interval method.
  public let method: IntervalMethod
  /// The confidence level.
  public let confidenceLevel: Double
  /// The number of replicates `B`.
  public let replicates: Int
  /// The root seed.
  public let seed: UInt64
  /// The number of matched sets resampled, `G`.
  public let matchedSetCount: Int
  /// The number of matched units.
  public let observationCount: Int
  /// Whether the effect is the covariate-adjusted regression coefficient (otherwise the
  /// weighted difference in means).
  public let regressionAdjusted: Bool
  /// The message of the lowest-numbered failed replicate, if any.
  public let firstFailure: String?

  /// Creates a result (done by ``MatchedPairsBootstrap``).
  ///
  /// - Parameters: One per property.
  public init(
    estimand: MatchingEstimand, effect: ResampledEstimate, method: IntervalMethod, confidenceLevel: Double,
    replicates: Int, seed: UInt64, matchedSetCount: Int, observationCount: Int, regressionAdjusted: Bool,
    firstFailure: String?
  ) {
    self.estimand = estimand
    self.effect = effect
    self.method = method
    self.confidenceLevel = confidenceLevel
    self.replicates = replicates
    self.seed = seed
    self.matchedSetCount = matchedSetCount
    self.observationCount = observationCount
    self.regressionAdjusted = regressionAdjusted
    self.firstFailure = firstFailure
  }

  /// The effect as one tidy row (see `ResampledEstimate/row`).
  public var coefficients: [CoefficientRow] { [effect.row] }

  /// Nothing is dropped by the bootstrap itself: units without positive weight are simply not
  /// matched (the matching result reports them).
  public var drops: DropReport { DropReport() }

  /// One line with the estimate, the bootstrap standard error, the interval and the p-value.
  public func summary() -> String {
    "Matched-set bootstrap (Abadie-Spiess, \(estimand.rawValue), \(matchedSetCount) sets, \(replicates) replicates, "
      + "seed \(seed), \(method.rawValue)): \(effect.term) = \(effect.estimate), s.e. \(effect.standardError), "
      + "\(confidenceLevel * 100)% CI \(effect.interval.interval), p = \(effect.pValue), failed \(effect.failures)"
  }

  /// Encodes the effect's keys and the run's (see the type's discussion).
  public func encode(to encoder: any Encoder) throws {
    try effect.encode(to: encoder)
    try encoder.encodeFields([
      .value("estimand", estimand), .value("method", "matched-set-cluster"), .value("matched_sets", matchedSetCount),
      .value("nobs", observationCount), .value("regression_adjusted", regressionAdjusted), .value("seed", seed),
      .ifPresent("first_failure", firstFailure),
    ])
  }

}

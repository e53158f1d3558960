import CausalCore

/// The outcome of a wild bootstrap test of one restriction: clustered (``WildClusterBootstrap``)
/// or heteroskedastic (``WildBootstrap``, one weight per observation).
///
/// Its one tidy row (``coefficients``) is the tested combination: term = ``hypothesis``, the
/// estimate `Rβ̂`, its robust standard error and t statistic, the **bootstrap** p-value and the
/// test-inversion interval (NaN bounds when no level was requested). Encoded with snake_case
/// keys (`term`, `p_value`, `conf_low`, `conf_high`, `reps`, `enumerated`, `failed`, `method`,
/// `weights`, ...), non-finite numbers as `null`.
public struct WildBootstrapResult: EstimationResult, Equatable {
  /// The hypothesis, as a label (`treat`, or `1.0*x + -1.0*z = 0.0`).
  public let hypothesis: String
  /// `Rβ̂`, the estimate of the tested combination.
  public let estimate: Double
  /// `√(R V R')`, the robust standard error of ``estimate`` (the denominator of ``statistic``).
  public let standardError: Double
  /// The robust t statistic `(Rβ̂ − r)/se` with the fit's small-sample factor: CR1 for the
  /// wild cluster bootstrap (fixest's `(n−1)/(n−K) · G/(G−1)` by default), HC1 for the
  /// heteroskedastic one (fixest's `n/(n−K)`).
  public let statistic: Double
  /// The bootstrap p-value of ``statistic``.
  public let pValue: Double
  /// How ``pValue`` was formed.
  public let pValueType: WildBootstrapPValueType
  /// Number of replicates computed: `B`, or `2^G` when ``enumerated``.
  public let replicates: Int
  /// Whether all `2^G` Rademacher sign vectors were enumerated (exact p-value) instead of
  /// drawn at random; done when the weights are Rademacher and `2^G ≤ B`.
  public let enumerated: Bool
  /// Replicates whose variance was zero or not finite; they are left out of the p-value.
  public let failures: Int
  /// Whether the null was imposed on the bootstrap data (WCR/WR) or not (WCU/WU).
  public let imposeNull: Bool
  /// Whether the weights were drawn per cluster (``WildClusterBootstrap``) or per observation
  /// (``WildBootstrap``, heteroskedasticity-robust).
  public let clustered: Bool
  /// The weight distribution.
  public let weights: BootstrapWeightDistribution
  /// Number of clusters `G`; for ``WildBootstrap`` every observation is its own cluster, so
  /// this is the number of observations.
  public let clusterCount: Int
  /// Number of observations used.
  public let observationCount: Int
  /// The level of ``confidenceInterval``, `nil` when none was requested.
  public let confidenceLevel: Double?
  /// The confidence interval for `Rβ` by test inversion, when a level was requested (bounds
  /// may be infinite: wild bootstrap intervals can be unbounded).
  public let confidenceInterval: ConfidenceInterval?
  /// The bootstrap t statistics, in replicate order (`NaN` for failures).
  public let bootstrapStatistics: [Double]
  /// What the model's fit removed.
  public let drops: DropReport

  /// Creates a result (done by the wild bootstraps; public for tests).
  ///
  /// - Parameters: One per property.
  public init(
    hypothesis: String, estimate: Double, standardError: Double, statistic: Double, pValue: Double,
    pValueType: WildBootstrapPValueType, replicates: Int, enumerated: Bool, failures: Int, imposeNull: Bool,
    clustered: Bool, weights: BootstrapWeightDistribution, clusterCount: Int, observationCount: Int,
    confidenceLevel: Double?, confidenceInterval: ConfidenceInterval?, bootstrapStatistics: [Double],
    drops: DropReport = DropReport()
  ) {
    self.hypothesis = hypothesis
    self.estimate = estimate
    self.standardError = standardError
    self.statistic = statistic
    self.pValue = pValue
    self.pValueType = pValueType
    self.replicates = replicates
    self.enumerated = enumerated
    self.failures = failures
    self.imposeNull = imposeNull
    self.clustered = clustered
    self.weights = weights
    self.clusterCount = clusterCount
    self.observationCount = observationCount
    self.confidenceLevel = confidenceLevel
    self.confidenceInterval = confidenceInterval
    self.bootstrapStatistics = bootstrapStatistics
    self.drops = drops
  }

  /// The method label the tool prints: `wild-cluster-restricted`, `wild-hetero-unrestricted`, ...
  public var method: String {
    (clustered ? "wild-cluster-" : "wild-hetero-") + (imposeNull ? "restricted" : "unrestricted")
  }

  /// The tested combination as one tidy row, with the bootstrap p-value and the test-inversion
  /// interval (NaN bounds without one).
  public var coefficients: [CoefficientRow] {
    [
      CoefficientRow(
        term: hypothesis, estimate: estimate, standardError: standardError, statistic: statistic, pValue: pValue,
        confLow: confidenceInterval?.lower ?? .nan, confHigh: confidenceInterval?.upper ?? .nan)
    ]
  }

  /// A short report: the hypothesis, the statistic, the p-value and the interval.
  public func summary() -> String {
    var lines = [
      "Wild bootstrap (\(method), \(weights.rawValue) weights, \(replicates) replicates"
        + (enumerated ? ", enumerated" : "") + ")",
      "H0: \(hypothesis)   estimate \(estimate)   t = \(statistic)   p = \(pValue)",
    ]
    if let confidenceInterval, let confidenceLevel {
      lines.append("\(confidenceLevel * 100)% interval by test inversion: \(confidenceInterval)")
    }
    lines.append("Observations: \(observationCount)   clusters: \(clusterCount)   failed replicates: \(failures)")
    lines.append(contentsOf: drops.notes)
    return lines.joined(separator: "\n")
  }

  /// Encodes the result; the interval as `conf_low`/`conf_high` (`null` when absent or
  /// infinite), every non-finite number as `null`.
  public func encode(to encoder: any Encoder) throws {
    // term, estimate, std_error, statistic, p_value, conf_low, conf_high: the tidy row.
    try coefficients[0].encode(to: encoder)
    try encoder.encodeFields([
      .value("hypothesis", hypothesis), .value("p_value_type", pValueType), .number("confidence_level", confidenceLevel),
      .value("reps", replicates), .value("enumerated", enumerated), .value("failed", failures),
      .value("impose_null", imposeNull), .value("clustered", clustered), .value("method", method),
      .value("weights", weights), .value("cluster_count", clusterCount), .value("nobs", observationCount),
      .numbers("bootstrap_statistics", bootstrapStatistics), .value("dropped", drops),
    ])
  }
}

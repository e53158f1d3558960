/// The outcome of a wild bootstrap test of one restriction: clustered (``WildClusterBootstrap``)
/// or heteroskedastic (``WildBootstrap``, one weight per observation).
public struct WildBootstrapResult: Sendable, Equatable {
  /// The hypothesis, as a label (`treat`, or `1.0*x + -1.0*z = 0.0`).
  public var hypothesis: String
  /// `Rβ̂`, the estimate of the tested combination.
  public var estimate: Double
  /// The robust t statistic `(Rβ̂ − r)/se` with the fit's small-sample factor: CR1 for the
  /// wild cluster bootstrap (fixest's `(n−1)/(n−K) · G/(G−1)` by default), HC1 for the
  /// heteroskedastic one (fixest's `n/(n−K)`).
  public var statistic: Double
  /// The bootstrap p-value of ``statistic``.
  public var pValue: Double
  /// How ``pValue`` was formed.
  public var pValueType: WildBootstrapPValueType
  /// Number of replicates computed: `B`, or `2^G` when ``enumerated``.
  public var replicates: Int
  /// Whether all `2^G` Rademacher sign vectors were enumerated (exact p-value) instead of
  /// drawn at random; done when the weights are Rademacher and `2^G ≤ B`.
  public var enumerated: Bool
  /// Replicates whose variance was zero or not finite; they are left out of the p-value.
  public var failures: Int
  /// Whether the null was imposed on the bootstrap data (WCR/WR) or not (WCU/WU).
  public var imposeNull: Bool
  /// Whether the weights were drawn per cluster (``WildClusterBootstrap``) or per observation
  /// (``WildBootstrap``, heteroskedasticity-robust).
  public var clustered: Bool
  /// The weight distribution.
  public var weights: BootstrapWeightDistribution
  /// Number of clusters `G`; for ``WildBootstrap`` every observation is its own cluster, so
  /// this is the number of observations.
  public var clusterCount: Int
  /// Number of observations used.
  public var observationCount: Int
  /// The confidence interval for `Rβ` by test inversion, when a level was requested (bounds
  /// may be infinite: wild bootstrap intervals can be unbounded).
  public var confidenceInterval: ClosedRange<Double>?
  /// The bootstrap t statistics, in replicate order (`NaN` for failures).
  public var bootstrapStatistics: [Double]
}

/// Small-sample factors and degrees of freedom for linear-model variances.
///
/// Two presets are provided and every switch can be set by hand:
///
/// - ``fixest`` (default): the defaults of R's fixest and Python's pyfixest,
///   `ssc(adj = TRUE, fixef.K = "nested", cluster.adj = TRUE, cluster.df = "min", t.df = "min")`.
/// - ``stata``: the conventions of Stata's `reghdfe`: the same factors, but the redundant
///   fixed-effect parameters between the first two dimensions are counted exactly from the
///   connected components of their bipartite graph ("mobility groups"), so `K_fe` is smaller
///   on designs that split into several groups.
///
/// With `K = k + K_fe`, where `k` counts the estimated slopes and `K_fe` the fixed-effect
/// parameters: for one dimension `K_fe = L₁` (its levels); for several,
/// `K_fe = Σ L_d − (D − 1)` (one redundant level per extra dimension, assuming a connected
/// design) or, with ``exactRedundancy``, `Σ L_d − c₁₂ − (D − 2)` where `c₁₂` is the number
/// of connected components of the first two dimensions. Under ``FixedEffectCount/nested``
/// a dimension nested in a cluster variable (same name, or every level inside one cluster of
/// some cluster variable or of their intersection) counts as one parameter instead of `L_d`
/// when the variance is clustered.
///
/// The factors: iid `σ² = RSS/(n−K)` (or `RSS/(n−1)` without ``adjust``); HC1 `n/(n−K)`;
/// CR1 `(n−1)/(n−K) · G/(G−1)`. The t degrees of freedom are `n − K` (iid, robust) or
/// `min(G) − 1` (clustered).
public struct SmallSampleCorrection: Sendable, Equatable, Codable {
  /// How fixed-effect parameters enter K.
  public enum FixedEffectCount: String, Sendable, Equatable, CaseIterable, Codable {
    /// Not counted.
    case none
    /// Counted in full.
    case full
    /// Counted unless nested in a cluster variable (only differs from `full` when clustered).
    case nested
  }

  /// Which cluster count multi-way terms use.
  public enum ClusterDF: String, Sendable, Equatable, CaseIterable, Codable {
    /// Every term of the multi-way sum is scaled by `G_min/(G_min−1)`.
    case min
    /// Each term is scaled by its own `G/(G−1)`.
    case conventional
  }

  /// Apply `(n−1)/(n−K)`.
  public let adjust: Bool
  /// How fixed effects count in K.
  public let fixedEffectCount: FixedEffectCount
  /// Apply `G/(G−1)` (for HC1, `n/(n−1)`).
  public let clusterAdjust: Bool
  /// Multi-way cluster factor.
  public let clusterDF: ClusterDF
  /// Count redundant fixed-effect parameters from connected components (reghdfe) instead of
  /// assuming one per extra dimension (fixest, pyfixest).
  public let exactRedundancy: Bool

  /// Creates a correction.
  public init(
    adjust: Bool = true, fixedEffectCount: FixedEffectCount = .nested, clusterAdjust: Bool = true,
    clusterDF: ClusterDF = .min, exactRedundancy: Bool = false
  ) {
    self.exactRedundancy = exactRedundancy
    self.adjust = adjust
    self.fixedEffectCount = fixedEffectCount
    self.clusterAdjust = clusterAdjust
    self.clusterDF = clusterDF
  }

  /// fixest / pyfixest defaults.
  public static let fixest = SmallSampleCorrection()
  /// Stata reghdfe conventions.
  public static let stata = SmallSampleCorrection(
    adjust: true, fixedEffectCount: .nested, clusterAdjust: true, clusterDF: .min, exactRedundancy: true)

  enum CodingKeys: String, CodingKey {
    case adjust, fixedEffectCount = "fixed_effect_count", clusterAdjust = "cluster_adjust", clusterDF = "cluster_df"
    case exactRedundancy = "exact_redundancy"
  }

}

/// Small-sample factors and degrees of freedom for linear-model variances.
///
/// Two presets are provided and every switch can be set by hand:
///
/// - ``fixest`` (default): the defaults of R's fixest and Python's pyfixest,
///   `ssc(adj = TRUE, fixef.K = "nested", cluster.adj = TRUE, cluster.df = "min", t.df = "min")`.
/// - ``stata``: the conventions of Stata's `reghdfe` (and `areg`/`xtreg, fe` with
///   `vce(cluster)`): fixed effects nested in a cluster variable are not counted in K, the
///   factor is `G/(G−1) · (n−1)/(n−K)` with one-way clustering and each term of a multi-way
///   sum gets its own `G/(G−1)` ("conventional"), and the t degrees of freedom are `G − 1`
///   with the smallest G.
///
/// With `K = k + K_fe`, where `k` counts the estimated slopes and `K_fe` the fixed-effect
/// parameters: for one dimension `K_fe = G₁`; for several, `Σ G_d − (D − 1)` (one redundant
/// level per extra dimension, assuming a connected design). Under ``FixedEffectCount/nested``
/// a dimension whose every level lies inside one cluster contributes nothing when the
/// variance is clustered (its parameters are absorbed by the cluster structure).
public struct SmallSampleCorrection: Sendable, Equatable {
  /// How fixed-effect parameters enter K.
  public enum FixedEffectCount: String, Sendable, Equatable, CaseIterable {
    /// Not counted.
    case none
    /// Counted in full.
    case full
    /// Counted unless nested in a cluster variable (only differs from `full` when clustered).
    case nested
  }

  /// Which cluster count multi-way terms use.
  public enum ClusterDF: String, Sendable, Equatable, CaseIterable {
    /// Every term of the multi-way sum is scaled by `G_min/(G_min−1)`.
    case min
    /// Each term is scaled by its own `G/(G−1)`.
    case conventional
  }

  /// Apply `(n−1)/(n−K)`.
  public var adjust: Bool
  /// How fixed effects count in K.
  public var fixedEffectCount: FixedEffectCount
  /// Apply `G/(G−1)` (for HC1, `n/(n−1)`).
  public var clusterAdjust: Bool
  /// Multi-way cluster factor.
  public var clusterDF: ClusterDF

  /// Creates a correction.
  public init(
    adjust: Bool = true, fixedEffectCount: FixedEffectCount = .nested, clusterAdjust: Bool = true,
    clusterDF: ClusterDF = .min
  ) {
    self.adjust = adjust
    self.fixedEffectCount = fixedEffectCount
    self.clusterAdjust = clusterAdjust
    self.clusterDF = clusterDF
  }

  /// fixest / pyfixest defaults.
  public static let fixest = SmallSampleCorrection()
  /// Stata reghdfe conventions.
  public static let stata = SmallSampleCorrection(
    adjust: true, fixedEffectCount: .nested, clusterAdjust: true, clusterDF: .conventional)
}

import CausalCore

/// How a bootstrap replicate draws a new sample from the rows of a `DataTable`.
///
/// All schemes sample **with replacement** and are driven by one `SeededGenerator`
/// per replicate (see ``BootstrapResampler``), so a replicate's sample depends only on
/// `(seed, replicate)`.
public enum ResamplingScheme: Sendable, Equatable {
  /// The ordinary nonparametric ("pairs") bootstrap: `n` row indices drawn uniformly from
  /// `0..<n`, each with `nextInt(below: n)`, in output order.
  case pairs
  /// The cluster (block) bootstrap: `G` clusters drawn uniformly with replacement from the `G`
  /// distinct values of `column` (in order of first appearance), each with
  /// `nextInt(below: G)`. The sample holds all rows of each drawn cluster, in the original row
  /// order within a cluster and in draw order across clusters; a cluster drawn twice appears
  /// twice. An `Int` column named ``BootstrapResampler/clusterColumnName`` (`bootstrap_cluster`)
  /// is added (or replaced) holding the draw number `0..<G`, so each drawn copy is a distinct
  /// cluster for a statistic that clusters (e.g. cluster-robust standard errors, fixed effects).
  case cluster(column: String)
  /// Stratified resampling: output row `i` is drawn uniformly from the rows in the same level of
  /// `column` as original row `i` (`nextInt(below: n_h)`, rows taken in order `i = 0, 1, …`), so
  /// every stratum keeps its size and its positions, as in `boot(..., strata = )`.
  case stratified(column: String)
}

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

extension ResamplingScheme: Codable {
  /// The scheme's name as the tool prints it: `pairs`, `cluster` or `stratified`.
  public var name: String {
    switch self {
    case .pairs: return "pairs"
    case .cluster: return "cluster"
    case .stratified: return "stratified"
    }
  }

  /// The column the scheme groups by, `nil` for pairs.
  public var column: String? {
    switch self {
    case .pairs: return nil
    case .cluster(let column), .stratified(let column): return column
    }
  }

  enum CodingKeys: String, CodingKey { case type, column }

  /// Encodes `{"type": "cluster", "column": "school"}` (no `column` for pairs).
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [.value(.type, name), .ifPresent(.column, column)])
  }


  /// Decodes a scheme written by ``encode(to:)``.
  ///
  /// - Throws: `DecodingError.dataCorrupted` for an unknown type or a missing column.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let type: String = try c.value(.type)
    switch type {
    case "pairs": self = .pairs
    case "cluster": self = .cluster(column: try c.value(.column))
    case "stratified": self = .stratified(column: try c.value(.column))

    default:
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: c, debugDescription: "unknown resampling scheme '\(type)' (pairs, cluster, stratified)")
    }
  }
}

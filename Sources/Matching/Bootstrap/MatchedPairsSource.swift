import CausalCore
import Resampling

/// Where ``MatchedPairsBootstrap`` takes its matched sets from. In every case the matches are
/// held fixed across replicates.
public enum MatchedPairsSource: Sendable {
  /// Match the table given to ``MatchedPairsBootstrap/fit(_:)`` with this design first.
  case matcher(PropensityScoreMatching)
  /// The result of a matching of the table given to ``MatchedPairsBootstrap/fit(_:)``: its
  /// rows index that table, which is checked to be the matched one.
  case result(PropensityScoreMatchingResult)
  /// A matched set whose units are the rows of the table, in order.
  case matchedSet(MatchedSet)

  /// The table restricted to the matched units, in the matcher's order, and the matched set.
  ///
  /// - Throws: `ResampledInferenceError/tableMismatch(_:)` when a matching result's table
  ///   is not `data`; the matcher's errors.
  /// - Complexity: O(n × columns), plus the matching for ``matcher(_:)``.
  func units(of data: DataTable) throws -> (DataTable, MatchedSet) {
    switch self {
    case .matcher(let design):
      let result = try design.fit(data)
      return (data.selecting(rows: result.rows), result.matched)
    case .result(let result):
      try Self.check(data, against: result)
      return (data.selecting(rows: result.rows), result.matched)
    case .matchedSet(let matched):
      return (data, matched)
    }
  }

  /// Throws unless `data` is the table `result` was computed on (its ``TableFingerprint``), so
  /// that its stored row numbers can neither trap on a shorter table nor silently misalign on
  /// a different one of the same size.
  static func check(_ data: DataTable, against result: PropensityScoreMatchingResult) throws(ResampledInferenceError) {
    do {
      try result.fingerprint.check(data)
    } catch {
      throw .tableMismatch(error)
    }
  }
}

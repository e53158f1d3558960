/// How many units of one treatment group were matched, left unmatched or discarded
/// (one column of MatchIt's `summary(m)$nn`).
public struct MatchGroupCounts: Sendable, Equatable, Hashable, Codable {
  /// Units in the group.
  public let all: Int
  /// Units with a positive weight.
  public let matched: Int
  /// Units with weight 0 that were not discarded.
  public let unmatched: Int
  /// Units removed by the common-support rule.
  public let discarded: Int
}

/// Sample sizes after matching, by treatment group (not by focal group), as MatchIt reports them.
public struct MatchCounts: Sendable, Equatable, Hashable, Codable {
  /// Control units.
  public let control: MatchGroupCounts
  /// Treated units.
  public let treated: MatchGroupCounts
  /// Focal units that were not discarded but received fewer than `ratio` matches (MatchIt
  /// warns "Not all treated units will get `ratio` matches" and matches as many as it can).
  /// Always 0 for kernel matching.
  public let focalUnitsShortOfRatio: Int

  /// The JSON keys.
  enum CodingKeys: String, CodingKey {
    case control, treated
    case focalUnitsShortOfRatio = "focal_units_short_of_ratio"
  }

  /// Creates a count record.
  ///
  /// - Parameters:
  ///   - control: Control-group counts.
  ///   - treated: Treated-group counts.
  ///   - focalUnitsShortOfRatio: Focal units with fewer matches than requested.
  public init(control: MatchGroupCounts, treated: MatchGroupCounts, focalUnitsShortOfRatio: Int) {
    self.control = control
    self.treated = treated
    self.focalUnitsShortOfRatio = focalUnitsShortOfRatio
  }

  /// Counts from the weights: matched means a positive weight, as in MatchIt.
  ///
  /// - Parameters:
  ///   - treatment: `true` for treated units.
  ///   - weights: The matching weight of each unit.
  ///   - discarded: `true` for units removed by the common-support rule.
  ///   - focalUnitsShortOfRatio: Focal units with fewer matches than requested.
  /// - Complexity: O(n).
  init(treatment: [Bool], weights: [Double], discarded: [Bool], focalUnitsShortOfRatio: Int) {
    // all, matched, unmatched, discarded; control first.
    var tally = [[Int]](repeating: [0, 0, 0, 0], count: 2)
    for i in treatment.indices {
      let g = treatment[i] ? 1 : 0
      tally[g][0] += 1
      tally[g][discarded[i] ? 3 : (weights[i] > 0 ? 1 : 2)] += 1
    }
    let groups = tally.map { MatchGroupCounts(all: $0[0], matched: $0[1], unmatched: $0[2], discarded: $0[3]) }
    self.init(control: groups[0], treated: groups[1], focalUnitsShortOfRatio: focalUnitsShortOfRatio)
  }
}

/// How many units of one treatment group were matched, left unmatched or discarded
/// (one column of MatchIt's `summary(m)$nn`).
public struct MatchGroupCounts: Sendable, Equatable, Hashable, Codable {
  /// Units in the group.
  public var all: Int
  /// Units with a positive weight.
  public var matched: Int
  /// Units with weight 0 that were not discarded.
  public var unmatched: Int
  /// Units removed by the common-support rule.
  public var discarded: Int

  /// Creates a count record.
  ///
  /// - Parameters:
  ///   - all: Units in the group.
  ///   - matched: Units with a positive weight.
  ///   - unmatched: Units with weight 0 that were not discarded.
  ///   - discarded: Units removed by the common-support rule.
  public init(all: Int, matched: Int, unmatched: Int, discarded: Int) {
    self.all = all
    self.matched = matched
    self.unmatched = unmatched
    self.discarded = discarded
  }
}

/// Sample sizes after matching, by treatment group (not by focal group), as MatchIt reports them.
public struct MatchCounts: Sendable, Equatable, Hashable, Codable {
  /// Control units.
  public var control: MatchGroupCounts
  /// Treated units.
  public var treated: MatchGroupCounts
  /// Focal units that were not discarded but received fewer than `ratio` matches (MatchIt
  /// warns "Not all treated units will get `ratio` matches" and matches as many as it can).
  /// Always 0 for kernel matching.
  public var focalUnitsShortOfRatio: Int

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
    var groups = [MatchGroupCounts](
      repeating: MatchGroupCounts(all: 0, matched: 0, unmatched: 0, discarded: 0), count: 2)
    for i in treatment.indices {
      let g = treatment[i] ? 1 : 0
      groups[g].all += 1
      if discarded[i] {
        groups[g].discarded += 1
      } else if weights[i] > 0 {
        groups[g].matched += 1
      } else {
        groups[g].unmatched += 1
      }
    }
    self.init(control: groups[0], treated: groups[1], focalUnitsShortOfRatio: focalUnitsShortOfRatio)
  }
}

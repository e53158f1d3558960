/// Exact-matching strata: units that share the codes of every exact-matching variable.
///
/// MatchIt (`exact = ~ …`) splits the sample by the combination of the exact variables and runs
/// nearest-neighbour matching separately in each stratum (each with its own matching order);
/// a focal unit is only ever matched within its own stratum.
enum MatchingStrata {
  /// Groups the units by their code combination.
  ///
  /// - Parameters:
  ///   - codes: One array of codes per exact-matching variable, each with one code per unit.
  ///   - unitCount: Number of units.
  /// - Returns: The strata, each listing its units in data order; strata are ordered by their
  ///   code combination (lexicographically), like the levels of MatchIt's combined factor.
  ///   With no exact variables there is one stratum holding every unit.
  /// - Complexity: O(n · v + s log s) for v variables and s strata.
  static func strata(codes: [[Int32]], unitCount: Int) -> [[Int]] {
    guard !codes.isEmpty else { return [Array(0..<unitCount)] }
    var index: [[Int32]: Int] = [:]
    var keys: [[Int32]] = []
    var members: [[Int]] = []
    for i in 0..<unitCount {
      let key = codes.map { $0[i] }
      if let s = index[key] {
        members[s].append(i)
      } else {
        index[key] = members.count
        keys.append(key)
        members.append([i])
      }
    }
    let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
    return order.map { members[$0] }
  }
}

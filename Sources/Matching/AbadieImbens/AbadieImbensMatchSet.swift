/// The matches of every unit to be matched, in `Matching::Match`'s order.
///
/// Units are coded in the *focal* orientation Match uses internally: for the ATC the
/// treatment indicator is flipped, so in every case a focal unit with `focal[i] == true` is
/// matched to units with `focal[j] == false` and "treated" means "focal". For the ATT and ATC
/// the units to be matched are the focal ones; for the ATE every unit is matched to the other
/// group. Rows (pairs) are ordered by the matched unit's index and then by the match's index,
/// and each row of unit i has weight 1/mᵢ, mᵢ the number of its matches (more than M when
/// there are ties).
struct AbadieImbensMatchSet: Sendable {
  /// Units that found matches, in increasing index order.
  var units: [Int] = []
  /// `matches[offsets[u]..<offsets[u + 1]]` are the matches of `units[u]`.
  var offsets: [Int] = [0]
  /// Matched unit indices, concatenated.
  var matches: [Int] = []
  /// Units to be matched that the caliper dropped (Match's `ndrops.matches`).
  var dropped = 0

  /// Number of pair rows.
  var rowCount: Int { matches.count }

  /// Finds the matches.
  ///
  /// - Parameters:
  ///   - search: The neighbour search.
  ///   - focal: Focal coding of each unit (treatment, flipped for the ATC).
  ///   - treatment: The original treatment of each unit (the search's groups).
  ///   - everyUnit: Whether every unit is matched (ATE) or only focal ones.
  ///   - count: M, the number of matches per unit.
  ///   - physicalMemory: The memory the pairs must fit in; the machine's by default.
  /// - Throws: ``MatchingError/tooManyTies(matchedUnits:totalUnits:pairs:bytesPerPair:physicalMemory:)``
  ///   as soon as the pairs found so far could not fit (with everything the estimator keeps
  ///   per pair, ``bytesPerPair``) in physical memory, instead of ending the process in an
  ///   allocation.
  /// - Complexity: one neighbour query per unit to be matched.
  init(
    search: AbadieImbensNeighborSearch, focal: [Bool], treatment: [Bool], everyUnit: Bool, count: Int,
    physicalMemory: UInt64 = ReplicateMemory.physicalMemory
  ) throws(MatchingError) {
    let total = everyUnit ? focal.count : focal.reduce(0) { $0 + ($1 ? 1 : 0) }
    let budget = ReplicateMemory(doubles: 0, arrays: 0, overhead: Self.bytesPerPair)
    for i in focal.indices where everyUnit || focal[i] {
      guard let found = search.matches(of: i, treatedGroup: !treatment[i], count: count) else {
        dropped += 1
        continue
      }
      let pairs = ReplicateMemory.sum(matches.count, found.count)
      guard budget.fits(count: pairs, physicalMemory: physicalMemory) else {
        throw .tooManyTies(
          matchedUnits: units.count + 1, totalUnits: total, pairs: pairs, bytesPerPair: Self.bytesPerPair,
          physicalMemory: physicalMemory)
      }
      units.append(i)
      matches.append(contentsOf: found)
      offsets.append(matches.count)
    }
  }

  /// The bytes the estimator keeps per matched pair at its peak: the match index, the row
  /// weight, the owning unit, the raw and adjusted pair effects and the reported pair (two
  /// indices and a weight), 8 bytes each.
  static let bytesPerPair = 72

  /// The rows of the u-th matched unit.
  func rows(of u: Int) -> Range<Int> { offsets[u]..<offsets[u + 1] }

  /// The weight 1/mᵢ of every row, and the unit each row belongs to.
  func rowWeightsAndUnits() -> (weights: [Double], units: [Int]) {
    var weights = [Double](), owners = [Int]()
    weights.reserveCapacity(rowCount)
    owners.reserveCapacity(rowCount)
    for u in units.indices {
      let r = rows(of: u)
      let w = 1 / Double(r.count)
      for _ in r {
        weights.append(w)
        owners.append(units[u])
      }
    }
    return (weights, owners)
  }
}

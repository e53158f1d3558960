/// The result of nearest-neighbour matching: who was matched to whom, and the weights that make
/// the matched sample estimate the target estimand.
///
/// "Focal" units are the group that receives matches: the treated for the ATT, the controls for
/// the ATC. ``matches`` is MatchIt's `match.matrix` without the padding: one row per focal unit
/// (in data order) listing the indices of its matches in the order they were found (first
/// round first). All indices are 0-based positions in the input arrays.
public struct MatchedSet: Sendable, Equatable, Codable {
  /// The estimand the matching targets (``MatchingEstimand/att`` or ``MatchingEstimand/atc``).
  public let estimand: MatchingEstimand
  /// The treatment indicator that was matched on.
  public let treatment: [Bool]
  /// Focal units (treated for the ATT, controls for the ATC) in data order.
  public let focalUnits: [Int]
  /// `matches[k]` lists the units matched to `focalUnits[k]`; empty when it is unmatched.
  public let matches: [[Int]]
  /// Pair (subclass) id per unit, `nil` for units outside every pair. Assigned only without
  /// replacement (as MatchIt, whose `subclass` is `NULL` with replacement): the matched focal
  /// units are numbered 1, 2, … in data order and each match takes its focal unit's number.
  /// MatchIt numbers its factor levels in a different order; compare pair membership, not ids.
  public let subclass: [Int?]
  /// The matching weight of each unit (see ``MatchingWeights``); 0 for unmatched and discarded
  /// units.
  public let weights: [Double]
  /// `true` for units removed by the common-support rule.
  public let discarded: [Bool]
  /// Matched, unmatched and discarded counts by treatment group.
  public let counts: MatchCounts
  /// The one-dimensional score used for ordering, caliper and discard (`nil` for Mahalanobis
  /// matching without a score).
  public let score: [Double]?
  /// The caliper in raw score units, `nil` when no caliper was applied.
  public let caliperWidth: Double?
  /// Matches requested per focal unit.
  public let ratio: Int
  /// Whether a control could be matched to more than one focal unit.
  public let replace: Bool

  /// The JSON keys.
  enum CodingKeys: String, CodingKey {
    case estimand, treatment, matches, subclass, weights, discarded, counts, score, ratio, replace
    case focalUnits = "focal_units"
    case caliperWidth = "caliper_width"
  }

  /// Creates a matched set from its parts (matchers build it; exposed for tools that import a
  /// match matrix computed elsewhere).
  ///
  /// - Parameters:
  ///   - estimand: ATT or ATC.
  ///   - treatment: The treatment indicator.
  ///   - focalUnits: Focal units in data order.
  ///   - matches: The matches of each focal unit.
  ///   - subclass: Pair id per unit.
  ///   - weights: Weight per unit.
  ///   - discarded: Discard flag per unit.
  ///   - counts: Sample sizes.
  ///   - score: The score, if any.
  ///   - caliperWidth: The raw caliper, if any.
  ///   - ratio: Matches requested per focal unit.
  ///   - replace: Whether controls could be reused.
  public init(
    estimand: MatchingEstimand, treatment: [Bool], focalUnits: [Int], matches: [[Int]],
    subclass: [Int?], weights: [Double], discarded: [Bool], counts: MatchCounts, score: [Double]?,
    caliperWidth: Double?, ratio: Int, replace: Bool
  ) {
    self.estimand = estimand
    self.treatment = treatment
    self.focalUnits = focalUnits
    self.matches = matches
    self.subclass = subclass
    self.weights = weights
    self.discarded = discarded
    self.counts = counts
    self.score = score
    self.caliperWidth = caliperWidth
    self.ratio = ratio
    self.replace = replace
  }

  /// The units matched to focal unit `unit`.
  ///
  /// - Parameter unit: A unit index (0-based).
  /// - Returns: Its matches (empty when unmatched), or `nil` when `unit` is not a focal unit.
  /// - Complexity: O(log n).
  public func matches(of unit: Int) -> [Int]? {
    var low = 0, high = focalUnits.count
    while low < high {
      let mid = (low + high) / 2
      if focalUnits[mid] < unit { low = mid + 1 } else { high = mid }
    }
    guard low < focalUnits.count, focalUnits[low] == unit else { return nil }
    return matches[low]
  }

  /// Indices of units in the matched sample (positive weight), in data order.
  public var matchedUnits: [Int] {
    weights.indices.filter { weights[$0] > 0 }
  }
}

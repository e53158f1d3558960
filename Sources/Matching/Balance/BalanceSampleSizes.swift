/// The group sizes behind a balance table: MatchIt's "Sample Sizes" table.
///
/// The effective sample size of a group with weights w is (Σw)² / Σw² (Kish); it equals the
/// count when all weights of the group are equal and positive.
public struct BalanceSampleSizes: Sendable, Equatable, Codable {
  /// Control units in the data.
  public let allControl: Int
  /// Treated units in the data.
  public let allTreated: Int
  /// Effective number of controls under the base weights ("All (ESS)").
  public let allEffectiveControl: Double
  /// Effective number of treated units under the base weights.
  public let allEffectiveTreated: Double
  /// Controls with a positive matching weight ("Matched"); `nil` without matching weights.
  public let matchedControl: Int?
  /// Treated units with a positive matching weight; `nil` without matching weights.
  public let matchedTreated: Int?
  /// Effective number of matched controls under matching × base weights ("Matched (ESS)").
  public let matchedEffectiveControl: Double?
  /// Effective number of matched treated units under matching × base weights.
  public let matchedEffectiveTreated: Double?
  /// Controls with matching weight 0 ("Unmatched"; MatchIt lists discarded units apart,
  /// which a balance table cannot tell from unmatched ones).
  public let unmatchedControl: Int?
  /// Treated units with matching weight 0.
  public let unmatchedTreated: Int?

  /// The JSON keys.
  enum CodingKeys: String, CodingKey {
    case allControl = "all_control", allTreated = "all_treated"
    case allEffectiveControl = "all_effective_control", allEffectiveTreated = "all_effective_treated"
    case matchedControl = "matched_control", matchedTreated = "matched_treated"
    case matchedEffectiveControl = "matched_effective_control", matchedEffectiveTreated = "matched_effective_treated"
    case unmatchedControl = "unmatched_control", unmatchedTreated = "unmatched_treated"
  }


  /// Counts the groups.
  ///
  /// - Parameters:
  ///   - groups: Treated and control units.
  ///   - baseWeights: Base weights.
  ///   - adjustedWeights: Matching × base weights, or `nil`.
  /// - Complexity: O(n).
  init(groups: BalanceGroups, baseWeights: [Double], adjustedWeights: [Double]?) {
    allControl = groups.control.count
    allTreated = groups.treated.count
    allEffectiveControl = Self.effectiveSize(baseWeights, groups.control)
    allEffectiveTreated = Self.effectiveSize(baseWeights, groups.treated)
    if let w = adjustedWeights {
      matchedControl = BalanceMoments.positiveCount(w, groups.control)
      matchedTreated = BalanceMoments.positiveCount(w, groups.treated)
      matchedEffectiveControl = Self.effectiveSize(w, groups.control)
      matchedEffectiveTreated = Self.effectiveSize(w, groups.treated)
      unmatchedControl = groups.control.count - (matchedControl ?? 0)
      unmatchedTreated = groups.treated.count - (matchedTreated ?? 0)
    } else {
      (matchedControl, matchedTreated, unmatchedControl, unmatchedTreated) = (nil, nil, nil, nil)
      (matchedEffectiveControl, matchedEffectiveTreated) = (nil, nil)
    }
  }

  /// Kish's effective sample size (Σw)² / Σw² over a group.
  static func effectiveSize(_ w: [Double], _ group: [Int]) -> Double {
    var s = 0.0
    var s2 = 0.0
    for i in group {
      s += w[i]
      s2 += w[i] * w[i]
    }
    return s * s / s2
  }
}

/// The kind of a 2×2 comparison in the Goodman-Bacon decomposition: which units serve as the
/// control group of a timing group.
///
/// The raw values are the JSON spellings; ``label`` is the name printed in summaries, as R's
/// bacondecomp prints it ("Treated vs Untreated" there is ``treatedVsNeverTreated`` here).
public enum BaconComparisonType: String, Sendable, Equatable, Codable, CaseIterable {
  /// A timing group against the never-treated units, over the whole panel.
  case treatedVsNeverTreated = "treated_vs_never_treated"
  /// An earlier-treated timing group against a later-treated one, before the later group is
  /// treated (the later group is not yet treated).
  case earlierVsLaterTreated = "earlier_vs_later_treated"
  /// A later-treated timing group against an earlier-treated one, after the earlier group is
  /// treated: the "forbidden" comparison, whose control group is already treated, so that
  /// changes in its effect over time enter the estimate with a negative sign.
  case laterVsEarlierTreated = "later_vs_earlier_treated"
  /// A timing group against the units treated in every period (already treated throughout).
  case treatedVsAlwaysTreated = "treated_vs_always_treated"

  /// The printed name: "Treated vs Never Treated", "Earlier vs Later Treated", "Later vs Earlier
  /// Treated" or "Treated vs Always Treated".
  public var label: String {
    switch self {
    case .treatedVsNeverTreated: return "Treated vs Never Treated"
    case .earlierVsLaterTreated: return "Earlier vs Later Treated"
    case .laterVsEarlierTreated: return "Later vs Earlier Treated"
    case .treatedVsAlwaysTreated: return "Treated vs Always Treated"
    }
  }
}

/// One 2×2 difference-in-differences comparison of the Goodman-Bacon decomposition: a timing
/// group against a control group over a window of periods, with its estimate and its weight in
/// the two-way fixed-effects coefficient.
///
/// Groups are named by their first treated period (a time code); the never-treated and
/// always-treated controls have no such period and are told apart by ``type``. The estimate is
/// the change of the treated group's mean outcome from the window's periods before its onset
/// to those from its onset on, minus the same change of the control group; the window is the
/// whole panel against never- or always-treated units, the periods before the later group's
/// onset for ``BaconComparisonType/earlierVsLaterTreated``, and the periods from the earlier
/// group's onset on for ``BaconComparisonType/laterVsEarlierTreated``.
///
/// Encoded with the keys `treated_group`, `control_group` (`null` for never- and
/// always-treated controls), `type`, `estimate`, `weight`, `treated_units`, `control_units`,
/// `first_period` and `last_period`.
public struct BaconComparison: Sendable, Equatable, Codable {
  /// The first treated period of the treated timing group.
  public let treatedGroup: Int
  /// The first treated period of the control timing group; `nil` when the control group is
  /// the never-treated or the always-treated units.
  public let controlGroup: Int?
  /// The kind of comparison.
  public let type: BaconComparisonType
  /// The 2×2 difference-in-differences estimate.
  public let estimate: Double
  /// The comparison's weight in the two-way fixed-effects coefficient; the weights of all
  /// comparisons sum to 1.
  public let weight: Double
  /// The number of units in the treated group.
  public let treatedUnits: Int
  /// The number of units in the control group.
  public let controlUnits: Int
  /// The first period (time code) of the comparison's window.
  public let firstPeriod: Int
  /// The last period (time code) of the comparison's window.
  public let lastPeriod: Int

  /// Creates a comparison.
  ///
  /// - Parameters:
  ///   - treatedGroup: First treated period of the treated group.
  ///   - controlGroup: First treated period of the control group, `nil` for never- or
  ///     always-treated controls.
  ///   - type: The kind of comparison.
  ///   - estimate: The 2×2 estimate.
  ///   - weight: The weight.
  ///   - treatedUnits: Units in the treated group.
  ///   - controlUnits: Units in the control group.
  ///   - firstPeriod: First period of the window.
  ///   - lastPeriod: Last period of the window.
  public init(
    treatedGroup: Int, controlGroup: Int?, type: BaconComparisonType, estimate: Double, weight: Double,
    treatedUnits: Int, controlUnits: Int, firstPeriod: Int, lastPeriod: Int
  ) {
    self.treatedGroup = treatedGroup
    self.controlGroup = controlGroup
    self.type = type
    self.estimate = estimate
    self.weight = weight
    self.treatedUnits = treatedUnits
    self.controlUnits = controlUnits
    self.firstPeriod = firstPeriod
    self.lastPeriod = lastPeriod
  }

  enum CodingKeys: String, CodingKey {
    case treatedGroup = "treated_group", controlGroup = "control_group", type, estimate, weight
    case treatedUnits = "treated_units", controlUnits = "control_units"
    case firstPeriod = "first_period", lastPeriod = "last_period"
  }

  /// Decodes a comparison; `null` numbers read as NaN.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      treatedGroup: c.value(.treatedGroup), controlGroup: c.optional(.controlGroup), type: c.value(.type),
      estimate: c.number(.estimate), weight: c.number(.weight), treatedUnits: c.value(.treatedUnits),
      controlUnits: c.value(.controlUnits), firstPeriod: c.value(.firstPeriod), lastPeriod: c.value(.lastPeriod))
  }

  /// Encodes the comparison; a non-finite number becomes `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .value(.treatedGroup, treatedGroup), .value(.controlGroup, controlGroup), .value(.type, type),
      .number(.estimate, estimate), .number(.weight, weight), .value(.treatedUnits, treatedUnits),
      .value(.controlUnits, controlUnits), .value(.firstPeriod, firstPeriod), .value(.lastPeriod, lastPeriod),
    ])
  }
}

/// The comparisons of one type taken together: their total weight and the weighted average of
/// their estimates (R bacondecomp's `bacon_summary()`).
///
/// Encoded with the keys `type`, `weight`, `estimate` and `comparisons`.
public struct BaconTypeTotal: Sendable, Equatable, Codable {
  /// The kind of comparison.
  public let type: BaconComparisonType
  /// The sum of the weights of the comparisons of this type.
  public let weight: Double
  /// The weighted average of their estimates (weights as in ``BaconComparison/weight``).
  public let estimate: Double
  /// The number of comparisons of this type.
  public let comparisons: Int

  /// Totals the comparisons of one type.
  ///
  /// - Parameters:
  ///   - type: The type.
  ///   - all: Every comparison; those of other types are ignored.
  /// - Returns: `nil` when there is no comparison of this type.
  /// - Complexity: O(all.count).
  init?(type: BaconComparisonType, of all: [BaconComparison]) {
    let chosen = all.filter { $0.type == type }
    guard !chosen.isEmpty else { return nil }
    let weight = chosen.reduce(0) { $0 + $1.weight }
    self.init(
      type: type, weight: weight, estimate: chosen.reduce(0) { $0 + $1.weight * $1.estimate } / weight,
      comparisons: chosen.count)
  }

  /// A total from its parts.
  private init(type: BaconComparisonType, weight: Double, estimate: Double, comparisons: Int) {
    (self.type, self.weight, self.estimate, self.comparisons) = (type, weight, estimate, comparisons)
  }

  enum CodingKeys: String, CodingKey { case type, weight, estimate, comparisons }

  /// Encodes the total; a non-finite number becomes `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .value(.type, type), .number(.weight, weight), .number(.estimate, estimate),
      .value(.comparisons, comparisons),
    ])
  }

  /// Decodes a total; `null` numbers read as NaN.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      type: c.value(.type), weight: c.number(.weight), estimate: c.number(.estimate), comparisons: c.value(.comparisons))
  }
}

import CausalCore
import FixedEffects

/// Propensity-score matching followed by difference-in-differences on the matched panel
/// (PSM-DiD), in one call.
///
/// 1. Each unit's pre-treatment characteristics are read from its baseline row: the row with
///    ``baselinePeriod`` if given, otherwise its earliest row with `post = 0`.
/// 2. ``PropensityScoreMatching`` estimates the propensity of being in the treated group from
///    those characteristics and matches treated units to control units (ATT by default).
/// 3. Every panel row inherits its unit's matching weight; unmatched units leave the sample.
/// 4. The two-way fixed-effects DiD `y ~ treated×post | unit + time` is fitted on the matched
///    panel with the matching weights, clustered by unit
///    (`DifferenceInDifferences/twoWayFixedEffects(_:outcome:treatment:unit:time:covariates:vcov:weights:)`).
///
/// Matching makes treated and control units comparable on observed baseline characteristics;
/// differencing removes time-invariant unobserved differences. The identifying assumption is
/// parallel trends between treated units and their matched controls.
///
/// ```swift
/// let design = PropensityMatchedDifferenceInDifferences(
///   outcome: "score", unit: "school", time: "year", treated: "ssp", post: "post",
///   covariates: "prior_score + size + urban")
/// let result = try design.fit(panel)
/// print(result.effect.estimate, result.effect.standardError)
/// ```
public struct PropensityMatchedDifferenceInDifferences: Sendable {
  /// Outcome column.
  public var outcome: String
  /// Unit identifier.
  public var unit: String
  /// Period column (whole numbers).
  public var time: String
  /// 0/1 column marking units in the treated group (constant within a unit).
  public var treated: String
  /// 0/1 column marking post-treatment periods.
  public var post: String
  /// Baseline characteristics as a formula right-hand side.
  public var covariates: String
  /// The period whose rows describe units; `nil` for each unit's earliest pre-period row.
  public var baselinePeriod: Int?
  /// Distance for matching.
  public var distance: PropensityScoreMatching.Distance
  /// The matcher.
  public var matcher: NearestNeighborMatcher
  /// Extra regressors in the DiD regression.
  public var didCovariates: [String]

  /// Name of the generated treatment-by-post column.
  public static let interactionColumn = "treated_post"
  /// Name of the generated weight column.
  public static let weightColumn = "matching_weight"

  /// Creates the design; parameters as the properties.
  public init(
    outcome: String, unit: String, time: String, treated: String, post: String, covariates: String,
    baselinePeriod: Int? = nil, distance: PropensityScoreMatching.Distance = .propensityScore,
    matcher: NearestNeighborMatcher = NearestNeighborMatcher(), didCovariates: [String] = []
  ) {
    self.outcome = outcome
    self.unit = unit
    self.time = time
    self.treated = treated
    self.post = post
    self.covariates = covariates
    self.baselinePeriod = baselinePeriod
    self.distance = distance
    self.matcher = matcher
    self.didCovariates = didCovariates
  }

  /// Matches units and fits the weighted DiD.
  ///
  /// - Parameter panel: One row per unit and period.
  /// - Returns: The unit-level matching, the DiD fit and the effect.
  /// - Throws: `DataError` (unknown columns, a unit without a baseline row, a treated flag that
  ///   varies within a unit, generated column names already taken), the errors of
  ///   ``PropensityScoreMatching/run(_:)`` and of `FixedEffectsModel.fit(_:)`.
  public func fit(_ panel: DataTable) throws -> PropensityMatchedDifferenceInDifferencesResult {
    for name in [Self.interactionColumn, Self.weightColumn] where panel[name] != nil {
      throw DataError.invalidValues(column: name, reason: "the table already has a column with a name PSM-DiD generates; rename it")
    }
    let units = try FactorCodes(column: panel.column(named: unit))
    let times = try panel.column(named: time).doubles()
    let posts = try panel.column(named: post).doubles()
    let groups = try panel.column(named: treated).doubles()
    // Baseline row of each unit, and a check that the treated flag is constant within units.
    var baseline = [Int?](repeating: nil, count: units.levelCount)
    var group = [Double?](repeating: nil, count: units.levelCount)
    for i in 0..<panel.rowCount {
      let u = Int(units.codes[i])
      guard u >= 0 else { continue }
      if let g = group[u], !groups[i].isNaN, g != groups[i] {
        throw DataError.invalidValues(
          column: treated, reason: "unit \(units.labels[u]) is marked both treated and untreated; the group must be constant within a unit")
      }
      if !groups[i].isNaN { group[u] = groups[i] }
      let eligible = baselinePeriod.map { times[i] == Double($0) } ?? (posts[i] == 0)
      guard eligible else { continue }
      if let b = baseline[u], !(times[i] < times[b]) { continue }
      baseline[u] = i
    }
    if let missing = baseline.firstIndex(where: { $0 == nil }) {
      throw DataError.invalidValues(
        column: time, reason: "unit \(units.labels[missing]) has no baseline row (no pre-period observation\(baselinePeriod.map { " in period \($0)" } ?? ""))")
    }
    let baselineRows = baseline.compactMap { $0 }
    let unitTable = panel.selecting(rows: baselineRows)
    let matching = try PropensityScoreMatching(
      treatment: treated, covariates: covariates, distance: distance, matcher: matcher
    ).run(unitTable)
    let unitWeights = matching.weightsByRow  // indexed like baselineRows, i.e. by unit code
    var rows = [Int]()
    for i in 0..<panel.rowCount where units.codes[i] >= 0 && unitWeights[Int(units.codes[i])] > 0 { rows.append(i) }
    var matchedPanel = panel.selecting(rows: rows)
    try matchedPanel.append(Column(name: Self.weightColumn, doubles: rows.map { unitWeights[Int(units.codes[$0])] }))
    try matchedPanel.append(Column(name: Self.interactionColumn, doubles: rows.map { groups[$0] * posts[$0] }))
    let did = try DifferenceInDifferences.twoWayFixedEffects(
      matchedPanel, outcome: outcome, treatment: Self.interactionColumn, unit: unit, time: time,
      covariates: didCovariates, vcov: .cluster([unit]), weights: Self.weightColumn)
    return PropensityMatchedDifferenceInDifferencesResult(
      matching: matching, did: did, matchedRows: rows, unitCount: units.levelCount)
  }
}

/// The result of ``PropensityMatchedDifferenceInDifferences/fit(_:)``.
public struct PropensityMatchedDifferenceInDifferencesResult: Sendable {
  /// The unit-level propensity model, matched set and balance.
  public var matching: PropensityScoreMatchingResult
  /// The weighted two-way fixed-effects DiD on the matched panel.
  public var did: DifferenceInDifferencesResult
  /// Panel rows kept (units with positive matching weight).
  public var matchedRows: [Int]
  /// Units in the panel.
  public var unitCount: Int

  /// The DiD effect (coefficient of treated × post).
  public var effect: CoefficientRow { did.effect }
}

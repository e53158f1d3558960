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
///    (`DifferenceInDifferences` with the `twoWayFixedEffects` design).
///
/// Matching makes treated and control units comparable on observed baseline characteristics;
/// differencing removes time-invariant unobserved differences. The identifying assumption is
/// parallel trends between treated units and their matched controls.
///
/// ```swift
/// let design = try PropensityMatchedDifferenceInDifferences(
///   outcome: "score", unit: "school", time: "year", treated: "ssp", post: "post",
///   covariates: ["prior score", "size", "urban"])
/// let result = try design.fit(panel)
/// print(result.effect.estimate, result.effect.standardError)
/// ```
public struct PropensityMatchedDifferenceInDifferences: Estimator {
  /// Outcome column.
  public let outcome: String
  /// Unit identifier.
  public let unit: String
  /// Period column (whole numbers).
  public let time: String
  /// 0/1 column marking units in the treated group (constant within a unit).
  public let treated: String
  /// 0/1 column marking post-treatment periods.
  public let post: String
  /// Baseline characteristics of the propensity model.
  public let covariates: Covariates
  /// The period whose rows describe units; `nil` for each unit's earliest pre-period row.
  public let baselinePeriod: Int?
  /// Distance for matching.
  public let distance: PropensityScoreMatching.Distance
  /// The matcher.
  public let matcher: NearestNeighborMatcher
  /// Extra regressors in the DiD regression.
  public let didCovariates: Covariates

  /// Name of the generated treatment-by-post column (followed by underscores if the panel
  /// already has a column of that name); the DiD effect's term.
  public static let interactionColumn = "treated_post"
  /// Name of the generated weight column (followed by underscores if taken).
  public static let weightColumn = "matching_weight"

  /// Creates the design; parameters as the properties (the matcher defaults to MatchIt's
  /// 1:1 nearest neighbour without replacement).
  ///
  /// - Throws: `OptionError` when there are no covariates.
  public init(
    outcome: String, unit: String, time: String, treated: String, post: String, covariates: Covariates,
    baselinePeriod: Int? = nil, distance: PropensityScoreMatching.Distance = .propensityScore,
    matcher: NearestNeighborMatcher? = nil, didCovariates: Covariates = Covariates()
  ) throws(OptionError) {
    try covariates.requireTerms("at baseline for the propensity model")
    self.outcome = outcome
    self.unit = unit
    self.time = time
    self.treated = treated
    self.post = post
    self.covariates = covariates
    self.baselinePeriod = baselinePeriod
    self.distance = distance
    self.matcher = matcher ?? NearestNeighborMatcher.matchItDefault()
    self.didCovariates = didCovariates
  }

  /// Matches units and fits the weighted DiD.
  ///
  /// - Parameter panel: One row per unit and period.
  /// - Returns: The unit-level matching, the DiD fit and the effect.
  /// - Throws: `DataError` (unknown columns, a unit without a baseline row, a treated flag that
  ///   varies within a unit, generated column names already taken), the errors of
  ///   ``PropensityScoreMatching/fit(_:)`` and of `FixedEffectsModel.fit(_:)`.
  public func fit(_ panel: DataTable) throws -> PropensityMatchedDifferenceInDifferencesResult {
    let interaction = panel.unusedColumnName(Self.interactionColumn)
    let weightName = panel.unusedColumnName(Self.weightColumn)
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
    ).fit(unitTable)
    let unitWeights = matching.weightsByRow  // indexed like baselineRows, i.e. by unit code
    var rows = [Int]()
    for i in 0..<panel.rowCount where units.codes[i] >= 0 && unitWeights[Int(units.codes[i])] > 0 { rows.append(i) }
    var matchedPanel = panel.selecting(rows: rows)
    try matchedPanel.append(Column(name: weightName, doubles: rows.map { unitWeights[Int(units.codes[$0])] }))
    try matchedPanel.append(Column(name: interaction, doubles: rows.map { groups[$0] * posts[$0] }))
    let did = try DifferenceInDifferences(
      outcome: outcome, design: .twoWayFixedEffects(treatment: interaction, unit: unit, time: time),
      covariates: didCovariates, vcov: .cluster([unit]), weights: weightName
    ).fit(matchedPanel)
    return PropensityMatchedDifferenceInDifferencesResult(
      matching: matching, did: did, matchedRows: rows, unitCount: units.levelCount)
  }
}

/// The result of ``PropensityMatchedDifferenceInDifferences/fit(_:)``.
public struct PropensityMatchedDifferenceInDifferencesResult: EstimationResult {
  /// The unit-level propensity model, matched set and balance.
  public let matching: PropensityScoreMatchingResult
  /// The weighted two-way fixed-effects DiD on the matched panel.
  public let did: DifferenceInDifferencesResult
  /// Panel rows kept (units with positive matching weight).
  public let matchedRows: [Int]
  /// Units in the panel.
  public let unitCount: Int

  /// The DiD effect (coefficient of treated × post).
  public var effect: CoefficientRow { did.effect }

  /// One row: the DiD effect.
  public var coefficients: [CoefficientRow] { [did.effect] }

  /// Panel rows used by the DiD regression.
  public var observationCount: Int { did.fit.observationCount }

  /// Rows and terms the DiD regression removed (unmatched units' rows are not in its sample;
  /// units removed before matching are in ``matching``'s drops).
  public var drops: DropReport { did.fit.drops }

  /// The matching summary, then the effect.
  public func summary() -> String {
    matching.summary() + "\n\nMatched DiD (\(matchedRows.count) panel rows of \(unitCount) units' panel): "
      + "\(effect.term) = \(effect.estimate)  std. error \(effect.standardError)  "
      + "CI [\(effect.confLow), \(effect.confHigh)]  p = \(effect.pValue)"
  }

  /// Encodes `effect` (the tidy row), `coefficients`, `nobs`, `dropped`, `matched_rows` (their
  /// count), `unit_count` and `matching` (the unit-level ``PropensityScoreMatchingResult``).
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([
      .value("effect", effect), .value("coefficients", coefficients), .value("nobs", observationCount),
      .value("dropped", drops), .value("matched_rows", matchedRows.count), .value("unit_count", unitCount),
      .value("matching", matching),
    ])
  }

}

import CausalCore
import LinearAlgebra

/// Greedy nearest-neighbour matching, `k:1`, with or without replacement, following MatchIt
/// 4.5.1's `method = "nearest"`.
///
/// This is the matching step of ``PropensityScoreMatching`` (which configures it), kept public
/// as a lower-level building block for scores estimated elsewhere: it takes arrays, not a
/// table. To match the rows of a table, use ``PropensityScoreMatching``.
///
/// Focal units (the treated for the ATT, the controls for the ATC) are visited in ``order``;
/// each takes its nearest available unit of the other group, in ``ratio`` rounds. The result
/// carries MatchIt's weights (see ``MatchingWeights``), pair ids and sample sizes.
///
/// ```swift
/// let matcher = try NearestNeighborMatcher(caliper: Caliper(0.2))   // 0.2 SD of the score
/// let matched = try matcher.match(treatment: treated, distance: .score(propensity))
/// matched.weights                                      // MatchIt's weights
/// ```
///
/// Conventions (all checked against MatchIt 4.5.1's source and output):
/// - **Distance**: `|d_t − d_c|` on a one-dimensional score, or the Mahalanobis distance with
///   the pooled within-group covariance (``MatchingDistance``).
/// - **Ties** on a score: the nearest candidate on the smaller-score side wins an exact tie
///   between sides; among candidates with equal scores, the one nearest in the stable sorted
///   order (`NearestNeighborScoreSearch`). Mahalanobis ties: first in data order.
/// - **Caliper**: ``Caliper``; SD over all non-discarded units of both groups.
/// - **Common support**: ``CommonSupport``, applied before the caliper's SD is computed.
/// - **Exact matching**: units are matched only within identical code combinations.
/// - **Shortage**: when fewer candidates than needed are available, as many as possible are
///   matched; ``MatchCounts/focalUnitsShortOfRatio`` counts the focal units left short.
///
/// Known MatchIt 4.5.1 defects that this type does **not** reproduce (see
/// `Tests/Fixtures/generate_matching.R`): on GCC builds its fast score matcher truncates
/// distance differences to integers, so calipers on propensity scores are ignored and the
/// smaller-score neighbour always wins; and in later rounds it can re-match a control to the
/// same treated unit (with replacement) or skip the control that follows a matched one in data
/// order. Results here equal MatchIt's algorithm with those defects removed.
public struct NearestNeighborMatcher: Sendable, Equatable {
  /// The estimand: ``MatchingEstimand/att`` matches controls to treated units,
  /// ``MatchingEstimand/atc`` treated units to controls. The ATE is not supported.
  public let estimand: MatchingEstimand
  /// Matches per focal unit (`k` in `k:1`); at least 1.
  public let ratio: Int
  /// Whether a unit may be matched to several focal units.
  public let replace: Bool
  /// The caliper on the score, if any.
  public let caliper: Caliper?
  /// The visiting order; `nil` uses MatchIt's default: `.largest` for the ATT and `.smallest`
  /// for the ATC when there is a score, `.data` otherwise.
  public let order: MatchingOrder?
  /// The common-support rule applied to the score before matching.
  public let discard: CommonSupport

  /// Creates a matcher and checks its options; the defaults are MatchIt's (`ATT`, 1:1, without
  /// replacement, no caliper, default order, no discard).
  ///
  /// - Parameters:
  ///   - estimand: ATT or ATC.
  ///   - ratio: Matches per focal unit.
  ///   - replace: Whether units may be reused.
  ///   - caliper: The caliper on the score.
  ///   - order: The visiting order (`nil`: MatchIt's default).
  ///   - discard: The common-support rule.
  /// - Throws: `OptionError` for the ATE (nearest-neighbour matching targets one group at a
  ///   time), a ratio below 1, or a caliper that is not positive and finite.
  public init(
    estimand: MatchingEstimand = .att, ratio: Int = 1, replace: Bool = false,
    caliper: Caliper? = nil, order: MatchingOrder? = nil, discard: CommonSupport = .none
  ) throws(OptionError) {
    guard estimand != .ate else {
      throw .invalid(
        option: "estimand", value: "ATE",
        expected: "ATT or ATC (nearest-neighbour matching, as MatchIt's, targets one group at a time)")
    }
    guard ratio >= 1 else { throw .invalid(option: "ratio", value: "\(ratio)", expected: "a whole number ≥ 1") }


    if let caliper { try caliper.validate() }
    self.init(validated: estimand, ratio: ratio, replace: replace, caliper: caliper, order: order, discard: discard)
  }

  /// MatchIt's default matcher: ATT, 1:1, without replacement, no caliper, default order.
  /// Its options are valid, so it never throws; the type says so without a force-`try`.
  static func matchItDefault() -> NearestNeighborMatcher {
    NearestNeighborMatcher(validated: .att, ratio: 1, replace: false, caliper: nil, order: nil, discard: .none)
  }

  /// Stores options already checked.
  private init(
    validated estimand: MatchingEstimand, ratio: Int, replace: Bool, caliper: Caliper?, order: MatchingOrder?,
    discard: CommonSupport
  ) {
    self.estimand = estimand
    self.ratio = ratio
    self.replace = replace
    self.caliper = caliper
    self.order = order
    self.discard = discard
  }

  /// Matches the sample.
  ///
  /// - Parameters:
  ///   - treatment: `true` for treated units, one entry per unit.
  ///   - distance: The distance definition (a score, or Mahalanobis covariates with an optional
  ///     score), with one value (row) per unit.
  ///   - exact: Exact-matching variables as integer codes, one array per variable with one code
  ///     per unit; units are matched only to units with identical codes on every variable.
  /// - Returns: The matched set.
  /// - Throws: `DataError.lengthMismatch` when an input's length differs from `treatment`'s;
  ///   `DataError.invalidValues` for NaN or infinite scores or covariates; ``MatchingError``:
  ///   `.noTreatedUnits` / `.noControlUnits`; `.noCovariates` for a covariate matrix without
  ///   columns; `.scoreRequired` for a caliper, discard or score-based order without a score;
  ///   `.noOverlap` when discarding removes a whole group; `.noMatches` when no focal unit
  ///   could be matched; `.covarianceFailure` if the Mahalanobis covariance cannot be
  ///   decomposed. (The options were checked by the initializer.)
  /// - Complexity: with a score, O(n log n) time and O(n) memory (no distance matrix); with
  ///   the Mahalanobis distance, O(ratio · f · m · p) for f focal units and m candidates per
  ///   stratum and p covariates.
  public func match(
    treatment: [Bool], distance: MatchingDistance, exact: [[Int32]] = []
  ) throws -> MatchedSet {
    let n = treatment.count
    let score = distance.score
    let resolvedOrder = try validate(treatment: treatment, distance: distance, exact: exact)
    let focal = estimand == .att ? treatment : treatment.map { !$0 }

    let discarded = score.map { discard.discardedUnits(treatment: treatment, score: $0) }
      ?? [Bool](repeating: false, count: n)
    for (group, isTreated) in [("treated", true), ("control", false)] {
      let members = treatment.indices.filter { treatment[$0] == isTreated }
      if members.allSatisfy({ discarded[$0] }) {
        throw MatchingError.noOverlap(group: group, discarded: members.count)
      }
    }
    var caliperWidth: Double?
    if let caliper, let score {
      caliperWidth = caliper.rawWidth(score: score, discarded: discarded)
    }

    let focalUnits = (0..<n).filter { focal[$0] }
    var focalRank = [Int](repeating: -1, count: n)
    for (k, unit) in focalUnits.enumerated() { focalRank[unit] = k }
    var rows = [[Int]](repeating: [], count: focalUnits.count)
    func record(_ unit: Int, _ match: Int) { rows[focalRank[unit]].append(match) }

    var mahalanobis: MahalanobisNearestNeighbor?
    if case .mahalanobis(let covariates, _) = distance {
      let transform = try MahalanobisTransform(
        covariates: covariates, treatment: treatment, discarded: discarded)
      mahalanobis = MahalanobisNearestNeighbor(transform: transform, score: score)
    }
    var seed: UInt64 = 0
    if case .random(let s) = resolvedOrder { seed = s }
    var generator = SeededGenerator(seed: seed)

    for stratum in MatchingStrata.strata(codes: exact, unitCount: n) {
      let focalHere = stratum.filter { focal[$0] && !discarded[$0] }
      let candidates = stratum.filter { !focal[$0] && !discarded[$0] }
      guard !focalHere.isEmpty, !candidates.isEmpty else { continue }
      let visiting = resolvedOrder.arrange(focalHere, score: score, generator: &generator)
      if let mahalanobis {
        mahalanobis.match(
          focalOrder: visiting, candidates: candidates, ratio: ratio, replace: replace,
          caliper: caliperWidth, record: record)
      } else if let score {
        NearestNeighborScoreSearch(candidates: candidates, score: score).match(
          focalOrder: visiting, ratio: ratio, replace: replace, caliper: caliperWidth,
          record: record)
      }
    }

    guard rows.contains(where: { !$0.isEmpty }) else { throw MatchingError.noMatches(unmatched: focalUnits.count) }
    let weights = MatchingWeights.fromMatches(unitCount: n, focalUnits: focalUnits, matches: rows)
    let subclass =
      replace
      ? [Int?](repeating: nil, count: n)
      : MatchingWeights.subclasses(unitCount: n, focalUnits: focalUnits, matches: rows)
    let short = focalUnits.indices.filter { !discarded[focalUnits[$0]] && rows[$0].count < ratio }
    let counts = MatchCounts(
      treatment: treatment, weights: weights, discarded: discarded,
      focalUnitsShortOfRatio: short.count)
    return MatchedSet(
      estimand: estimand, treatment: treatment, focalUnits: focalUnits, matches: rows,
      subclass: subclass, weights: weights, discarded: discarded, counts: counts, score: score,
      caliperWidth: caliperWidth, ratio: ratio, replace: replace)
  }

  /// Checks the inputs and options; returns the matching order to use.
  private func validate(
    treatment: [Bool], distance: MatchingDistance, exact: [[Int32]]
  ) throws -> MatchingOrder {
    let n = treatment.count
    let score = distance.score
    if let score {
      guard score.count == n else {
        throw DataError.lengthMismatch(column: "The score", expected: n, found: score.count)
      }
      if let bad = score.firstIndex(where: { !$0.isFinite }) {
        throw DataError.invalidValues(column: "The score", reason: "not finite at unit \(bad) (0-based); remove or impute that unit first")
      }
    }
    if case .mahalanobis(let covariates, _) = distance {
      guard covariates.rows == n else {
        throw DataError.lengthMismatch(column: "The covariate matrix", expected: n, found: covariates.rows)
      }
      guard covariates.columns > 0 else { throw MatchingError.noCovariates }
      if let bad = covariates.elements.firstIndex(where: { !$0.isFinite }) {
        throw DataError.invalidValues(column: "The covariate matrix", reason: "not finite at unit \(bad % n) (0-based); remove or impute that unit first")
      }
    }
    for (v, codes) in exact.enumerated() where codes.count != n {
      throw DataError.lengthMismatch(column: "Exact-matching variable \(v)", expected: n, found: codes.count)
    }
    guard treatment.contains(true) else { throw MatchingError.noTreatedUnits(sample: "the input") }
    guard treatment.contains(false) else { throw MatchingError.noControlUnits(sample: "the input") }
    let resolved = order ?? (score == nil ? .data : (estimand == .atc ? .smallest : .largest))
    if score == nil {
      if resolved == .largest || resolved == .smallest {
        throw MatchingError.scoreRequired(option: "The matching order \(resolved)")
      }
      if discard != .none { throw MatchingError.scoreRequired(option: "Common-support discarding") }
      if caliper != nil { throw MatchingError.scoreRequired(option: "The caliper") }
    }
    return resolved
  }
}

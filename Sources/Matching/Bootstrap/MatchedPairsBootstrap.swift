import CausalCore
import FixedEffects
import Resampling

/// The Abadie and Spiess (2022) bootstrap for a treatment effect after matching **without
/// replacement**: whole matched sets (pairs, or a treated unit with its `k` controls) are
/// resampled with replacement and the effect is recomputed on each resample.
///
/// Abadie and Spiess show that, after matching without replacement, the matched-set
/// cluster-robust variance of the regression on the matched sample is valid and so is this
/// bootstrap over matched sets (a block bootstrap with the sets as blocks). After
/// nearest-neighbour matching **with replacement** the standard bootstrap is in general not
/// valid (Abadie and Imbens 2008, "On the failure of the bootstrap for matching estimators"), so ``fit(_:)`` refuses it with
/// `ResampledInferenceError/matchingWithReplacement`; use `AbadieImbensEstimator` there.
///
/// ```swift
/// let matching = try PropensityScoreMatching(treatment: "treat", covariates: "age + educ").run(units)
/// let result = try MatchedPairsBootstrap(matching: matching, outcome: "re78", replicates: 999, seed: 1)
///   .fit(units)
/// print(result.effect.estimate, result.effect.standardError, result.effect.interval.interval)
/// ```
///
/// **Effect.** Without covariates the effect is the weighted difference in means of the
/// outcome between treated and control units with the matching weights,
/// `Σ_T w y / Σ_T w − Σ_C w y / Σ_C w` (the coefficient of the treatment in the weighted
/// regression of `MatchedSampleRegression`); with covariates it is the treatment coefficient
/// of that weighted regression with the covariates added. Each unit keeps its matching weight
/// in every resample.
///
/// **Resampling.** The matched sets with positive weight are the clusters of the cluster
/// scheme of `BootstrapResampler`: replicate `r` draws `G` sets with
/// `SeededGenerator(seed: seed).derived(stream: r)`, so results are deterministic and identical
/// with and without `parallel`. Studentized intervals use the CR1 variance clustered by matched
/// set (by drawn copy in a replicate), as `MatchedSampleRegression` reports it; BCa takes its
/// acceleration from the delete-one-set jackknife. P-values: see `ResampledEstimate`.
///
/// **Matches.** The matches are held fixed (they are not recomputed on the resamples). They
/// come from one of three sources (``MatchedPairsSource``): a matcher run on the table given to
/// ``fit(_:)``; a `PropensityScoreMatchingResult` of that table, whose rows index it (the table
/// is checked against the result, and a different table throws
/// `ResampledInferenceError/tableMismatch(_:)` instead of misaligning); or a `MatchedSet` whose
/// units are the table's rows in order.
public struct MatchedPairsBootstrap: Estimator {
  /// Where the matched sets come from.
  public let source: MatchedPairsSource
  /// The outcome column.
  public let outcome: String
  /// The treatment column (the reported term; used by the regression with covariates).
  public let treatment: String
  /// Covariates for the regression-adjusted effect; none by default.
  public let covariates: Covariates
  /// Replicates, seed, interval method, confidence level and threading.
  public let resampling: ResamplingOptions

  /// The generated column holding the matched-set id of each unit.
  static let setColumn = MatchedSampleRegression.subclassColumn
  /// The generated column holding each unit's matching weight.
  static let weightColumn = MatchedSampleRegression.weightColumn
  /// The generated 0/1 column of the treatment indicator the matcher saw.
  static let treatedColumn = "matching_treated"

  /// Creates the bootstrap over the matched sets of any source, validating the options (see
  /// `ResamplingOptions`).
  ///
  /// ```swift
  /// let bySet = try MatchedPairsBootstrap(source: .matchedSet(matched), treatment: "treat", outcome: "y")
  /// let byMatcher = try MatchedPairsBootstrap(source: .matcher(design), treatment: design.treatment, outcome: "y")
  /// ```
  ///
  /// - Parameters:
  ///   - source: The matched sets: a matcher run on the table, a matching result of the table,
  ///     or a matched set whose units are the table's rows.
  ///   - treatment: The treatment column.
  ///   - outcome: The outcome column.
  ///   - covariates: Regression covariates, or none for the weighted difference in means.
  ///   - replicates: `B ≥ 1`.
  ///   - seed: The root seed.
  ///   - method: The interval method.
  ///   - confidenceLevel: The level in `(0, 1)`.
  ///   - parallel: Use all cores.
  /// - Throws: `ResampledInferenceError/invalidOption(_:)` for `B ≤ 0` or a level outside
  ///   `(0, 1)`.
  public init(
    source: MatchedPairsSource, treatment: String, outcome: String, covariates: Covariates = Covariates(),
    replicates: Int = 999, seed: UInt64 = 0, method: IntervalMethod = .percentile, confidenceLevel: Double = 0.95,
    parallel: Bool = true
  ) throws(ResampledInferenceError) {
    self.source = source
    self.treatment = treatment
    self.outcome = outcome
    self.covariates = covariates
    self.resampling = try ResamplingOptions(
      replicates: replicates, seed: seed, method: method, confidenceLevel: confidenceLevel, parallel: parallel)
  }

  /// Bootstraps the effect after a `PropensityScoreMatching` run on the table that ``fit(_:)``
  /// will be given (checked there).
  ///
  /// - Parameters:
  ///   - matching: The matching result; its treatment column is the reported term.
  ///   - outcome: The outcome column.
  ///   - covariates: Regression covariates, or none for the weighted difference in means.
  ///   - replicates: `B ≥ 1`.
  ///   - seed: The root seed.
  ///   - method: The interval method.
  ///   - confidenceLevel: The level in `(0, 1)`.
  ///   - parallel: Use all cores.
  /// - Throws: `ResampledInferenceError/invalidOption(_:)`.
  public init(
    matching: PropensityScoreMatchingResult, outcome: String, covariates: Covariates = Covariates(),
    replicates: Int = 999, seed: UInt64 = 0, method: IntervalMethod = .percentile, confidenceLevel: Double = 0.95,
    parallel: Bool = true
  ) throws(ResampledInferenceError) {
    try self.init(
      source: .result(matching), treatment: matching.treatmentColumn, outcome: outcome, covariates: covariates,
      replicates: replicates, seed: seed, method: method, confidenceLevel: confidenceLevel, parallel: parallel)
  }

  /// Bootstraps the effect.
  ///
  /// - Parameter data: The table: the one matched (for a matching result, checked), or the one
  ///   to match, or one row per unit of the matched set.
  /// - Returns: The effect's bootstrap summary.
  /// - Throws: As ``fit(_:progress:isCancelled:)``.
  /// - Complexity: As ``fit(_:progress:isCancelled:)``.
  public func fit(_ data: DataTable) throws -> MatchedPairsBootstrapResult {
    try fit(data, progress: nil, isCancelled: nil)
  }

  /// Bootstraps the effect, reporting progress.
  ///
  /// - Parameters:
  ///   - data: The table (see ``fit(_:)``).
  ///   - progress: Called after each replicate with `(completed, B)`, from worker threads when
  ///     `parallel`.
  ///   - isCancelled: Checked before each replicate; once `true` the run throws
  ///     `ResampledInferenceError/cancelled`.
  /// - Returns: The effect's bootstrap summary.
  /// - Throws: `ResampledInferenceError` (a table that is not the matched one, matching with
  ///   replacement, size mismatch, no or a single matched set, a matched unit without a set, a
  ///   reserved column name, a missing or non-numeric outcome, every replicate failing, an
  ///   interval that cannot be formed, cancellation); the matcher's errors; with covariates,
  ///   the regression's errors on the original sample.
  /// - Complexity: O(B × n) without covariates; `B + 1` weighted regressions with them (plus
  ///   `G` jackknife evaluations for BCa).
  public func fit(
    _ data: DataTable, progress: (@Sendable (Int, Int) -> Void)?, isCancelled: (@Sendable () -> Bool)?
  ) throws -> MatchedPairsBootstrapResult {
    let (units, matched) = try source.units(of: data)
    guard !matched.replace else { throw ResampledInferenceError.matchingWithReplacement }
    let sample = try matchedSample(units, matched: matched)
    let plan = try ResamplingPlan(scheme: .cluster(column: Self.setColumn), data: sample)
    let sets = plan.groups?.members.count ?? 0
    guard sets >= 2 else { throw ResampledInferenceError.tooFewClusters(column: "matched sets", found: sets) }

    let statistic = try effectStatistic()
    let original = try statistic(sample, Self.setColumn)
    guard original[0].isFinite else {
      throw ResampledInferenceError.nonFiniteEstimate(term: treatment, value: original[0])
    }
    let output = try ReplicateLoop.run(
      plan: plan, data: sample, seed: resampling.seed, count: resampling.replicates, width: 2,
      parallel: resampling.parallel,
      progress: progress, isCancelled: isCancelled
    ) { resample in try statistic(resample, BootstrapResampler.clusterColumnName) }

    var influence: [Double]?
    if resampling.method == .bca {
      do throws(BootstrapError) {
        let jackknife = try Jackknife.run(
          on: sample, clusterColumn: Self.setColumn, parallel: resampling.parallel
        ) { table in [try statistic(table, Self.setColumn)[0]] }
        influence = try jackknife.influence(index: 0)
      } catch {
        throw ResampledInferenceError.jackknifeFailed(term: treatment, units: "matched set", error: error)
      }
    }
    let effect = try ResampledQuantity(
      term: treatment, estimate: original[0], variance: original[1], values: output.rows.map { $0[0] },
      variances: output.rows.map { $0[1] }
    ).summarize(
      method: resampling.method, level: resampling.confidenceLevel, influence: influence,
      firstFailure: output.firstFailure)
    return MatchedPairsBootstrapResult(
      estimand: matched.estimand, effect: effect, method: resampling.method,
      confidenceLevel: resampling.confidenceLevel, replicates: resampling.replicates, seed: resampling.seed,
      matchedSetCount: sets, observationCount: sample.rowCount,
      regressionAdjusted: !covariates.isEmpty, firstFailure: output.firstFailure)
  }

  /// The matched units (positive weight, in a matched set) with the generated set, weight and
  /// treatment columns.
  func matchedSample(_ data: DataTable, matched: MatchedSet) throws(ResampledInferenceError) -> DataTable {
    let n = matched.weights.count
    guard data.rowCount == n, matched.subclass.count == n, matched.treatment.count == n else {
      throw .lengthMismatch(expected: n, actual: data.rowCount)
    }
    for name in [Self.setColumn, Self.weightColumn, Self.treatedColumn] where data[name] != nil {
      throw .reservedColumn(name)
    }
    var rows: [Int] = []
    var sets: [Int] = []
    for i in 0..<n where matched.weights[i] > 0 {
      guard let set = matched.subclass[i] else { throw .unitWithoutMatchedSet(unit: i) }
      rows.append(i)
      sets.append(set)
    }
    guard !rows.isEmpty else { throw .noMatchedSets }
    var sample = data.selecting(rows: rows)
    do {
      try sample.append(Column(name: Self.setColumn, ints: sets))
      try sample.append(Column(name: Self.weightColumn, doubles: rows.map { matched.weights[$0] }))
      try sample.append(Column(name: Self.treatedColumn, ints: rows.map { matched.treatment[$0] ? 1 : 0 }))
    } catch {
      throw .data(error)
    }
    return sample
  }

  /// The statistic `[effect, CR1 variance]` of a table clustered by the named column.
  func effectStatistic() throws -> @Sendable (DataTable, String) throws -> [Double] {
    let outcome = self.outcome
    guard covariates.isEmpty else {
      let formula = try Formula(response: outcome, regressors: [treatment], covariates: covariates)
      let treatment = self.treatment
      let level = resampling.confidenceLevel
      return { table, cluster in
        let fit = try FixedEffectsModel(
          formula: formula, weights: Self.weightColumn, vcov: .cluster([cluster]), confidenceLevel: level
        ).fit(table)
        guard let row = fit.coefficient(treatment) else { return [.nan, .nan] }
        return [row.estimate, row.standardError * row.standardError]
      }
    }
    return { table, cluster in
      let y = try table.column(named: outcome).doubles()
      let w = try table.column(named: Self.weightColumn).doubles()
      let d = try table.column(named: Self.treatedColumn).doubles()
      let groups = try ResamplingGroups(table: table, column: cluster)
      return WeightedMeanDifference(y: y, weights: w, treated: d.map { $0 == 1 }, clusters: groups).values
    }
  }
}

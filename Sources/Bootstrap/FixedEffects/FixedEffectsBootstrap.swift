import CausalCore
import Resampling
import FixedEffects

/// The pairs or cluster bootstrap of a linear model with fixed effects: the model is refitted
/// on every resample of the rows it uses, and each coefficient (or linear combination of
/// coefficients) gets a bootstrap standard error, a confidence interval and a p-value.
///
/// ```swift
/// let model = try FixedEffectsModel(formula: "y ~ treat + x | firm", vcov: .cluster(["firm"]))
/// let bootstrap = try FixedEffectsBootstrap(
///   model: model, scheme: .cluster(column: "firm"), replicates: 999, seed: 1, method: .bca,
///   combinations: [try LinearCombination(parsing: "treat - x")])
/// let result = try bootstrap.fit(table)
/// for row in result.estimates { print(row.term, row.standardError, row.interval.interval) }
/// ```
///
/// **Resampling.** The model is fitted once; the rows it used (after removing missing values
/// and singletons) are the table that is resampled with `ResamplingScheme` exactly as
/// `BootstrapResampler/resample(_:replicate:)` does: replicate `r` uses
/// `SeededGenerator(seed: seed).derived(stream: r)`, so results are bit-identical with and
/// without `parallel`. In the cluster scheme each drawn copy of a cluster is a distinct
/// cluster: when the model's variance clusters on the resampled column, each replicate's
/// analytic variance clusters on the copy number instead. The parsed formula is reused by every
/// refit. Stratified resampling is accepted too.
///
/// **Replicate path** (``FixedEffectsBootstrapResult/path``). For a model without absorbed fixed
/// effects whose regressors are all numeric (no text columns, no `i()`), and unless studentized
/// intervals need each replicate's variance, no resample is materialized: the design `[y, X]`
/// is built once, each replicate draws its unit multiplicities from its own stream (the same
/// draws, so the same multiset of rows as the resample) and solves the normal equations with
/// those multiplicities as frequency weights (times the model's weights), from per-cluster cross
/// products under the cluster scheme. In exact arithmetic this is the refit on the duplicated
/// rows; in floating point the two agree to about 1e-13 relative. A replicate in which a
/// coefficient would be dropped, the fit would fail, or a cluster variable of the model's
/// variance would have a single level is refitted on the materialized resample, so failures
/// follow the refit exactly (``FixedEffectsBootstrapResult/refittedReplicates``). Every other
/// model (fixed effects, text regressors, studentized intervals) is refitted on every resample.
///
/// **Failures.** A replicate whose refit throws fails for every quantity; a coefficient dropped
/// as collinear or absorbed in a resample fails that replicate for that coefficient and for
/// every combination that uses it. Failures are counted per quantity
/// (`ResampledEstimate/failures`) and left out of its statistics.
///
/// **Intervals.** `IntervalMethod/percentile`, `IntervalMethod/basic` and
/// `IntervalMethod/normal` use the replicates only; `IntervalMethod/studentized` uses each
/// replicate's analytic variance (the model's variance type; `cᵀVc` for a combination);
/// `IntervalMethod/bca` takes its acceleration from the jackknife: delete-one-row for pairs
/// (and stratified) resampling, delete-one-cluster for the cluster scheme (one extra refit per
/// row or cluster; on the frequency-weight path, one solve of the leave-one-out normal equations
/// each, unless one of them would drop a coefficient, in which case every leave-out sample is
/// refitted). P-values: see `ResampledEstimate`.
public struct FixedEffectsBootstrap: Estimator {
  /// The model (weights, fixed effects and variance options are all honoured).
  public let model: FixedEffectsModel
  /// How the rows are resampled (pairs by default).
  public let scheme: ResamplingScheme
  /// Replicates, seed, interval method, confidence level and threading.
  public let resampling: ResamplingOptions
  /// The coefficients to report; `nil` (default) reports every estimated coefficient.
  public let terms: [String]?
  /// Linear combinations of coefficients to report after the terms.
  public let combinations: [LinearCombination]
  /// Testing only: always refit, even where the frequency-weight path applies.
  var forcesRefit = false

  /// Creates a bootstrap and validates its options (see `ResamplingOptions`).
  ///
  /// - Parameters:
  ///   - model: The model to bootstrap.
  ///   - scheme: The resampling scheme.
  ///   - replicates: `B ≥ 1`.
  ///   - seed: The root seed.
  ///   - method: The interval method.
  ///   - confidenceLevel: The interval level in `(0, 1)`.
  ///   - terms: Coefficients to report, or `nil` for all.
  ///   - combinations: Linear combinations to report.
  ///   - parallel: Use all cores.
  /// - Throws: `ResampledInferenceError/invalidOption(_:)` for `B ≤ 0` or a level outside `(0, 1)`.
  public init(
    model: FixedEffectsModel, scheme: ResamplingScheme = .pairs, replicates: Int = 999, seed: UInt64 = 0,
    method: IntervalMethod = .percentile, confidenceLevel: Double = 0.95, terms: [String]? = nil,
    combinations: [LinearCombination] = [], parallel: Bool = true
  ) throws(ResampledInferenceError) {
    self.model = model
    self.scheme = scheme
    self.resampling = try ResamplingOptions(
      replicates: replicates, seed: seed, method: method, confidenceLevel: confidenceLevel, parallel: parallel)
    self.terms = terms
    self.combinations = combinations
  }

  /// Fits the model, bootstraps it and summarizes every requested quantity.
  ///
  /// - Parameter data: The data.
  /// - Returns: One `ResampledEstimate` per term, then per combination.
  /// - Throws: As ``fit(_:progress:isCancelled:)``.
  /// - Complexity: As ``fit(_:progress:isCancelled:)``.
  public func fit(_ data: DataTable) throws -> FixedEffectsBootstrapResult {
    try fit(data, progress: nil, isCancelled: nil)
  }

  /// Fits the model, bootstraps it and summarizes every requested quantity, reporting progress.
  ///
  /// - Parameters:
  ///   - data: The data.
  ///   - progress: Called after each replicate with `(completed, B)`, from worker threads when
  ///     `parallel`; the BCa jackknife runs after the replicates without progress reports.
  ///   - isCancelled: Checked before each replicate; once `true` the run throws
  ///     `ResampledInferenceError/cancelled`.
  /// - Returns: One `ResampledEstimate` per term, then per combination.
  /// - Throws: `ResampledInferenceError` (fewer than 2 clusters, a term not in the model, all
  ///   replicates failing for a quantity, an interval that cannot be formed, cancellation);
  ///   `BootstrapError` for an unusable cluster column; the model's own errors on the
  ///   original data (`FixedEffectsError`, `DataError`, `FormulaError`).
  /// - Complexity: `B + 1` model fits (plus `n` or `G` jackknife fits for BCa) on the refit path;
  ///   on the frequency-weight path two fits and `B` solves of O(G p² + p³) (cluster scheme) or
  ///   O(n p² + p³) (pairs, stratified), plus `G` or `n` solves of O(p³) for BCa.
  public func fit(
    _ data: DataTable, progress: (@Sendable (Int, Int) -> Void)?, isCancelled: (@Sendable () -> Bool)?
  ) throws -> FixedEffectsBootstrapResult {
    let full = try model.fit(data)
    let used = full.observationRows
    // Every row in table order: the table itself is the sample (no copy of its columns).
    let isIdentity = used.count == data.rowCount && used.indices.allSatisfy { used[$0] == $0 }
    let sample = Self.modelColumns(of: isIdentity ? data : data.selecting(rows: used), model: model, scheme: scheme)
    let plan = try ResamplingPlan(scheme: scheme, data: sample)
    var clusterColumn: String?
    if case .cluster(let column) = scheme {
      let found = plan.groups?.members.count ?? 0
      guard found >= 2 else { throw ResampledInferenceError.tooFewClusters(column: column, found: found) }
      clusterColumn = column
    }
    let estimated = full.coefficients.map(\.term)
    let reported = terms ?? estimated
    let targets = try Self.targets(terms: reported, combinations: combinations, estimated: estimated)
    let originalValues = Self.values(of: full, targets: targets)

    let replicateModel = try Self.replicateModel(model, clusterColumn: clusterColumn)
    let width = 2 * targets.count
    let weighted = forcesRefit
      ? nil
      : FrequencyWeightedLeastSquares(
        model: model, sample: sample, plan: plan, terms: full.variance.terms,
        perReplicateVariance: resampling.method == .studentized)
    let output: ReplicateLoop.Output
    let refits = ProgressCounter()  // counts the replicates handed back to the refit
    if let weighted {
      output = try Self.runFrequencyWeighted(
        weighted, model: replicateModel, targets: targets, terms: full.variance.terms, plan: plan, sample: sample,
        seed: resampling.seed, count: resampling.replicates, parallel: resampling.parallel, progress: progress,
        isCancelled: isCancelled,
        refits: refits)
    } else {
      output = try ReplicateLoop.run(
        plan: plan, data: sample, seed: resampling.seed, count: resampling.replicates, width: width,
        parallel: resampling.parallel,
        progress: progress, isCancelled: isCancelled
      ) { resample in Self.values(of: try replicateModel.fit(resample), targets: targets) }
    }

    var influence: [[Double]]?
    if resampling.method == .bca {
      influence = try Self.jackknifeInfluence(
        model: model, sample: sample, clusterColumn: clusterColumn, targets: targets,
        parallel: resampling.parallel,
        weighted: weighted, terms: full.variance.terms)
    }
    let estimates = try targets.indices.map { j throws(ResampledInferenceError) in
      try ResampledQuantity(
        term: targets[j].name, estimate: originalValues[j], variance: originalValues[targets.count + j],
        values: output.rows.map { $0[j] }, variances: output.rows.map { $0[targets.count + j] }
      ).summarize(
        method: resampling.method, level: resampling.confidenceLevel, influence: influence?[j],
        firstFailure: output.firstFailure)
    }
    return FixedEffectsBootstrapResult(
      scheme: scheme, method: resampling.method, confidenceLevel: resampling.confidenceLevel,
      replicates: resampling.replicates, seed: resampling.seed,
      observationCount: sample.rowCount, clusterCount: clusterColumn == nil ? nil : plan.groups?.members.count,
      estimates: estimates, firstFailure: output.firstFailure, drops: full.drops,
      path: weighted == nil ? .refit : .frequencyWeights,
      refittedReplicates: weighted == nil ? resampling.replicates : refits.count)
  }

  /// The table restricted to the columns the model and the scheme read (formula variables,
  /// weights, cluster variables, the resampled column), in table order, so that a refit's
  /// resample copies only those; the table itself when it has no other column.
  static func modelColumns(of table: DataTable, model: FixedEffectsModel, scheme: ResamplingScheme) -> DataTable {
    var needed = Set(model.formula.variables)
    if let weights = model.weights { needed.insert(weights) }
    if case .cluster(let names) = model.resolvedVariance {
      for name in names {
        if table[name] == nil && name.contains("^") {
          for part in name.split(separator: "^") { needed.insert(String(part)) }
        } else {
          needed.insert(name)
        }
      }
    }
    switch scheme {
    case .pairs: break
    case .cluster(let column), .stratified(let column): needed.insert(column)
    }
    let names = table.columnNames
    guard names.contains(where: { !needed.contains($0) }) else { return table }
    let kept = names.filter { needed.contains($0) }.compactMap { table[$0] }
    guard !kept.isEmpty, let restricted = try? DataTable(columns: kept) else { return table }
    return restricted
  }

  /// One reported quantity: a weight vector over term names.
  struct Target: Sendable {
    var name: String
    var weights: [String: Double]
  }

  /// Validates the requested terms and combinations against the estimated coefficients.
  static func targets(
    terms: [String], combinations: [LinearCombination], estimated: [String]
  ) throws(ResampledInferenceError) -> [Target] {
    var out: [Target] = []
    for term in terms {
      guard estimated.contains(term) else { throw .termNotInModel(term, available: estimated) }
      out.append(Target(name: term, weights: [term: 1]))
    }
    for combination in combinations {
      guard !combination.weights.isEmpty else { throw .invalidCombination(combination.name, reason: "it has no terms") }
      for term in combination.weights.keys.sorted() where !estimated.contains(term) {
        throw .termNotInModel(term, available: estimated)
      }
      out.append(Target(name: combination.name, weights: combination.weights))
    }
    return out
  }

  /// The estimates of the targets followed by their analytic variances; NaN for a target
  /// using a coefficient the fit does not have.
  static func values(of fit: FixedEffectsFit, targets: [Target]) -> [Double] {
    let terms = fit.variance.terms
    var estimates: [Double] = []
    var variances: [Double] = []
    let coefficientByTerm = Dictionary(fit.coefficients.map { ($0.term, $0.estimate) }, uniquingKeysWith: { a, _ in a })
    for target in targets {
      let combination = LinearCombination(name: target.name, weights: target.weights)
      guard let c = combination.vector(over: terms),
        target.weights.keys.allSatisfy({ coefficientByTerm[$0] != nil })
      else {
        estimates.append(.nan)
        variances.append(.nan)
        continue
      }
      // Summed in the fit's term order (not dictionary order) so results repeat across processes.
      var estimate = 0.0
      for i in c.indices where c[i] != 0 { estimate += c[i] * (coefficientByTerm[terms[i]] ?? .nan) }
      var variance = 0.0
      for i in c.indices where c[i] != 0 {
        for k in c.indices where c[k] != 0 { variance += c[i] * fit.variance.matrix[i, k] * c[k] }
      }
      estimates.append(estimate)
      variances.append(variance.isFinite && variance >= 0 ? variance : .nan)
    }
    return estimates + variances
  }

  /// The model refitted on each resample: clustering on the resampled column is replaced by
  /// clustering on the copy number `bootstrap_cluster`.
  static func replicateModel(_ model: FixedEffectsModel, clusterColumn: String?) throws -> FixedEffectsModel {
    guard let clusterColumn, case .cluster(let names) = model.resolvedVariance, names.contains(clusterColumn) else {
      return model
    }
    return try model.withVariance(
      .cluster(names.map { $0 == clusterColumn ? BootstrapResampler.clusterColumnName : $0 }))
  }

  /// The jackknife influence values of every target (delete-one-row or delete-one-cluster): on
  /// the frequency-weight path from the leave-one-out normal equations when every leave-out
  /// sample solves there, otherwise by refitting each leave-out sample.
  static func jackknifeInfluence(
    model: FixedEffectsModel, sample: DataTable, clusterColumn: String?, targets: [Target], parallel: Bool,
    weighted: FrequencyWeightedLeastSquares? = nil, terms: [String] = []
  ) throws -> [[Double]] {
    // Only the estimates are needed; an iid variance avoids failing on a single left-in cluster.
    let estimatesOnly = try model.withVariance(.iid)
    let count = targets.count
    do throws(BootstrapError) {
      if let weighted, let jackknife = weightedJackknife(
        weighted, model: estimatesOnly, sample: sample, targets: targets, terms: terms)
      {
        return try (0..<count).map { j throws(BootstrapError) in try jackknife.influence(index: j) }
      }
      let jackknife = try Jackknife.run(on: sample, clusterColumn: clusterColumn, parallel: parallel) { table in
        let values = Self.values(of: try estimatesOnly.fit(table), targets: targets)
        return Array(values.prefix(count))
      }
      return try (0..<count).map { j throws(BootstrapError) in try jackknife.influence(index: j) }
    } catch {
      throw ResampledInferenceError.jackknifeFailed(
        term: targets.map(\.name).joined(separator: ", "), units: clusterColumn == nil ? "row" : "cluster", error: error)
    }
  }

  /// The jackknife from the frequency-weight path's leave-one-out solves, or `nil` when one of
  /// them (or the full-sample fit) would need the refit, which then decides (with its errors).
  static func weightedJackknife(
    _ weighted: FrequencyWeightedLeastSquares, model: FixedEffectsModel, sample: DataTable, targets: [Target],
    terms: [String]
  ) -> JackknifeResult? {
    guard let solutions = weighted.leaveOneOutCoefficients(), solutions.count >= 2,
      let fit = try? model.fit(sample)
    else { return nil }
    let t0 = Array(values(of: fit, targets: targets).prefix(targets.count))
    let vectors = targets.compactMap { LinearCombination(name: $0.name, weights: $0.weights).vector(over: terms) }
    guard t0.allSatisfy(\.isFinite), vectors.count == targets.count else { return nil }
    var leaveOut: [[Double]] = []
    leaveOut.reserveCapacity(solutions.count)
    for solution in solutions {
      guard let beta = solution else { return nil }
      let row = vectors.map { c in
        var estimate = 0.0
        for i in c.indices where c[i] != 0 { estimate += c[i] * beta[i] }
        return estimate
      }
      guard row.allSatisfy(\.isFinite) else { return nil }
      leaveOut.append(row)
    }
    return JackknifeResult(t0: t0, leaveOut: leaveOut)
  }
}

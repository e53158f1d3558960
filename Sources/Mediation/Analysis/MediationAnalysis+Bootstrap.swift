import CausalCore
import Resampling

extension MediationAnalysis {
  /// Nonparametric (pairs) or cluster bootstrap inference, re-fitting every model on each
  /// resample (`mediation`'s `boot = TRUE`, statsmodels' `method="bootstrap"`).
  ///
  /// The complete cases are resampled with `BootstrapResampler` (pairs, or whole
  /// clusters of `cluster` with its `bootstrap_cluster` relabelling), so replicate `r`'s sample
  /// depends only on `(seed, r)`. Each replicate re-fits the models (with iid variance, which
  /// the point estimates do not use) and evaluates the effects at the new estimates; with a
  /// binary outcome the potential mediators are drawn with
  /// `SeededGenerator(seed: seed ^ 0x4D45_4449_4154_4531).derived(stream: r)` (stream `B` for
  /// the original sample). Replicates run in parallel; the result is identical for any thread
  /// count. A replicate whose fit fails is a NaN row, counted in the notes, and skipped by the
  /// summaries.
  ///
  /// The estimate is the value on the original sample (statsmodels reports the mean of the
  /// replicates), the standard error the replicates' standard deviation, the p-value
  /// `2 · min(#>0, #<0) / B'` over the `B'` successful replicates, and the interval the percentile interval or BCa (`boot.ci`
  /// conventions; BCa's acceleration from a jackknife over rows or clusters, which re-fits the
  /// models `n` or `G` more times).
  ///
  /// - Parameters:
  ///   - data: The table.
  ///   - replicates: `B` (at least 2, checked by the initializer).
  ///   - cluster: Resample whole clusters of this column, or `nil` for the pairs bootstrap.
  ///   - interval: ``MediationBootstrapInterval/percentile`` (default) or ``MediationBootstrapInterval/bca``.
  ///   - sensitivity: The sensitivity analysis to attach, if any.
  /// - Returns: The result with the `B` replicate rows.
  /// - Throws: ``MediationError`` for the original fit, ``MediationError/bootstrap(_:)`` when
  ///   resampling, all replicates or the interval computation fail,
  ///   ``MediationError/invalidOption(_:)`` before any fit when the `B` replicates' results
  ///   would not fit in the machine's memory.
  /// - Complexity: `B` (plus `n` or `G` for BCa) re-fits of all models.
  func bootstrap(
    _ data: DataTable, replicates: Int, cluster: String?, interval: MediationBootstrapInterval,
    sensitivity: MediationSensitivity?
  ) throws(MediationError) -> MediationResult {
    let names = MediationStatistics.names(mediators: mediators)
    // One value more than the row: `BootstrapResult` holds a second list of references to the rows.
    try Self.checkMemory(count: replicates, width: names.count + 1, option: "replicates")
    let fit = try MediationFit(analysis: self, data: data)
    let spec = try with(vcov: .iid)
    let noiseRoot = SeededGenerator(seed: seed ^ 0x4D45_4449_4154_4531)
    let statistic: @Sendable (DataTable, UInt64) throws -> [Double] = { table, stream in
      let refit = try MediationFit(analysis: spec, data: table)
      var rng = noiseRoot.derived(stream: stream)
      let (betas, gamma) = refit.estimates
      return MediationStatistics.derive(
        MediationEffectEvaluator(fit: refit).effects(mediatorParameters: betas, outcomeParameters: gamma, generator: &rng))
    }
    let sample = fit.completeCases
    let t0: [Double]
    do { t0 = try statistic(sample, UInt64(replicates)) } catch { throw .bootstrap(.originalStatisticFailed("\(error)")) }
    let resampler = BootstrapResampler(
      scheme: cluster.map { .cluster(column: $0) } ?? .pairs, replicates: replicates, seed: seed)
    _ = try Self.checkedResample(resampler, sample)
    let outcomes: [[Double]?]
    do {
      outcomes = try ParallelMap.map(replicates) { r -> [Double]? in
        guard let resample = try? resampler.resample(sample, replicate: r),
          let values = try? statistic(resample, UInt64(r)), values.allSatisfy(\.isFinite)
        else { return nil }
        return values
      }
    } catch { throw .bootstrap(.originalStatisticFailed("\(error)")) }
    let failed = outcomes.indices.filter { outcomes[$0] == nil }
    guard failed.count < replicates else {
      throw .bootstrap(.allReplicatesFailed(count: replicates, firstError: "every re-fit failed"))
    }
    let draws = outcomes.map { $0 ?? Array(repeating: .nan, count: t0.count) }
    let result = BootstrapResult(t0: t0, t: draws, failedReplicateIndices: failed, firstFailure: nil)
    var influence: [[Double]] = []
    if interval == .bca {
      let jack: JackknifeResult
      do {
        jack = try Jackknife.run(on: sample, clusterColumn: cluster) { try statistic($0, UInt64(replicates)) }
      } catch { throw .bootstrap(error) }
      do { influence = try t0.indices.map { (j: Int) throws(BootstrapError) -> [Double] in try jack.influence(index: j) } } catch {
        throw .bootstrap(error)
      }
    }
    var rows: [CoefficientRow] = []
    for j in t0.indices {
      let column = draws.map { $0[j] }.filter(\.isFinite)
      let ci: BootstrapInterval
      do {
        ci = interval == .bca
          ? try result.bcaInterval(level: confidenceLevel, index: j, influence: influence[j])
          : try result.percentileInterval(level: confidenceLevel, index: j)
      } catch { throw .bootstrap(error) }
      rows.append(
        CoefficientRow(
          term: names[j], estimate: t0[j], standardError: SimulationSummary.standardDeviation(column),
          pValue: SimulationSummary.pValue(column), interval: ci.interval))
    }
    var notes: [String] = []
    if !failed.isEmpty { notes.append("\(failed.count) of \(replicates) bootstrap replicates failed to fit and were skipped.") }
    return MediationResult(rows: rows, draws: draws, fit: fit, notes: notes, sensitivity: sensitivity)
  }

  /// Resamples replicate 0 once so that a bad cluster column fails with its own error.
  private static func checkedResample(_ resampler: BootstrapResampler, _ sample: DataTable) throws(MediationError)
    -> DataTable
  {
    do { return try resampler.resample(sample, replicate: 0) } catch { throw .bootstrap(error) }
  }
}

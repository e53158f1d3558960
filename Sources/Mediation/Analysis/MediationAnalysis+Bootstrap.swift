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
    try Self.checkMemory(count: replicates, width: names.count + 1, option: "replicates")
    let fit = try MediationFit(analysis: self, data: data)
    let spec = try with(vcov: .iid)
    let noiseRoot = SeededGenerator(seed: seed ^ 0x4D45_4449_4154_4531)
    let outcome = try StatisticBootstrap(
      replicates: replicates, cluster: cluster, interval: interval, seed: seed, level: confidenceLevel
    ).run(sample: fit.completeCases, names: names) { table, stream in
      let refit = try MediationFit(analysis: spec, data: table)
      var rng = noiseRoot.derived(stream: stream)
      let (betas, gamma) = refit.estimates
      return MediationStatistics.derive(
        MediationEffectEvaluator(fit: refit).effects(mediatorParameters: betas, outcomeParameters: gamma, generator: &rng))
    }
    return MediationResult(rows: outcome.rows, draws: outcome.draws, fit: fit, notes: outcome.notes, sensitivity: sensitivity)
  }
}

import CausalCore
import Resampling

extension SequentialMediation {
  /// The sensitivity of the interventional and joint indirect effects to mediator-outcome
  /// confounding (``MediatorConfoundingSensitivity``), with percentile bands from a bootstrap
  /// that re-fits the chain and the reduced form (whole clusters when the method or the variance
  /// names a cluster column; replicate `r` from `(seed, r)`).
  ///
  /// - Parameters:
  ///   - fit: The sequential fit.
  ///   - options: The `ρ` grid and the band's replicates.
  /// - Throws: ``MediationError/invalidOption(_:)`` before any re-fit when the replicates' curves
  ///   would not fit in memory; ``MediationError/bootstrap(_:)`` when fewer than two replicates
  ///   succeed; the fitting errors.
  /// - Complexity: `1 + B` times `K + 1` linear fits, plus O(B K × grid).
  func sensitivityAnalysis(
    _ fit: MediationFit, options: MediationSensitivityOptions
  ) throws(MediationError) -> MediatorConfoundingSensitivity {
    let grid = options.rhoGrid, k = mediators.count
    try MediationAnalysis.checkMemory(count: options.replicates, width: 2 * k * grid.count, option: "replicates")
    let point = try ChainSensitivity(fit: fit)
    let curves: @Sendable (ChainSensitivity) -> [Double] = { q in
      (0..<k).flatMap { m in grid.flatMap { rho in let e = q.effects(mediator: m, rho: rho); return [e.indirect, e.joint] } }
    }
    let spec = try analysis.with(vcov: .iid)
    var cluster: String?
    if case .bootstrap(_, let c, _) = method { cluster = c }
    if cluster == nil, case .cluster(let names) = vcov { cluster = names.first }
    let resampler = BootstrapResampler(
      scheme: cluster.map { .cluster(column: $0) } ?? .pairs, replicates: options.replicates, seed: seed)
    let sample = fit.completeCases
    let replicates: [[Double]?]
    do {
      replicates = try ParallelMap.map(options.replicates) { r -> [Double]? in
        guard let resample = try? resampler.resample(sample, replicate: r),
          let refit = try? MediationFit(analysis: spec, data: resample, sequential: true),
          let q = try? ChainSensitivity(fit: refit)
        else { return nil }
        let values = curves(q)
        return values.allSatisfy(\.isFinite) ? values : nil
      }
    } catch { throw .unavailable(reason: "the sensitivity bootstrap failed: \(error)") }
    let good = replicates.compactMap { $0 }
    guard good.count >= 2 else {
      throw .bootstrap(.allReplicatesFailed(count: options.replicates, firstError: "every re-fit failed"))
    }
    let level = confidenceLevel
    func band(_ column: Int) -> ConfidenceInterval {
      let sorted = good.map { $0[column] }.sorted()
      return ConfidenceInterval(
        lower: SimulationSummary.quantile(sorted: sorted, (1 - level) / 2),
        upper: SimulationSummary.quantile(sorted: sorted, (1 + level) / 2))
    }
    let values = curves(point)
    return MediatorConfoundingSensitivity(
      curves: (0..<k).map { m in
        let base = m * grid.count * 2
        return .init(
          mediator: mediators[m], rho: grid, interventionalIndirect: grid.indices.map { values[base + 2 * $0] },
          band: grid.indices.map { band(base + 2 * $0) }, jointIndirect: grid.indices.map { values[base + 2 * $0 + 1] },
          jointBand: grid.indices.map { band(base + 2 * $0 + 1) }, rhoAtZeroIndirect: point.rhoAtZeroIndirect(mediator: m),
          rhoAtZeroJoint: point.rhoAtZeroJoint(mediator: m))
      }, replicates: good.count, confidenceLevel: level, observationCount: fit.observationCount)
  }
}

import CausalCore
import FixedEffects
import Resampling

extension MediationAnalysis {
  /// The sensitivity of the ACME to a correlation `ρ` between the mediator and outcome models'
  /// errors; see ``MediationSensitivity`` for the formulas and how to read them. Run by
  /// ``fit(_:)`` when the analysis has ``sensitivity`` options (the initializer has checked the
  /// specification: one mediator, linear models, no interaction); the band's bootstrap uses
  /// ``seed``.
  ///
  /// - Parameters:
  ///   - data: The table.
  ///   - options: The grid and the band's replicates.
  /// - Returns: The curve, its band, `ρ̃` and the R² products.
  /// - Throws: The fitting errors; ``MediationError/bootstrap(_:)`` when fewer than two
  ///   replicates succeed; ``MediationError/invalidOption(_:)`` before any fit when the band's
  ///   replicates would not fit in the machine's memory.
  /// - Complexity: `1 + B` times two linear fits, plus O(B × grid).
  func sensitivityAnalysis(
    _ data: DataTable, options: MediationSensitivityOptions
  ) throws(MediationError) -> MediationSensitivity {
    let rhoGrid = options.rhoGrid
    let replicates = options.replicates
    try Self.checkMemory(count: replicates, width: rhoGrid.count, option: "replicates")
    let fit = try MediationFit(analysis: self, data: data)
    let spec = self
    let quantities: @Sendable (DataTable) throws -> SensitivityQuantities = { try spec.sensitivityQuantities($0) }
    let sample = fit.completeCases
    let point: SensitivityQuantities
    do { point = try quantities(sample) } catch { throw .wrapping(error, model: "sensitivity models") }
    let delta = treatedValue - controlValue
    let curve: @Sendable (SensitivityQuantities) -> [Double] = { q in
      rhoGrid.map { MediationSensitivity.acme(rho: $0, beta: q.beta, sigma1: q.sigma1, sigma2: q.sigma2, rhoTilde: q.rhoTilde, delta: delta) }
    }
    let cluster = clusterColumns.first
    let resampler = BootstrapResampler(
      scheme: cluster.map { .cluster(column: $0) } ?? .pairs, replicates: replicates, seed: seed)
    let curves: [[Double]?]
    do {
      curves = try ParallelMap.map(replicates) { r -> [Double]? in
        guard let resample = try? resampler.resample(sample, replicate: r), let q = try? quantities(resample) else { return nil }
        let values = curve(q)
        return values.allSatisfy(\.isFinite) ? values : nil
      }
    } catch { throw .unavailable(reason: "the sensitivity bootstrap failed: \(error)") }
    let good = curves.compactMap { $0 }
    guard good.count >= 2 else { throw .bootstrap(.allReplicatesFailed(count: replicates, firstError: "every re-fit failed")) }
    let band = rhoGrid.indices.map { g in
      let sorted = good.map { $0[g] }.sorted()
      return ConfidenceInterval(
        lower: SimulationSummary.quantile(sorted: sorted, (1 - confidenceLevel) / 2),
        upper: SimulationSummary.quantile(sorted: sorted, (1 + confidenceLevel) / 2))
    }
    let shrink = (1 - point.mediatorR2) * (1 - point.outcomeR2)
    return MediationSensitivity(
      rho: rhoGrid, acme: curve(point), band: band, rhoAtZero: point.rhoTilde,
      r2StarProductAtZero: point.rhoTilde * point.rhoTilde,
      r2TildeProductAtZero: point.rhoTilde * point.rhoTilde * shrink, r2StarProduct: rhoGrid.map { $0 * $0 },
      r2TildeProduct: rhoGrid.map { $0 * $0 * shrink }, mediatorR2: point.mediatorR2, outcomeR2: point.outcomeR2,
      mediatorTreatmentCoefficient: point.beta, reducedFormSigma: point.sigma1, mediatorSigma: point.sigma2,
      replicates: good.count, confidenceLevel: confidenceLevel, observationCount: fit.observationCount)
  }

  /// `β₂`, `σ₁`, `σ₂`, `ρ̃` and the two R² on one sample (weighted sums; divisor Σw so that
  /// `ACME(0)` equals the product of coefficients exactly).
  func sensitivityQuantities(_ table: DataTable) throws -> SensitivityQuantities {
    let m = mediators[0]
    func fit(_ response: String, _ regressors: [String]) throws -> FixedEffectsFit {
      try FixedEffectsModel(
        formula: formula(response: response, regressors: regressors), weights: weights, vcov: .iid,
        singletons: .keep
      ).fit(table)
    }
    let mediatorFit = try fit(m, [treatment])
    let reducedFit = try fit(outcome, [treatment])
    let outcomeFit = try fit(outcome, [m, treatment])
    guard let beta = mediatorFit.coefficient(treatment)?.estimate,
      mediatorFit.observationRows == reducedFit.observationRows
    else { throw MediationError.termRemoved(model: "mediator model for \(m)", term: treatment) }
    let w: [Double]
    if let weights {
      let all = try table.column(named: weights).doubles()
      w = mediatorFit.observationRows.map { all[$0] }
    } else {
      w = Array(repeating: 1, count: mediatorFit.observationCount)
    }
    var s11 = 0.0, s22 = 0.0, s12 = 0.0, sw = 0.0
    for i in w.indices {
      let e1 = reducedFit.residuals[i], e2 = mediatorFit.residuals[i]
      s11 += w[i] * e1 * e1
      s22 += w[i] * e2 * e2
      s12 += w[i] * e1 * e2
      sw += w[i]
    }
    return SensitivityQuantities(
      beta: beta, sigma1: (s11 / sw).squareRoot(), sigma2: (s22 / sw).squareRoot(),
      rhoTilde: s12 / (s11 * s22).squareRoot(), mediatorR2: mediatorFit.r2, outcomeR2: outcomeFit.r2)
  }
}

/// The four quantities of the sensitivity formula and the two R².
struct SensitivityQuantities: Sendable {
  var beta: Double
  var sigma1: Double
  var sigma2: Double
  var rhoTilde: Double
  var mediatorR2: Double
  var outcomeR2: Double
}

import Resampling
import CausalCore
import FixedEffects

extension MediationAnalysis {
  /// The default `ρ` grid, −0.9 to 0.9 by 0.01.
  public static let defaultRhoGrid: [Double] = (-90...90).map { Double($0) / 100 }

  /// The sensitivity of the ACME to a correlation `ρ` between the mediator and outcome models'
  /// errors; see ``MediationSensitivity`` for the formulas and how to read them.
  ///
  /// Available for one mediator, linear mediator and outcome models and no interaction
  /// (covariates, weights and fixed effects are allowed).
  ///
  /// - Parameters:
  ///   - data: The table.
  ///   - rhoGrid: Values of `ρ` in (−1, 1), default ``defaultRhoGrid``.
  ///   - replicates: Bootstrap replicates for the band (default 1,000).
  ///   - seed: The bootstrap seed.
  /// - Returns: The curve, its band, `ρ̃` and the R² products.
  /// - Throws: ``MediationError/unavailable(reason:)`` for another specification;
  ///   ``MediationError/invalidOption(name:reason:)`` for a grid value outside (−1, 1); the
  ///   fitting errors.
  /// - Complexity: `1 + B` times two linear fits, plus O(B × grid).
  public func sensitivity(
    _ data: DataTable, rhoGrid: [Double] = MediationAnalysis.defaultRhoGrid, replicates: Int = 1_000, seed: UInt64 = 1
  ) throws(MediationError) -> MediationSensitivity {
    guard isLinear, mediators.count == 1, !interaction else {
      throw .unavailable(reason: "the sensitivity analysis needs one mediator, linear models and no interaction")
    }
    guard rhoGrid.allSatisfy({ $0 > -1 && $0 < 1 }), !rhoGrid.isEmpty else {
      throw .invalidOption(name: "rhoGrid", reason: "values must lie strictly between -1 and 1")
    }
    guard replicates >= 2 else { throw .invalidOption(name: "replicates", reason: "at least 2 are needed") }
    let fit = try MediationFit(analysis: self, data: data)
    let spec = self
    let quantities: @Sendable (DataTable) throws -> SensitivityQuantities = { try spec.sensitivityQuantities($0) }
    let sample = fit.completeCases
    let point: SensitivityQuantities
    do { point = try quantities(sample) } catch let error as MediationError { throw error } catch {
      throw .data(String(describing: error))
    }
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
    var lower: [Double] = []
    var upper: [Double] = []
    for g in rhoGrid.indices {
      let sorted = good.map { $0[g] }.sorted()
      lower.append(SimulationSummary.quantile(sorted: sorted, (1 - confidenceLevel) / 2))
      upper.append(SimulationSummary.quantile(sorted: sorted, (1 + confidenceLevel) / 2))
    }
    let shrink = (1 - point.mediatorR2) * (1 - point.outcomeR2)
    return MediationSensitivity(
      rho: rhoGrid, acme: curve(point), lower: lower, upper: upper, rhoAtZero: point.rhoTilde,
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
    var suffix = covariates.trimmed.isEmpty ? "" : " + " + covariates
    if !fixedEffects.trimmed.isEmpty { suffix += " | " + fixedEffects }
    func fit(_ formula: String) throws -> FixedEffectsFit {
      try FixedEffectsModel(formula: formula, weights: weights, vcov: .iid, singletons: .keep).fit(table)
    }
    let mediatorFit = try fit("\(m) ~ \(treatment)" + suffix)
    let reducedFit = try fit("\(outcome) ~ \(treatment)" + suffix)
    let outcomeFit = try fit("\(outcome) ~ \(m) + \(treatment)" + suffix)
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

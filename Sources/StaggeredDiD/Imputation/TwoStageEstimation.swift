import CausalCore
import LinearAlgebra

/// The computation of a two-stage DiD: the first stage on untreated rows (unit and period
/// effects, and the covariates through ``FirstStageCovariates``), the residualised outcomes,
/// the second stage (every row carries at most one term, so its normal matrix is diagonal) and
/// the cluster variance (GMM-corrected, or Borusyak, Jaravel and Spiess's).
///
/// Both variances are `Σ_c s_c s_cᵀ` with `s_c = Σ_{i∈c} vᵢ ε̃ᵢ`, the estimator's weights `vᵢ`
/// (the term's weight share on its rows, minus `wᵢ (γ_u + γ_t + x̃ᵢᵀb)` on untreated rows,
/// `(γ, b)` the first stage's solve for the term's weight sums) times a residual that only the
/// variance choice changes.
enum TwoStageEstimation {
  /// Runs both stages.
  ///
  /// - Throws: ``DiDError/nonFiniteNuisance(model:)`` when a first-stage solve does not
  ///   converge; ``DiDError/noTreatedCohorts(reason:)`` when a second-stage term has no weight;
  ///   ``DiDError/invalidOption(_:)`` for a leave-out variance with a group in one cluster.
  /// - Complexity: 1 + p + k solves of ``TwoWayNormalEquations`` (p covariate columns);
  ///   O(n p (p + k)) for the covariates' products.
  static func run(_ s: TwoStageSample, model: TwoStageDiD) throws(DiDError) -> TwoStageDiDResult {
    let untreated = s.treated.indices.filter { !s.treated[$0] }
    let equations = TwoWayNormalEquations(
      units: untreated.map { s.unit[$0] }, periods: untreated.map { s.period[$0] },
      weights: untreated.map { s.weight[$0] }, unitCount: s.unitCount, periodCount: s.periodCount)
    // First stage: unit and period effects (and covariates) from the untreated rows.
    guard
      var residual = equations.residualize(s.outcome, fittingRows: untreated, rowUnits: s.unit, rowPeriods: s.period)
    else {
      throw .nonFiniteNuisance(model: "first-stage unit and period effects (the untreated observations do not connect units and periods)")
    }
    let covariates = try FirstStageCovariates(s, untreated: untreated, equations: equations)
    let slopes = try covariates.coefficients(rows: untreated, weights: s.weight) { residual[$0] }
    if !slopes.isEmpty {
      for i in residual.indices { residual[i] -= covariates.fitted(i, slopes) }
    }
    // Second stage: the weighted mean residual of each term's rows.
    let k = s.terms.count
    var totals = [Double](repeating: 0, count: k)
    var sums = [Double](repeating: 0, count: k)
    for i in s.term.indices where s.term[i] >= 0 {
      totals[s.term[i]] += s.weight[i]
      sums[s.term[i]] += s.weight[i] * residual[i]
    }
    guard totals.allSatisfy({ $0 > 0 }) else { throw .noTreatedCohorts(reason: "a second-stage term has no observations") }
    let beta = zip(sums, totals).map { $0 / $1 }
    // Each term row's residual in the scores: the second-stage residual (GMM) or Borusyak,
    // Jaravel and Spiess's (first-stage residual, or effect minus its group average).
    let scoreResidual: [Double]
    switch model.variance {
    case .gmm: scoreResidual = s.term.indices.map { s.term[$0] >= 0 ? residual[$0] - beta[s.term[$0]] : residual[$0] }
    case .imputation(let groups, let leaveOut):
      scoreResidual = try ImputationResiduals.make(s, residual: residual, groups: groups, leaveOut: leaveOut)
    }
    // Γ: the first stage's response to each second-stage column, for the variance correction.
    var gamma: [(unit: [Double], period: [Double], covariates: [Double])] = []
    for j in 0..<k {
      var cu = [Double](repeating: 0, count: s.unitCount)
      var ct = [Double](repeating: 0, count: s.periodCount)
      for i in s.term.indices where s.term[i] == j {
        cu[Int(s.unit[i])] += s.weight[i]
        ct[Int(s.period[i])] += s.weight[i]
      }
      guard let solved = equations.solve(unitSide: cu, periodSide: ct) else {
        throw .nonFiniteNuisance(model: "first-stage correction of the variance")
      }
      // b = G⁻¹ Σ_{rows of term j} wᵢ x̃ᵢ (none without covariates).
      let slopes =
        try covariates.columns.isEmpty
        ? [] : covariates.coefficients(rows: s.term.indices.filter { s.term[$0] == j }, weights: s.weight) { _ in 1 }
      gamma.append((solved.unit, solved.period, slopes))
    }
    // Cluster scores s_g (without M) and V = M S M.
    var scores = [Double](repeating: 0, count: s.clusterCount * k)
    for i in s.outcome.indices {
      let c = Int(s.cluster[i]) * k
      let w = s.weight[i]
      if s.term[i] >= 0 { scores[c + s.term[i]] += w * scoreResidual[i] }
      if !s.treated[i] {
        let u1 = residual[i]
        for j in 0..<k {
          let fitted =
            gamma[j].unit[Int(s.unit[i])] + gamma[j].period[Int(s.period[i])] + covariates.fitted(i, gamma[j].covariates)
          scores[c + j] -= w * fitted * u1
        }
      }
    }
    var variance = Matrix(rows: k, columns: k)
    for g in 0..<s.clusterCount {
      for a in 0..<k {
        for b in 0..<k { variance[a, b] += scores[g * k + a] * scores[g * k + b] }
      }
    }
    for a in 0..<k { for b in 0..<k { variance[a, b] /= totals[a] * totals[b] } }
    var drops = s.drops
    for record in covariates.removed { drops.appendTerm(record) }
    return try TwoStageDiDResult(sample: s, model: model, estimates: beta, variance: variance, drops: drops)
  }
}

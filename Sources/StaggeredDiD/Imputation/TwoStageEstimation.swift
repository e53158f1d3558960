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
    // Γ: the first stage's response to each second-stage column, for the variance correction;
    // the columns are independent solves, run on all cores (each result depends only on its
    // column, so the output does not depend on the number of threads).
    var rowsOfTerm = [[Int]](repeating: [], count: k)
    for i in s.term.indices where s.term[i] >= 0 { rowsOfTerm[s.term[i]].append(i) }
    let gamma: [(unit: [Double], period: [Double], covariates: [Double])]
    do {
      gamma = try ParallelMap.map(k) { [rowsOfTerm, covariates] j in
        var cu = [Double](repeating: 0, count: s.unitCount)
        var ct = [Double](repeating: 0, count: s.periodCount)
        for i in rowsOfTerm[j] {
          cu[Int(s.unit[i])] += s.weight[i]
          ct[Int(s.period[i])] += s.weight[i]
        }
        guard let solved = equations.solve(unitSide: cu, periodSide: ct) else {
          throw DiDError.nonFiniteNuisance(model: "first-stage correction of the variance")
        }
        // b = G⁻¹ Σ_{rows of term j} wᵢ x̃ᵢ (none without covariates).
        let slopes =
          try covariates.columns.isEmpty
          ? [] : covariates.coefficients(rows: rowsOfTerm[j], weights: s.weight) { _ in 1 }
        return (solved.unit, solved.period, slopes)
      }
    } catch {
      throw DiDError.wrapping(error)
    }
    // Γ's unit and period parts as unit-major and period-major tables, so that the loop over
    // the terms below reads contiguous memory.
    var gammaUnit = [Double](repeating: 0, count: s.unitCount * k)
    var gammaPeriod = [Double](repeating: 0, count: s.periodCount * k)
    for j in 0..<k {
      for u in 0..<s.unitCount { gammaUnit[u * k + j] = gamma[j].unit[u] }
      for t in 0..<s.periodCount { gammaPeriod[t * k + j] = gamma[j].period[t] }
    }
    let hasCovariates = !covariates.columns.isEmpty
    // Cluster scores s_g (without M) and V = M S M.
    var scores = [Double](repeating: 0, count: s.clusterCount * k)
    for i in s.outcome.indices {
      let c = Int(s.cluster[i]) * k
      let w = s.weight[i]
      if s.term[i] >= 0 { scores[c + s.term[i]] += w * scoreResidual[i] }
      if !s.treated[i] {
        let u1 = residual[i], a = Int(s.unit[i]) * k, b = Int(s.period[i]) * k
        for j in 0..<k {
          var fitted = gammaUnit[a + j] + gammaPeriod[b + j]
          if hasCovariates { fitted += covariates.fitted(i, gamma[j].covariates) }
          scores[c + j] -= w * fitted * u1
        }
      }
    }
    // Σ_g s_g s_gᵀ as the Gram matrix of the G × k score matrix (BLAS).
    let clusters = s.clusterCount
    var byTerm = [Double](repeating: 0, count: clusters * k)
    for g in 0..<clusters { for a in 0..<k { byTerm[a * clusters + g] = scores[g * k + a] } }
    var variance: Matrix
    do { variance = try Matrix(rows: clusters, columns: k, columnMajor: byTerm).gram() } catch {
      throw .nonFiniteNuisance(model: "variance (\(error))")
    }
    for a in 0..<k { for b in 0..<k { variance[a, b] /= totals[a] * totals[b] } }
    var drops = s.drops
    for record in covariates.removed { drops.appendTerm(record) }
    return try TwoStageDiDResult(sample: s, model: model, estimates: beta, variance: variance, drops: drops)
  }
}

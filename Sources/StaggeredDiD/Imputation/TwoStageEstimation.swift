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
    let responses = try FirstStageResponses(s, equations: equations, covariates: covariates)
    let variance = try clusterVariance(
      s, residual: residual, scoreResidual: scoreResidual, responses: responses, covariates: covariates, totals: totals)
    var drops = s.drops
    for record in covariates.removed { drops.appendTerm(record) }
    return try TwoStageDiDResult(sample: s, model: model, estimates: beta, variance: variance, drops: drops)
  }

  /// `V = M S M`: the cluster scores (each term row's score residual, minus Γ's fitted values
  /// times the first-stage residual on untreated rows), their outer products summed over
  /// clusters, scaled by the terms' weight totals.
  ///
  /// - Complexity: O(n k) for the scores (O(n k p) with p covariates); O(G k²) for the sum.
  private static func clusterVariance(
    _ s: TwoStageSample, residual: [Double], scoreResidual: [Double], responses: FirstStageResponses,
    covariates: FirstStageCovariates, totals: [Double]
  ) throws(DiDError) -> Matrix {
    let k = s.terms.count
    let hasCovariates = !covariates.columns.isEmpty
    var scores = [Double](repeating: 0, count: s.clusterCount * k)
    for i in s.outcome.indices {
      let c = Int(s.cluster[i]) * k
      let w = s.weight[i]
      if s.term[i] >= 0 { scores[c + s.term[i]] += w * scoreResidual[i] }
      if !s.treated[i] {
        let u1 = residual[i], a = Int(s.unit[i]) * k, b = Int(s.period[i]) * k
        for j in 0..<k {
          var fitted = responses.unit[a + j] + responses.period[b + j]
          if hasCovariates { fitted += covariates.fitted(i, responses.covariates[j]) }
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
    return variance
  }
}

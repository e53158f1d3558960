import CausalCore
import FixedEffects

/// The sensitivity of a linear chain of mediators to unmeasured mediator-outcome confounding:
/// Imai, Keele and Yamamoto's (2010) correlation approach extended to several mediators in a
/// causal order.
///
/// In the linear system of ``SequentialMediation`` (mediator `k`'s error `ε_k`, the outcome's
/// error `ε_Y`), unmeasured confounding of mediator `k` and the outcome makes
/// `ρ_k = corr(ε_k, ε_Y) ≠ 0`. The chain's errors are uncorrelated with each other (each
/// mediator is regressed on the earlier ones), so with `e_R` the residual of the reduced form
/// `Y ~ A + C` and `e_k` mediator `k`'s residual (weighted, divisor `Σw`):
///
/// - `e_R = Σ_k τ_k ε_k + ε_Y`, with `τ_k` the total effect of `M_k` on `Y`;
/// - `Cov(e_R, e_k) = τ_k σ_k² + ρ_k σ_k σ_Y` and `Var(e_R) = Σ_k r_k² + σ_Y² (1 − Σ_k ρ_k²)`,
///   `r_k = Cov(e_R, e_k) / σ_k`;
///
/// so for given `ρ` (with `Σ ρ_k² < 1`), `σ_Y² = (Var(e_R) − Σ r_k²) / (1 − Σ ρ_k²)` and
/// `τ_k(ρ) = (r_k − ρ_k σ_Y) / σ_k`. The outcome coefficients follow back along the chain,
/// `θ_k = τ_k − Σ_{j>k} γ_jk τ_j` (`γ_jk` mediator `j`'s coefficient on `M_k`), and the effects:
/// the joint indirect effect `Δ Σ_k α_k τ_k` (`α_k` the treatment's coefficient in mediator `k`'s
/// model) and mediator `k`'s interventional indirect effect `Δ θ_k TE_k` (`TE_k` the total effect
/// of the treatment on `M_k`, unaffected by `ρ`). At `ρ = 0` these are the closed forms; with one
/// mediator they are Imai, Keele and Yamamoto's `ACME(ρ)`.
struct ChainSensitivity: Sendable {
  /// `α_k`.
  let alpha: [Double]
  /// `γ[j][k]`, mediator `j`'s coefficient on an earlier mediator `k`.
  let gamma: [[Double]]
  /// `σ_k`, the mediators' residual standard deviations (divisor `Σw`).
  let sigma: [Double]
  /// `r_k = Cov(e_R, e_k) / σ_k`.
  let r: [Double]
  /// `Var(e_R)`.
  let reducedVariance: Double
  /// `Δ = a − a*`.
  let delta: Double

  /// Computes the quantities from a sequential fit (mediator residuals) and the reduced form.
  ///
  /// - Throws: ``MediationError`` when the reduced form cannot be fitted or the mediator models
  ///   have no residuals.
  /// - Complexity: O(n k²) for the reduced form, O(n K) for the moments.
  init(fit: MediationFit) throws(MediationError) {
    let a = fit.analysis
    let reduced: FixedEffectsFit
    do {
      reduced = try FixedEffectsModel(
        formula: a.formula(response: a.outcome, regressors: [a.treatment]), weights: a.weights, vcov: .iid,
        singletons: .keep
      ).fit(fit.prepared)
    } catch {
      throw .wrapping(error, model: "reduced-form outcome model")
    }
    let w = fit.weights, n = fit.observationCount
    guard reduced.residuals.count == n, fit.mediatorModels.allSatisfy({ $0.residuals.count == n }) else {
      throw .unavailable(reason: "the sensitivity analysis needs every model fitted to the same observations")
    }
    var v = 0.0
    for i in 0..<n { v += w[i] * reduced.residuals[i] * reduced.residuals[i] }
    reducedVariance = v / fit.totalWeight
    var sigma: [Double] = [], r: [Double] = []
    for model in fit.mediatorModels {
      var s = 0.0, c = 0.0
      for i in 0..<n {
        s += w[i] * model.residuals[i] * model.residuals[i]
        c += w[i] * model.residuals[i] * reduced.residuals[i]
      }
      let sd = (s / fit.totalWeight).squareRoot()
      sigma.append(sd)
      r.append(c / fit.totalWeight / sd)
    }
    self.sigma = sigma
    self.r = r
    alpha = fit.mediatorModels.indices.map { fit.mediatorModels[$0].estimates[fit.mediatorTreatmentIndex[$0]] }
    gamma = fit.mediatorModels.indices.map { j in fit.mediatorParentIndex[j].map { fit.mediatorModels[j].estimates[$0] } }
    delta = a.treatedValue - a.controlValue
  }

  /// `√(Var(e_R) − Σ r_k²)`: the outcome error's standard deviation at `ρ = 0`.
  var residualScale: Double { max(reducedVariance - r.reduce(0) { $0 + $1 * $1 }, 0).squareRoot() }

  /// `τ(ρ)`, or `nil` when `Σ ρ_k² ≥ 1`.
  func tau(_ rho: [Double]) -> [Double]? {
    let sum = rho.reduce(0) { $0 + $1 * $1 }
    guard sum < 1 else { return nil }
    let sigmaY = residualScale / (1 - sum).squareRoot()
    return r.indices.map { (r[$0] - rho[$0] * sigmaY) / sigma[$0] }
  }

  /// `θ_k = τ_k − Σ_{j>k} γ_jk τ_j`.
  func theta(_ tau: [Double]) -> [Double] {
    tau.indices.map { k in tau[k] - ((k + 1)..<tau.count).reduce(0) { $0 + gamma[$1][k] * tau[$1] } }
  }

  /// `TE_k = α_k + Σ_{j<k} γ_kj TE_j`.
  var treatmentEffects: [Double] {
    var out: [Double] = []
    for k in alpha.indices { out.append(alpha[k] + (0..<k).reduce(0) { $0 + gamma[k][$1] * out[$1] }) }
    return out
  }

  /// Mediator `k`'s interventional indirect effect and the joint indirect effect with `ρ_k = rho`
  /// and the other correlations zero (NaN outside `(−1, 1)`).
  func effects(mediator k: Int, rho: Double) -> (indirect: Double, joint: Double) {
    var vector = [Double](repeating: 0, count: r.count)
    vector[k] = rho
    guard let t = tau(vector) else { return (.nan, .nan) }
    let joint = delta * zip(alpha, t).reduce(0) { $0 + $1.0 * $1.1 }
    return (delta * theta(t)[k] * treatmentEffects[k], joint)
  }

  /// The `ρ_k` (the others zero) at which `τ_k` takes the value `target`: `τ_k(ρ) = target`
  /// solves `ρ / √(1 − ρ²) = (r_k − σ_k target) / S` with `S` the ``residualScale``.
  private func rho(mediator k: Int, tauTarget target: Double) -> Double {
    let q = (r[k] - sigma[k] * target) / residualScale
    return q / (1 + q * q).squareRoot()
  }

  /// The `ρ_k` at which mediator `k`'s interventional indirect effect is zero: `θ_k = 0`, that is
  /// `τ_k = Σ_{j>k} γ_jk τ_j` (the later `τ_j` do not move with `ρ_k`).
  func rhoAtZeroIndirect(mediator k: Int) -> Double {
    let t = tau([Double](repeating: 0, count: r.count)) ?? []
    return rho(mediator: k, tauTarget: ((k + 1)..<r.count).reduce(0) { $0 + gamma[$1][k] * t[$1] })
  }

  /// The `ρ_k` at which the joint indirect effect is zero: `α_k τ_k = −Σ_{j≠k} α_j τ_j`; NaN when
  /// `α_k = 0` (then `ρ_k` does not move it).
  func rhoAtZeroJoint(mediator k: Int) -> Double {
    guard alpha[k] != 0, let t = tau([Double](repeating: 0, count: r.count)) else { return .nan }
    let others = alpha.indices.filter { $0 != k }.reduce(0) { $0 + alpha[$1] * t[$1] }
    return rho(mediator: k, tauTarget: -others / alpha[k])
  }
}

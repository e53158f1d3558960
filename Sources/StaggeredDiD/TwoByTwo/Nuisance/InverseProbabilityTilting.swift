import CausalCore
import Foundation
import LinearAlgebra
import Propensity

/// The propensity score of the improved doubly robust estimator: inverse probability tilting
/// for the ATT (Graham, Pinto and Egel 2012, as adapted by Sant'Anna and Zhao 2020).
///
/// The coefficients `γ` minimise the convex loss
/// `ℓ(γ) = Σ wᵢ (−Dᵢ xᵢᵀγ + (1 − Dᵢ) exp(xᵢᵀγ)) / n`, whose first-order condition is the balancing
/// property `Σ_{D=1} wᵢ xᵢ = Σ_{D=0} wᵢ exp(xᵢᵀγ) xᵢ`: the comparison units, weighted by the odds
/// `p/(1 − p) = exp(xᵀγ)` of `p = logistic(xᵀγ)`, reproduce the treated units' covariate totals.
///
/// ## Algorithm and fallbacks
///
/// DRDID minimises this loss with `trust` from the logit estimates; when that fails it minimises
/// Graham et al.'s modified loss with `nlm`, and when that fails too it uses the logit estimates
/// (with a warning). CausalKit follows the same chain with a damped Newton method: exact
/// Hessian, Armijo backtracking far from the minimum, full steps once the Newton decrement is
/// below `10⁻¹⁰ n`, stopping when it is below `10⁻²⁴ n` or stops falling. That leaves the scores
/// exact to rounding; the ports' optimisers stop earlier (moderndid's at a gradient of about
/// `10⁻⁸`, which moves its standard errors by up to 1e-5 relative on the fixtures):
/// 1. Newton on `ℓ` from the logit estimates;
/// 2. if that fails (a singular Hessian, non-finite values, no convergence in 200 iterations),
///    Newton on the modified loss `−Σ wᵢ((1 − Dᵢ) φ(vᵢ) + vᵢ)`, with `φ(v) = −v − eᵛ` below
///    `v* = log(n − 1)` and its quadratic extension above (bounded curvature), which has the
///    same solution when one exists (DRDID's `loss.ps.IPT`, with the weights also on the `v`
///    term, where DRDID's value omits them but its gradient has them);
/// 3. if that fails too, the logit scores.
/// A note in the result says when a fallback was used.
enum InverseProbabilityTilting {
  /// Scores and notes.
  struct Solution {
    /// `logistic(xᵢᵀγ)`, uncapped.
    let scores: [Double]
    /// Empty, or a sentence saying which fallback gave the scores.
    let notes: [String]
  }

  /// Solves the tilting problem.
  ///
  /// - Parameters:
  ///   - treated: The group of each row.
  ///   - covariates: The `n × k` covariates, intercept first.
  ///   - weights: The normalised sampling weights.
  /// - Throws: ``DiDError/propensityFitFailed(_:)`` when even the starting logit fails.
  /// - Complexity: O(n k²) per Newton iteration; typically 5–20 iterations.
  static func solve(treated: [Bool], covariates: Matrix, weights: [Double]) throws(DiDError) -> Solution {
    let start = try PropensityScores.logitFit(treated: treated, covariates: covariates, weights: weights)
    let gamma0 = start.estimates.map { $0.isFinite ? $0 : 0 }
    let n = covariates.rows
    let d = treated.map { $0 ? 1.0 : 0.0 }
    let calibration = Loss { i, v in
      let e = exp(v)
      return (weights[i] * (-d[i] * v + (1 - d[i]) * e), weights[i] * (-d[i] + (1 - d[i]) * e), weights[i] * (1 - d[i]) * e)
    }
    if let gamma = newton(calibration, start: gamma0, covariates: covariates) {
      return Solution(scores: logistic(covariates, gamma), notes: [])
    }
    let logN = log(Double(max(n, 3) - 1))
    let cn = -Double(n - 1), bn = -Double(n) + Double(n - 1) * logN
    let an = -Double(n - 1) * (1 - logN + 0.5 * logN * logN)
    let modified = Loss { i, v in
      let phi: Double, phi1: Double, phi2: Double
      if v < logN {
        let e = exp(v)
        (phi, phi1, phi2) = (-v - e, -1 - e, -e)
      } else {
        (phi, phi1, phi2) = (an + bn * v + 0.5 * cn * v * v, bn + cn * v, cn)
      }
      let c = 1 - d[i]
      return (-weights[i] * (c * phi + v), -weights[i] * (c * phi1 + 1), -weights[i] * c * phi2)
    }
    if let gamma = newton(modified, start: gamma0, covariates: covariates) {
      return Solution(
        scores: logistic(covariates, gamma),
        notes: ["The tilting propensity score was found with Graham et al.'s modified loss (the first Newton "
          + "method did not converge), as DRDID does when trust fails."])
    }
    return Solution(
      scores: start.fittedProbabilities,
      notes: ["Inverse probability tilting did not converge; the logit propensity score was used instead "
        + "(as DRDID does). The covariates may not overlap between the groups."])
  }

  /// A separable loss `Σᵢ fᵢ(xᵢᵀγ)`: per row, the value and first and second derivatives in `v`.
  struct Loss {
    /// `(fᵢ(v), fᵢ′(v), fᵢ″(v))` for row `i`.
    let terms: (Int, Double) -> (Double, Double, Double)
  }

  /// Damped Newton from `start`; `nil` on failure.
  ///
  /// - Complexity: O(n k²) per iteration.
  static func newton(_ loss: Loss, start: [Double], covariates: Matrix) -> [Double]? {
    let n = covariates.rows
    var gamma = start
    var lastDecrement: Double?
    guard var state = evaluate(loss, gamma, covariates), state.value.isFinite else { return nil }
    for _ in 0..<200 {
      let gradient = (try? covariates.transposeMultiplied(by: state.first)) ?? []
      let hessian = IRLSPass.weightedGram(covariates, state.second)
      guard gradient.count == gamma.count, let chol = try? Cholesky(hessian), let step = try? chol.solve(gradient),
        step.allSatisfy(\.isFinite)
      else { return nil }
      let decrement = zip(gradient, step).reduce(0) { $0 + $1.0 * $1.1 }
      if decrement < 1e-24 * Double(n) { return zip(gamma, step).map { $0 - $1 } }
      if decrement < 1e-10 * Double(n) {
        // Near the minimum: full Newton steps (quadratic convergence), where the loss's
        // rounding error would defeat a line search; stop once the decrement stops falling.
        if let previous = lastDecrement, decrement >= previous { return gamma }
        gamma = zip(gamma, step).map { $0 - $1 }
        guard let next = evaluate(loss, gamma, covariates) else { return nil }
        state = next
        lastDecrement = decrement
        continue
      }
      var t = 1.0
      var accepted = false
      for _ in 0..<60 {
        let candidate = zip(gamma, step).map { $0 - t * $1 }
        if let next = evaluate(loss, candidate, covariates), next.value.isFinite,
          next.value <= state.value - 1e-4 * t * decrement
        {
          gamma = candidate
          state = next
          accepted = true
          break
        }
        t *= 0.5
      }
      guard accepted else { return nil }
    }
    return nil
  }

  /// The loss and its per-row derivatives at `gamma`.
  private static func evaluate(_ loss: Loss, _ gamma: [Double], _ covariates: Matrix)
    -> (value: Double, first: [Double], second: [Double])?
  {
    guard let v = try? covariates.multiplied(by: gamma) else { return nil }
    var value = 0.0
    var first = [Double](repeating: 0, count: v.count)
    var second = [Double](repeating: 0, count: v.count)
    for i in v.indices {
      let (f, f1, f2) = loss.terms(i, v[i])
      value += f
      first[i] = f1
      second[i] = f2
    }
    guard value.isFinite, first.allSatisfy(\.isFinite), second.allSatisfy(\.isFinite) else { return nil }
    return (value, first, second)
  }

  /// `logistic(Xγ)`.
  private static func logistic(_ covariates: Matrix, _ gamma: [Double]) -> [Double] {
    ((try? covariates.multiplied(by: gamma)) ?? []).map { 1 / (1 + exp(-$0)) }
  }
}

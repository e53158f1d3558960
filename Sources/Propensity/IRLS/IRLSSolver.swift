import LinearAlgebra

/// The state at the end of the Fisher-scoring iterations.
struct IRLSOutcome {
  /// The final coefficients.
  var beta: [Double]
  /// The linear predictor at ``beta``.
  var eta: [Double]
  /// The pass at ``beta`` (log-likelihood, information, score).
  var pass: PassResult
  /// Weighted least-squares solves performed.
  var iterations: Int
  /// Whether the relative change in deviance fell below the tolerance.
  var converged: Bool
  /// The last relative change in deviance, `|D_t − D_(t−1)| / (|D_t| + 0.1)`.
  var relativeChange: Double
  /// Step halvings performed in total.
  var halvings: Int
  /// The iteration at which the information matrix became singular, if it did.
  var singularAt: Int?
}

/// Newton–Raphson by iteratively reweighted least squares: Fisher scoring for the logit (the
/// canonical link, where observed and expected information coincide), Newton with the observed
/// information for the probit, so both converge quadratically and a deviance change below
/// `1e-12` leaves the coefficients exact to about 1e-10 (Fisher scoring for the probit
/// converges only linearly; the variance still uses the expected information, as R's glm).
///
/// Iteration 1 solves the weighted least-squares problem of R's `glm.fit` from the binomial
/// start `μ₀ = (w y + ½)/(w + 1)`: `β₁ = (XᵀW₀X)⁻¹ XᵀW₀ z₀` with the working response
/// `z₀ = η₀ + u₀/W₀`. Later iterations take the equivalent step form
/// `β_(t+1) = β_t + (XᵀW_tX)⁻¹ Xᵀu_t` (no cancellation between `XᵀWXβ` and `XᵀWz` near the
/// optimum). A step that raises the deviance by more than the tolerance is halved.
enum IRLSSolver {
  /// Iterates to convergence, the iteration cap, or a singular information matrix.
  ///
  /// - Complexity: O(n k²) per iteration (one pass over the design) plus O(k³) for the solve.
  ///
  /// - Parameter start: The starting pass (`IRLSPass.run(problem, link:, beta: nil, ...)`) when
  ///   the caller has already made it, `nil` to make it here.
  static func solve(
    _ problem: BinaryProblem, link: LinkFunction, options: IRLSOptions, start given: PassResult? = nil
  ) -> IRLSOutcome {
    let n = problem.n, k = problem.k
    var eta = [Double](repeating: 0, count: n)
    let start = given ?? IRLSPass.run(problem, link: link, beta: nil, eta: &eta)
    var deviance = -2 * start.logLikelihood
    guard let first = try? Cholesky(start.information), var beta = try? first.solve(start.rhs) else {
      return IRLSOutcome(
        beta: [Double](repeating: 0, count: k), eta: eta, pass: start, iterations: 1, converged: false,
        relativeChange: .infinity, halvings: 0, singularAt: 1)
    }
    var pass = IRLSPass.run(problem, link: link, beta: beta, eta: &eta)
    var change = relativeChange(-2 * pass.logLikelihood, deviance)
    deviance = -2 * pass.logLikelihood
    var iterations = 1
    var halvings = 0
    while !(change < options.tolerance) && iterations < options.maxIterations {
      guard let chol = try? Cholesky(pass.information), var step = try? chol.solve(pass.rhs) else {
        return IRLSOutcome(
          beta: beta, eta: eta, pass: pass, iterations: iterations, converged: false, relativeChange: change,
          halvings: halvings, singularAt: iterations + 1)
      }
      iterations += 1
      var candidate = zip(beta, step).map { $0 + $1 }
      var next = IRLSPass.run(problem, link: link, beta: candidate, eta: &eta)
      var nextDeviance = -2 * next.logLikelihood
      var halved = 0
      while !(nextDeviance <= deviance + options.tolerance * (abs(deviance) + 0.1)) && halved < options.maxStepHalvings {
        halved += 1
        for j in 0..<k { step[j] *= 0.5 }
        candidate = zip(beta, step).map { $0 + $1 }
        next = IRLSPass.run(problem, link: link, beta: candidate, eta: &eta)
        nextDeviance = -2 * next.logLikelihood
      }
      halvings += halved
      guard nextDeviance <= deviance + options.tolerance * (abs(deviance) + 0.1) else {
        // No step along the scoring direction lowers the deviance: stay at β_t.
        let back = IRLSPass.run(problem, link: link, beta: beta, eta: &eta)
        return IRLSOutcome(
          beta: beta, eta: eta, pass: back, iterations: iterations, converged: false, relativeChange: change,
          halvings: halvings, singularAt: nil)
      }
      change = relativeChange(nextDeviance, deviance)
      beta = candidate
      pass = next
      deviance = nextDeviance
    }
    return IRLSOutcome(
      beta: beta, eta: eta, pass: pass, iterations: iterations, converged: change < options.tolerance,
      relativeChange: change, halvings: halvings, singularAt: nil)
  }

  /// R's convergence measure `|D − D_old| / (|D| + 0.1)`.
  static func relativeChange(_ deviance: Double, _ previous: Double) -> Double {
    let change = abs(deviance - previous) / (abs(deviance) + 0.1)
    return change.isNaN ? .infinity : change
  }

  /// Newton steps from the final coefficients, used to probe for separation: returns the
  /// coefficients and linear predictor after `steps` further (halved when needed) steps, or
  /// `nil` when the information is singular at once.
  static func probe(
    _ problem: BinaryProblem, link: LinkFunction, from outcome: IRLSOutcome, steps: Int
  ) -> (beta: [Double], eta: [Double])? {
    var beta = outcome.beta
    var pass = outcome.pass
    var eta = outcome.eta
    var deviance = -2 * pass.logLikelihood
    for _ in 0..<steps {
      guard let chol = try? Cholesky(pass.information), var step = try? chol.solve(pass.rhs) else { break }
      var accepted = false
      for _ in 0..<20 {
        let candidate = zip(beta, step).map { $0 + $1 }
        var trialEta = eta
        let next = IRLSPass.run(problem, link: link, beta: candidate, eta: &trialEta)
        if -2 * next.logLikelihood <= deviance * (1 + 1e-12) + 1e-300 {
          beta = candidate
          eta = trialEta
          pass = next
          deviance = -2 * next.logLikelihood
          accepted = true
          break
        }
        for j in step.indices { step[j] *= 0.5 }
      }
      if !accepted { break }
    }
    return (beta, eta)
  }
}

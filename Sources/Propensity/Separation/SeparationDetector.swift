import LinearAlgebra

/// Decides after the iterations whether the outcome is (quasi-)completely separated.
///
/// 1. Observations *at a bound* are those whose fitted probability is within `1e-10` of their
///    observed outcome (`p < 1e-10` with `y = 0`, `1 − p < 1e-10` with `y = 1`). Without any,
///    there is no separation.
/// 2. Otherwise up to three further Newton steps are taken. At a true optimum the coefficients
///    no longer move; under separation the linear predictors of the separated observations
///    keep moving outwards (by about 1 per step for the logit, about `1/|η|` for the probit).
///    Separation is declared when some observation at a bound moves outwards by more than
///    `1e-3` and none moves inwards by more than that.
/// 3. The variables reported are the regressors that separate the outcome on their own
///    (`max x` over one outcome `≤ min x` over the other, which for a dummy means a level with
///    only 0s or only 1s), or, when there is none, the coefficients that move most in the probe
///    (scaled by the column's root mean square).
enum SeparationDetector {
  /// Probability distance from the observed outcome that counts as "at a bound".
  static let boundTolerance = 1e-10

  /// The number of observations at a bound.
  static func observationsAtBounds(eta: [Double], response: [Double], link: LinkFunction) -> Int {
    // Both links are symmetric: p(η) < ε  ⇔  η < F⁻¹(ε), and 1 − p(η) < ε  ⇔  η > −F⁻¹(ε).
    let threshold = link.linearPredictor(probability: boundTolerance)
    var count = 0
    for i in eta.indices {
      if response[i] > 0.5 ? eta[i] > -threshold : eta[i] < threshold { count += 1 }
    }
    return count
  }

  /// Runs the check.
  ///
  /// - Returns: A report when the outcome is separated, `nil` otherwise.
  static func detect(
    _ problem: BinaryProblem, link: LinkFunction, outcome: IRLSOutcome, termNames: [String]
  ) -> SeparationReport? {
    let atBounds = observationsAtBounds(eta: outcome.eta, response: problem.response, link: link)
    guard atBounds > 0 else { return nil }
    let threshold = link.linearPredictor(probability: boundTolerance)
    var diverging = outcome.singularAt != nil
    var movement = [Double](repeating: 0, count: problem.k)
    if let probed = IRLSSolver.probe(problem, link: link, from: outcome, steps: 3) {
      var maxOut = 0.0, maxIn = 0.0
      for i in outcome.eta.indices {
        let event = problem.response[i] > 0.5
        guard event ? outcome.eta[i] > -threshold : outcome.eta[i] < threshold else { continue }
        let outward = event ? probed.eta[i] - outcome.eta[i] : outcome.eta[i] - probed.eta[i]
        maxOut = max(maxOut, outward)
        maxIn = max(maxIn, -outward)
      }
      if maxOut > 1e-3 && maxIn <= 1e-3 { diverging = true }
      movement = zip(probed.beta, outcome.beta).map { abs($0 - $1) }
    }
    guard diverging else { return nil }
    var variables = univariateSeparators(problem, termNames: termNames)
    if variables.isEmpty { variables = largestMovers(problem, movement: movement, termNames: termNames) }
    return SeparationReport(variables: variables, observationsAtBounds: atBounds, complete: atBounds == problem.n)
  }

  /// Regressors that separate the outcome on their own (ignoring constant columns).
  static func univariateSeparators(_ problem: BinaryProblem, termNames: [String]) -> [String] {
    let n = problem.n
    var names = [String]()
    problem.design.elements.withUnsafeBufferPointer { x in
      for j in 0..<problem.k {
        var min0 = Double.infinity, max0 = -Double.infinity, min1 = Double.infinity, max1 = -Double.infinity
        for i in 0..<n {
          let v = x[j * n + i]
          if problem.response[i] > 0.5 {
            min1 = min(min1, v)
            max1 = max(max1, v)
          } else {
            min0 = min(min0, v)
            max0 = max(max0, v)
          }
        }
        let constant = min(min0, min1) == max(max0, max1)
        if !constant && (max0 <= min1 || max1 <= min0) { names.append(termNames[j]) }
      }
    }
    return names
  }

  /// The coefficients whose scaled movement is at least a tenth of the largest, intercept last
  /// resort.
  static func largestMovers(_ problem: BinaryProblem, movement: [Double], termNames: [String]) -> [String] {
    let n = problem.n
    var scaled = [Double](repeating: 0, count: problem.k)
    problem.design.elements.withUnsafeBufferPointer { x in
      for j in 0..<problem.k {
        var s = 0.0
        for i in 0..<n { s += x[j * n + i] * x[j * n + i] }
        scaled[j] = movement[j] * (s / Double(max(n, 1))).squareRoot()
      }
    }
    let isIntercept = termNames.map { $0 == "(Intercept)" }
    let largest = scaled.indices.filter { !isIntercept[$0] }.map { scaled[$0] }.max() ?? 0
    guard largest > 0 else { return [] }
    return scaled.indices.filter { !isIntercept[$0] && scaled[$0] >= 0.1 * largest }.map { termNames[$0] }
  }
}

import CausalCore
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fits a binary regression: validates the outcome, drops collinear columns, iterates, checks
/// for separation, and computes the variance and fit statistics.
enum BinaryRegressionEstimator {
  /// The data of one fit after the model frame.
  struct Input {
    var response: [Double]
    var responseName: String
    var design: Matrix
    var termNames: [String]
    var hasIntercept: Bool
    var weights: [Double]?
    var clusters: [FactorCodes]
    var rows: [Int]
    var drops: DropReport
  }

  static func estimate(_ input: Input, _ settings: EstimationSettings) throws -> BinaryRegressionFit {
    let n = input.design.rows
    let events = try BinaryResponse.validate(input.response, name: input.responseName)
    var drops = input.drops
    let link = settings.link

    // 1. Collinear columns, in formula order.
    let p = input.design.columns
    let kept = CollinearityCheck.independentColumns(gram: IRLSPass.weightedGram(input.design, input.weights))
    for j in 0..<p where !kept.contains(j) {
      drops.terms.append(DropRecord(reason: .collinear, count: 1, variables: [input.termNames[j]]))
    }
    guard !kept.isEmpty else { throw PropensityError.allRegressorsRemoved(terms: input.termNames) }
    let k = kept.count
    guard n > k else { throw PropensityError.tooFewObservations(observations: n, parameters: k) }
    let names = kept.map { input.termNames[$0] }
    let design = kept.count == p ? input.design : input.design.selectingColumns(kept)
    let problem = BinaryProblem(response: input.response, design: design, weights: input.weights)

    // 2. Fisher scoring, then separation.
    let outcome = IRLSSolver.solve(problem, link: link, options: settings.iteration)
    var notes = drops.notes
    let separation = SeparationDetector.detect(problem, link: link, outcome: outcome, termNames: names)
    if let separation {
      guard settings.allowSeparation else {
        throw PropensityError.separation(
          variables: separation.variables, observationsAtBounds: separation.observationsAtBounds)
      }
      notes.append("Warning: " + separation.description)
    } else if let at = outcome.singularAt {
      throw PropensityError.singularInformation(iteration: at)
    } else if !outcome.converged {
      throw PropensityError.notConverged(
        iterations: outcome.iterations, relativeDevianceChange: outcome.relativeChange,
        tolerance: settings.iteration.tolerance)
    }
    if !outcome.converged {
      notes.append(
        "Warning: the iterations stopped after \(outcome.iterations) without converging (relative change in deviance \(outcome.relativeChange)).")
    }
    if outcome.halvings > 0 {
      notes.append("\(outcome.halvings) step halving\(outcome.halvings == 1 ? "" : "s") were needed to keep the deviance decreasing.")
    }

    // 3. Per-observation quantities at the estimate.
    let eta = outcome.eta
    var scores = [Double](repeating: 0, count: n)
    var working = [Double](repeating: 0, count: n)
    var fitted = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let terms = link.observation(eta: eta[i], y: input.response[i], w: input.weights?[i] ?? 1)
      scores[i] = terms.score
      working[i] = terms.weight
      fitted[i] = link.probability(eta[i])
    }

    // 4. Variance.
    // The expected information (R's glm); for the logit it is the Newton matrix already formed.
    let information = link == .logit ? outcome.pass.information : IRLSPass.weightedGram(design, working)
    let bread: Matrix
    do {
      bread = try Cholesky(information).inverse()
    } catch {
      throw PropensityError.singularInformation(iteration: outcome.iterations)
    }
    let (vcov, clusterCounts) = try BinaryVariance.compute(
      settings.vcov, design: design, bread: bread, scores: scores, workingWeights: working, clusters: input.clusters)
    guard vcov.elements.allSatisfy(\.isFinite) else {
      throw PropensityError.singularInformation(iteration: outcome.iterations)
    }
    let rows = try TidyRows.make(
      terms: names, estimates: outcome.beta, variance: vcov, distribution: .normal, level: settings.confidenceLevel)

    // 5. Fit statistics.
    let logLik = outcome.pass.logLikelihood
    let nullDeviance = Self.nullDeviance(input.response, weights: input.weights, hasIntercept: input.hasIntercept)
    let deviance = -2 * logLik
    let kd = Double(k)
    return BinaryRegressionFit(
      link: link, coefficients: rows, variance: try TermVariance(terms: names, matrix: vcov),
      varianceType: settings.vcov, referenceDistribution: .normal, confidenceLevel: settings.confidenceLevel,
      observationCount: n, eventCount: events, residualDegreesOfFreedom: n - k,
      nullDegreesOfFreedom: input.hasIntercept ? n - 1 : n, logLikelihood: logLik,
      nullLogLikelihood: -nullDeviance / 2, deviance: deviance, nullDeviance: nullDeviance,
      aic: deviance + 2 * kd, bic: deviance + kd * log(Double(n)), pseudoR2: 1 - deviance / nullDeviance,
      fittedProbabilities: fitted, linearPredictor: eta, outcome: input.response, weights: input.weights,
      observationRows: input.rows, iterations: outcome.iterations, converged: outcome.converged,
      relativeDevianceChange: outcome.relativeChange, stepHalvings: outcome.halvings, clusterCounts: clusterCounts,
      drops: drops, separation: separation, notes: notes)
  }

  /// The deviance of the null model: intercept only (`p̄ = Σwy/Σw`) or `p = ½` without one.
  static func nullDeviance(_ y: [Double], weights: [Double]?, hasIntercept: Bool) -> Double {
    var s1 = 0.0, s0 = 0.0
    for i in y.indices {
      let w = weights?[i] ?? 1
      if y[i] > 0.5 { s1 += w } else { s0 += w }
    }
    guard hasIntercept else { return 2 * (s1 + s0) * log(2.0) }
    let total = s1 + s0
    return -2 * (s1 * log(s1 / total) + s0 * log(s0 / total))
  }
}

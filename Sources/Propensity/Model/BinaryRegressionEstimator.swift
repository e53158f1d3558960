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
    /// Notes that come first (recoding of a text response).
    var notes: [String]
  }

  static func estimate(_ input: Input, _ model: BinaryRegression) throws -> BinaryRegressionFit {
    let n = input.design.rows
    let events = try BinaryResponse.validate(input.response, name: input.responseName)
    var drops = input.drops
    let link = model.link

    // 1. Collinear columns, in formula order, on the cross products of the starting pass
    //    (XᵀW₀X with all W₀ > 0 has the null space of XᵀX); the pass is reused when nothing is
    //    dropped, which saves one sweep over the data.
    //    Columns whose largest magnitude is outside [2^-100, 2^100] are first scaled by a power
    //    of two into [1, 2), exactly, so that neither the collinearity check nor the information
    //    matrix depends on units: a column times 1e160 would otherwise overflow its square.
    let p = input.design.columns
    let exponents = ColumnScaling.columnExponents(input.design).map { abs($0) > 100 ? $0 : 0 }
    var scaledDesign = input.design
    if exponents.contains(where: { $0 != 0 }) { ColumnScaling.scaleColumns(&scaledDesign, by: exponents) }
    var scratch = [Double](repeating: 0, count: n)
    let full = BinaryProblem(response: input.response, design: scaledDesign, weights: input.weights)
    var start: PassResult? = p > 0 ? IRLSPass.run(full, link: link, beta: nil, eta: &scratch) : nil
    scratch = []
    let kept = start.map { CollinearityCheck.independentColumns(gram: $0.information) } ?? []
    for j in 0..<p where !kept.contains(j) {
      drops.appendTerm(DropRecord(reason: .collinear, count: 1, variables: [input.termNames[j]]))
    }
    guard !kept.isEmpty else { throw PropensityError.allRegressorsRemoved(terms: input.termNames) }
    let k = kept.count
    guard n > k else { throw PropensityError.tooFewObservations(observations: n, parameters: k) }
    let names = kept.map { input.termNames[$0] }
    let reduced = kept.count < p
    if reduced { start = nil }
    let design = reduced ? scaledDesign.selectingColumns(kept) : scaledDesign
    let keptExponents = kept.map { exponents[$0] }
    let problem = BinaryProblem(response: input.response, design: design, weights: input.weights)

    // 2. Newton / Fisher scoring, then separation.
    let outcome = IRLSSolver.solve(problem, link: link, options: model.iteration, start: start)
    var notes = input.notes + drops.notes
    let separation = SeparationDetector.detect(problem, link: link, outcome: outcome, termNames: names)
    if let separation {
      guard model.allowSeparation else {
        throw PropensityError.separation(
          variables: separation.variables, observationsAtBounds: separation.observationsAtBounds)
      }
      notes.append("Warning: " + separation.description)
    } else if let at = outcome.singularAt {
      throw PropensityError.singularInformation(iteration: at)
    } else if !outcome.converged {
      throw PropensityError.notConverged(
        iterations: outcome.iterations, relativeDevianceChange: outcome.relativeChange,
        tolerance: model.iteration.tolerance)
    }
    if !outcome.converged {
      notes.append(
        "Warning: the iterations stopped after \(outcome.iterations) without converging (relative change in deviance \(outcome.relativeChange)).")
    }
    if outcome.halvings > 0 {
      let plural = outcome.halvings == 1 ? " was" : "s were"
      notes.append("\(outcome.halvings) step halving\(plural) needed to keep the deviance decreasing.")
    }

    // 3. Per-observation quantities at the estimate.
    let eta = outcome.eta
    let needScores = model.vcov != .iid
    let needWorking = link == .probit || model.vcov == .hc2 || model.vcov == .hc3
    let (fitted, scores, working) = Self.observationQuantities(
      eta: eta, problem: problem, link: link, scores: needScores, working: needWorking)

    // 4. Variance.
    // The expected information (R's glm); for the logit it is the Newton matrix already formed.
    let information = link == .logit ? outcome.pass.information : IRLSPass.weightedGram(design, working)
    let bread: Matrix
    do {
      bread = try Cholesky(information).inverse()
    } catch {
      throw PropensityError.singularInformation(iteration: outcome.iterations)
    }
    let scaledVariance: Matrix, clusterCounts: [String: Int]
    do {
      (scaledVariance, clusterCounts) = try BinaryVariance.compute(
        model.vcov, design: design, bread: bread, scores: scores, workingWeights: working, clusters: input.clusters)
    } catch let error as LeverageOneError {
      throw PropensityError.varianceUnavailable(
        type: model.vcov.description,
        reason: "it divides by 1 − h, and the observation\(error.observations.count == 1 ? "" : "s") at data "
          + error.observationList(rows: input.rows) + " \(error.observations.count == 1 ? "has" : "have") leverage 1 "
          + "(within 1.5e-8); use hetero (HC1) or hc0, or remove the observation")
    }
    guard scaledVariance.elements.allSatisfy(\.isFinite) else {
      throw PropensityError.singularInformation(iteration: outcome.iterations)
    }
    // Back to the model's units: β = β̃ · 2^e, V = D Ṽ D with D = diag(2^e); standard errors
    // from the scaled variance, so they stay finite when V itself is beyond the double range.
    let beta = zip(outcome.beta, keptExponents).map { ColumnScaling.scale($0, by: $1) }
    let vcov = ColumnScaling.scaleSymmetric(scaledVariance, by: keptExponents)
    let errors = keptExponents.indices.map { j in
      ColumnScaling.scale(scaledVariance[j, j] > 0 ? scaledVariance[j, j].squareRoot() : 0, by: keptExponents[j])
    }
    let rows = try TidyRows.make(
      terms: names, estimates: beta, standardErrors: errors, distribution: .normal, level: model.confidenceLevel)

    // 5. Fit statistics.
    let logLik = outcome.pass.logLikelihood
    let nullDeviance = Self.nullDeviance(input.response, weights: input.weights, hasIntercept: input.hasIntercept)
    let deviance = -2 * logLik
    let kd = Double(k)
    return BinaryRegressionFit(
      link: link, coefficients: rows, variance: try TermVariance(terms: names, matrix: vcov),
      varianceType: model.vcov, referenceDistribution: .normal, confidenceLevel: model.confidenceLevel,
      observationCount: n, eventCount: events, residualDegreesOfFreedom: n - k,
      nullDegreesOfFreedom: input.hasIntercept ? n - 1 : n, logLikelihood: logLik,
      nullLogLikelihood: -nullDeviance / 2, deviance: deviance, nullDeviance: nullDeviance,
      aic: deviance + 2 * kd, bic: deviance + kd * log(Double(n)), pseudoR2: 1 - deviance / nullDeviance,
      fittedProbabilities: fitted, linearPredictor: eta, outcome: input.response, weights: input.weights,
      observationRows: input.rows, iterations: outcome.iterations, converged: outcome.converged,
      relativeDevianceChange: outcome.relativeChange, stepHalvings: outcome.halvings, clusterCounts: clusterCounts,
      drops: drops, separation: separation, notes: notes)
  }

  /// Fitted probabilities, and on request the scores `uᵢ` and working weights `Wᵢ`, in parallel
  /// blocks.
  static func observationQuantities(
    eta: [Double], problem: BinaryProblem, link: LinkFunction, scores wantScores: Bool, working wantWorking: Bool
  ) -> (fitted: [Double], scores: [Double], working: [Double]) {
    let n = eta.count
    var fitted = [Double](repeating: 0, count: n)
    var scores = [Double](repeating: 0, count: wantScores ? n : 0)
    var working = [Double](repeating: 0, count: wantWorking ? n : 0)
    let blockRows = 16384
    let blocks = (n + blockRows - 1) / blockRows
    let weights = problem.weights ?? []
    let weighted = problem.weights != nil
    eta.withUnsafeBufferPointer { ep in
      problem.response.withUnsafeBufferPointer { yp in
        weights.withUnsafeBufferPointer { wp in
          fitted.withUnsafeMutableBufferPointer { fp in
            scores.withUnsafeMutableBufferPointer { sp in
              working.withUnsafeMutableBufferPointer { kp in
                guard let e = ep.baseAddress, let y = yp.baseAddress, let f = fp.baseAddress else { return }
                let etaP = SharedReadPointer(e), yP = SharedReadPointer(y), fP = SharedPointer(f)
                let wP = weighted ? wp.baseAddress.map { SharedReadPointer($0) } : nil
                // Empty arrays may still have a base address: decide by the flags.
                let sP = wantScores ? sp.baseAddress.map { SharedPointer($0) } : nil
                let kP = wantWorking ? kp.baseAddress.map { SharedPointer($0) } : nil
                ParallelChunks.run(blocks) { block in
                  // Raw pointers read once per block (the generic wrappers' subscripts are not
                  // specialized across modules).
                  let eta = etaP.base, y = yP.base, f = fP.base, w = wP?.base, s = sP?.base, k = kP?.base
                  let start = block * blockRows
                  for i in start..<min(n, start + blockRows) {
                    f[i] = link.probability(eta[i])
                    guard s != nil || k != nil else { continue }
                    let terms = link.observation(eta: eta[i], y: y[i], w: w?[i] ?? 1)
                    s?[i] = terms.score
                    k?[i] = terms.weight
                  }
                }
              }
            }
          }
        }
      }
    }
    return (fitted, scores, working)
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

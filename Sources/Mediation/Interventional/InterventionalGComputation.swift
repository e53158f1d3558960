import CausalCore
import LinearAlgebra

/// Monte Carlo g-computation of interventional effects (Vansteelandt and Daniel 2017) from a
/// sequential mediation fit: mediator models in causal order (each with the earlier mediators
/// as regressors) and one outcome model per outcome.
///
/// For each observation (its covariates `C_i`) and each Monte Carlo draw, the mediators are
/// simulated down the chain of mediator models at a treatment value `t`: `M_k` from model `k`
/// at `T = t` and the values just simulated for the earlier mediators (normal with the residual
/// standard deviation for a linear model, Bernoulli for a logit or probit model). Draws made:
///
/// - one *joint* chain (the joint distribution of the mediators given `T = t, C`),
/// - one *marginal* chain per mediator `k` after the first, of which only `M_k` is kept: drawn
///   independently of the other mediators' chains, it is a draw from `M_k`'s marginal
///   distribution given `T = t, C` (the first mediator's marginal draw is the joint chain's).
///
/// Each chain is drawn at `a` and at `a*` with the same random numbers (common random
/// numbers: one normal error, or one uniform compared with both probabilities). With `μ(t, m)`
/// the outcome model's mean at treatment `t` and mediators `m`, and averages over observations
/// (weighted) and draws:
///
/// - total = `μ(a, joint(a)) − μ(a*, joint(a*))`;
/// - interventional direct = `μ(a, joint(a*)) − μ(a*, joint(a*))`;
/// - joint indirect = `μ(a, joint(a)) − μ(a, joint(a*))`;
/// - interventional indirect through `M_k` = `μ(a, R_k) − μ(a, R)`, with `R` the marginal draws
///   of every mediator at `a*` and `R_k` the same with `M_k`'s marginal draw at `a`;
/// - mediator dependence = joint indirect − `Σ_k` interventional indirect (zero when the
///   mediators do not affect each other and the outcome model is additive in them);
/// - proportion mediated = joint indirect / total;
/// - path-specific effect from `M_k` (through `M_k` and the later mediators it affects, not
///   through earlier ones; Daniel et al. 2015's sequential decomposition, VanderWeele and
///   Vansteelandt 2014) = `ψ_k − ψ_{k+1}`, with `ψ_k = μ(a, chain(a*, …, a*, a, …, a))` the
///   joint chain drawn with the treatment at `a*` in the models of the mediators before `M_k`
///   and at `a` from `M_k` on (same random numbers as the joint chain). `ψ_1 = μ(a, joint(a))`
///   and `ψ_{K+1} = μ(a, joint(a*))`, so these effects add up to the joint indirect effect; in
///   linear models each is the sum of the path products of the paths whose first mediator is
///   `M_k`.
///
/// When every model is linear, the outcome's mean is linear in the mediators and each mediator
/// linear in the earlier ones, so the averages over draws equal the values at the mediators'
/// means: the errors are set to zero and one draw is exact (the closed forms, to rounding).
struct InterventionalGComputation: Sendable {
  /// The fits, one per outcome, sharing the mediator models and sample.
  let fits: [MediationFit]
  /// Monte Carlo draws per observation (1 when every model is linear).
  let draws: Int

  /// The number of statistics per outcome: `K` indirect effects, the dependence, direct, joint,
  /// total and proportion mediated, then `K` path-specific effects (one from each mediator).
  var perOutcome: Int { 2 * (fits.first?.mediatorModels.count ?? 0) + 5 }

  /// Whether every model is linear (exact evaluation without draws).
  var isExact: Bool {
    guard let fit = fits.first else { return true }
    return fit.mediatorModels.allSatisfy { $0.family == .linear } && fits.allSatisfy { $0.outcomeModel.family == .linear }
  }

  /// One model's parameters at an evaluation: its coefficients and design, with the positions
  /// of the columns the simulation sets.
  private struct Linear {
    /// The linear predictor of the columns the simulation does not set, per observation.
    var base: [Double]
    /// The coefficient of the treatment.
    var treatment: Double
    /// The coefficients of the mediators (mediator models: the earlier mediators; the outcome
    /// model: every mediator).
    var mediators: [Double]
    /// The treatment × mediator coefficients (outcome model with interaction), else empty.
    var interactions: [Double]
  }

  /// The linear predictor of a model's other columns, per observation (the special columns'
  /// coefficients set to zero; `dgemv`).
  private static func base(_ design: Matrix, _ beta: [Double], skipping special: Set<Int>) -> [Double]? {
    var masked = beta
    for k in special { masked[k] = 0 }
    return try? design.multiplied(by: masked)
  }

  /// Every model's linear pieces at the given coefficients, or `nil` when a model has no
  /// design (absorbed fixed effects) or the products fail.
  private func models(
    _ mediatorParameters: [[Double]], _ outcomeParameters: [[Double]], base: (Matrix?, [Double], Set<Int>) -> [Double]?
  ) -> (mediators: [Linear], outcomes: [Linear])? {
    guard let fit = fits.first else { return nil }
    var mediators: [Linear] = []
    for k in fit.mediatorModels.indices {
      let beta = mediatorParameters[k]
      let special = Set([fit.mediatorTreatmentIndex[k]] + fit.mediatorParentIndex[k])
      guard let b = base(fit.mediatorModels[k].design, beta, special) else { return nil }
      mediators.append(Linear(
        base: b, treatment: beta[fit.mediatorTreatmentIndex[k]], mediators: fit.mediatorParentIndex[k].map { beta[$0] },
        interactions: []))
    }
    var outcomes: [Linear] = []
    for (p, f) in fits.enumerated() {
      let gamma = outcomeParameters[p]
      let special = Set([f.outcomeTreatmentIndex] + f.outcomeMediatorIndex + f.outcomeInteractionIndex)
      guard let b = base(f.outcomeModel.design, gamma, special) else { return nil }
      outcomes.append(Linear(
        base: b, treatment: gamma[f.outcomeTreatmentIndex], mediators: f.outcomeMediatorIndex.map { gamma[$0] },
        interactions: f.outcomeInteractionIndex.map { gamma[$0] }))
    }
    return (mediators, outcomes)
  }

  /// The statistics for the given coefficients, `perOutcome` values per outcome in outcome order.
  ///
  /// - Parameters:
  ///   - mediatorParameters: One coefficient vector per mediator model.
  ///   - outcomeParameters: One coefficient vector per outcome model.
  ///   - sigmas: The residual standard deviation of each (linear) mediator model.
  ///   - generator: The random numbers of the draws (unused when every model is linear).
  /// - Returns: The statistics; NaN when a model has no design (absorbed fixed effects).
  /// - Complexity: O(n (k + L K³)) for `n` observations, `k` coefficients, `L` draws and `K`
  ///   mediators (O(n (k + K²)) when exact).
  func statistics(
    mediatorParameters: [[Double]], outcomeParameters: [[Double]], sigmas: [Double], generator: inout SeededGenerator
  ) -> [Double] {
    guard let fit = fits.first,
      let (mediators, outcomes) = models(mediatorParameters, outcomeParameters, base: { design, beta, special in
        design.flatMap { Self.base($0, beta, skipping: special) }
      })
    else { return [Double](repeating: .nan, count: perOutcome * fits.count) }
    // A cluster-level mediator's design has one row per cluster: each observation takes its cluster's.
    var expanded = mediators
    for (k, rows) in fit.mediatorRows.enumerated() {
      guard let rows else { continue }
      let base = mediators[k].base
      expanded[k].base = rows.map { base[$0] }
    }
    return evaluate(
      expanded, outcomes, weights: fit.weights, totalWeight: fit.totalWeight, sigmas: sigmas,
      clusters: fit.mediatorRows, generator: &generator)
  }

  /// The statistics of linear models from their coefficients and the (weighted) mean of each
  /// model's design columns: every quantity is linear in the observations' linear predictors,
  /// so the average over observations is the value at the mean design row.
  ///
  /// - Parameters:
  ///   - mediatorParameters: One coefficient vector per mediator model.
  ///   - outcomeParameters: One coefficient vector per outcome model.
  ///   - means: The mean design row of each model, mediators then outcomes.
  /// - Returns: The statistics, NaN unless ``isExact``.
  /// - Complexity: O(Σ k + P K²).
  func exactStatistics(mediatorParameters: [[Double]], outcomeParameters: [[Double]], means: [[Double]]) -> [Double] {
    var model = 0
    guard isExact,
      let (mediators, outcomes) = models(mediatorParameters, outcomeParameters, base: { _, beta, special in
        defer { model += 1 }
        var eta = 0.0
        for (j, b) in beta.enumerated() where !special.contains(j) { eta += b * means[model][j] }
        return [eta]
      })
    else { return [Double](repeating: .nan, count: perOutcome * fits.count) }
    var unused = SeededGenerator(seed: 0)
    return evaluate(
      mediators, outcomes, weights: [1], totalWeight: 1, sigmas: [], clusters: mediators.map { _ in nil }, generator: &unused)
  }

  /// The Monte Carlo (or exact) averages over the observations of the given linear pieces.
  ///
  /// `clusters[k]` gives, for a cluster-level mediator, each observation's cluster: its draws
  /// (one per cluster, chain and Monte Carlo draw, made before the observations' own) are
  /// shared by the cluster's observations.
  private func evaluate(
    _ mediators: [Linear], _ outcomes: [Linear], weights: [Double], totalWeight: Double, sigmas: [Double],
    clusters: [[Int]?], generator: inout SeededGenerator
  ) -> [Double] {
    guard let fit = fits.first else { return [] }
    let kCount = fit.mediatorModels.count
    let links = fit.mediatorModels.map(\.family.link)
    let outcomeLinks = fits.map(\.outcomeModel.family.link)
    let exact = isExact
    let drawCount = exact ? 1 : draws
    let (a0, a1) = (fit.analysis.controlValue, fit.analysis.treatedValue)
    // Per outcome: μ(a, joint(a)), μ(a*, joint(a*)), μ(a, joint(a*)), μ(a, R), μ(a, R_k).
    let noise = [Double](repeating: 0, count: (kCount + 1) * kCount)
    let chains = kCount + 1
    var shared: [[Double]?] = clusters.map { _ in nil }
    if !exact {
      for (k, rows) in clusters.enumerated() {
        guard let rows else { continue }
        let count = ((rows.max() ?? -1) + 1) * drawCount * chains
        shared[k] = (0..<count).map { _ in links[k] == nil ? generator.nextNormal() : generator.nextUniform() }
      }
    }
    // The hot loop reads flat copies of the models and works in one scratch buffer (no array
    // copies or reference counting per observation and draw).
    let n = weights.count, pCount = outcomes.count
    let medBase = mediators.flatMap(\.base), medTreatment = mediators.map(\.treatment)
    let medParents = mediators.flatMap { m in (0..<kCount).map { $0 < m.mediators.count ? m.mediators[$0] : 0 } }
    let outBase = outcomes.flatMap(\.base), outTreatment = outcomes.map(\.treatment)
    let outSlope = outcomes.flatMap(\.mediators)
    let outInteraction = outcomes.flatMap { $0.interactions.isEmpty ? [Double](repeating: 0, count: kCount) : $0.interactions }
    let noiseScale = (0..<kCount).map { exact || links[$0] != nil ? 0 : sigmas[$0] }
    let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: (7 + kCount) * kCount + noise.count)
    defer { scratch.deallocate() }
    scratch.initialize(repeating: 0)
    guard let chain0 = scratch.baseAddress else { return [Double](repeating: .nan, count: perOutcome * pCount) }
    let chain1 = chain0 + kCount, joint0 = chain1 + kCount, joint1 = joint0 + kCount
    let marginal0 = joint1 + kCount, marginal1 = marginal0 + kCount, switched = marginal1 + kCount
    let mixed = switched + kCount, draw = mixed + kCount * kCount
    // Per outcome: μ(a, joint(a)), μ(a*, joint(a*)), μ(a, joint(a*)), μ(a, R), μ(a, R_k) for each
    // k, then ψ_k for k = 2…K (the chain switched to `a` from mediator k on).
    let width = 3 + 2 * kCount
    var totals = [Double](repeating: 0, count: pCount * width)
    for i in 0..<n {
      let w = weights[i] / Double(drawCount)
      for l in 0..<drawCount {
        if !exact {
          for c in 0..<(chains * kCount) {
            let k = c % kCount
            if let table = shared[k], let rows = clusters[k] {
              draw[c] = table[(rows[i] * drawCount + l) * chains + c / kCount]
            } else {
              draw[c] = links[k] == nil ? generator.nextNormal() : generator.nextUniform()
            }
          }
        }
        // Mediator k's value at linear predictor `eta` and random number `e`: Bernoulli by
        // comparing a uniform with the probability (logit, probit), normal error otherwise.
        func value(_ k: Int, _ eta: Double, _ e: Double) -> Double {
          if let link = links[k] { return e < link.probability(eta) ? 1 : 0 }
          return eta + noiseScale[k] * e
        }
        // Draws the chain `c` (0 joint, k + 1 marginal of mediator k) at a* and a, up to `last`.
        func simulate(_ c: Int, upTo last: Int) {
          for k in 0...last {
            let base = medBase[k * n + i]
            var eta0 = base + medTreatment[k] * a0, eta1 = base + medTreatment[k] * a1
            for j in 0..<k {
              let g = medParents[k * kCount + j]
              eta0 += g * chain0[j]
              eta1 += g * chain1[j]
            }
            let e = draw[c * kCount + k]
            chain0[k] = value(k, eta0, e)
            chain1[k] = value(k, eta1, e)
          }
        }
        // The joint chain at `a*` for mediators before `from` and at `a` from it on.
        // Written to `mixed + from * kCount`.
        func simulateMixed(from: Int) {
          let chain = mixed + from * kCount
          for k in 0..<kCount {
            let t = k < from ? a0 : a1
            var eta = medBase[k * n + i] + medTreatment[k] * t
            for j in 0..<k { eta += medParents[k * kCount + j] * chain[j] }
            chain[k] = value(k, eta, draw[k])
          }
        }
        simulate(0, upTo: kCount - 1)
        for k in 0..<kCount {
          joint0[k] = chain0[k]
          joint1[k] = chain1[k]
        }
        for from in stride(from: 1, to: kCount, by: 1) { simulateMixed(from: from) }
        // The first mediator's marginal draw is the joint chain's (the same distribution; with one
        // mediator the dependence term is then exactly zero); the others get chains of their own.
        marginal0[0] = joint0[0]
        marginal1[0] = joint1[0]
        for k in 1..<max(kCount, 1) {
          simulate(k + 1, upTo: k)
          marginal0[k] = chain0[k]
          marginal1[k] = chain1[k]
        }
        for p in 0..<pCount {
          let link = outcomeLinks[p], base = outBase[p * n + i], row = p * width
          func mean(_ t: Double, _ m: UnsafeMutablePointer<Double>) -> Double {
            var eta = base + outTreatment[p] * t
            for k in 0..<kCount { eta += (outSlope[p * kCount + k] + outInteraction[p * kCount + k] * t) * m[k] }
            return link?.probability(eta) ?? eta
          }
          totals[row] += w * mean(a1, joint1)
          totals[row + 1] += w * mean(a0, joint0)
          totals[row + 2] += w * mean(a1, joint0)
          totals[row + 3] += w * mean(a1, marginal0)
          for k in 0..<kCount { switched[k] = marginal0[k] }
          for k in 0..<kCount {
            switched[k] = marginal1[k]
            totals[row + 4 + k] += w * mean(a1, switched)
            switched[k] = marginal0[k]
          }
          for from in stride(from: 1, to: kCount, by: 1) {
            totals[row + 3 + kCount + from] += w * mean(a1, mixed + from * kCount)
          }
        }
      }
    }
    let sums = (0..<pCount).map { Array(totals[($0 * width)..<(($0 + 1) * width)]) }
    var out: [Double] = []
    for s in sums {
      let means = s.map { $0 / totalWeight }
      let total = means[0] - means[1], direct = means[2] - means[1], joint = means[0] - means[2]
      let indirect = (0..<kCount).map { means[4 + $0] - means[3] }
      // ψ_1 … ψ_{K+1}: ψ_1 = μ(a, joint(a)), ψ_{K+1} = μ(a, joint(a*)).
      let psi = [means[0]] + (1..<max(kCount, 1)).map { means[3 + kCount + $0] } + [means[2]]
      let pathSpecific = (0..<kCount).map { psi[$0] - psi[$0 + 1] }
      out += indirect + [joint - indirect.reduce(0, +), direct, joint, total, joint / total] + pathSpecific
    }
    return out
  }

  /// The statistics at the fitted coefficients.
  func estimates(generator: inout SeededGenerator) -> [Double] {
    guard let fit = fits.first else { return [] }
    return statistics(
      mediatorParameters: fit.mediatorModels.map(\.estimates), outcomeParameters: fits.map(\.outcomeModel.estimates),
      sigmas: fit.mediatorModels.map(\.sigma), generator: &generator)
  }
}

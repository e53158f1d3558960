import CausalCore

extension MediationAnalysis {
  /// The closed-form (product-of-coefficients) estimates with delta-method standard errors,
  /// for linear mediator and outcome models (``MediationMethod/closedForm``).
  /// Fixed effects are allowed: the effects depend
  /// only on the treatment, mediator and interaction coefficients and on sample means, so the
  /// fixed-effect values are never needed.
  ///
  /// - Parameters:
  ///   - data: The table; incomplete rows are removed listwise and counted in
  ///     ``MediationResult/drops``.
  ///   - sensitivity: The sensitivity analysis to attach, if any.
  /// - Returns: The result (no draws).
  /// - Throws: The errors of fitting (``MediationError``); the initializer has checked that the
  ///   models are linear.
  /// - Complexity: O(n k²) for the fits, O(J k²) for the effects.
  func closedForm(_ data: DataTable, sensitivity: MediationSensitivity?) throws(MediationError) -> MediationResult {
    let fit = try MediationFit(analysis: self, data: data)
    return MediationResult(
      rows: ProductOfCoefficients.rows(fit), draws: [], fit: fit, notes: [], sensitivity: sensitivity)
  }

  /// Quasi-Bayesian Monte Carlo inference (``MediationMethod/quasiBayesian(simulations:)``,
  /// `mediation`'s default and statsmodels' `method="parametric"`).
  ///
  /// Simulation `s` uses `SeededGenerator(seed: seed).derived(stream: s)`: it draws each
  /// mediator model's coefficients from `N(β̂_j, V̂_j)` (mediators in order), then the outcome
  /// model's, then (binary outcome only) the potential mediators, and evaluates the effects.
  /// With a linear outcome the expectation over the mediators' predictive distribution is
  /// exact (`E[M_j(t)] = M̄_j + Σ_k (β̃_k − β̂_k) x̄_k + ã_j t − â_j T̄` for a linear mediator,
  /// the mean predicted probability for a binary one), so a simulation costs O(J k) (O(n k)
  /// per binary mediator). With a binary outcome one mediator value per observation is drawn
  /// (normal error with the residual standard deviation, or a uniform compared with the
  /// probabilities), shared by `M(control)` and `M(treated)` (as `mediation` does for a
  /// Gaussian mediator; it draws binary mediators independently), and the predicted
  /// probabilities are averaged: O(n (k + J)). Simulations run in parallel; the result is identical for any thread count.
  /// `V̂` is the ``vcov`` variance (iid, robust or cluster-robust).
  ///
  /// - Parameters:
  ///   - data: The table.
  ///   - simulations: The number of draws `S` (at least 2, checked by the initializer).
  ///   - sensitivity: The sensitivity analysis to attach, if any.
  /// - Returns: The result with the `S` draws; see ``MediationMethod/quasiBayesian(simulations:)``
  ///   for the summaries.
  /// - Throws: ``MediationError``; ``MediationError/invalidOption(_:)`` before any fit when
  ///   the `S` draws would not fit in the machine's memory.
  /// - Complexity: O(n k²) for the fits plus `S` simulations.
  func quasiBayesian(
    _ data: DataTable, simulations: Int, sensitivity: MediationSensitivity?
  ) throws(MediationError) -> MediationResult {
    let names = MediationStatistics.names(mediators: mediators)
    try Self.checkMemory(count: simulations, width: names.count, option: "simulations")
    let fit = try MediationFit(analysis: self, data: data)
    let samplers = try CoefficientSampler.samplers(for: fit.mediatorModels + [fit.outcomeModel])
    let evaluator = MediationEffectEvaluator(fit: fit)
    let root = SeededGenerator(seed: seed)
    let J = fit.mediatorModels.count
    let job: @Sendable (Int) -> [Double] = { s in
      var rng = root.derived(stream: UInt64(s))
      var betas: [[Double]] = []
      for j in 0..<J { betas.append(samplers[j].draw(&rng)) }
      let gamma = samplers[J].draw(&rng)
      let raw = evaluator.effects(mediatorParameters: betas, outcomeParameters: gamma, generator: &rng)
      return MediationStatistics.derive(raw)
    }
    let draws: [[Double]]
    do { draws = try ParallelMap.map(simulations, job) } catch {
      throw .unavailable(reason: "the simulations failed: \(error)")
    }
    return MediationResult(
      rows: SimulationSummary.rows(draws: draws, names: names, level: confidenceLevel), draws: draws, fit: fit,
      notes: [], sensitivity: sensitivity)
  }

  /// Throws unless `count` simulations or replicates of `width` values each fit in the
  /// machine's memory: per draw, its slot in the parallel map, its row (kept in the result),
  /// the reference to it in the assembled list, and the three columns a summary extracts at a
  /// time (the values, the finite ones, their sorted copy).
  ///
  /// - Parameters:
  ///   - count: `S` or `B`.
  ///   - width: Values per draw.
  ///   - option: `"simulations"` or `"replicates"`, named in the error.
  /// - Throws: ``MediationError/invalidOption(_:)`` with `OptionError.exceedsMemory`.
  static func checkMemory(count: Int, width: Int, option: String) throws(MediationError) {
    let memory = ReplicateMemory(
      doubles: ReplicateMemory.sum(width, 3), arrays: 1,
      overhead: MemoryLayout<Result<[Double]?, any Error>?>.stride + 8)
    do throws(OptionError) { try memory.check(count: count, option: option) } catch { throw .invalidOption(error) }
  }
}

import CausalCore

/// Interventional direct and indirect effects of several mediators that may affect each other
/// (Vansteelandt and Daniel 2017), for one or several outcomes, by Monte Carlo g-computation
/// from linear, logit or probit mediator and outcome models.
///
/// The mediators' joint distribution given treatment and covariates is modelled as a chain in
/// the stated order: `M_1 ~ A + C`, `M_2 ~ A + M_1 + C`, …, `M_K ~ A + M_1 + … + M_{K−1} + C`
/// (a factorisation of the joint distribution, not a claim about causal order: the
/// interventional effects do not depend on the order up to model fit). Each outcome is
/// modelled as `Y ~ A + M_1 + … + M_K (+ A × M_k with interaction) + C`. The effects of moving
/// the treatment from `a*` to `a`:
///
/// - **joint indirect**: the outcome at `a` with the mediators drawn jointly at `a`, minus the
///   same with the mediators drawn jointly at `a*`; identified whatever the order of the
///   mediators;
/// - **interventional indirect through `M_k`**: shifting `M_k`'s distribution from its
///   distribution at `a*` to that at `a` while the other mediators are drawn, independently,
///   from their distributions at `a*` (each given the covariates);
/// - **mediator dependence**: the joint indirect effect minus the sum of the individual ones,
///   the part due to the mediators' effects on each other (and to interactions among them in a
///   nonlinear outcome model); zero for linear models without interaction;
/// - **interventional direct**: the outcome at `a` against `a*`, the mediators drawn jointly at `a*`;
/// - **total** (direct + joint indirect) and the **proportion mediated** (joint indirect / total).
///
/// ``InterventionalGComputation`` gives the Monte Carlo scheme (common random numbers for `a`
/// and `a*`, ``draws`` per observation); with every model linear the computation is exact and
/// uses no draws. Inference by the pairs or cluster bootstrap (re-fitting every model, percentile
/// or BCa intervals; the default, 1,000 replicates) or by quasi-Bayesian simulation of the
/// coefficients (``vcov`` gives their variance). Several outcomes share the sample, the mediator
/// models and, in the bootstrap, each replicate's mediator fits and draws: one call for the four
/// subjects costs one set of mediator fits, not four.
///
/// ```swift
/// let analysis = try InterventionalMediation(
///   treatment: "strong_school", mediators: ["leadership", "teaching", "peer"],
///   outcomes: ["chinese", "math"], covariates: ["prior"],
///   method: .bootstrap(replicates: 499, cluster: "school"), seed: 1)
/// let result = try analysis.fit(students)
/// print(result.outcomes[0].jointIndirect.estimate)
/// ```
///
/// The identifying assumptions are those of interventional effects: no unmeasured confounding of
/// treatment–outcome, treatment–mediators and mediators–outcome given the covariates; unlike
/// natural effects, no cross-world independence and no absence of treatment-induced
/// mediator–outcome confounders are needed.
public struct InterventionalMediation: MediationEstimator {
  /// The treatment, the mediators (in the order of the chain that models their joint
  /// distribution), the covariates and weights of every model, the treatment values, the variance
  /// the quasi-Bayesian simulation draws from (iid by default), the level, the method (the
  /// bootstrap by default, or quasi-Bayesian simulation) and the root seed of the draws and of
  /// the bootstrap or simulations.
  public let spec: MediationModelSpec
  /// The outcome columns (each with its own outcome model).
  public let outcomes: [String]
  /// The family of the mediator models not in ``mediatorFamilies``.
  public let mediatorFamily: MediationModelFamily
  /// The family of particular mediators' models (overriding ``mediatorFamily``).
  public let mediatorFamilies: [String: MediationModelFamily]
  /// The family of every outcome model.
  public let outcomeFamily: MediationModelFamily
  /// Whether the outcome models include treatment × mediator terms.
  public let interaction: Bool
  /// Mediators measured at the cluster level (a school's leadership: constant within each
  /// cluster of ``mediatorCluster``), each modelled with one row per cluster (a 2-1-1 design,
  /// see ``ClusterLevelModel``) and drawn once per cluster in the simulation.
  public let clusterLevelMediators: [String]
  /// The column of the clusters the ``clusterLevelMediators`` are constant within.
  public let mediatorCluster: String?
  /// Monte Carlo draws of the mediators per observation (ignored when every model is linear).
  public let draws: Int

  /// Creates and validates the analysis.
  ///
  /// - Parameters:
  ///   - treatment: Treatment column.
  ///   - mediators: Mediator columns, 1 to ``SequentialMediation/maximumMediators``.
  ///   - outcomes: Outcome columns, at least one, none repeated.
  ///   - covariates: Covariates of every model.
  ///   - mediatorFamily: `.linear` (default), `.logit` or `.probit`.
  ///   - mediatorFamilies: The family of particular mediators (for example a binary mediator
  ///     among continuous ones), default none.
  ///   - outcomeFamily: `.linear` (default), `.logit` or `.probit`.
  ///   - interaction: Treatment × mediator terms in the outcome models.
  ///   - clusterLevelMediators: Mediators constant within each cluster of `mediatorCluster`,
  ///     modelled at the cluster level; they must come first in `mediators` (no observation-level
  ///     mediator can affect a cluster-level one). Default none.
  ///   - mediatorCluster: The cluster column of the cluster-level mediators (the school).
  ///   - controlValue: `a*`.
  ///   - treatedValue: `a`.
  ///   - weights: Weight column.
  ///   - vcov: Coefficient variance for the quasi-Bayesian draws.
  ///   - confidenceLevel: Interval level in (0, 1).
  ///   - method: `.bootstrap(replicates:cluster:interval:)` (default 1,000 pairs replicates) or
  ///     `.quasiBayesian(simulations:)`.
  ///   - draws: Monte Carlo draws per observation, at least 1 (default 10).
  ///   - seed: The root seed (default 0).
  /// - Throws: ``MediationError/invalidOption(_:)`` for empty or repeated names, too many
  ///   mediators, an outcome that is also a mediator or the treatment, equal treatment values, a
  ///   bad level or draw count; ``MediationError/unavailable(reason:)`` for
  ///   ``MediationMethod/closedForm``.
  public init(
    treatment: String, mediators: [String], outcomes: [String], covariates: Covariates = Covariates(),
    mediatorFamily: MediationModelFamily = .linear, mediatorFamilies: [String: MediationModelFamily] = [:],
    outcomeFamily: MediationModelFamily = .linear, interaction: Bool = false, clusterLevelMediators: [String] = [],
    mediatorCluster: String? = nil, controlValue: Double = 0, treatedValue: Double = 1, weights: String? = nil,
    vcov: VarianceType = .iid, confidenceLevel: Double = 0.95, method: MediationMethod = .bootstrap(),
    draws: Int = 10, seed: UInt64 = 0
  ) throws(MediationError) {
    spec = MediationModelSpec(
      treatment: treatment, mediators: mediators, covariates: covariates, controlValue: controlValue,
      treatedValue: treatedValue, weights: weights, vcov: vcov, confidenceLevel: confidenceLevel, method: method,
      seed: seed)
    self.outcomes = outcomes
    self.mediatorFamily = mediatorFamily
    self.mediatorFamilies = mediatorFamilies
    self.outcomeFamily = outcomeFamily
    self.interaction = interaction
    self.clusterLevelMediators = clusterLevelMediators
    self.mediatorCluster = mediatorCluster
    self.draws = draws
    try validate()
  }

  /// Checks the options (the per-outcome analyses check the rest).
  private func validate() throws(MediationError) {
    guard mediators.count <= SequentialMediation.maximumMediators else {
      throw .invalidOption(
        .invalid(
          option: "mediators", value: "\(mediators.count) mediators",
          expected: "at most \(SequentialMediation.maximumMediators)"))
    }
    guard !outcomes.isEmpty else {
      throw .invalidOption(.invalid(option: "outcomes", value: "[]", expected: "at least one outcome column"))
    }
    if let repeated = outcomes.enumerated().first(where: { outcomes[..<$0.offset].contains($0.element) })?.element {
      throw .invalidOption(
        .invalid(option: "outcomes", value: repeated, expected: "each outcome once (it is listed twice)"))
    }
    if let unknown = mediatorFamilies.keys.sorted().first(where: { !mediators.contains($0) }) {
      throw .invalidOption(
        .invalid(option: "mediatorFamilies", value: unknown, expected: "one of the mediators \(mediators)"))
    }
    do throws(OptionError) { try OptionError.requireCount(draws, atLeast: 1, option: "draws") } catch {
      throw .invalidOption(error)
    }
    try validateClusterLevel()
    if method == .closedForm {
      throw .unavailable(
        reason: "interventional effects by g-computation have no closed-form variance here; use the bootstrap or "
          + "quasi-Bayesian simulation (SequentialMediation gives delta-method interventional effects for linear models "
          + "without interaction)")
    }
    for outcome in outcomes { _ = try analysis(outcome: outcome) }
  }

  /// Checks the cluster-level mediators: known mediators, first in the order, a cluster column,
  /// and a bootstrap that resamples whole clusters.
  private func validateClusterLevel() throws(MediationError) {
    guard !clusterLevelMediators.isEmpty else { return }
    if let unknown = clusterLevelMediators.first(where: { !mediators.contains($0) }) {
      throw .invalidOption(
        .invalid(option: "clusterLevelMediators", value: unknown, expected: "one of the mediators \(mediators)"))
    }
    guard let mediatorCluster, !mediatorCluster.trimmed.isEmpty else {
      throw .invalidOption(
        .invalid(
          option: "mediatorCluster", value: "nil",
          expected: "the column of the clusters the cluster-level mediators are constant within (the school)"))
    }
    let firstObservationLevel = mediators.firstIndex { !clusterLevelMediators.contains($0) } ?? mediators.count
    if let late = mediators[firstObservationLevel...].first(where: { clusterLevelMediators.contains($0) }) {
      throw .invalidOption(
        .invalid(
          option: "mediators", value: late,
          expected: "the cluster-level mediators first in the order (an observation-level mediator cannot affect a "
            + "cluster-level one); move '\(late)' before \(mediators[firstObservationLevel])"))
    }
    if case .bootstrap(_, nil, _) = method {
      throw .invalidOption(
        .invalid(
          option: "method", value: "bootstrap without a cluster",
          expected: "the cluster bootstrap (.bootstrap(cluster: \"\(mediatorCluster)\")) with a cluster-level mediator: "
            + "resampling single observations would split its clusters"))
    }
  }

  /// The single-outcome analysis whose sample preparation and model fits are used.
  func analysis(outcome: String) throws(MediationError) -> MediationAnalysis {
    try MediationAnalysis(
      spec: spec, outcome: outcome, mediatorFamily: mediatorFamily, outcomeFamily: outcomeFamily,
      interaction: interaction)
  }

  /// Fits the mediator chain once and every outcome model on the same complete cases.
  ///
  /// - Complexity: O(n k²) per model.
  func fits(_ data: DataTable, vcov: VarianceType) throws(MediationError) -> [MediationFit] {
    let first = try analysis(outcome: outcomes[0]).with(vcov: vcov)
    let fit = try MediationFit(
      analysis: first, data: data, sequential: true, completeIn: Array(outcomes.dropFirst()),
      families: mediators.map { mediatorFamilies[$0] ?? mediatorFamily },
      clusterLevel: mediatorCluster.flatMap { clusterLevelMediators.isEmpty ? nil : ($0, clusterLevelMediators) })
    var fits = [fit]
    for outcome in outcomes.dropFirst() { fits.append(try fit.refitting(outcome: outcome)) }
    return fits
  }

  /// Fits the models and computes every effect for every outcome, with the inference of ``method``.
  ///
  /// - Parameter data: The table; rows missing any variable of any model (every outcome
  ///   included) are removed once and counted in ``InterventionalMediationResult/drops``.
  /// - Returns: The effects per outcome, the models and the draws' settings.
  /// - Throws: ``MediationError``: a missing or constant column, a model that cannot be fitted
  ///   (a binary mediator with separation), a failed bootstrap.
  /// - Complexity: O(n (k + L K³)) per evaluation (`L` = ``draws``, none when every model is
  ///   linear), evaluated `B` times with re-fits of every model for the bootstrap, `S` times for
  ///   the simulations.
  public func fit(_ data: DataTable) throws(MediationError) -> InterventionalMediationResult {
    let fitted = try fits(data, vcov: vcov)
    let engine = InterventionalGComputation(fits: fitted, draws: draws)
    let names = InterventionalMediationResult.terms(mediators: mediators, outcomes: outcomes)
    let root = SeededGenerator(seed: seed)
    let outcome: StatisticBootstrap.Outcome
    switch method {
    case .closedForm:
      throw .unavailable(reason: "interventional effects need the bootstrap or quasi-Bayesian simulation")
    case .bootstrap(let replicates, let cluster, let interval):
      let spec = self
      let draws = draws
      let statistic: @Sendable (DataTable, UInt64) throws -> [Double] = { table, stream in
        let refits = try spec.fits(table, vcov: .iid)
        var rng = root.derived(stream: stream)
        return InterventionalGComputation(fits: refits, draws: draws).estimates(generator: &rng)
      }
      outcome = try StatisticBootstrap(
        replicates: replicates, cluster: cluster, interval: interval, seed: seed, level: confidenceLevel
      ).run(sample: fitted[0].completeCases, names: names, statistic: statistic, byCounts: Self.crossProducts(engine))
    case .quasiBayesian(let simulations):
      outcome = try quasiBayesian(engine, simulations: simulations, names: names, root: root)
    }
    return InterventionalMediationResult(
      rows: outcome.rows, fits: fitted, method: method, draws: engine.isExact ? 1 : draws, seed: seed,
      notes: outcome.notes)
  }

  /// The cluster bootstrap's shortcut for linear models: each replicate from per-cluster cross
  /// products, without re-fits (``ClusterCrossProducts``).
  static func crossProducts(
    _ engine: InterventionalGComputation
  ) -> (_ clusterOfRow: [Int], _ clusterCount: Int) -> (@Sendable ([Int]) -> [Double]?)? {
    { clusterOfRow, clusterCount in
      guard let sums = ClusterCrossProducts(engine: engine, clusterOfRow: clusterOfRow, clusterCount: clusterCount) else {
        return nil
      }
      return { counts in sums.statistics(counts: counts) }
    }
  }

  /// The quasi-Bayesian summaries: each simulation draws every model's coefficients from its
  /// estimated sampling distribution and re-computes the effects; as in R's `mediation`, the
  /// estimate is the mean of the simulated effects (the median for the proportion mediated).
  private func quasiBayesian(
    _ engine: InterventionalGComputation, simulations: Int, names: [String], root: SeededGenerator
  ) throws(MediationError) -> StatisticBootstrap.Outcome {
    try MediationAnalysis.checkMemory(count: simulations, width: names.count, option: "simulations")
    let fit = engine.fits[0]
    let drawn = try CoefficientSampler.samplers(for: fit.mediatorModels + engine.fits.map(\.outcomeModel))
    let k = fit.mediatorModels.count
    let sigmas = fit.mediatorModels.map(\.sigma)
    let draws: [[Double]]
    do {
      draws = try ParallelMap.map(simulations) { s -> [Double] in
        var rng = root.derived(stream: UInt64(s))
        let beta = drawn.map { $0.draw(&rng) }
        return engine.statistics(
          mediatorParameters: Array(beta[..<k]), outcomeParameters: Array(beta[k...]), sigmas: sigmas, generator: &rng)
      }
    } catch { throw .unavailable(reason: "the simulations failed: \(error)") }
    let width = engine.perOutcome
    let rows = SimulationSummary.rows(draws: draws, names: names, level: confidenceLevel) { $0 % width == width - 1 }
    return StatisticBootstrap.Outcome(rows: rows, draws: draws, notes: [])
  }
}

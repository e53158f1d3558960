import CausalKit

/// Mediation along the mediators' causal order, principal leadership → teaching style → peer
/// relationships, with CausalKit's `SequentialMediation` (path-specific effects) and
/// `InterventionalMediation` (interventional effects), for every outcome.
///
/// **The DiD structure.** The treatment is `treat_post`, which is only as good as random
/// within school and year: SSP schools were chosen for being weak, and scores drift by year.
/// Every model therefore carries school and year effects, as the TWFE DiD does:
///
/// - `SequentialMediation` absorbs them (`fixedEffects: [school, year]`), so the models are
///   `leadership ~ treat_post | school + year`, `teaching ~ treat_post + leadership | …`,
///   `peer ~ treat_post + leadership + teaching | …` and
///   `score ~ treat_post + leadership + teaching + peer | …`, with standard errors clustered by
///   school and the delta method for the products (closed form, fast). Each path's effect is the
///   product of the coefficients along it.
/// - `InterventionalMediation` takes covariates but no absorbed fixed effects, so it runs on the
///   ``WithinSchoolTable``: every variable and the year dummies centred within school. By
///   Frisch–Waugh–Lovell its linear models have the two-way fixed-effects slopes, and a cluster
///   bootstrap that resamples whole schools is the same as refitting the school effects on
///   every resample. The bootstrap (``replicates``, 199 by default) resamples schools; with
///   linear models the library computes each replicate from per-school cross products, so it
///   costs well under a second.
///
/// **Leadership at its own level.** Leadership is constant within a school-year, so
/// `InterventionalMediation` models it with one row per school-year (`clusterLevelMediators`,
/// `mediatorCluster` = ``WithinSchoolTable/schoolYearColumn``; a 2-1-1 design, leadership first
/// in the order as it must be). The school-years are nested in the bootstrap's schools, as the
/// shortcut requires. `SequentialMediation` keeps it on the student rows (school-years weighted
/// by their students), so the two estimates of leadership's shift differ slightly.
///
/// **Effects initiated at a mediator.** The paths that start at a mediator sum to its shift by
/// the project times its *total* effect on the score (through the later mediators too). That is
/// the single path `treat_post → M → score` of the chain truncated after `M` (the later
/// mediators left out of the outcome model, whose `M` coefficient then is `M`'s total effect);
/// its point estimate equals the sum of the full chain's paths starting at `M` (an identity of
/// least squares on a common sample), and the truncated fit gives its delta-method standard error.
///
/// ```swift
/// let chain = try CausalChainStage(replicates: 199, seed: 1).estimate(panel: panel, outcomes: ["math"])
/// chain["math"]?.path(["leadership", "peer"])?.row.estimate
/// ```
public struct CausalChainStage: Sendable {
  /// The mediator columns in causal order (earlier ones may affect later ones).
  public var order: [String]
  /// The mediators constant within a school-year, modelled at that level by
  /// `InterventionalMediation` (they must come first in ``order``).
  public var clusterLevelMediators: [String]
  /// Cluster-bootstrap replicates of `InterventionalMediation` (at least 2).
  public var replicates: Int
  /// The bootstrap's seed.
  public var seed: UInt64

  /// Creates the stage.
  ///
  /// - Parameters:
  ///   - order: Mediator columns in causal order (default leadership, teaching style, peers).
  ///   - clusterLevelMediators: School-year mediators (default leadership).
  ///   - replicates: Cluster-bootstrap replicates (default 199).
  ///   - seed: Bootstrap seed.
  public init(
    order: [String] = [PanelColumns.leadership, PanelColumns.teaching, PanelColumns.peer],
    clusterLevelMediators: [String] = [PanelColumns.leadership], replicates: Int = 199, seed: UInt64 = 20_180_901
  ) {
    self.order = order
    self.clusterLevelMediators = clusterLevelMediators
    self.replicates = replicates
    self.seed = seed
  }

  /// The method's description, for the report.
  public var name: String {
    "Mediators in causal order \(order.joined(separator: " → ")). Path-specific effects: CausalKit's `SequentialMediation` with "
      + "school and year fixed effects absorbed in every model, standard errors clustered by school, delta method. "
      + "Interventional effects: `InterventionalMediation` on the data centred within school (with centred year dummies, "
      + "which gives the two-way fixed-effects slopes), \(clusterLevelMediators.joined(separator: ", ")) modelled with one row per "
      + "school-year, 95% percentile intervals from a cluster bootstrap over schools (B = \(replicates), seed \(seed))."
  }

  /// Estimates the chain's effects on every outcome.
  ///
  /// - Parameters:
  ///   - panel: The prepared panel.
  ///   - outcomes: The outcome columns.
  /// - Returns: The estimates per outcome.
  /// - Throws: `MediationError` and `DataError` from CausalKit.
  /// - Complexity: Per outcome, `K (K + 3) / 2` fixed-effects fits (the full chain and the
  ///   chains truncated after each mediator but the last), then one interventional fit for all
  ///   outcomes and `B` bootstrap replicates of `O(G k²)` each.
  public func estimate(panel: AnalysisPanel, outcomes: [String]) throws -> CausalChainResults {
    let s = panel.schema
    let treatment = AnalysisPanel.treatPostColumn
    let names = [s.unit, s.time, treatment] + order + outcomes
    let slim = try DataTable(columns: names.map { try panel.table.column(named: $0) })
    let within = try WithinSchoolTable(panel: panel, variables: [treatment] + order + outcomes)
    let interventional = try InterventionalMediation(
      treatment: treatment, mediators: order, outcomes: outcomes, covariates: Covariates(columns: within.periodDummies),
      clusterLevelMediators: clusterLevelMediators,
      mediatorCluster: clusterLevelMediators.isEmpty ? nil : WithinSchoolTable.schoolYearColumn,
      method: .bootstrap(replicates: replicates, cluster: s.unit), seed: seed
    ).fit(within.table)
    var estimates = [CausalChainOutcome]()
    for (o, outcome) in outcomes.enumerated() {
      func chain(_ mediators: [String]) throws -> SequentialMediationResult {
        try SequentialMediation(
          treatment: treatment, mediators: mediators, outcome: outcome, fixedEffects: [s.unit, s.time],
          vcov: .cluster([s.unit])
        ).fit(slim)
      }
      let full = try chain(order)
      let effects = interventional.outcomes[o]
      var rows = [CausalChainOutcome.MediatorRows]()
      for (k, mediator) in order.enumerated() {
        let truncated = k == order.count - 1 ? full : try chain(Array(order[...k]))
        guard let initiated = truncated.paths.first(where: { $0.mediators == [mediator] })?.row,
          let delta = full.interventionalIndirect.first(where: { $0.mediator == mediator })?.row,
          let boot = effects.interventionalIndirect.first(where: { $0.mediator == mediator })?.row
        else { throw StudyError.estimationFailed(step: "causal chain", outcome: outcome, message: "no effect for \(mediator)") }
        rows.append(.init(mediator: mediator, interventionalDelta: delta, interventionalBootstrap: boot, initiated: initiated))
      }
      estimates.append(CausalChainOutcome(
        outcome: outcome, paths: full.paths, jointIndirect: full.jointIndirect, direct: full.interventionalDirect,
        total: full.total, proportionMediated: full.proportionMediated, mediators: rows, interventional: effects))
    }
    return CausalChainResults(
      method: name, order: order, clusterLevelMediators: clusterLevelMediators, replicates: replicates, seed: seed,
      observationCount: interventional.observationCount, outcomes: estimates)
  }
}

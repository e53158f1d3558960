import ArgumentParser
import CausalKit
import Foundation

/// `causalkit mediate --effects interventional`: Vansteelandt and Daniel's interventional
/// effects by g-computation, for one or several outcomes.
extension MediateCommand {
  /// The interventional effects the options describe, fitted to `table`; also
  /// `--effects path-specific` when a model is not linear (the path-specific effect from each
  /// mediator, by the same g-computation).
  ///
  /// `--mediator-order` gives the order of the chain that models the mediators' joint
  /// distribution (the `--mediator` order without it); `--method` is `bootstrap` (default,
  /// `--sims` replicates, whole `--cluster`s, `--ci`) or `quasi-bayes`; `--draws` sets the Monte
  /// Carlo draws per observation.
  ///
  /// - Throws: `ValidationError` for options the analysis does not take (`--absorb`,
  ///   `--sensitivity`, `--method delta`, a bad `--mediator-order` or `--mediator-model`);
  ///   ``ToolInputError`` for an unknown column; ``MediationError`` when estimation fails.
  func interventional(_ table: DataTable) throws -> InterventionalMediationResult {
    guard [.interventional, .pathSpecific].contains(try effectsKind()) else {
      throw ValidationError("--effects interventional is not set.")
    }
    let effect = "--effects \(effects.lowercased())" + (try effectsKind() == .pathSpecific ? " (logit or probit models)" : "")
    if sensitivity { throw ValidationError("\(effect) does not take --sensitivity.") }
    if !models.fixedEffects.isEmpty {
      throw ValidationError(
        "\(effect) simulates from every model and does not take --absorb; add the fixed effects to --covariates as factors, e.g. \"i(school)\".")
    }
    if method == "delta" {
      throw ValidationError("\(effect) has no delta method; use --method bootstrap (default) or quasi-bayes.")
    }
    if method == nil, ci != nil { throw ValidationError("--ci applies to --method bootstrap.") }
    let inference: MediationMethod = method == nil
      ? .bootstrap(replicates: sims, cluster: cluster, interval: .percentile) : try makeMethod(linearModels: false)
    let clusterLevel = clusterLevelMediator.map {
      $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    } ?? []
    if !clusterLevel.isEmpty, cluster == nil {
      throw ValidationError("--cluster-level-mediator needs --cluster: the column of the clusters (schools) the mediator is constant within.")
    }
    if let unknown = clusterLevel.first(where: { !models.mediatorNames.contains($0) }) {
      throw ValidationError("--cluster-level-mediator names '\(unknown)', which is not one of --mediator \(models.mediator).")
    }
    let order = try orderedMediators()
    let families = try models.mediatorFamilies()
    let outcomeFamily = try models.outcomeFamily()
    try requireColumns(table, mediators: order)
    return try InterventionalMediation(
      treatment: models.treatment, mediators: order, outcomes: models.outcomeNames,
      covariates: try models.covariates.terms(), mediatorFamily: families.default,
      mediatorFamilies: families.byMediator, outcomeFamily: outcomeFamily, interaction: models.interaction,
      clusterLevelMediators: clusterLevel, mediatorCluster: clusterLevel.isEmpty ? nil : cluster,
      controlValue: models.controlValue, treatedValue: models.treatedValue, weights: fitting.weights,
      vcov: cluster.map { .cluster([$0]) } ?? .iid, confidenceLevel: fitting.level, method: inference,
      draws: draws ?? 10, seed: random.seed
    ).fit(table)
  }
}

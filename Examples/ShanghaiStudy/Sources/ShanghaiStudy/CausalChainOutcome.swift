import CausalKit

/// The causal-chain mediation estimates of one outcome (``CausalChainStage``).
public struct CausalChainOutcome: Sendable, Equatable {
  /// One mediator's effects.
  public struct MediatorRows: Sendable, Equatable {
    /// The mediator column.
    public var mediator: String
    /// The interventional indirect effect from the path-specific fit (delta method): the sum
    /// of the paths ending at the mediator.
    public var interventionalDelta: CoefficientRow
    /// The interventional indirect effect from `InterventionalMediation` (cluster bootstrap).
    public var interventionalBootstrap: CoefficientRow
    /// The effect initiated at the mediator: the sum of the paths starting at it (delta method,
    /// from the chain truncated after it; see ``CausalChainStage``).
    public var initiated: CoefficientRow
  }

  /// The outcome column.
  public var outcome: String
  /// Every path-specific effect, the direct path first (`SequentialMediation`, delta method).
  public var paths: [PathEffect]
  /// The joint indirect effect (`SequentialMediation`, delta method).
  public var jointIndirect: CoefficientRow
  /// The direct effect (`SequentialMediation`, delta method).
  public var direct: CoefficientRow
  /// The total effect (`SequentialMediation`, delta method).
  public var total: CoefficientRow
  /// The proportion mediated (`SequentialMediation`, delta method).
  public var proportionMediated: CoefficientRow
  /// Per mediator, in causal order.
  public var mediators: [MediatorRows]
  /// The interventional effects (`InterventionalMediation`, cluster bootstrap): per mediator,
  /// the mediator-dependence part, direct, joint, total and proportion.
  public var interventional: InterventionalEffects

  /// Creates the estimates; parameters as the properties.
  public init(
    outcome: String, paths: [PathEffect], jointIndirect: CoefficientRow, direct: CoefficientRow, total: CoefficientRow,
    proportionMediated: CoefficientRow, mediators: [MediatorRows], interventional: InterventionalEffects
  ) {
    self.outcome = outcome
    self.paths = paths
    self.jointIndirect = jointIndirect
    self.direct = direct
    self.total = total
    self.proportionMediated = proportionMediated
    self.mediators = mediators
    self.interventional = interventional
  }

  /// The path through the given mediators (empty: the direct path), or `nil`.
  public func path(_ mediators: [String]) -> PathEffect? { paths.first { $0.mediators == mediators } }

  /// The rows of one mediator, or `nil`.
  public func mediator(_ name: String) -> MediatorRows? { mediators.first { $0.mediator == name } }
}

/// The causal-chain mediation estimates of every outcome, with the settings used.
public struct CausalChainResults: Sendable, Equatable {
  /// The method's description, for the report (``CausalChainStage/name``).
  public var method: String
  /// The mediator columns in causal order.
  public var order: [String]
  /// The mediators modelled at the school-year level in `InterventionalMediation`.
  public var clusterLevelMediators: [String]
  /// Cluster-bootstrap replicates of `InterventionalMediation`.
  public var replicates: Int
  /// The bootstrap's seed.
  public var seed: UInt64
  /// Observations used.
  public var observationCount: Int
  /// One entry per outcome.
  public var outcomes: [CausalChainOutcome]

  /// Creates the results; parameters as the properties.
  public init(
    method: String, order: [String], clusterLevelMediators: [String], replicates: Int, seed: UInt64, observationCount: Int,
    outcomes: [CausalChainOutcome]
  ) {
    self.method = method
    self.order = order
    self.clusterLevelMediators = clusterLevelMediators
    self.replicates = replicates
    self.seed = seed
    self.observationCount = observationCount
    self.outcomes = outcomes
  }

  /// The estimates of one outcome, or `nil`.
  public subscript(outcome: String) -> CausalChainOutcome? { outcomes.first { $0.outcome == outcome } }
}

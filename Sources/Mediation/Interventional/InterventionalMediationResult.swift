import CausalCore
import Foundation

/// The interventional effects on one outcome of an ``InterventionalMediation``.
public struct InterventionalEffects: Sendable, Equatable {
  /// The outcome.
  public let outcome: String
  /// Each mediator's interventional indirect effect, in the mediators' order.
  public let interventionalIndirect: [SequentialMediationResult.MediatorEffect]
  /// The joint indirect effect minus the sum of the individual interventional indirect effects.
  public let mediatorDependence: CoefficientRow
  /// The interventional direct effect.
  public let interventionalDirect: CoefficientRow
  /// The joint indirect effect through all mediators.
  public let jointIndirect: CoefficientRow
  /// The total effect (direct + joint indirect).
  public let total: CoefficientRow
  /// The joint indirect effect over the total.
  public let proportionMediated: CoefficientRow
  /// The path-specific effect from each mediator, in the mediators' (causal) order: through
  /// that mediator and the later mediators it affects, not through earlier ones (the
  /// sequential decomposition of the joint indirect effect; they add up to it). In linear
  /// models each is the sum of ``SequentialMediation``'s paths whose first mediator it is.
  public let pathSpecific: [SequentialMediationResult.MediatorEffect]

  /// The rows in order: the indirect effects, dependence, direct, joint, total, proportion,
  /// then the path-specific effects.
  public var rows: [CoefficientRow] {
    interventionalIndirect.map(\.row) + [mediatorDependence, interventionalDirect, jointIndirect, total, proportionMediated]
      + pathSpecific.map(\.row)
  }

  /// The path of the path-specific effect from `mediator`, e.g.
  /// `treat -> lead (-> later mediators) -> y` (the last mediator's path has no later ones).
  static func pathName(treatment: String, mediator: String, isLast: Bool, outcome: String) -> String {
    "\(treatment) -> \(mediator)\(isLast ? "" : " (-> later mediators)") -> \(outcome)"
  }

  /// The entries `causalkit mediate --json` prints, each with its `effect` and `mediator` names
  /// (the path-specific ones with their `path`).
  func entries(treatment: String) -> [any Encodable & Sendable] {
    let paths: [any Encodable & Sendable] = pathSpecific.enumerated().map { k, effect in
      PathEntry(
        mediator: effect.mediator,
        path: InterventionalEffects.pathName(
          treatment: treatment, mediator: effect.mediator, isLast: k == pathSpecific.count - 1, outcome: outcome),
        row: effect.row)
    }
    return baseEntries + paths
  }

  /// One path-specific entry: `effect` `path_specific`, `mediator`, `path` and the row's keys.
  private struct PathEntry: Encodable, Sendable {
    let mediator: String
    let path: String
    let row: CoefficientRow

    func encode(to encoder: any Encoder) throws {
      try encoder.encodeFields([.value("effect", "path_specific"), .value("mediator", mediator), .value("path", path)])
      try row.encode(to: encoder)
    }
  }

  /// The entries of the interventional and joint effects.
  private var baseEntries: [MediationEffectEntry] {
    interventionalIndirect.map { MediationEffectEntry(effect: "interventional_indirect", mediator: $0.mediator, row: $0.row) }
      + [
        ("mediator_dependence", mediatorDependence), ("interventional_direct", interventionalDirect),
        ("joint_indirect", jointIndirect), ("total", total), ("prop_mediated", proportionMediated),
      ].map { MediationEffectEntry(effect: $0.0, mediator: "all", row: $0.1) }
  }
}

/// The result of an ``InterventionalMediation``: the interventional effects on each outcome,
/// the fitted models and the settings of the draws.
///
/// ```swift
/// let result = try InterventionalMediation(
///   treatment: "t", mediators: ["m1", "m2"], outcomes: ["y"], method: .bootstrap(replicates: 199)
/// ).fit(data)
/// result.outcomes[0].mediatorDependence.estimate
/// ```
///
/// Encoded with snake_case keys: `effects` (one entry per outcome and effect with `outcome`,
/// `effect` — `interventional_indirect`, `mediator_dependence`, `interventional_direct`,
/// `joint_indirect`, `total`, `prop_mediated` or `path_specific` (with its `path`) —, `mediator`
/// (`all` for the joint effects) and the tidy row's keys), `coefficients`, `nobs`, `method`, `sims`, `draws_per_observation`,
/// `seed`, `mediator_order`, `outcomes`, `confidence_level`, `treatment_values`, `models`,
/// `dropped` and `notes`.
public struct InterventionalMediationResult: EstimationResult, Equatable {
  /// The treatment column.
  public let treatment: String
  /// The mediators, in the order of the chain that models their joint distribution.
  public let mediatorOrder: [String]
  /// The effects, one entry per outcome in the order given.
  public let outcomes: [InterventionalEffects]
  /// The bootstrap or quasi-Bayesian simulation.
  public let method: MediationMethod
  /// Monte Carlo draws per observation (1 when every model is linear: exact, no draws).
  public let drawsPerObservation: Int
  /// The root seed.
  public let seed: UInt64
  /// The mediator models in order, then one outcome model per outcome.
  public let models: [MediationModelReport]
  /// The treatment's control and treated values.
  public let treatmentValues: MediationTreatmentValues
  /// Observations used by every model.
  public let observationCount: Int
  /// Rows removed before fitting (missing in any model's variables, any outcome included) and
  /// terms removed from any model.
  public let drops: DropReport
  /// The confidence level of the intervals.
  public let confidenceLevel: Double
  /// Notes: failed replicates, the models' removals.
  public let notes: [String]

  /// Every outcome's rows, outcome by outcome (see ``InterventionalEffects/rows``).
  public var coefficients: [CoefficientRow] { outcomes.flatMap(\.rows) }

  /// The term names of the statistics, outcome by outcome (prefixed `outcome: ` when there are
  /// several outcomes).
  static func terms(mediators: [String], outcomes: [String]) -> [String] {
    let names = mediators.map { "Interventional indirect (\($0))" }
      + ["Mediator dependence", "Interventional direct", "Joint indirect", "Total effect", "Prop. mediated"]
      + mediators.indices.map { "Path-specific from \(mediators[$0])\($0 == mediators.count - 1 ? "" : " (+ later)")" }
    guard outcomes.count > 1 else { return names }
    return outcomes.flatMap { y in names.map { "\(y): \($0)" } }
  }

  /// Builds the result from one row per statistic (see ``InterventionalGComputation``).
  init(rows: [CoefficientRow], fits: [MediationFit], method: MediationMethod, draws: Int, seed: UInt64, notes: [String]) {
    let fit = fits[0]
    let mediators = fit.analysis.mediators
    let width = 2 * mediators.count + 5
    treatment = fit.analysis.treatment
    mediatorOrder = mediators
    outcomes = fits.enumerated().map { p, f in
      let r = Array(rows[(p * width)..<((p + 1) * width)])
      let k = mediators.count
      return InterventionalEffects(
        outcome: f.analysis.outcome,
        interventionalIndirect: mediators.indices.map { .init(mediator: mediators[$0], row: r[$0]) },
        mediatorDependence: r[k], interventionalDirect: r[k + 1], jointIndirect: r[k + 2], total: r[k + 3],
        proportionMediated: r[k + 4],
        pathSpecific: mediators.indices.map { .init(mediator: mediators[$0], row: r[k + 5 + $0]) })
    }
    self.method = method
    drawsPerObservation = draws
    self.seed = seed
    models = MediationModelReport.reports(fit) + fits.dropFirst().flatMap { MediationModelReport.reports($0).suffix(1) }
    treatmentValues = MediationTreatmentValues(control: fit.analysis.controlValue, treated: fit.analysis.treatedValue)
    observationCount = fit.observationCount
    drops = MediationModelReport.drops(fit, models)
    confidenceLevel = fit.analysis.confidenceLevel
    self.notes = notes + (fit.mediatorModels + fits.map(\.outcomeModel)).flatMap(\.drops.notes)
  }

  /// A printable table of every effect with the models, sample size and notes.
  ///
  /// - Complexity: O(outcomes × K).
  public func summary() -> String {
    let how = drawsPerObservation == 1 ? "exact (linear models)" : "\(drawsPerObservation) draws per observation"
    var lines = [
      "Interventional mediation (mediators \(mediatorOrder.joined(separator: " > ")); g-computation, \(how); "
        + "\(method.name)), \(observationCount) observations"
    ]
    for model in models { lines.append("  \(model.name): \(model.formula)") }
    let width = (coefficients.map(\.term.count).max() ?? 0) + 2
    for effects in outcomes {
      lines.append("")
      lines.append("Outcome \(effects.outcome)")
      lines += EffectTable.lines(effects.rows, width: width)
    }
    lines += DropReport(observations: drops.observations).notes + notes
    return lines.joined(separator: "\n")
  }
}

extension InterventionalMediationResult: Encodable {
  /// Encodes the result (see the type's discussion for the keys).
  public func encode(to encoder: any Encoder) throws {
    let effects = outcomes.flatMap { o in o.entries(treatment: treatment).map { OutcomeEntry(outcome: o.outcome, entry: $0) } }
    try encoder.encodeFields([
      .value("effects", effects), .value("coefficients", coefficients), .value("nobs", observationCount),
      .value("method", method.name), .value("sims", method.draws), .value("draws_per_observation", drawsPerObservation),
      .value("seed", seed), .value("mediator_order", mediatorOrder), .value("outcomes", outcomes.map(\.outcome)),
      .number("confidence_level", confidenceLevel), .value("treatment_values", treatmentValues),
      .value("models", models), .value("dropped", drops), .value("notes", notes),
    ])
  }

  /// One `effects` entry with its outcome.
  private struct OutcomeEntry: Encodable {
    let outcome: String
    let entry: any Encodable & Sendable

    func encode(to encoder: any Encoder) throws {
      try encoder.encodeFields([.value("outcome", outcome)])
      try entry.encode(to: encoder)
    }
  }
}

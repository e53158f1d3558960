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

  /// The rows in order: the indirect effects, dependence, direct, joint, total, proportion.
  public var rows: [CoefficientRow] {
    interventionalIndirect.map(\.row) + [mediatorDependence, interventionalDirect, jointIndirect, total, proportionMediated]
  }

  /// The entries `causalkit mediate --json` prints, each with its `effect` and `mediator` names.
  var entries: [MediationEffectEntry] {
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
/// `joint_indirect`, `total` or `prop_mediated` —, `mediator` (`all` for the joint effects) and
/// the tidy row's keys), `coefficients`, `nobs`, `method`, `sims`, `draws_per_observation`,
/// `seed`, `mediator_order`, `outcomes`, `confidence_level`, `treatment_values`, `models`,
/// `dropped` and `notes`.
public struct InterventionalMediationResult: EstimationResult, Equatable {
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
    guard outcomes.count > 1 else { return names }
    return outcomes.flatMap { y in names.map { "\(y): \($0)" } }
  }

  /// Builds the result from one row per statistic (see ``InterventionalGComputation``).
  init(rows: [CoefficientRow], fits: [MediationFit], method: MediationMethod, draws: Int, seed: UInt64, notes: [String]) {
    let fit = fits[0]
    let mediators = fit.analysis.mediators
    let width = mediators.count + 5
    mediatorOrder = mediators
    outcomes = fits.enumerated().map { p, f in
      let r = Array(rows[(p * width)..<((p + 1) * width)])
      let k = mediators.count
      return InterventionalEffects(
        outcome: f.analysis.outcome,
        interventionalIndirect: mediators.indices.map { .init(mediator: mediators[$0], row: r[$0]) },
        mediatorDependence: r[k], interventionalDirect: r[k + 1], jointIndirect: r[k + 2], total: r[k + 3],
        proportionMediated: r[k + 4])
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
    let effects = outcomes.flatMap { o in o.entries.map { OutcomeEntry(outcome: o.outcome, entry: $0) } }
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
    let entry: MediationEffectEntry

    func encode(to encoder: any Encoder) throws {
      try encoder.encodeFields([.value("outcome", outcome)])
      try entry.encode(to: encoder)
    }
  }
}

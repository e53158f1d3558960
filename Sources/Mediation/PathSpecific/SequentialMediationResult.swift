import CausalCore
import Foundation

/// The effect along one path of a ``SequentialMediation``.
public struct PathEffect: Sendable, Equatable, Encodable {
  /// The mediators the path runs through, in order (empty for the direct path).
  public let mediators: [String]
  /// The path, `treat -> m1 -> m2 -> y`.
  public let path: String
  /// The estimate, standard error, interval and p-value.
  public let row: CoefficientRow

  /// Encodes `effect` (`path_specific`), `path`, `mediators` and the row's keys in one object.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([.value("effect", "path_specific"), .value("path", path), .value("mediators", mediators)])
    try row.encode(to: encoder)
  }
}

/// The result of a ``SequentialMediation``: every path-specific effect, each mediator's
/// interventional indirect effect, the interventional direct, joint indirect and total effects,
/// and the fitted models.
///
/// ```swift
/// let result = try SequentialMediation(treatment: "t", mediators: ["m1", "m2"], outcome: "y").fit(data)
/// result.jointIndirect.estimate
/// result.paths.first { $0.mediators == ["m1", "m2"] }?.row.standardError
/// ```
///
/// Encoded with snake_case keys: `effects` (the paths with `effect` `path_specific`, `path`
/// and `mediators`; then `interventional_indirect` with `mediator`; `interventional_direct`,
/// `joint_indirect`, `total` and `prop_mediated`; each with the tidy row's keys),
/// `coefficients`, `nobs`, `method` (`delta`, `bootstrap` or `quasi-bayes`), `sims` (replicates or
/// simulations, `null` for the delta method), `seed`, `mediator_order`, `confidence_level`,
/// `treatment_values`, `models`, `dropped`, `sensitivity` (``MediatorConfoundingSensitivity``,
/// `null` unless requested) and `notes`.
public struct SequentialMediationResult: EstimationResult, Equatable {
  /// The mediators in the causal order used.
  public let mediatorOrder: [String]
  /// How uncertainty was assessed: the delta method (``MediationMethod/closedForm``), the
  /// bootstrap or quasi-Bayesian simulation.
  public let method: MediationMethod
  /// The root seed of the bootstrap or simulations.
  public let seed: UInt64
  /// The `2^K` paths: the direct path first, then by number of mediators, then by position.
  public let paths: [PathEffect]
  /// Each mediator's interventional indirect effect, in ``mediatorOrder``.
  public let interventionalIndirect: [MediatorEffect]
  /// The interventional direct effect (the direct path's effect).
  public let interventionalDirect: CoefficientRow
  /// The joint indirect effect: all paths through at least one mediator.
  public let jointIndirect: CoefficientRow
  /// The total effect: all paths.
  public let total: CoefficientRow
  /// The joint indirect effect over the total.
  public let proportionMediated: CoefficientRow
  /// The mediator models in order, then the outcome model.
  public let models: [MediationModelReport]
  /// The treatment's control and treated values.
  public let treatmentValues: MediationTreatmentValues
  /// Observations used by every model.
  public let observationCount: Int
  /// Rows removed before fitting and terms removed from any model.
  public let drops: DropReport
  /// The confidence level of the intervals.
  public let confidenceLevel: Double
  /// The sensitivity to mediator-outcome confounding, when requested.
  public let sensitivity: MediatorConfoundingSensitivity?
  /// Notes: the models' removals.
  public let notes: [String]

  /// One mediator's effect.
  public struct MediatorEffect: Sendable, Equatable {
    /// The mediator.
    public let mediator: String
    /// The estimate, standard error, interval and p-value.
    public let row: CoefficientRow
  }

  /// The tidy rows: the paths, the interventional indirect effects, then the interventional
  /// direct, joint indirect and total effects and the proportion mediated.
  public var coefficients: [CoefficientRow] {
    paths.map(\.row) + interventionalIndirect.map(\.row) + [interventionalDirect, jointIndirect, total, proportionMediated]
  }

  /// Builds the result from one row per statistic of `fitted` (see
  /// ``SequentialPaths/statistics``).
  init(
    rows: [CoefficientRow], fitted: SequentialPaths, method: MediationMethod, seed: UInt64,
    sensitivity: MediatorConfoundingSensitivity?, notes: [String]
  ) {
    let fit = fitted.fit
    let a = fit.analysis
    mediatorOrder = a.mediators
    let pathCount = fitted.subsets.count, k = a.mediators.count
    paths = fitted.subsets.enumerated().map { i, subset in
      PathEffect(mediators: subset.map { a.mediators[$0] }, path: fitted.name(subset), row: rows[i])
    }
    interventionalIndirect = a.mediators.indices.map { MediatorEffect(mediator: a.mediators[$0], row: rows[pathCount + $0]) }
    interventionalDirect = rows[pathCount + k]
    jointIndirect = rows[pathCount + k + 1]
    total = rows[pathCount + k + 2]
    proportionMediated = rows[pathCount + k + 3]
    self.method = method
    self.seed = seed
    models = MediationModelReport.reports(fit)
    treatmentValues = MediationTreatmentValues(control: a.controlValue, treated: a.treatedValue)
    observationCount = fit.observationCount
    drops = MediationModelReport.drops(fit, models)
    confidenceLevel = a.confidenceLevel
    self.sensitivity = sensitivity
    self.notes = notes + (fit.mediatorModels + [fit.outcomeModel]).flatMap(\.drops.notes)
  }

  /// A printable table of every effect with the models, sample size and notes.
  ///
  /// - Complexity: O(2^K).
  public func summary() -> String {
    var lines = ["Sequential mediation (causal order \(mediatorOrder.joined(separator: " > ")); \(method.name)), \(observationCount) observations"]
    for model in models { lines.append("  \(model.name): \(model.formula)") }
    lines += EffectTable.lines(coefficients, width: max(28, coefficients.map(\.term.count).max() ?? 0) + 2)
    lines += DropReport(observations: drops.observations).notes + notes
    if let sensitivity { lines += sensitivity.summaryLines() }
    return lines.joined(separator: "\n")
  }
}

extension SequentialMediationResult: Encodable {
  /// Encodes the result (see the type's discussion for the keys).
  public func encode(to encoder: any Encoder) throws {
    let singles = [
      ("interventional_direct", interventionalDirect), ("joint_indirect", jointIndirect), ("total", total),
      ("prop_mediated", proportionMediated),
    ].map { MediationEffectEntry(effect: $0.0, mediator: "all", row: $0.1) }
    let perMediator = interventionalIndirect.map {
      MediationEffectEntry(effect: "interventional_indirect", mediator: $0.mediator, row: $0.row)
    }
    try encoder.encodeFields([
      .value("effects", EffectList(paths: paths, others: perMediator + singles)),
      .value("coefficients", coefficients), .value("nobs", observationCount), .value("method", method.name),
      .value("sims", method.draws), .value("seed", seed),
      .value("mediator_order", mediatorOrder), .number("confidence_level", confidenceLevel),
      .value("treatment_values", treatmentValues), .value("models", models), .value("dropped", drops),
      .value("sensitivity", sensitivity), .value("notes", notes),
    ])
  }

  /// The `effects` array: the paths, then the other entries.
  private struct EffectList: Encodable {
    let paths: [PathEffect]
    let others: [MediationEffectEntry]

    func encode(to encoder: any Encoder) throws {
      var c = encoder.unkeyedContainer()
      for p in paths { try c.encode(p) }
      for o in others { try c.encode(o) }
    }
  }
}

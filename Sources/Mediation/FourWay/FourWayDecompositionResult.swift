import CausalCore
import Foundation

/// The result of a ``FourWayDecomposition``: the controlled direct effect, the reference and
/// mediated interactions, the pure indirect effect, the total effect and the proportions, with
/// delta-method, bootstrap or quasi-Bayesian standard errors, and both fitted models.
///
/// ```swift
/// let result = try FourWayDecomposition(treatment: "treat", mediator: "m", outcome: "y").fit(data)
/// result.pureIndirect.estimate
/// result.proportionMediated.confLow
/// ```
///
/// Encoded with snake_case keys: `effects` (one entry per statistic with `effect` — `cde`,
/// `int_ref`, `int_med`, `pie`, `total`, `prop_cde`, `prop_int_ref`, `prop_int_med`, `prop_pie`,
/// `prop_mediated`, `prop_interaction`, `prop_eliminated` — `mediator`, and the tidy row's
/// keys), `coefficients` (the tidy rows), `nobs`, `method` (`delta`, `bootstrap` or
/// `quasi-bayes`), `sims` (`null` for the delta method), `draws_per_observation`, `seed`,
/// `mediator_value`, `expected_mediator_control`, `confidence_level`, `treatment_values`,
/// `models`, `dropped` and `notes`.
public struct FourWayDecompositionResult: EstimationResult, Equatable {
  /// The mediator.
  public let mediator: String
  /// The twelve statistics, in the order of ``effectNames``.
  public let rows: [CoefficientRow]
  /// The mediator level `m*` of the controlled direct effect.
  public let mediatorValue: Double
  /// `E[M(a*)]`, the mean mediator under control (at the sample's covariates).
  public let expectedMediatorAtControl: Double
  /// The treatment's control and treated values.
  public let treatmentValues: MediationTreatmentValues
  /// The mediator model, then the outcome model (with the treatment × mediator term).
  public let models: [MediationModelReport]
  /// Observations used by both models.
  public let observationCount: Int
  /// Rows removed before fitting and terms removed from either model.
  public let drops: DropReport
  /// The confidence level of the intervals.
  public let confidenceLevel: Double
  /// The delta method (``MediationMethod/closedForm``), the bootstrap or quasi-Bayesian simulation.
  public let method: MediationMethod
  /// Monte Carlo draws of the mediator per observation (1 when both models are linear).
  public let drawsPerObservation: Int
  /// The root seed of the resampling or simulations.
  public let seed: UInt64
  /// Notes: failed replicates, the models' removals.
  public let notes: [String]

  /// The JSON names of the statistics, in row order.
  public static let effectNames = [
    "cde", "int_ref", "int_med", "pie", "total", "prop_cde", "prop_int_ref", "prop_int_med", "prop_pie",
    "prop_mediated", "prop_interaction", "prop_eliminated",
  ]

  /// The controlled direct effect at ``mediatorValue``.
  public var controlledDirect: CoefficientRow { rows[0] }
  /// The reference interaction.
  public var referenceInteraction: CoefficientRow { rows[1] }
  /// The mediated interaction.
  public var mediatedInteraction: CoefficientRow { rows[2] }
  /// The pure indirect effect.
  public var pureIndirect: CoefficientRow { rows[3] }
  /// The total effect, the sum of the four components.
  public var total: CoefficientRow { rows[4] }
  /// The overall proportion mediated, `(PIE + INT_med) / total`.
  public var proportionMediated: CoefficientRow { rows[9] }
  /// The proportion attributable to interaction, `(INT_ref + INT_med) / total`.
  public var proportionInteraction: CoefficientRow { rows[10] }
  /// The proportion eliminated by fixing the mediator at `m*`, `(INT_ref + INT_med + PIE) / total`.
  public var proportionEliminated: CoefficientRow { rows[11] }

  /// ``rows``, the result's tidy rows.
  public var coefficients: [CoefficientRow] { rows }

  /// Each statistic with its JSON name and the mediator.
  public var effectEntries: [MediationEffectEntry] {
    zip(Self.effectNames, rows).map { MediationEffectEntry(effect: $0, mediator: mediator, row: $1) }
  }

  /// Builds the result from the rows and the fit.
  init(
    rows: [CoefficientRow], expectedMediatorAtControl: Double, fit: MediationFit, mediatorValue: Double,
    method: MediationMethod, draws: Int, seed: UInt64, notes: [String]
  ) {
    mediator = fit.analysis.mediators[0]
    self.rows = rows
    self.mediatorValue = mediatorValue
    self.expectedMediatorAtControl = expectedMediatorAtControl
    treatmentValues = MediationTreatmentValues(control: fit.analysis.controlValue, treated: fit.analysis.treatedValue)
    models = MediationModelReport.reports(fit)
    observationCount = fit.observationCount
    drops = MediationModelReport.drops(fit, models)
    confidenceLevel = fit.analysis.confidenceLevel
    self.method = method
    drawsPerObservation = draws
    self.seed = seed
    self.notes = notes + (fit.mediatorModels + [fit.outcomeModel]).flatMap(\.drops.notes)
  }

  /// A printable table of the statistics with the sample size, `m*` and notes.
  ///
  /// - Complexity: O(rows).
  public func summary() -> String {
    var lines = [
      "Four-way decomposition (VanderWeele 2014; \(method == .closedForm ? "delta method" : method.name + ", g-computation")), mediator \(mediator), \(observationCount) observations",
      "Treatment \(treatmentValues.control) -> \(treatmentValues.treated); CDE at \(mediator) = \(String(format: "%.6g", mediatorValue)); "
        + "E[M(control)] = \(String(format: "%.6g", expectedMediatorAtControl))",
    ] + EffectTable.lines(rows, width: 26)
    lines += DropReport(observations: drops.observations).notes + notes
    return lines.joined(separator: "\n")
  }
}

extension FourWayDecompositionResult: Encodable {
  /// Encodes the result (see the type's discussion for the keys).
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([
      .value("effects", effectEntries), .value("coefficients", coefficients), .value("nobs", observationCount),
      .value("method", method.name), .value("sims", method.draws), .value("draws_per_observation", drawsPerObservation),
      .value("seed", seed), .number("mediator_value", mediatorValue),
      .number("expected_mediator_control", expectedMediatorAtControl), .number("confidence_level", confidenceLevel),
      .value("treatment_values", treatmentValues), .value("models", models), .value("dropped", drops),
      .value("notes", notes),
    ])
  }
}

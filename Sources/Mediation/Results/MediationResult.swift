import CausalCore
import Foundation

/// The fitted coefficients of one mediator or outcome model of an analysis.
public struct MediationModelReport: Sendable, Equatable, Encodable {
  /// The role: `mediator model for emo`, `outcome model`.
  public let name: String
  /// The formula fitted.
  public let formula: String
  /// The family.
  public let family: MediationModelFamily
  /// Tidy coefficient rows.
  public let coefficients: [CoefficientRow]
  /// Observations used.
  public let observationCount: Int
  /// Residual standard deviation of a linear model (0 for a binary model).
  public let sigma: Double
  /// Terms removed from this model (collinear or absorbed).
  public let drops: DropReport

  /// Encodes the report (`name`, `formula`, `family`, `coefficients`, `nobs`, `sigma`,
  /// `dropped`), a non-finite `sigma` as `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([
      .value("name", name), .value("formula", formula), .value("family", family),
      .value("coefficients", coefficients), .value("nobs", observationCount), .number("sigma", sigma),
      .value("dropped", drops),
    ])
  }

  /// The reports of a fit's models: the mediator models, then the outcome model.
  static func reports(_ fit: MediationFit) -> [MediationModelReport] {
    (fit.mediatorModels + [fit.outcomeModel]).map {
      MediationModelReport(
        name: $0.name, formula: $0.formula, family: $0.family, coefficients: $0.coefficients,
        observationCount: $0.observationCount, sigma: $0.sigma, drops: $0.drops)
    }
  }

  /// The rows removed before fitting and the terms removed from any model (each once).
  static func drops(_ fit: MediationFit, _ reports: [MediationModelReport]) -> DropReport {
    var terms: [DropRecord] = []
    for record in reports.flatMap(\.drops.terms) where !terms.contains(record) { terms.append(record) }
    return DropReport(observations: fit.drops.observations, terms: terms)
  }
}

/// The two treatment values a mediation analysis contrasts.
public struct MediationTreatmentValues: Sendable, Equatable, Codable {
  /// The control value.
  public let control: Double
  /// The treated value.
  public let treated: Double
}

/// One reported effect with the name and mediator the command-line tool prints it under:
/// `effect` is `acme_control`, `ade_average`, `prop_mediated`, ...; `mediator` is the mediator
/// (the joint effects are labelled with the mediator's name when there is one, `all` otherwise).
public struct MediationEffectEntry: Sendable, Equatable, Encodable {
  /// The effect's JSON name (`acme_control`, `total`, `prop_mediated`, ...).
  public let effect: String
  /// The mediator, or `all` for the joint effects of several mediators.
  public let mediator: String
  /// The estimate, standard error, interval and p-value.
  public let row: CoefficientRow

  /// Encodes `effect`, `mediator` and the row's keys in one object.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([.value("effect", effect), .value("mediator", mediator)])
    try row.encode(to: encoder)
  }

}

/// The result of a mediation analysis: the ten quantities, each mediator's own indirect
/// effect, the fitted models, the draws, everything removed and, when requested, the
/// sensitivity analysis.
///
/// ```swift
/// let result = try MediationAnalysis(
///   treatment: "treat", mediators: ["emo"], outcome: "y", method: .quasiBayesian(simulations: 1_000), seed: 7
/// ).fit(data)
/// result.effects.acmeAverage.estimate
/// result.mediatorEffects[0].acmeTreated.confLow
/// print(result.summary())
/// ```
///
/// Encoded with snake_case keys: `effects` (one entry per effect with `effect`, `mediator`,
/// `term`, `estimate`, `std_error`, `conf_low`, `conf_high`, `p_value`, as `causalkit mediate`
/// prints them), `coefficients` (the tidy rows), `nobs`, `sims` (simulations or replicates,
/// `null` for the closed form), `method`, `seed`, `confidence_level`, `treatment_values`, `models`,
/// `dropped`, `notes` and `sensitivity` (`null` when not requested). The draws are not encoded.
public struct MediationResult: EstimationResult, Equatable {
  /// How uncertainty was assessed.
  public let method: MediationMethod
  /// The root seed of the simulations or replicates.
  public let seed: UInt64
  /// The ten quantities (joint through all mediators).
  public let effects: MediationEffects
  /// One entry per mediator, in the analysis' order.
  public let mediatorEffects: [MediatorEffects]
  /// The names of the columns of ``draws``: the ten quantities (as in ``MediationEffects``),
  /// then six per mediator (as in ``MediatorEffects``).
  public let statisticNames: [String]
  /// The simulated or bootstrap values, one row per draw (empty for the closed form);
  /// failed bootstrap replicates are NaN rows.
  public let draws: [[Double]]
  /// The mediator models, then the outcome model.
  public let models: [MediationModelReport]
  /// Observations used by every model.
  public let observationCount: Int
  /// Rows removed before fitting (listwise deletion over every variable used), with reasons,
  /// and the terms removed from any model (each once).
  public let drops: DropReport
  /// The treatment's control and treated values.
  public let treatmentValues: MediationTreatmentValues
  /// Confidence level of the intervals.
  public let confidenceLevel: Double
  /// Notes: removals, conventions, failed replicates.
  public let notes: [String]
  /// The sensitivity analysis, when the analysis had ``MediationAnalysis/sensitivity`` options.
  public let sensitivity: MediationSensitivity?

  /// All rows: the ten quantities, then each mediator's six (only with several mediators,
  /// since with one they repeat the joint ones).
  public var rows: [CoefficientRow] {
    effects.rows + (mediatorEffects.count > 1 ? mediatorEffects.flatMap(\.rows) : [])
  }

  /// ``rows``, the result's tidy rows.
  public var coefficients: [CoefficientRow] { rows }

  /// Each reported effect with the name and mediator the tool prints: the ten joint
  /// quantities, then (with several mediators) each mediator's six.
  public var effectEntries: [MediationEffectEntry] {
    let e = effects
    let joint = mediatorEffects.count == 1 ? mediatorEffects[0].mediator : "all"
    var out: [(String, String, CoefficientRow)] = [
      ("acme_control", joint, e.acmeControl), ("acme_treated", joint, e.acmeTreated),
      ("ade_control", joint, e.adeControl), ("ade_treated", joint, e.adeTreated), ("total", joint, e.total),
      ("prop_mediated_control", joint, e.proportionControl), ("prop_mediated_treated", joint, e.proportionTreated),
      ("acme_average", joint, e.acmeAverage), ("ade_average", joint, e.adeAverage),
      ("prop_mediated", joint, e.proportionAverage),
    ]
    if mediatorEffects.count > 1 {
      for m in mediatorEffects {
        out += [
          ("acme_control", m.mediator, m.acmeControl), ("acme_treated", m.mediator, m.acmeTreated),
          ("acme_average", m.mediator, m.acmeAverage), ("prop_mediated_control", m.mediator, m.proportionControl),
          ("prop_mediated_treated", m.mediator, m.proportionTreated), ("prop_mediated", m.mediator, m.proportionAverage),
        ]
      }
    }
    return out.map { MediationEffectEntry(effect: $0.0, mediator: $0.1, row: $0.2) }
  }

  /// Compares everything, NaN draws equal to NaN draws.
  public static func == (lhs: MediationResult, rhs: MediationResult) -> Bool {
    lhs.method == rhs.method && lhs.seed == rhs.seed && lhs.effects == rhs.effects
      && lhs.mediatorEffects == rhs.mediatorEffects
      && lhs.statisticNames == rhs.statisticNames && lhs.draws.count == rhs.draws.count
      && zip(lhs.draws, rhs.draws).allSatisfy { zip($0, $1).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) } }
      && lhs.models == rhs.models && lhs.observationCount == rhs.observationCount && lhs.drops == rhs.drops
      && lhs.treatmentValues == rhs.treatmentValues && lhs.confidenceLevel == rhs.confidenceLevel
      && lhs.notes == rhs.notes && lhs.sensitivity == rhs.sensitivity
  }

  /// A printable table of the rows with the method, sample size and notes. A simulated or
  /// bootstrap p-value of zero is printed `< 1/B` (`B` the effect's finite draws): no draw
  /// fell on the other side of zero, so the p-value is below the draws' resolution.
  ///
  /// - Complexity: O(rows).
  public func summary() -> String {
    var lines = ["Causal mediation analysis (\(methodName)), \(observationCount) observations"]
    let header = "term".padding(toLength: 34, withPad: " ", startingAt: 0)
      + ["estimate", "std.error", "conf.low", "conf.high", "p.value"].map { $0.leftPadded(12) }.joined()
    lines.append(header)
    for (j, row) in rows.enumerated() {
      lines.append(
        row.term.padding(toLength: 34, withPad: " ", startingAt: 0)
          + [row.estimate, row.standardError, row.confLow, row.confHigh]
          .map { String(format: "%.6g", $0).leftPadded(12) }.joined() + pValueText(row.pValue, column: j).leftPadded(12))
    }
    if let sensitivity {
      lines.append(
        "Sensitivity: the ACME is zero at rho = \(String(format: "%.4g", sensitivity.rhoAtZero)) "
          + "(R²*_M R²*_Y = \(String(format: "%.4g", sensitivity.r2StarProductAtZero)))")
    }
    // The models' term removals are in `notes` already (one note per model).
    lines += DropReport(observations: drops.observations).notes + notes
    return lines.joined(separator: "\n")
  }

  /// The p-value column: `%.6g`, or `< 1/B` for a simulated or bootstrap p-value of zero (no
  /// draw on the other side of zero among the `B` finite draws of the effect).
  private func pValueText(_ p: Double, column j: Int) -> String {
    guard p == 0, method.draws != nil else { return String(format: "%.6g", p) }
    let finite = draws.reduce(0) { j < $1.count && $1[j].isFinite ? $0 + 1 : $0 }
    return finite > 0 ? "< 1/\(finite)" : String(format: "%.6g", p)
  }

  private var methodName: String {
    switch method {
    case .closedForm: return "delta method"
    case .quasiBayesian(let s): return "quasi-Bayesian, \(s) simulations"
    case .bootstrap(let b, let cluster, let interval):
      return "\(cluster.map { "cluster bootstrap by \($0)" } ?? "bootstrap"), \(b) replicates, \(interval.rawValue) intervals"
    }
  }

  /// Builds the result from one row per statistic and the optional sensitivity analysis.
  init(
    rows: [CoefficientRow], draws: [[Double]], fit: MediationFit, notes: [String],
    sensitivity: MediationSensitivity?
  ) {
    method = fit.analysis.method
    seed = fit.analysis.seed
    let e = rows
    effects = MediationEffects(
      acmeControl: e[0], acmeTreated: e[1], adeControl: e[2], adeTreated: e[3], total: e[4],
      proportionControl: e[5], proportionTreated: e[6], acmeAverage: e[7], adeAverage: e[8],
      proportionAverage: e[9])
    mediatorEffects = fit.analysis.mediators.enumerated().map { j, m in
      let r = Array(e[(10 + 6 * j)..<(16 + 6 * j)])
      return MediatorEffects(
        mediator: m, acmeControl: r[0], acmeTreated: r[1], acmeAverage: r[2], proportionControl: r[3],
        proportionTreated: r[4], proportionAverage: r[5])
    }
    statisticNames = MediationStatistics.names(mediators: fit.analysis.mediators)
    self.draws = draws
    models = MediationModelReport.reports(fit)
    observationCount = fit.observationCount
    drops = MediationModelReport.drops(fit, models)
    treatmentValues = MediationTreatmentValues(control: fit.analysis.controlValue, treated: fit.analysis.treatedValue)
    confidenceLevel = fit.analysis.confidenceLevel
    self.notes = notes + (fit.mediatorModels + [fit.outcomeModel]).flatMap(\.drops.notes)
    self.sensitivity = sensitivity
  }
}

extension MediationResult: Encodable {
  /// Encodes the result (see the type's discussion for the keys).
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([
      .value("effects", effectEntries), .value("coefficients", coefficients), .value("nobs", observationCount),
      .value("sims", method.draws), .value("method", method.name), .value("seed", seed),
      .number("confidence_level", confidenceLevel), .value("treatment_values", treatmentValues), .value("models", models),
      .value("dropped", drops), .value("notes", notes), .value("sensitivity", sensitivity),
    ])
  }

}

extension String {
  /// The string right-aligned in `width` characters.
  func leftPadded(_ width: Int) -> String {
    count >= width ? " " + self : String(repeating: " ", count: width - count) + self
  }
}

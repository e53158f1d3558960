import CausalKit

/// Causal mediation in the DiD design with CausalKit's `Mediation` module: for each outcome,
/// the indirect effect of the project through each mediator, with cluster-bootstrap
/// intervals, the proportion mediated and, for the chosen channels, the sensitivity analysis.
///
/// **Models.** The treatment is `treat_post`; one mediator model per mediator,
/// `m ~ treat_post | unit + time`, and one outcome model with every mediator,
/// `y ~ treat_post + m₁ + m₂ + m₃ | unit + time` (`MediationAnalysis` with
/// `fixedEffects: "unit + time"`, variance clustered by unit). With linear models and no
/// interaction, mediator `j`'s indirect effect (ACME) is `a_j · b_j`, its DiD shift times its
/// effect on the outcome within unit and year; the direct effect is the outcome model's
/// `treat_post` coefficient; the mediators are assumed causally independent (none moves
/// another). Point estimates come from `MediationAnalysis` with `method: .closedForm`.
///
/// **Intervals.** A cluster bootstrap resamples whole units (schools) with
/// `BootstrapResampler` and refits the three mediator models once and the outcome model of
/// every outcome on each resample; the intervals are percentile intervals and the standard
/// errors the replicates' SD. This is the computation of `MediationAnalysis.bootstrap` (same
/// models, same resampling scheme) shared between outcomes: that method refits the mediator
/// models for every outcome, which with four subjects costs four times as much and does not
/// fit the default run's time budget. With ``replicates`` = 0 the closed form's cluster-robust
/// delta-method standard errors and normal intervals are reported instead.
///
/// **Sensitivity.** `MediationAnalysis.sensitivity` (Imai, Keele and Yamamoto 2010) needs one
/// mediator: it is run on the single-mediator model of each channel in
/// ``sensitivityMediators`` and reports `ρ`, the correlation of the mediator and outcome
/// models' errors at which the indirect effect would be zero.
///
/// **A school-level mediator.** Principal leadership is constant within a school-year. It
/// stays on the student rows: its mediator model weights each school-year by its number of
/// students, the variance clustered by school accounts for the repeated values, and its effect
/// on scores in the outcome model is identified by changes of leadership within a school across
/// years (school and year effects absorbed), not by differences between schools.
///
/// ```swift
/// var options = StudyPipeline.Options()
/// options.mediation = DifferenceInDifferencesMediationStage(replicates: 199, seed: 1)
/// let results = try StudyPipeline(options: options).run(panel.table, schema: panel.schema)
/// ```
public struct DifferenceInDifferencesMediationStage: MediationStage {
  /// Cluster-bootstrap replicates of the indirect effects; 0 uses the closed form's
  /// cluster-robust delta-method standard errors instead.
  public var replicates: Int
  /// The bootstrap's root seed.
  public var seed: UInt64
  /// The mediators whose sensitivity analysis is run (by default peer relationships and
  /// principal leadership, the channels the project moves); empty for none.
  public var sensitivityMediators: [String]
  /// Bootstrap replicates of the sensitivity curve's band (at least 2). The reported `ρ` at
  /// which the indirect effect is zero is a point estimate and does not depend on them.
  public var sensitivityReplicates: Int

  /// Creates the stage.
  ///
  /// - Parameters:
  ///   - replicates: Cluster-bootstrap replicates (default 199); 0 for the closed form.
  ///   - seed: Bootstrap seed.
  ///   - sensitivityMediators: Channels whose sensitivity analysis is run.
  ///   - sensitivityReplicates: Replicates of the sensitivity band (default 2, the minimum:
  ///     only `ρ` at zero is reported).
  public init(
    replicates: Int = 199, seed: UInt64 = 20_180_901,
    sensitivityMediators: [String] = [PanelColumns.peer, PanelColumns.leadership], sensitivityReplicates: Int = 2
  ) {
    self.replicates = replicates
    self.seed = seed
    self.sensitivityMediators = sensitivityMediators
    self.sensitivityReplicates = sensitivityReplicates
  }

  /// The method's description, for the report.
  public var name: String {
    let inference = replicates > 0
      ? "95% percentile intervals from a cluster bootstrap over schools (B = \(replicates), seed \(seed)) that refits every model"
      : "cluster-robust delta-method standard errors, normal intervals"
    return "DiD mediation with CausalKit's `MediationAnalysis`: treatment `treat_post`; mediator models `m ~ treat_post | school + year`; "
      + "outcome model `score ~ treat_post + peer + leadership + teaching | school + year`; clustered by school; \(inference). "
      + "Indirect effect = a·b (the mediator's DiD shift × its effect on the score); proportion mediated = indirect / total. "
      + "The mediators are assumed causally independent. Principal leadership is a school-year variable kept on the student rows: "
      + "its model weights school-years by their students and its effect is identified by within-school changes across years. "
      + "Sensitivity: ρ, the correlation of the mediator and outcome models' errors at which the indirect effect would be zero "
      + "(single-mediator model of each main channel)."
  }

  /// Estimates the indirect effects for one outcome.
  ///
  /// - Throws: `MediationError`, `BootstrapError` and `DataError` from CausalKit (the
  ///   pipeline wraps them in ``StudyError/estimationFailed(step:outcome:message:)``).
  public func estimate(panel: AnalysisPanel, outcome: String, mediators: [String]) throws -> [MediationEstimate] {
    try estimate(panel: panel, outcomes: [outcome], mediators: mediators).first ?? []
  }

  /// Estimates the indirect effects for every outcome, sharing the bootstrap's resamples and
  /// mediator refits between outcomes.
  ///
  /// - Throws: As ``estimate(panel:outcome:mediators:)``.
  public func estimate(panel: AnalysisPanel, outcomes: [String], mediators: [String]) throws -> [[MediationEstimate]] {
    let s = panel.schema
    let treatment = AnalysisPanel.treatPostColumn
    // Only the columns the models use, so each resample copies less.
    let names = [s.unit, s.time, treatment] + outcomes + mediators
    let slim = try DataTable(columns: names.map { try panel.table.column(named: $0) })
    let fixedEffects = "\(s.unit) + \(s.time)"
    let k = mediators.count
    var draws: BootstrapResult? = nil
    if replicates > 0 {
      let resampler = BootstrapResampler(scheme: .cluster(column: s.unit), replicates: replicates, seed: seed)
      draws = try resampler.run(on: slim) { table in
        try Self.productOfCoefficients(table, outcomes: outcomes, mediators: mediators, treatment: treatment, fixedEffects: fixedEffects)
      }
    }
    var all = [[MediationEstimate]]()
    for (o, outcome) in outcomes.enumerated() {
      let analysis = try MediationAnalysis(
        treatment: treatment, mediators: mediators, outcome: outcome, fixedEffects: [s.unit, s.time],
        vcov: .cluster([s.unit]), method: .closedForm)
      let result = try analysis.fit(slim)
      var estimates = [MediationEstimate]()
      for (j, mediator) in mediators.enumerated() {
        let effects = result.mediatorEffects[j]
        var indirect = Self.row(effects.acmeAverage, term: "indirect: \(mediator)")
        var proportion = Self.row(effects.proportionAverage, term: "proportion mediated: \(mediator)")
        if let draws {
          try Self.replaceInference(&indirect, with: draws, index: o * 2 * k + j)
          try Self.replaceInference(&proportion, with: draws, index: o * 2 * k + k + j)
        }
        var rho: Double? = nil
        if sensitivityMediators.contains(mediator) {
          let single = try MediationAnalysis(
            treatment: treatment, mediators: [mediator], outcome: outcome, fixedEffects: [s.unit, s.time],
            vcov: .cluster([s.unit]), method: .closedForm,
            sensitivity: MediationSensitivityOptions(replicates: max(2, sensitivityReplicates)), seed: seed)
          rho = try single.fit(slim).sensitivity?.rhoAtZero
        }
        estimates.append(MediationEstimate(
          outcome: outcome, mediator: mediator, indirect: indirect, direct: Self.row(result.effects.adeAverage, term: "direct"),
          proportion: proportion, rhoAtZero: rho))
      }
      all.append(estimates)
    }
    return all
  }

  /// The bootstrap statistic: for each outcome, `a_j b_j` for every mediator, then
  /// `a_j b_j / total` with `total = c + Σ a_j b_j` (the outcome's DiD effect on the common
  /// sample). The three mediator models are fitted once for all outcomes.
  static func productOfCoefficients(
    _ table: DataTable, outcomes: [String], mediators: [String], treatment: String, fixedEffects: String
  ) throws -> [Double] {
    let a = try mediators.map { m -> Double in
      let fit = try FixedEffectsModel(formula: "\(m) ~ \(treatment) | \(fixedEffects)", vcov: .iid).fit(table)
      guard let row = fit.coefficient(treatment) else { throw FixedEffectsError.allRegressorsRemoved(terms: [treatment]) }
      return row.estimate
    }
    var values = [Double]()
    for outcome in outcomes {
      let fit = try FixedEffectsModel(
        formula: "\(outcome) ~ \(treatment) + " + mediators.joined(separator: " + ") + " | \(fixedEffects)", vcov: .iid
      ).fit(table)
      let b = try mediators.map { m -> Double in
        guard let row = fit.coefficient(m) else { throw FixedEffectsError.allRegressorsRemoved(terms: [m]) }
        return row.estimate
      }
      guard let c = fit.coefficient(treatment) else { throw FixedEffectsError.allRegressorsRemoved(terms: [treatment]) }
      let indirect = zip(a, b).map { $0 * $1 }
      let total = c.estimate + indirect.reduce(0, +)
      values += indirect + indirect.map { $0 / total }
    }
    return values
  }

  /// Replaces a row's standard error, interval and p-value with the bootstrap's (SD of the
  /// replicates, percentile interval, `2 · min(#≤0, #≥0) / B`).
  static func replaceInference(_ row: inout CoefficientRow, with result: BootstrapResult, index: Int) throws {
    let ci = try result.percentileInterval(level: 0.95, index: index)
    let values = try result.replicates(of: index).filter(\.isFinite)
    let below = values.filter { $0 <= 0 }.count, above = values.filter { $0 >= 0 }.count
    let se = try result.standardError(index: index)
    row = CoefficientRow(
      term: row.term, estimate: row.estimate, standardError: se, statistic: row.estimate / se,
      pValue: min(1, 2 * Double(min(below, above)) / Double(max(values.count, 1))),
      confLow: ci.lower, confHigh: ci.upper)
  }

  /// A mediation effect's row under another term (the statistic is estimate / SE).
  static func row(_ e: CoefficientRow, term: String) -> CoefficientRow {
    CoefficientRow(
      term: term, estimate: e.estimate, standardError: e.standardError, statistic: e.estimate / e.standardError, pValue: e.pValue,
      confLow: e.confLow, confHigh: e.confHigh)
  }
}

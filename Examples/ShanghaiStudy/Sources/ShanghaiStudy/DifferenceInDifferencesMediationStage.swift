import CausalKit

/// Causal mediation in the DiD design: for each outcome, the indirect effect of the project
/// through each mediator as the product of coefficients, with cluster-bootstrap intervals, the
/// proportion mediated and, for the chosen channels, the `ρ` of the sensitivity analysis.
///
/// This implementation is built from `FixedEffectsModel` and `BootstrapResampler` while the
/// `Mediation` module is not on the main branch. The treatment is `treat_post`; one mediator
/// model per mediator, `m ~ treat_post | unit + time` (`a`), and one outcome model with every
/// mediator, `y ~ treat_post + m₁ + m₂ + m₃ | unit + time` (`b` per mediator, direct effect
/// `c`). Mediator `j`'s indirect effect is `a_j · b_j`; with a common sample the total DiD
/// effect is exactly `c + Σ a_j b_j`, and the proportion mediated is `a_j b_j / total`. The
/// mediators are assumed causally independent (none moves another).
///
/// Intervals: a cluster bootstrap resamples whole units (schools), refits all four models and
/// takes percentiles; the standard error is the replicates' SD. Sensitivity (Imai, Keele and
/// Yamamoto 2010): with one mediator and linear models, the indirect effect is zero when the
/// correlation `ρ` of the mediator and outcome models' errors equals `ρ̃`, the correlation of
/// the residuals of `m ~ treat_post | unit + time` and of the reduced form
/// `y ~ treat_post | unit + time`; that `ρ̃` is reported for ``sensitivityMediators``.
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
  /// Cluster-bootstrap replicates of the indirect effects; 0 uses delta-method standard
  /// errors (Sobel's formula with the CR1 variances of `a` and `b`) and normal intervals.
  public var replicates: Int
  /// The bootstrap's root seed.
  public var seed: UInt64
  /// The mediators whose sensitivity `ρ` is reported (by default peer relationships and
  /// principal leadership, the channels the project moves); empty for none.
  public var sensitivityMediators: [String]
  /// Bootstrap replicates of the sensitivity curve's band; unused by this implementation,
  /// which reports the point value of `ρ` only.
  public var sensitivityReplicates: Int

  /// Creates the stage.
  ///
  /// - Parameters:
  ///   - replicates: Cluster-bootstrap replicates (default 199); 0 for the delta method.
  ///   - seed: Bootstrap seed.
  ///   - sensitivityMediators: Channels whose sensitivity `ρ` is reported.
  ///   - sensitivityReplicates: Replicates of the sensitivity band.
  public init(
    replicates: Int = 199, seed: UInt64 = 20_180_901,
    sensitivityMediators: [String] = [PanelColumns.peer, PanelColumns.leadership], sensitivityReplicates: Int = 19
  ) {
    self.replicates = replicates
    self.seed = seed
    self.sensitivityMediators = sensitivityMediators
    self.sensitivityReplicates = sensitivityReplicates
  }

  /// The method's description, for the report.
  public var name: String {
    let inference = replicates > 0
      ? "percentile intervals from a cluster bootstrap over schools (B = \(replicates), seed \(seed))"
      : "delta-method (Sobel) standard errors from the CR1 variances, normal intervals"
    return "DiD mediation by the product of coefficients (`FixedEffectsModel` + `BootstrapResampler`): treatment `treat_post`; "
      + "mediator models `m ~ treat_post | school + year` (a); outcome model `score ~ treat_post + peer + leadership + teaching | school + year` (b); "
      + "CR1 by school; \(inference). Indirect effect = a·b; proportion mediated = a·b / (direct + Σ a·b). "
      + "The mediators are assumed causally independent. Principal leadership is a school-year variable kept on the student rows: "
      + "its model weights school-years by their students and its effect is identified by within-school changes across years. "
      + "Sensitivity: ρ (correlation of the mediator and outcome models' errors) at which the indirect effect is zero."
  }

  /// Estimates the indirect effect of `treat_post` on `outcome` through each mediator.
  ///
  /// - Throws: CausalKit's estimation and bootstrap errors (the pipeline wraps them in
  ///   ``StudyError/estimationFailed(step:outcome:message:)``).
  public func estimate(panel: AnalysisPanel, outcome: String, mediators: [String]) throws -> [MediationEstimate] {
    let s = panel.schema
    let treatment = AnalysisPanel.treatPostColumn
    // Only the columns the models use, so the bootstrap copies less per resample.
    let names = [s.unit, s.time, treatment, outcome] + mediators
    let slim = try DataTable(columns: names.map { try panel.table.column(named: $0) })
    let fixedEffects = "\(s.unit) + \(s.time)"
    let statistic: @Sendable (DataTable) throws -> [Double] = { table in
      try Self.effects(table, outcome: outcome, mediators: mediators, treatment: treatment, fixedEffects: fixedEffects, vcov: .iid).values
    }
    let point = try Self.effects(slim, outcome: outcome, mediators: mediators, treatment: treatment, fixedEffects: fixedEffects, vcov: .cluster([s.unit]))
    let k = mediators.count
    var rows: [CoefficientRow]
    if replicates > 0 {
      let boot = try BootstrapResampler(scheme: .cluster(column: s.unit), replicates: replicates, seed: seed).run(on: slim, statistic: statistic)
      rows = try point.values.indices.map { i in
        let ci = try boot.percentileInterval(level: 0.95, index: i)
        let draws = try boot.replicates(of: i).filter(\.isFinite)
        let below = draws.filter { $0 <= 0 }.count, above = draws.filter { $0 >= 0 }.count
        let p = min(1, 2 * Double(min(below, above)) / Double(max(draws.count, 1)))
        let se = try boot.standardError(index: i)
        return CoefficientRow(
          term: "\(i)", estimate: point.values[i], stdError: se, statistic: point.values[i] / se, pValue: p, confLow: ci.lower,
          confHigh: ci.upper)
      }
    } else {
      rows = point.values.indices.map { i in
        let se = point.deltaStandardErrors[i]
        let z = point.values[i] / se
        let p = 2 * (1 - NormalDistribution.standard.cdf(abs(z)))
        return CoefficientRow(
          term: "\(i)", estimate: point.values[i], stdError: se, statistic: z, pValue: p, confLow: point.values[i] - 1.959964 * se,
          confHigh: point.values[i] + 1.959964 * se)
      }
    }
    var estimates = [MediationEstimate]()
    for (j, mediator) in mediators.enumerated() {
      var indirect = rows[j], proportion = rows[k + 2 + j], direct = rows[k]
      indirect.term = "indirect: \(mediator)"
      proportion.term = "proportion mediated: \(mediator)"
      direct.term = "direct"
      let rho = sensitivityMediators.contains(mediator)
        ? try Self.rhoAtZero(slim, outcome: outcome, mediator: mediator, treatment: treatment, fixedEffects: fixedEffects) : nil
      estimates.append(MediationEstimate(
        outcome: outcome, mediator: mediator, indirect: indirect, direct: direct, proportion: proportion, rhoAtZero: rho))
    }
    return estimates
  }

  /// The effects on one table: `[a_j b_j …, c, total, a_j b_j / total …]` and their
  /// delta-method standard errors (Sobel for `a·b`; NaN for the proportions).
  static func effects(
    _ table: DataTable, outcome: String, mediators: [String], treatment: String, fixedEffects: String, vcov: VarianceType
  ) throws -> (values: [Double], deltaStandardErrors: [Double]) {
    var indirect = [Double](), indirectSE = [Double]()
    let outcomeFit = try FixedEffectsModel(
      formula: "\(outcome) ~ \(treatment) + " + mediators.joined(separator: " + ") + " | \(fixedEffects)", vcov: vcov
    ).fit(table)
    for m in mediators {
      let fit = try FixedEffectsModel(formula: "\(m) ~ \(treatment) | \(fixedEffects)", vcov: vcov).fit(table)
      guard let a = fit.coefficient(treatment), let b = outcomeFit.coefficient(m) else {
        throw FixedEffectsError.allRegressorsRemoved(terms: [treatment, m])
      }
      indirect.append(a.estimate * b.estimate)
      indirectSE.append((a.estimate * a.estimate * b.stdError * b.stdError + b.estimate * b.estimate * a.stdError * a.stdError).squareRoot())
    }
    guard let c = outcomeFit.coefficient(treatment) else { throw FixedEffectsError.allRegressorsRemoved(terms: [treatment]) }
    let total = c.estimate + indirect.reduce(0, +)
    let values = indirect + [c.estimate, total] + indirect.map { $0 / total }
    let se = indirectSE + [c.stdError, .nan] + indirect.map { _ in Double.nan }
    return (values, se)
  }

  /// `ρ̃`: the correlation of the residuals of the mediator model and of the reduced form,
  /// at which the single-mediator indirect effect is zero.
  static func rhoAtZero(_ table: DataTable, outcome: String, mediator: String, treatment: String, fixedEffects: String) throws -> Double {
    let m = try FixedEffectsModel(formula: "\(mediator) ~ \(treatment) | \(fixedEffects)", vcov: .iid).fit(table)
    let y = try FixedEffectsModel(formula: "\(outcome) ~ \(treatment) | \(fixedEffects)", vcov: .iid).fit(table)
    let e1 = y.residuals, e2 = m.residuals
    guard e1.count == e2.count, !e1.isEmpty else { return .nan }
    var s11 = 0.0, s22 = 0.0, s12 = 0.0
    for i in e1.indices {
      s11 += e1[i] * e1[i]
      s22 += e2[i] * e2[i]
      s12 += e1[i] * e2[i]
    }
    return s12 / (s11 * s22).squareRoot()
  }
}

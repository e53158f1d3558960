import CausalCore

/// A causal mediation analysis: the effect of a treatment on an outcome decomposed into the
/// part transmitted through one or more mediators (the average causal mediation effect,
/// ACME) and the rest (the average direct effect, ADE), with the definitions of Imai, Keele
/// and Tingley (2010) and R's `mediation` package.
///
/// For treatment values `t ∈ {control, treated}`:
///
/// - `ACME(t) = E[Y(t, M(treated)) − Y(t, M(control))]`,
/// - `ADE(t) = E[Y(treated, M(t)) − Y(control, M(t))]`,
/// - total effect `= ACME(treated) + ADE(control) = ACME(control) + ADE(treated)`
///   (simulations report the average of the two decompositions, as `mediation` does),
/// - proportion mediated `ACME(t) / total`, and the averages over `t`.
///
/// One mediator model `M_j ~ T + covariates` is fitted per mediator and one outcome model
/// `Y ~ T + M_1 + … + M_J (+ T:M_j) + covariates`. With several mediators each is assumed to
/// be causally independent of the others (no mediator affects another, and the mediator
/// models' errors are independent given treatment and covariates); each mediator's ACME moves
/// that mediator only, holding the others at their value under `t`, and the joint indirect
/// effect moves all of them together (see the Mediation article).
///
/// ```swift
/// let analysis = try MediationAnalysis(
///   treatment: "treat", mediators: ["emo"], outcome: "cong_mesg",
///   covariates: ["age", "educ", "gender", "income"], outcomeFamily: .probit,
///   method: .quasiBayesian(simulations: 1_000), seed: 1)
/// let result = try analysis.fit(framing)
/// print(result.summary())
/// ```
///
/// Identification rests on sequential ignorability: the treatment is as good as random given
/// the covariates, and each mediator is as good as random given treatment and covariates.
/// The second part cannot be tested; the `sensitivity:` option (``MediationSensitivityOptions``)
/// adds the sensitivity analysis to the result, showing how the ACME moves when it fails.
///
/// Formulas are built from the column names (`Formula/init(response:regressors:terms:covariates:fixedEffects:intercept:)`),
/// so names of any spelling work (a mediator named `peer relations`).
public struct MediationAnalysis: MediationEstimator {
  /// The treatment, mediators (at least one), covariates shared by all models, treatment
  /// values, weights, variance (used by the closed form and the quasi-Bayesian draws), level,
  /// method (quasi-Bayesian simulations by default, as in `mediation`) and root seed (of the
  /// simulations or bootstrap replicates, and of the sensitivity band).
  public let spec: MediationModelSpec
  /// The outcome column.
  public let outcome: String
  /// Columns absorbed as fixed effects, or none; linear models only.
  public let fixedEffects: [String]
  /// The mediator models' family (all mediators share it).
  public let mediatorFamily: MediationModelFamily
  /// The outcome model's family.
  public let outcomeFamily: MediationModelFamily
  /// Whether the outcome model includes treatment × mediator interactions (one per mediator).
  public let interaction: Bool
  /// The sensitivity analysis to add to the result, or `nil` (default) for none.
  public let sensitivity: MediationSensitivityOptions?

  /// Creates and validates an analysis.
  ///
  /// - Parameters:
  ///   - treatment: Treatment column.
  ///   - mediators: Mediator columns, at least one.
  ///   - outcome: Outcome column.
  ///   - covariates: Covariates, default none (`["age", "educ"]`, or
  ///     `try Covariates(formula: "age + i(region)")`).
  ///   - fixedEffects: Columns absorbed as fixed effects such as `["school", "year"]`, default none.
  ///   - mediatorFamily: Family of the mediator models, linear by default.
  ///   - outcomeFamily: Family of the outcome model, linear by default.
  ///   - interaction: Include treatment × mediator interactions.
  ///   - controlValue: Control treatment value.
  ///   - treatedValue: Treated treatment value.
  ///   - weights: Weight column.
  ///   - vcov: Coefficient variance.
  ///   - confidenceLevel: Interval level in (0, 1).
  ///   - method: The inference method.
  ///   - sensitivity: Options of the sensitivity analysis, or `nil` for none.
  ///   - seed: The root seed (default 0).
  /// - Throws: ``MediationError/invalidOption(_:)`` for empty or repeated names, equal control
  ///   and treated values, a bad level or too few draws; ``MediationError/mediatorIsTreatment(variable:)``;
  ///   ``MediationError/fixedEffectsNeedLinearModels``; ``MediationError/unavailable(reason:)``
  ///   for the closed form or the sensitivity analysis with a specification they do not cover.
  public init(
    treatment: String, mediators: [String], outcome: String, covariates: Covariates = Covariates(),
    fixedEffects: [String] = [], mediatorFamily: MediationModelFamily = .linear,
    outcomeFamily: MediationModelFamily = .linear, interaction: Bool = false,
    controlValue: Double = 0, treatedValue: Double = 1, weights: String? = nil,
    vcov: VarianceType = .iid, confidenceLevel: Double = 0.95, method: MediationMethod = .quasiBayesian(),
    sensitivity: MediationSensitivityOptions? = nil, seed: UInt64 = 0
  ) throws(MediationError) {
    try self.init(
      spec: MediationModelSpec(
        treatment: treatment, mediators: mediators, covariates: covariates, controlValue: controlValue,
        treatedValue: treatedValue, weights: weights, vcov: vcov, confidenceLevel: confidenceLevel, method: method,
        seed: seed),
      outcome: outcome, fixedEffects: fixedEffects, mediatorFamily: mediatorFamily, outcomeFamily: outcomeFamily,
      interaction: interaction, sensitivity: sensitivity)
  }

  /// Creates and validates an analysis of one outcome from the shared options (those of a
  /// sequential or interventional analysis).
  ///
  /// - Throws: As ``init(treatment:mediators:outcome:covariates:fixedEffects:mediatorFamily:outcomeFamily:interaction:controlValue:treatedValue:weights:vcov:confidenceLevel:method:sensitivity:seed:)``.
  init(
    spec: MediationModelSpec, outcome: String, fixedEffects: [String] = [], mediatorFamily: MediationModelFamily = .linear,
    outcomeFamily: MediationModelFamily = .linear, interaction: Bool = false,
    sensitivity: MediationSensitivityOptions? = nil
  ) throws(MediationError) {
    self.spec = spec
    self.outcome = outcome
    self.fixedEffects = fixedEffects
    self.mediatorFamily = mediatorFamily
    self.outcomeFamily = outcomeFamily
    self.interaction = interaction
    self.sensitivity = sensitivity
    try validate()
  }

  /// The same analysis with another method, sensitivity, variance or outcome (already validated
  /// options; used by the bootstrap's refits and the difference-in-differences design).
  func with(
    method: MediationMethod? = nil, sensitivity: MediationSensitivityOptions?? = nil, vcov: VarianceType? = nil,
    outcome: String? = nil
  ) throws(MediationError) -> MediationAnalysis {
    try MediationAnalysis(
      spec: spec.with(method: method, vcov: vcov), outcome: outcome ?? self.outcome, fixedEffects: fixedEffects,
      mediatorFamily: mediatorFamily, outcomeFamily: outcomeFamily, interaction: interaction,
      sensitivity: sensitivity ?? self.sensitivity)
  }

  /// Checks the specification.
  ///
  /// - Throws: As ``init(treatment:mediators:outcome:covariates:fixedEffects:mediatorFamily:outcomeFamily:interaction:controlValue:treatedValue:weights:vcov:confidenceLevel:method:sensitivity:seed:)``.
  func validate() throws(MediationError) {
    for (name, value) in [("treatment", treatment), ("outcome", outcome)] where value.trimmed.isEmpty {
      throw .invalidOption(.invalid(option: name, value: value, expected: "a column name"))
    }
    guard !mediators.isEmpty, mediators.allSatisfy({ !$0.trimmed.isEmpty }) else {
      throw .invalidOption(.invalid(option: "mediators", value: "\(mediators)", expected: "at least one non-empty column name"))
    }
    guard Set(mediators).count == mediators.count else {
      throw .invalidOption(.invalid(option: "mediators", value: "\(mediators)", expected: "names that do not repeat"))
    }
    for mediator in mediators where mediator == treatment || mediator == outcome {
      throw .mediatorIsTreatment(variable: mediator)
    }
    guard treatment != outcome else { throw .mediatorIsTreatment(variable: outcome) }
    guard controlValue.isFinite, treatedValue.isFinite, controlValue != treatedValue else {
      throw .invalidOption(
        .invalid(
          option: "controlValue/treatedValue", value: "\(controlValue)/\(treatedValue)",
          expected: "two finite values that differ"))
    }
    do throws(OptionError) { try OptionError.requireLevel(confidenceLevel) } catch { throw .invalidOption(error) }

    if !fixedEffects.isEmpty, !isLinear { throw .fixedEffectsNeedLinearModels }
    try method.validate()
    if method == .closedForm, !isLinear {
      throw .unavailable(reason: "the closed form needs linear mediator and outcome models; use quasiBayesian or bootstrap")
    }
    if sensitivity != nil, !(isLinear && mediators.count == 1 && !interaction) {
      throw .unavailable(reason: "the sensitivity analysis needs one mediator, linear models and no interaction")
    }
  }

  /// Whether the closed form (product of coefficients) applies: linear mediator and outcome.
  public var isLinear: Bool { mediatorFamily == .linear && outcomeFamily == .linear }

  /// The name of the generated interaction column for a mediator.
  func interactionName(_ mediator: String) -> String { "\(treatment)_x_\(mediator)" }

  /// The formula `outcome ~ mediators + treatment (+ interactions) + covariates | fixed effects`.
  func outcomeFormula() throws(FormulaError) -> Formula {
    var regressors = mediators + [treatment]
    if interaction { regressors += mediators.map(interactionName) }
    return try formula(response: outcome, regressors: regressors)
  }

  /// `response ~ regressors + covariates | fixed effects`, every name quoted as needed.
  func formula(response: String, regressors: [String]) throws(FormulaError) -> Formula {
    try Formula(response: response, regressors: regressors, covariates: covariates, fixedEffects: fixedEffects)
  }

  /// The cluster columns of the variance, if clustered.
  var clusterColumns: [String] {
    if case .cluster(let names) = vcov { return names }
    return []
  }
}

extension String {
  /// The string without leading and trailing spaces.
  var trimmed: String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}

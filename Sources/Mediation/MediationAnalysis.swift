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
///   covariates: "age + educ + gender + income", outcomeFamily: .probit)
/// let result = try analysis.quasiBayesian(framing, simulations: 1_000, seed: 1)
/// print(result.summary())
/// ```
///
/// Identification rests on sequential ignorability: the treatment is as good as random given
/// the covariates, and each mediator is as good as random given treatment and covariates.
/// The second part cannot be tested; ``sensitivity(_:rhoGrid:replicates:seed:)`` shows how the ACME moves
/// when it fails.
public struct MediationAnalysis: Sendable {
  /// The treatment column (numeric; evaluated at ``controlValue`` and ``treatedValue``).
  public var treatment: String
  /// The mediator columns (at least one).
  public var mediators: [String]
  /// The outcome column.
  public var outcome: String
  /// Right-hand-side covariate terms shared by all models, in formula syntax (for example
  /// `age + educ + i(region)`), or empty.
  public var covariates: String
  /// Absorbed fixed effects (fixest `| fe1 + fe2` syntax without the bar), or empty; linear
  /// models only.
  public var fixedEffects: String
  /// The mediator models' family (all mediators share it).
  public var mediatorFamily: MediationModelFamily
  /// The outcome model's family.
  public var outcomeFamily: MediationModelFamily
  /// Whether the outcome model includes treatment × mediator interactions (one per mediator).
  public var interaction: Bool
  /// The control value of the treatment (default 0).
  public var controlValue: Double
  /// The treated value of the treatment (default 1).
  public var treatedValue: Double
  /// A column of non-negative observation weights, or `nil`; the effects are weighted means.
  public var weights: String?
  /// The coefficient variance used by the closed form and the quasi-Bayesian draws (iid by
  /// default; `hetero`/`hc0` robust or `cluster([...])` cluster-robust).
  public var vcov: VarianceType
  /// The confidence level of the reported intervals (default 0.95).
  public var confidenceLevel: Double

  /// Creates an analysis.
  ///
  /// - Parameters:
  ///   - treatment: Treatment column.
  ///   - mediators: Mediator columns, at least one.
  ///   - outcome: Outcome column.
  ///   - covariates: Covariate terms (formula right-hand side), default none.
  ///   - fixedEffects: Absorbed fixed effects such as `school + year`, default none.
  ///   - mediatorFamily: Family of the mediator models, linear by default.
  ///   - outcomeFamily: Family of the outcome model, linear by default.
  ///   - interaction: Include treatment × mediator interactions.
  ///   - controlValue: Control treatment value.
  ///   - treatedValue: Treated treatment value.
  ///   - weights: Weight column.
  ///   - vcov: Coefficient variance.
  ///   - confidenceLevel: Interval level in (0, 1).
  /// - Throws: ``MediationError/invalidOption(name:reason:)`` for empty names, equal control
  ///   and treated values or a bad level; ``MediationError/mediatorIsTreatment(variable:)``;
  ///   ``MediationError/fixedEffectsNeedLinearModels``.
  public init(
    treatment: String, mediators: [String], outcome: String, covariates: String = "",
    fixedEffects: String = "", mediatorFamily: MediationModelFamily = .linear,
    outcomeFamily: MediationModelFamily = .linear, interaction: Bool = false,
    controlValue: Double = 0, treatedValue: Double = 1, weights: String? = nil,
    vcov: VarianceType = .iid, confidenceLevel: Double = 0.95
  ) throws(MediationError) {
    self.treatment = treatment
    self.mediators = mediators
    self.outcome = outcome
    self.covariates = covariates
    self.fixedEffects = fixedEffects
    self.mediatorFamily = mediatorFamily
    self.outcomeFamily = outcomeFamily
    self.interaction = interaction
    self.controlValue = controlValue
    self.treatedValue = treatedValue
    self.weights = weights
    self.vcov = vcov
    self.confidenceLevel = confidenceLevel
    try validate()
  }

  /// Checks the specification (also called by every estimation method, since the properties
  /// are mutable).
  ///
  /// - Throws: As ``init(treatment:mediators:outcome:covariates:fixedEffects:mediatorFamily:outcomeFamily:interaction:controlValue:treatedValue:weights:vcov:confidenceLevel:)``.
  public func validate() throws(MediationError) {
    for (name, value) in [("treatment", treatment), ("outcome", outcome)] where value.trimmed.isEmpty {
      throw .invalidOption(name: name, reason: "a column name is required")
    }
    guard !mediators.isEmpty, mediators.allSatisfy({ !$0.trimmed.isEmpty }) else {
      throw .invalidOption(name: "mediators", reason: "at least one non-empty mediator name is required")
    }
    guard Set(mediators).count == mediators.count else {
      throw .invalidOption(name: "mediators", reason: "mediator names repeat")
    }
    for mediator in mediators where mediator == treatment || mediator == outcome {
      throw .mediatorIsTreatment(variable: mediator)
    }
    guard treatment != outcome else { throw .mediatorIsTreatment(variable: outcome) }
    guard controlValue.isFinite, treatedValue.isFinite, controlValue != treatedValue else {
      throw .invalidOption(name: "controlValue/treatedValue", reason: "they must be finite and differ")
    }
    guard confidenceLevel > 0, confidenceLevel < 1 else {
      throw .invalidOption(name: "confidenceLevel", reason: "\(confidenceLevel) is not between 0 and 1")
    }
    if !fixedEffects.trimmed.isEmpty, mediatorFamily != .linear || outcomeFamily != .linear {
      throw .fixedEffectsNeedLinearModels
    }
  }

  /// Whether the closed form (product of coefficients) applies: linear mediator and outcome.
  public var isLinear: Bool { mediatorFamily == .linear && outcomeFamily == .linear }

  /// The name of the generated interaction column for a mediator.
  func interactionName(_ mediator: String) -> String { "\(treatment)_x_\(mediator)" }

  /// The formula of the mediator model for `mediator`.
  func mediatorFormula(_ mediator: String) -> String {
    "\(mediator) ~ \(treatment)" + covariateSuffix
  }

  /// The formula of the outcome model.
  var outcomeFormula: String {
    var terms = mediators + [treatment]
    if interaction { terms += mediators.map(interactionName) }
    return "\(outcome) ~ " + terms.joined(separator: " + ") + covariateSuffix
  }

  /// ` + covariates | fe`, or the parts present.
  private var covariateSuffix: String {
    var text = covariates.trimmed.isEmpty ? "" : " + " + covariates
    if !fixedEffects.trimmed.isEmpty { text += " | " + fixedEffects }
    return text
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

import ArgumentParser
import CausalKit
import Foundation

/// `causalkit mediate`: causal mediation analysis (R's `mediation`, statsmodels' `Mediation`).
struct MediateCommand: ResultCommand {
  /// `confounder_bias` with `--confounder-effect` and `--confounder-imbalance`.
  typealias Additions = MediateAdditions

  static let configuration = CommandConfiguration(
    commandName: "mediate",
    abstract: "Causal mediation analysis: ACME, ADE, total effect and proportion mediated (R's mediation).",
    discussion: """
      Fits one mediator model per mediator (mediator ~ treatment + covariates) and one outcome \
      model (outcome ~ mediators + treatment + covariates), then decomposes the treatment's \
      effect into the average causal mediation effect (ACME, the part that runs through the \
      mediators) and the average direct effect (ADE), each at the control and treated values, \
      with the total effect and the proportion mediated. Rows missing any variable are removed \
      once, so every model uses the same observations.

      Inference (--method): quasi-bayes (default; --sims draws of both models' coefficients, \
      mediation's default), bootstrap (--sims pairs-bootstrap replicates re-fitting every model, \
      whole clusters with --cluster; --ci percentile or bca) or delta (closed form a*b with \
      delta-method standard errors; linear models only). Estimates are identical for any thread \
      count given --seed.

      With several mediators (--mediator m1,m2) they are assumed causally independent: the \
      output has the joint effects (mediator "all") and each mediator's own ACME and \
      proportion mediated. --sensitivity adds Imai, Keele and Yamamoto's analysis (one \
      mediator, linear models, no interaction): the ACME as a function of the correlation rho \
      between the two models' errors, and the rho at which it vanishes.

      The identifying assumption is sequential ignorability: the treatment, and then the \
      mediator given treatment and covariates, are as good as random. The second part cannot \
      be tested; read the --sensitivity output.

      Examples:
        causalkit mediate --data framing.csv --treatment treat --mediator emo \\
          --outcome cong_mesg --covariates "age + educ + gender + income" \\
          --outcome-model probit --sims 1000 --seed 1
        causalkit mediate --data framing.csv --treatment treat --mediator emo \\
          --outcome cong_mesg --covariates "age + educ + gender + income" \\
          --method delta --sensitivity --json

      --effects path-specific (or interventional) takes the mediators in a causal order \
      (--mediator-order "lead > teach > peer"; each mediator model gets the earlier mediators \
      as regressors) and reports every path's effect (treat -> lead -> teach -> y, ...), each \
      mediator's interventional indirect effect, the interventional direct, joint indirect and \
      total effects (linear models; the delta method unless --method bootstrap or quasi-bayes; \
      --absorb, --cluster, --sims and --ci apply). With a logit or probit model (or \
      --interaction) the single paths have no product form: --effects path-specific then \
      gives, by g-computation, the path-specific effect from each mediator (through it and \
      the later mediators it affects, not through earlier ones) with the interventional \
      effects.

      --effects four-way gives VanderWeele's four-way decomposition instead (one linear \
      mediator, a linear outcome with the treatment x mediator interaction, delta-method \
      standard errors): the controlled direct effect at --mediator-value (default 0), the \
      reference and mediated interactions, the pure indirect effect, the total and the \
      proportions mediated, due to interaction and eliminated:
        causalkit mediate --data framing.csv --treatment treat --mediator emo \
          --outcome cong_mesg --covariates "age + educ + gender + income" \
          --effects four-way --mediator-value 5

      Difference-in-differences (the treatment is the treated x post dummy, unit and time \
      fixed effects absorbed, clusters resampled whole):
        causalkit mediate --data panel.csv --treatment treat_post \\
          --mediator teacher_quality --outcome score --covariates "class_size" \\
          --absorb "school + year" --cluster school \\
          --method bootstrap --sims 999 --ci bca
      """)

  @OptionGroup var input: InputOptions

  @OptionGroup var models: MediationModelOptions

  @Option(name: .long, help: "Cluster column: cluster-robust variances, and whole clusters resampled by --method bootstrap.")
  var cluster: String?

  @OptionGroup var fitting: FitOptions

  @Option(name: .long, help: "Inference: quasi-bayes (default), bootstrap or delta (--effects four-way: delta only).")
  var method: String?

  @Option(name: .long, parsing: .unconditional, help: "Simulations (quasi-bayes) or bootstrap replicates (bootstrap, and the --sensitivity band).")
  var sims: Int = 1_000

  @OptionGroup var random: SeedOptions

  @Option(name: .long, help: "Bootstrap interval with --method bootstrap: percentile (default) or bca.")
  var ci: String?

  @Flag(name: .long, help: "Add the sensitivity analysis to mediator-outcome confounding: the ACME's (one mediator, linear models, no interaction), or with --effects path-specific each mediator's and the joint indirect effect's (--sims replicates for the bands).")
  var sensitivity = false

  @Option(name: .long, help: "Effects: natural (ACME and ADE; default), path-specific (mediators in the order of --mediator-order; linear models: every path's product, delta method unless --method is given; logit or probit models, --interaction or --cluster-level-mediator: the path-specific effect from each mediator by g-computation, bootstrap unless --method quasi-bayes), interventional (Vansteelandt-Daniel, g-computation; linear, logit or probit models; several --outcome columns; bootstrap unless --method quasi-bayes) or four-way (VanderWeele's decomposition; one linear mediator, linear outcome, delta method).")
  var effects: String = "natural"

  @Option(name: .long, help: "The causal order of the mediators for --effects path-specific, e.g. \"lead > teach > peer\" (the --mediator names; an earlier one may affect a later one).")
  var mediatorOrder: String?

  @Option(name: .long, parsing: .unconditional, help: "The mediator level m* of the controlled direct effect with --effects four-way.")
  var mediatorValue: Double?

  @Option(name: .long, help: "With --effects interventional: mediators constant within each --cluster (e.g. a school's leadership), modelled with one row per cluster and resampled with whole clusters; several separated by commas, first in --mediator-order.")
  var clusterLevelMediator: String?

  @Option(name: .long, parsing: .unconditional, help: "Monte Carlo draws of the mediators per observation with --effects interventional (default 10; none needed when every model is linear).")
  var draws: Int?

  @Option(name: .long, parsing: .unconditional, help: "Bias-formula sensitivity (VanderWeele 2010; any models, with --interaction or several mediators): values of the effect of an unmeasured mediator-outcome confounder on the outcome, e.g. 0,0.1,0.2; with --confounder-imbalance.")
  var confounderEffect: String?

  @Option(name: .long, parsing: .unconditional, help: "Values of the confounder's difference between treated and controls given the mediators and covariates, e.g. 0,-0.2; the direct effect is corrected by minus their product, the (joint) indirect effect by plus it.")
  var confounderImbalance: String?

  /// The text output: the models, the effects table and the sensitivity analysis.
  static func text(_ result: MediationResult) -> String { MediationSummaryText.render(result) }

  /// The analysis described by the options.
  ///
  /// - Throws: `ValidationError` for an unknown model family, method or interval, or options
  ///   that do not go together; ``MediationError`` from the analysis' own validation.
  func makeAnalysis() throws -> MediationAnalysis {
    let families = try models.families()
    let names = models.mediatorNames
    if sensitivity {
      guard families == (.linear, .linear) else {
        throw ValidationError(
          "--sensitivity needs --mediator-model linear and --outcome-model linear (Imai, Keele and Yamamoto's "
            + "formula is for two linear models), not \(families.mediator.rawValue) and \(families.outcome.rawValue).")
      }
      guard names.count == 1, !models.interaction else {
        throw ValidationError("--sensitivity needs a single --mediator and no --interaction.")
      }
    }
    return try MediationAnalysis(
      treatment: models.treatment, mediators: names, outcome: models.outcome, covariates: try models.covariates.terms(),
      fixedEffects: models.fixedEffects, mediatorFamily: families.mediator, outcomeFamily: families.outcome,
      interaction: models.interaction, controlValue: models.controlValue, treatedValue: models.treatedValue,
      weights: fitting.weights, vcov: cluster.map { .cluster([$0]) } ?? .iid, confidenceLevel: fitting.level,
      method: try makeMethod(linearModels: families == (.linear, .linear)),
      sensitivity: sensitivity ? try MediationSensitivityOptions(replicates: sims) : nil, seed: random.seed)
  }

  /// The inference method described by `--method`, `--sims`, `--cluster` and `--ci`.
  ///
  /// - Parameter linearModels: Whether both models are linear (the delta method needs them).
  /// - Throws: `ValidationError` for an unknown method or interval, `--ci` without the
  ///   bootstrap, or `--method delta` with a logit or probit model.
  func makeMethod(linearModels: Bool) throws -> MediationMethod {
    let method = self.method ?? "quasi-bayes"
    if let ci, method != "bootstrap" {
      throw ValidationError("--ci \(ci) applies to --method bootstrap only (the method is \(method)).")
    }
    switch method {
    case "quasi-bayes", "quasi-bayesian":
      return .quasiBayesian(simulations: sims)
    case "bootstrap":
      let name = ci ?? "percentile"
      guard let interval = MediationBootstrapInterval(rawValue: name) else {
        throw ValidationError("--ci must be percentile or bca, not '\(name)'.")
      }
      return .bootstrap(replicates: sims, cluster: cluster, interval: interval)
    case "delta":
      guard linearModels else {
        throw ValidationError(
          "--method delta needs linear mediator and outcome models; use quasi-bayes or bootstrap with logit or probit.")
      }
      return .closedForm
    default:
      throw ValidationError("--method must be quasi-bayes, bootstrap or delta, not '\(method)'.")
    }
  }

  /// Runs the analysis (and the sensitivity analysis with `--sensitivity`) on a table.
  ///
  /// - Throws: `ValidationError` for bad options, ``ToolInputError`` when a named column is
  ///   not in the table, ``MediationError`` when estimation fails.
  func estimate(_ table: DataTable) throws -> MediationResult {
    guard try effectsKind() == .natural else {
      throw ValidationError("--effects four-way gives the four-way decomposition; run it with fourWay(_:).")
    }
    let analysis = try makeAnalysis()
    try requireColumns(table, mediators: analysis.mediators)
    return try analysis.fit(table)
  }

  /// Checks that every column the options name is in the table.
  ///
  /// - Throws: ``ToolInputError/unknownColumn(option:name:suggestions:)`` naming the option.
  func requireColumns(_ table: DataTable, mediators: [String]) throws {
    var named: [(option: String, column: String)] = [("--treatment", models.treatment)]
    named += models.outcomeNames.map { ("--outcome", $0) }
    named += mediators.map { ("--mediator", $0) }
    if let weights = fitting.weights { named.append(("--weights", weights)) }
    if let cluster { named.append(("--cluster", cluster)) }
    for (option, column) in named {
      do { _ = try table.column(named: column) } catch {
        if case .unknownColumn(_, let suggestions) = error {
          throw ToolInputError.unknownColumn(option: option, name: column, suggestions: suggestions)
        }
        throw error
      }
    }
  }
}

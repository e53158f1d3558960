import ArgumentParser
import CausalKit
import Foundation

/// The decompositions of `causalkit mediate --effects`: the natural effects of
/// `MediationAnalysis`, the path-specific and interventional effects of `SequentialMediation`
/// and VanderWeele's four-way decomposition.
extension MediateCommand {
  /// The decompositions `--effects` names.
  enum Effects {
    case natural, pathSpecific, interventional, fourWay
  }

  /// Fits what `--effects` asks for and prints it: the text, or with `--json` the library's
  /// encoding of the result.
  ///
  /// - Throws: `ValidationError` for usage errors; `ExitCode.failure` after printing any other error.
  func run() throws {
    try ToolDiagnostics.reportingErrors(of: Self.name, input: input) {
      let table = try input.readTable()
      switch try effectsKind() {
      case .natural:
        let output = try analyze(table)
        print(json ? try output.jsonText() : Self.text(output: output))
      case .pathSpecific where try linearSystem():
        let result = try sequential(table)
        let outcome = models.outcome
        try printResult(
          result,
          additions: try confounderAdditions([(outcome, { try result.confounderBias(confounderEffects: $0, imbalances: $1) })]))
      case .pathSpecific, .interventional:
        let result = try interventional(table)
        try printResult(
          result,
          additions: try confounderAdditions(result.outcomes.map { effects in
            (effects.outcome, { try effects.confounderBias(confounderEffects: $0, imbalances: $1) })
          }))
      case .fourWay:
        _ = try confounderGrid()
        try printResult(try fourWay(table), additions: MediateAdditions(confounderBias: nil))
      }
    }
  }

  /// Prints a result's summary (and the bias-formula lines), or with `--json` its encoding
  /// with the additions.
  private func printResult(_ result: some EstimationResult, additions: MediateAdditions) throws {
    print(
      json
        ? try CommandOutput(command: Self.name, result: result, additions: additions).jsonText()
        : ([result.summary()] + additions.lines).joined(separator: "\n"))
  }

  /// Whether every mediator model and the outcome model are linear without the treatment ×
  /// mediator terms: `--effects path-specific` then gives every path's product of coefficients
  /// (`SequentialMediation`), otherwise the path-specific effect from each mediator by
  /// g-computation (`InterventionalMediation`).
  ///
  /// - Throws: `ValidationError` for an unknown model name.
  func linearSystem() throws -> Bool {
    let families = try models.mediatorFamilies()
    let outcome = try models.outcomeFamily()
    return families.default == .linear && families.byMediator.values.allSatisfy { $0 == .linear }
      && outcome == .linear && !models.interaction && clusterLevelMediator == nil
  }

  /// The value of `--effects`, checked against the options that only apply to one of them.
  ///
  /// - Throws: `ValidationError` for an unknown name or options that do not go with it.
  func effectsKind() throws -> Effects {
    let kind: Effects
    switch effects.lowercased() {
    case "natural": kind = .natural
    case "path-specific": kind = .pathSpecific
    case "interventional": kind = .interventional
    case "four-way": kind = .fourWay
    default:
      throw ValidationError("--effects must be natural, path-specific, interventional or four-way, not '\(effects)'.")
    }
    if mediatorValue != nil, kind != .fourWay { throw ValidationError("--mediator-value applies to --effects four-way.") }
    if mediatorOrder != nil, kind != .pathSpecific, kind != .interventional {
      throw ValidationError("--mediator-order applies to --effects path-specific or interventional.")
    }
    if draws != nil, kind == .natural {
      throw ValidationError("--draws applies to --effects interventional, path-specific (logit or probit models) and four-way.")
    }
    if clusterLevelMediator != nil, kind != .interventional, kind != .pathSpecific {
      throw ValidationError("--cluster-level-mediator applies to --effects interventional and path-specific.")
    }
    if models.outcomeNames.count > 1, kind != .interventional {
      throw ValidationError(
        "several --outcome columns are analysed together by --effects interventional; run --effects \(effects) once per outcome.")
    }
    return kind
  }

  /// The mediators in the order `--mediator-order` gives (the `--mediator` order without it).
  ///
  /// - Throws: `ValidationError` for a name that is not a `--mediator`, a name that appears
  ///   twice (a cycle), or a `--mediator` left out.
  func orderedMediators() throws -> [String] {
    let names = models.mediatorNames
    guard let mediatorOrder else { return names }
    let order = mediatorOrder.split(separator: ">").map { $0.trimmingCharacters(in: .whitespaces) }
    for (i, name) in order.enumerated() {
      guard names.contains(name) else {
        throw ValidationError("--mediator-order names '\(name)', which is not one of --mediator \(names.joined(separator: ",")).")
      }
      if order[..<i].contains(name) {
        throw ValidationError("--mediator-order names '\(name)' twice: the order would be a cycle; write each mediator once, e.g. \"a > b > c\".")
      }
    }
    guard order.count == names.count else {
      let missing = names.filter { !order.contains($0) }
      throw ValidationError("--mediator-order leaves out \(missing.joined(separator: ", ")); order every --mediator.")
    }
    return order
  }

  /// The path-specific and interventional effects the options describe, fitted to `table`.
  ///
  /// - Throws: `ValidationError` for options the analysis does not take or a bad
  ///   `--mediator-order`; ``ToolInputError`` for an unknown column; ``MediationError`` when
  ///   estimation fails.
  func sequential(_ table: DataTable) throws -> SequentialMediationResult {
    guard [.pathSpecific, .interventional].contains(try effectsKind()) else {
      throw ValidationError("--effects path-specific is not set.")
    }
    guard try linearSystem() else {
      throw ValidationError("--effects path-specific gives every path's product with --mediator-model linear and --outcome-model linear without --interaction.")
    }
    // The delta method unless --method asks for the bootstrap or simulations.
    let inference: MediationMethod = method == nil ? .closedForm : try makeMethod(linearModels: true)
    let order = try orderedMediators()
    try requireColumns(table, mediators: order)
    return try SequentialMediation(
      treatment: models.treatment, mediators: order, outcome: models.outcome, covariates: try models.covariates.terms(),
      fixedEffects: models.fixedEffects, controlValue: models.controlValue, treatedValue: models.treatedValue,
      weights: fitting.weights, vcov: cluster.map { .cluster([$0]) } ?? .iid, confidenceLevel: fitting.level,
      method: inference, sensitivity: sensitivity ? try MediationSensitivityOptions(replicates: sims) : nil,
      seed: random.seed
    ).fit(table)
  }

  /// VanderWeele's four-way decomposition the options describe, fitted to `table`.
  ///
  /// `--method delta` (the default with linear models) gives the closed form; `bootstrap` and
  /// `quasi-bayes` (the default with a logit or probit model) the g-computation.
  ///
  /// - Throws: `ValidationError` for options the decomposition does not take (several
  ///   mediators, absorbed fixed effects, --sensitivity, --method delta with a binary model);
  ///   ``ToolInputError`` for an unknown column; ``MediationError`` when estimation fails.
  func fourWay(_ table: DataTable) throws -> FourWayDecompositionResult {
    guard try effectsKind() == .fourWay else { throw ValidationError("--effects four-way is not set.") }
    if sensitivity { throw ValidationError("--effects four-way does not take --sensitivity.") }
    guard models.mediatorNames.count == 1 else {
      throw ValidationError("--effects four-way decomposes the effect through one --mediator; got \(models.mediatorNames.count).")
    }
    if !models.fixedEffects.isEmpty { throw ValidationError("--effects four-way does not take --absorb.") }
    let families = try models.families()
    let linear = families == (.linear, .linear)
    // The delta method for linear models, quasi-Bayesian simulation otherwise, unless --method says.
    if method == nil, ci != nil { throw ValidationError("--ci applies to --method bootstrap.") }
    let inference: MediationMethod =
      method == nil ? (linear ? .closedForm : .quasiBayesian(simulations: sims)) : try makeMethod(linearModels: linear)
    try requireColumns(table, mediators: models.mediatorNames)
    return try FourWayDecomposition(
      treatment: models.treatment, mediator: models.mediatorNames[0], outcome: models.outcome,
      covariates: try models.covariates.terms(), mediatorValue: mediatorValue ?? 0, controlValue: models.controlValue,
      treatedValue: models.treatedValue, weights: fitting.weights, vcov: cluster.map { .cluster([$0]) } ?? .iid,
      confidenceLevel: fitting.level, mediatorFamily: families.mediator, outcomeFamily: families.outcome,
      method: inference, draws: draws ?? 10, seed: random.seed
    ).fit(table)
  }
}

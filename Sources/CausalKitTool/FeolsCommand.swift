import ArgumentParser
import CausalKit
import Foundation

/// `causalkit feols`: linear models with high-dimensional fixed effects.
struct FeolsCommand: TableCommand {
  static let configuration = CommandConfiguration(
    commandName: "feols",
    abstract: "OLS/WLS with absorbed fixed effects (fixest's feols, Stata's reghdfe).",
    discussion: """
      The formula uses fixest syntax: outcome ~ regressors | fixed effects.
        y ~ x1 + x2                      no fixed effects (an intercept is added)
        y ~ x1 + x1:x2 | firm + year     two absorbed fixed effects
        y ~ i(rel, ref = -1) | unit + t  event-study dummies, period -1 omitted
        y ~ x + region                   a text column expands to region::level dummies
      Singletons are removed iteratively; collinear regressors are dropped and reported.
      Default standard errors: clustered by the first fixed effect, or iid without fixed effects.
      Small-sample factors follow fixest; --ssc stata switches to reghdfe's conventions.
      Bootstrap inference (--bootstrap): wild (wild cluster bootstrap test; heteroskedastic wild
      bootstrap, one weight per observation, when the model is not clustered), cluster (resample
      clusters and refit) or pairs (resample rows and refit), with --reps, --seed, --test TERM,
      --combination "a - b" and, for cluster and pairs, --ci percentile|basic|normal|bca|studentized.
        causalkit feols --data panel.csv --formula "y ~ treat + x | unit" --vcov cluster:unit \\
          --bootstrap cluster --reps 999 --ci bca --combination "treat - x" --json
      """)

  @OptionGroup var input: InputOptions

  @Option(name: .long, help: "Model formula, e.g. \"y ~ x1 + x2 | fe1 + fe2\".")
  var formula: String

  @OptionGroup var fitting: FitOptions

  @Option(name: .long, help: "Variance: iid, hetero, hc0, hc2, hc3, cluster:COL or cluster:COL1+COL2.")
  var vcov: String?

  @Option(name: .long, help: "Small-sample convention: fixest (default) or stata.")
  var ssc: String = "fixest"

  @Flag(name: .long, help: "Keep singleton observations instead of removing them.")
  var keepSingletons = false

  @Option(name: .long, help: "Demeaning solver: automatic (default), alternating-projections or conjugate-gradient.")
  var solver: String = "automatic"

  @Option(name: .long, parsing: .unconditional, help: "Demeaning convergence tolerance.")
  var tolerance: Double = 1e-10

  @Option(name: .long, parsing: .unconditional, help: "Demeaning iteration cap.")
  var maxIterations: Int = 10_000

  @Option(name: .long, help: "Write the estimated fixed effects to this CSV file (columns: fixed_effect, level, value).")
  var fixefOut: String?

  @Option(name: .long, help: ArgumentHelp(
    "Bootstrap inference: wild, cluster or pairs.",
    discussion: """
      wild: the wild cluster bootstrap test with one-way clustering (--vcov cluster:COL, or the \
      default clustering by the first fixed effect), else the heteroskedastic wild bootstrap \
      (--vcov hetero or iid: one weight per observation, HC1 t statistic); p-values of beta = 0 and \
      intervals by test inversion. cluster: resample whole clusters (--bootstrap-cluster COL, or the \
      --vcov cluster:COL column) and refit. pairs: resample rows and refit. For cluster and pairs the \
      p-value is 2 * min(share of t* - t0 <= t0, share of t* - t0 >= t0) over the finite replicates \
      (the equal-tailed test dual to the basic interval), and replicates where a coefficient is \
      dropped count as failed for it.
      """))
  var bootstrap: String?

  @Option(name: .long, help: "Interval for --bootstrap cluster/pairs: percentile (default), basic, normal, bca (jackknife acceleration: delete-one row for pairs, delete-one cluster for cluster) or studentized (per-replicate analytic SE).")
  var ci: String = "percentile"

  @Option(name: .long, help: "Cluster column of --bootstrap cluster (default: the --vcov cluster:COL column).")
  var bootstrapCluster: String?

  @Option(name: .long, parsing: .unconditional, help: "Bootstrap replicates (default 9999 for wild, 999 for cluster and pairs; with the wild cluster bootstrap all 2^G sign vectors are enumerated when 2^G <= reps and the weights are Rademacher).")
  var reps: Int?

  @Option(name: .long, help: "Wild bootstrap weights: rademacher (default), mammen, webb or normal.")
  var weightsType: String = "rademacher"

  @Option(name: .long, help: "Impose the null hypothesis (WCR/WR, default true) or not (WCU/WU).")
  var imposeNull: Bool = true

  @OptionGroup var random: SeedOptions

  @Option(name: .long, help: "Term to bootstrap (repeatable; default every coefficient).")
  var test: [String] = []

  @Option(name: .long, help: "Linear combination of coefficients to bootstrap, e.g. \"treat - x\" or \"2*a + 0.5*b\" (repeatable; spaces around + and -).")
  var combination: [String] = []

  func run() throws {
    try ToolDiagnostics.reportingErrors(of: "feols", input: input, maxIterations: maxIterations) {
      let (model, fit, bootstrapOutput) = try estimateReadingUsedColumns()
      if let fixefOut, let effects = fit.fixedEffects { try Self.writeFixedEffects(effects, toPath: fixefOut) }
      if json {
        print(try Self.output(fit: fit, bootstrap: bootstrapOutput).jsonText())
      } else {
        print(fit.summary(title: "OLS estimation, Dep. Var.: \(model.formula.response.name)"))
        if let bootstrapOutput { print(bootstrapOutput.text(level: fitting.level)) }
      }
    }
  }

  /// Reads the columns the model and the bootstrap name, then fits: the same fit as from the
  /// whole file, read faster. Should a column be unknown, whether to the reader or to the fit,
  /// the whole file is read and the fit run again, so that the error (with its suggestions) is
  /// that of the whole table; other errors do not depend on the columns left out.
  ///
  /// - Throws: The reader's errors; those of ``estimate(_:)``.
  func estimateReadingUsedColumns() throws -> (model: FixedEffectsModel, fit: FixedEffectsFit, bootstrap: FeolsBootstrapOutput?) {
    let partial: DataTable
    do {
      partial = try input.readTable(columns: usedColumns(try makeModel()))
    } catch CSVError.unknownColumn {
      return try estimate(try input.readTable())
    }
    do {
      return try estimate(consume partial)
    } catch let error where Self.isUnknownColumn(error) {
      return try estimate(try input.readTable())
    }
  }

  /// Whether `error` is an unknown column, directly or wrapped by the resampling errors.
  static func isUnknownColumn(_ error: any Error) -> Bool {
    switch error {
    case DataError.unknownColumn, BootstrapError.data(.unknownColumn), ResampledInferenceError.data(.unknownColumn):
      return true
    default:
      return false
    }
  }

  /// The columns the model and the bootstrap options name: the formula's variables, the
  /// weights, the clusters of `--vcov` and `--bootstrap-cluster`.
  func usedColumns(_ model: FixedEffectsModel) -> [String] {
    var used = model.formula.variables
    if let weights = model.weights { used.append(weights) }
    if case .cluster(let names) = model.vcov { used += names }
    if let bootstrapCluster { used.append(bootstrapCluster) }
    return used
  }

  /// Fits the model and runs the bootstrap requested by `--bootstrap`.
  ///
  /// - Throws: `ValidationError` for inconsistent options; the library's errors.
  func estimate(
    _ table: consuming DataTable
  ) throws -> (model: FixedEffectsModel, fit: FixedEffectsFit, bootstrap: FeolsBootstrapOutput?) {
    let model = try makeModel()
    guard bootstrap != nil else {
      try requireBootstrapForTests()
      // Without a bootstrap the fit is the table's last use: it may free the columns it copies.
      return (model, try model.fit(consume table), nil)
    }
    let fit = try model.fit(copy table)
    return (model, fit, try runBootstrap(model: model, fit: fit, table: table))
  }

  /// The `--json` object: the fit's encoding, with the bootstrap entries under `bootstrap`.
  static func output(
    fit: FixedEffectsFit, bootstrap: FeolsBootstrapOutput?
  ) -> CommandOutput<FixedEffectsFit, FeolsAdditions> {
    CommandOutput(command: "feols", result: fit, additions: FeolsAdditions(bootstrap: bootstrap?.jsonEntries))
  }

  /// Writes the estimated fixed effects (`--fixef-out`): columns fixed_effect, level, value.
  private static func writeFixedEffects(_ effects: [FixedEffectValues], toPath path: String) throws {
    var names = [String?](), levels = [String?](), values = [Double]()
    for effect in effects {
      for (label, value) in zip(effect.levels, effect.values) {
        names.append(effect.name)
        levels.append(label)
        values.append(value)
      }
    }
    let output = try DataTable(columns: [
      Column(name: "fixed_effect", strings: names), Column(name: "level", strings: levels),
      Column(name: "value", doubles: values),
    ])
    try CSVWriter().write(output, toPath: path)
  }

  /// The model described by the options.
  ///
  /// - Throws: `ValidationError` for an unknown --ssc or --solver; formula and option errors.
  func makeModel() throws -> FixedEffectsModel {
    let variance = try vcov.map { try VarianceType(parsing: $0) }
    let convention: SmallSampleCorrection
    switch ssc.lowercased() {
    case "fixest": convention = .fixest
    case "stata", "reghdfe": convention = .stata
    default: throw ValidationError("--ssc must be fixest or stata, not '\(ssc)'.")
    }
    guard let method = DemeaningOptions.Method(rawValue: solver) else {
      throw ValidationError("--solver must be automatic, alternating-projections or conjugate-gradient, not '\(solver)'.")
    }
    return try FixedEffectsModel(
      formula: formula, weights: fitting.weights, vcov: variance, smallSample: convention,
      singletons: keepSingletons ? .keep : .drop,
      demeaning: DemeaningOptions(method: method, tolerance: tolerance, maxIterations: maxIterations),
      confidenceLevel: fitting.level, computeFixedEffects: fixefOut != nil)
  }
}

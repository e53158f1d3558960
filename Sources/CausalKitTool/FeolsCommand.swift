import ArgumentParser
import CausalKit
import Foundation

/// `causalkit feols`: linear models with high-dimensional fixed effects.
struct FeolsCommand: ParsableCommand {
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
      """)

  @Option(name: .long, help: "CSV file to read.")
  var data: String

  @Option(name: .long, help: "Model formula, e.g. \"y ~ x1 + x2 | fe1 + fe2\".")
  var formula: String

  @Option(name: .long, help: "Column of observation weights (WLS).")
  var weights: String?

  @Option(name: .long, help: "Variance: iid, hetero, hc0, hc2, hc3, cluster:COL or cluster:COL1+COL2.")
  var vcov: String?

  @Option(name: .long, help: "Small-sample convention: fixest (default) or stata.")
  var ssc: String = "fixest"

  @Flag(name: .long, help: "Keep singleton observations instead of removing them.")
  var keepSingletons = false

  @Option(name: .long, help: "Confidence level of the intervals.")
  var level: Double = 0.95

  @Option(name: .long, help: "Demeaning solver: automatic (default), alternating-projections or conjugate-gradient.")
  var solver: String = "automatic"

  @Option(name: .long, help: "Demeaning convergence tolerance.")
  var tolerance: Double = 1e-10

  @Option(name: .long, help: "Demeaning iteration cap.")
  var maxIterations: Int = 10_000

  @Option(name: .long, help: "Write the estimated fixed effects to this CSV file (columns: fixed_effect, level, value).")
  var fixefOut: String?

  @Option(name: .long, help: "Bootstrap inference: wild (wild cluster bootstrap, needs --vcov cluster:COL).")
  var bootstrap: String?

  @Option(name: .long, help: "Bootstrap replicates (all 2^G sign vectors are enumerated when 2^G <= reps with Rademacher weights).")
  var reps: Int = 9_999

  @Option(name: .long, help: "Wild bootstrap weights: rademacher (default), mammen, webb or normal.")
  var weightsType: String = "rademacher"

  @Option(name: .long, help: "Impose the null hypothesis (WCR, default true) or not (WCU).")
  var imposeNull: Bool = true

  @Option(name: .long, help: "Bootstrap random seed.")
  var seed: UInt64 = 1

  @Option(name: .long, help: "Term to test with the bootstrap (repeatable; default every coefficient).")
  var test: [String] = []

  @Flag(name: .long, help: "Print one JSON object instead of a table.")
  var json = false

  func run() throws {
    do {
      let table = try CSVReader().read(path: data)
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
      let model = try FixedEffectsModel(
        formula: formula, weights: weights, vcov: variance, smallSample: convention,
        singletons: keepSingletons ? .keep : .drop,
        demeaning: DemeaningOptions(method: method, tolerance: tolerance, maxIterations: maxIterations),
        confidenceLevel: level, computeFixedEffects: fixefOut != nil)
      let fit = try model.fit(table)
      if let fixefOut, let effects = fit.fixedEffects {
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
        try CSVWriter().write(output, toPath: fixefOut)
      }
      let bootstrapResults = try runBootstrap(model: model, fit: fit, table: table)
      if json {
        print(ToolJSON.feols(fit, bootstrap: bootstrapResults))
      } else {
        print(fit.summary(title: "OLS estimation, Dep. Var.: \(model.formula.response.name)"))
        for b in bootstrapResults {
          let interval = b.confidenceInterval.map { "[\($0.lowerBound), \($0.upperBound)]" } ?? "n/a"
          print("Wild cluster bootstrap (\(b.imposeNull ? "WCR" : "WCU"), \(b.weights.rawValue), \(b.replicates) replicates\(b.enumerated ? ", enumerated" : "")): "
            + "\(b.hypothesis) p = \(b.pValue), 95% CI \(interval)")
        }
      }
    } catch let error as ValidationError {
      throw error
    } catch {
      FileHandle.standardError.write(Data("causalkit feols: \(error)\n".utf8))
      throw ExitCode.failure
    }
  }

  /// Runs the requested bootstrap for every tested term.
  private func runBootstrap(model: FixedEffectsModel, fit: FixedEffectsFit, table: DataTable) throws -> [WildBootstrapResult] {
    guard let bootstrap else { return [] }
    guard bootstrap == "wild" else {
      throw ValidationError("--bootstrap supports wild (the wild cluster bootstrap); pairs and cluster resampling are library-only for now.")
    }
    guard case .cluster(let clusters) = model.resolvedVariance, let cluster = clusters.first, clusters.count == 1 else {
      throw ValidationError("--bootstrap wild needs one-way clustering: --vcov cluster:COL.")
    }
    guard let distribution = BootstrapWeightDistribution(rawValue: weightsType) else {
      throw ValidationError("--weights-type must be rademacher, mammen, webb or normal, not '\(weightsType)'.")
    }
    let terms = test.isEmpty ? fit.coefficients.map(\.term) : test
    return try terms.map { term in
      try WildClusterBootstrap(
        cluster: cluster, hypothesis: .term(term), weights: distribution, replicates: reps,
        imposeNull: imposeNull, seed: seed, confidenceLevel: level
      ).run(model, on: table)
    }
  }
}

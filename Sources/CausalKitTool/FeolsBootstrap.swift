import ArgumentParser
import CausalKit
import Foundation

/// The bootstrap results `causalkit feols` prints: wild (cluster or heteroskedastic) bootstrap
/// tests, or a pairs or cluster bootstrap of the coefficients.
enum FeolsBootstrapOutput {
  /// Wild bootstrap tests (cluster or heteroskedastic), each with the label it is reported under.
  case wild([(label: String, result: WildBootstrapResult)])
  /// A pairs or cluster bootstrap.
  case resampled(FixedEffectsBootstrapResult)

  /// The `bootstrap` array of the JSON output: each wild bootstrap test's `WildBootstrapResult`
  /// encoding with `term` = the label it is reported under, or each `ResampledEstimate`'s
  /// encoding with `method` = the scheme's name (the entries of `FixedEffectsBootstrapResult`'s
  /// own `bootstrap` array).
  var jsonEntries: [FeolsBootstrapEntry] {
    switch self {
    case .wild(let tests): return tests.map { .wild($0.result, label: $0.label) }
    case .resampled(let result): return result.estimates.map { .resampled($0, method: result.scheme.name) }
    }
  }

  /// The lines printed after the coefficient table: numbers formatted like the coefficient
  /// table's estimates, a p-value of zero as `p < 1/B` (see ``BootstrapText``).
  func text(level: Double) -> String {
    switch self {
    case .wild(let tests):
      return tests.map { label, b in
        let interval = b.confidenceInterval.map { BootstrapText.interval($0.lower, $0.upper) } ?? "n/a"
        let kind = b.clustered
          ? "Wild cluster bootstrap (\(b.imposeNull ? "WCR" : "WCU")"
          : "Heteroskedastic wild bootstrap (\(b.imposeNull ? "WR" : "WU")"
        let p = BootstrapText.pValue(b.pValue, replicates: b.replicates - b.failures)
        return "\(kind), \(b.weights.rawValue), \(b.replicates) replicates"
          + "\(b.enumerated ? ", enumerated" : "")): \(label) \(p), \(BootstrapText.percent(level)) CI \(interval)"
      }.joined(separator: "\n")
    case .resampled(let result):
      let scheme: String
      switch result.scheme {
      case .pairs: scheme = "Pairs bootstrap"
      case .cluster(let column): scheme = "Cluster bootstrap by \(column) (\(result.clusterCount ?? 0) clusters)"
      case .stratified(let column): scheme = "Stratified bootstrap by \(column)"
      }
      var lines = ["\(scheme), \(result.replicates) replicates, seed \(result.seed), \(result.method.rawValue) intervals:"]
      for e in result.estimates {
        lines.append(
          "  \(e.term): estimate \(BootstrapText.number(e.estimate))  bootstrap s.e. \(BootstrapText.number(e.standardError))  "
            + "\(BootstrapText.percent(result.confidenceLevel)) CI \(BootstrapText.interval(e.interval.lower, e.interval.upper))  "
            + "\(BootstrapText.pValue(e.pValue, replicates: e.replicates - e.failures))  failed \(e.failures)")
      }
      return lines.joined(separator: "\n")
    }
  }
}

/// One entry of the `bootstrap` array of `causalkit feols --json`.
enum FeolsBootstrapEntry: Encodable {
  /// A wild bootstrap test, reported under `label` (the tested term, or the combination as
  /// written with `--combination`).
  case wild(WildBootstrapResult, label: String)
  /// A pairs or cluster bootstrap summary; `method` is the scheme's name (`pairs`, `cluster`).
  case resampled(ResampledEstimate, method: String)

  enum CodingKeys: String, CodingKey { case term, method }

  /// Encodes the library result, then the tool's `term` (wild) or `method` (resampled).
  func encode(to encoder: any Encoder) throws {
    switch self {
    case .wild(let result, let label):
      try result.encode(to: encoder)
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(label, forKey: .term)
    case .resampled(let estimate, let method):
      try estimate.encode(to: encoder)
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(method, forKey: .method)
    }
  }
}

/// The keys `causalkit feols --json` adds to the fit's encoding.
struct FeolsAdditions: Encodable {
  /// The bootstrap entries, absent without `--bootstrap`.
  let bootstrap: [FeolsBootstrapEntry]?
}

extension FeolsCommand {
  /// Checks that `--test` and `--combination` come with `--bootstrap`.
  ///
  /// - Throws: `ValidationError` when either is given without `--bootstrap`.
  func requireBootstrapForTests() throws {
    guard bootstrap != nil || (combination.isEmpty && test.isEmpty) else {
      throw ValidationError("--test and --combination need --bootstrap wild, cluster or pairs.")
    }
  }

  /// Runs the bootstrap requested by `--bootstrap`, or returns `nil`.
  ///
  /// - Throws: `ValidationError` for inconsistent options; the bootstrap's typed errors.
  func runBootstrap(model: FixedEffectsModel, fit: FixedEffectsFit, table: DataTable) throws -> FeolsBootstrapOutput? {
    guard let bootstrap else {
      try requireBootstrapForTests()
      return nil
    }
    let combinations = try combination.map { try LinearCombination(parsing: $0) }
    switch bootstrap {
    case "wild":
      return try runWild(model: model, fit: fit, table: table, combinations: combinations)
    case "cluster", "pairs":
      guard let method = Self.intervalMethods[ci] else {
        throw ValidationError("--ci must be percentile, basic, normal, bca or studentized, not '\(ci)'.")
      }
      let scheme: ResamplingScheme
      if bootstrap == "pairs" {
        guard bootstrapCluster == nil else { throw ValidationError("--bootstrap-cluster applies to --bootstrap cluster, not pairs.") }
        scheme = .pairs
      } else if let bootstrapCluster {
        scheme = .cluster(column: bootstrapCluster)
      } else if case .cluster(let names) = model.resolvedVariance, names.count == 1 {
        scheme = .cluster(column: names[0])
      } else {
        throw ValidationError("--bootstrap cluster needs a cluster column: --bootstrap-cluster COL or --vcov cluster:COL.")
      }
      let runner = try FixedEffectsBootstrap(
        model: model, scheme: scheme, replicates: reps ?? 999, seed: random.seed, method: method, confidenceLevel: fitting.level,
        terms: test.isEmpty ? nil : test, combinations: combinations)
      return .resampled(try withProgress(label: "\(bootstrap) bootstrap") { progress, isCancelled in
        try runner.fit(table, progress: progress, isCancelled: isCancelled)
      })
    default:
      throw ValidationError("--bootstrap must be wild, cluster or pairs, not '\(bootstrap)'.")
    }
  }

  /// The `--ci` spellings.
  static let intervalMethods: [String: IntervalMethod] = [
    "percentile": .percentile, "perc": .percentile, "basic": .basic, "normal": .normal, "norm": .normal,
    "bca": .bca, "studentized": .studentized, "stud": .studentized,
  ]

  /// The wild bootstrap test of every tested term and combination: the wild cluster bootstrap
  /// when the model is clustered one way (`--vcov cluster:COL`, or by default the first fixed
  /// effect), the heteroskedastic wild bootstrap (one weight per observation, HC1 statistic)
  /// when it is not clustered (`--vcov iid` or `hetero`, or no fixed effects and no `--vcov`).
  private func runWild(
    model: FixedEffectsModel, fit: FixedEffectsFit, table: DataTable, combinations: [LinearCombination]
  ) throws -> FeolsBootstrapOutput {
    var cluster: String? = nil
    if case .cluster(let clusters) = model.resolvedVariance {
      guard clusters.count == 1 else {
        throw ValidationError("--bootstrap wild needs one-way clustering (--vcov cluster:COL) or none (--vcov hetero).")
      }
      cluster = clusters[0]
    }
    guard ci == "percentile", bootstrapCluster == nil else {
      throw ValidationError("--ci and --bootstrap-cluster apply to --bootstrap cluster and pairs; the wild bootstrap inverts its test.")
    }
    guard let distribution = BootstrapWeightDistribution(rawValue: weightsType) else {
      throw ValidationError("--weights-type must be rademacher, mammen, webb or normal, not '\(weightsType)'.")
    }
    let terms = test.isEmpty ? fit.coefficients.map(\.term) : test
    let hypotheses = terms.map { (label: $0, hypothesis: WildBootstrapHypothesis.term($0)) }
      + combinations.map { (label: $0.name, hypothesis: $0.hypothesis) }
    return .wild(try hypotheses.map { label, hypothesis in
      let result: WildBootstrapResult
      if let cluster {
        result = try WildClusterBootstrap(
          model: model, cluster: cluster, hypothesis: hypothesis, weights: distribution, replicates: reps ?? 9_999,
          imposeNull: imposeNull, seed: random.seed, confidenceLevel: fitting.level
        ).fit(table)
      } else {
        result = try WildBootstrap(
          model: model, hypothesis: hypothesis, weights: distribution, replicates: reps ?? 9_999, imposeNull: imposeNull,
          seed: random.seed, confidenceLevel: fitting.level
        ).fit(table)
      }
      return (label, result)
    })
  }
}

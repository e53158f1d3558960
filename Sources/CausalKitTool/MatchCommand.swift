import ArgumentParser
import CausalKit
import Foundation

/// `causalkit match`: propensity-score and Mahalanobis nearest-neighbour matching.
struct MatchCommand: TableCommand {
  static let configuration = CommandConfiguration(
    commandName: "match",
    abstract: "Nearest-neighbour matching with balance diagnostics (MatchIt's matchit + summary).",
    discussion: """
      Estimates a logit propensity score of the treatment on the covariates, matches treated \
      units to controls (ATT) and prints counts and covariate balance before and after \
      (standardized mean differences with the treated SD as denominator for the ATT, variance \
      ratios, KS statistics). With --outcome it also estimates the effect: by weighted \
      regression on the matched sample (clustered by pair; HC3 with replacement), or by the \
      Abadie-Imbens estimator (matching with replacement, as R's Matching::Match).

      Example:
        causalkit match --data lalonde.csv --treatment treat \\
          --covariates "age + educ + race + married + nodegree + re74 + re75" \\
          --caliper 0.2 --outcome re78
      """)

  @OptionGroup var input: InputOptions

  @Option(name: .long, help: "The 0/1 treatment column.")
  var treatment: String

  @Option(name: .long, help: "Covariates as a formula right-hand side, e.g. \"x1 + x2 + region\".")
  var covariates: String

  @Option(name: .long, help: "Distance: ps (propensity score, default), linear-ps (its logit) or mahalanobis.")
  var distance: String = "ps"

  @OptionGroup var matching: MatcherOptions

  @OptionGroup var random: SeedOptions

  @Option(name: .long, help: "Binary covariates in the balance table: raw (difference in proportions, default, as cobalt) or standardized (as MatchIt's summary).")
  var binaryDifference: String = "raw"

  @Option(name: .long, help: "Outcome column: estimate the effect after matching.")
  var outcome: String?

  @Option(name: .long, help: "Effect estimator with --outcome: regression (default) or abadie-imbens.")
  var estimator: String = "regression"

  @Flag(name: .long, help: ArgumentHelp(
    "With --outcome: bootstrap the effect over matched sets (Abadie and Spiess 2022).",
    discussion: """
      Resamples whole matched pairs (or sets) with replacement and recomputes the weighted \
      difference in means; reports the bootstrap standard error, the --ci interval and the p-value \
      2 * min(share of t* - t0 <= t0, share of t* - t0 >= t0). Valid only for matching without \
      replacement: with --replace it stops and points to --estimator abadie-imbens.
      """))
  var bootstrap = false

  @Option(name: .long, parsing: .unconditional, help: "Bootstrap replicates with --bootstrap.")
  var reps: Int = 999

  @Option(name: .long, help: "Bootstrap interval with --bootstrap: percentile (default), basic, normal, bca (delete-one-set jackknife) or studentized (CR1 by set).")
  var ci: String = "percentile"

  @Option(name: .long, help: "Write the data with matching weights and subclasses to this CSV file.")
  var out: String?

  func run() throws {
    try ToolDiagnostics.reportingErrors(of: "match", input: input) {
      let table = try input.readTable()
      let output = try estimate(table)
      if let out {
        var written = table
        try written.append(Column(name: "matching_weight", doubles: output.result.weightsByRow))
        try written.append(Column(name: "matching_subclass", ints: output.result.subclassByRow))
        try CSVWriter().write(written, toPath: out)
      }
      if json {
        print(try output.jsonText())
      } else {
        print(MatchingSummaryText.render(
          output.result, distance: PropensityScoreMatching.Distance(rawValue: distance) ?? .propensityScore,
          effect: output.additions.effect?.summary))
        if let b = output.additions.bootstrap { print(Self.bootstrapLine(b)) }
      }
    }
  }

  /// The line printed for `--bootstrap`: the run, the standard error, the interval and the
  /// p-value (`p < 1/B` when no replicate is as extreme, see ``BootstrapText``).
  static func bootstrapLine(_ b: MatchedPairsBootstrapResult) -> String {
    let e = b.effect
    return String(
      format: "Matched-set bootstrap (Abadie-Spiess, %d sets, %d replicates, seed %llu, %@): s.e. %.4f  %g%% CI [%.4f, %.4f]  %@  failed %d",
      b.matchedSetCount, b.replicates, b.seed, b.method.rawValue, e.standardError, 100 * b.confidenceLevel,
      e.interval.lower, e.interval.upper, BootstrapText.pValue(e.pValue, replicates: e.replicates - e.failures),
      e.failures)
  }

  /// Matches, and with `--outcome` estimates the effect (and bootstraps it with `--bootstrap`).
  ///
  /// The regression effect is the matching design's own (``PropensityScoreMatching/outcome``),
  /// so it is part of the result's encoding; the Abadie-Imbens effect is added by the tool.
  ///
  /// - Throws: `ValidationError` for unknown option values or options that do not go together;
  ///   the library's option, data and estimation errors.
  func estimate(_ table: DataTable) throws -> CommandOutput<PropensityScoreMatchingResult, MatchAdditions> {
    let design = try makeDesign()
    let result = try design.fit(table)
    var effect: MatchEffect? = result.effect.map { .regression($0) }
    if let outcome, estimator == "abadie-imbens" {
      var units = try result.units(in: table)
      let score = units.unusedColumnName("propensity_score")
      try units.append(Column(name: score, doubles: result.propensity.fittedProbabilities))
      effect = .abadieImbens(try AbadieImbensEstimator(
        outcome: outcome, treatment: treatment, matchOn: .score(column: score), estimand: result.matched.estimand,
        matches: matching.ratio
      ).fit(units))
    }
    var bootstrapResult: MatchedPairsBootstrapResult? = nil
    if bootstrap {
      guard let outcome, estimator == "regression" else {
        throw ValidationError("--bootstrap needs --outcome and the regression estimator (the Abadie-Imbens estimator has its own standard error).")
      }
      guard let method = FeolsCommand.intervalMethods[ci] else {
        throw ValidationError("--ci must be percentile, basic, normal, bca or studentized, not '\(ci)'.")
      }
      let runner = try MatchedPairsBootstrap(
        matching: result, outcome: outcome, replicates: reps, seed: random.seed, method: method)
      bootstrapResult = try withProgress(label: "matched-set bootstrap") { progress, isCancelled in
        try runner.fit(table, progress: progress, isCancelled: isCancelled)
      }
    }
    return CommandOutput(
      command: "match", result: result, additions: MatchAdditions(effect: effect, bootstrap: bootstrapResult))
  }

  /// The matching design described by the options (with `--outcome` and the regression
  /// estimator, the design estimates the effect too).
  ///
  /// - Throws: `ValidationError` for an unknown distance, estimand, order, estimator or
  ///   binary-difference spelling; the library's `OptionError` for a ratio below 1 or a caliper
  ///   that is not positive and finite.
  func makeDesign() throws -> PropensityScoreMatching {
    guard let distanceKind = PropensityScoreMatching.Distance(rawValue: distance) else {
      throw ValidationError("--distance must be ps, linear-ps or mahalanobis, not '\(distance)'.")
    }
    guard ["regression", "abadie-imbens"].contains(estimator) else {
      throw ValidationError("--estimator must be regression or abadie-imbens, not '\(estimator)'.")
    }
    let matcher = try matching.matcher(seed: random.seed)
    guard let binary = BalanceBinaryDifference(rawValue: binaryDifference) else {
      throw ValidationError("--binary-difference must be raw or standardized, not '\(binaryDifference)'.")
    }
    return try PropensityScoreMatching(
      treatment: treatment, covariates: Covariates(formula: covariates), distance: distanceKind, matcher: matcher,
      exact: matching.exactColumns, binaryDifference: binary, outcome: estimator == "regression" ? outcome : nil)
  }
}

/// The effect `causalkit match --outcome` reports.
enum MatchEffect: Encodable {
  /// The weighted regression on the matched sample (the design's own effect).
  case regression(MatchedSampleEffect)
  /// The Abadie-Imbens estimator on the units with their propensity scores.
  case abadieImbens(AbadieImbensResult)

  /// The estimand, tidy row and method for the text summary.
  var summary: (estimand: String, row: CoefficientRow, method: String) {
    switch self {
    case .regression(let e): return (e.estimand.rawValue, e.row, e.method)
    case .abadieImbens(let e): return (e.estimand.rawValue, e.row, "abadie-imbens")
    }
  }

  enum CodingKeys: String, CodingKey { case method }

  /// The effect's library encoding; for Abadie-Imbens, followed by its tidy row's keys
  /// (`term`, `statistic`, `p_value`, `conf_low`, `conf_high`) and `method` = `abadie-imbens`.
  func encode(to encoder: any Encoder) throws {
    switch self {
    case .regression(let e):
      try e.encode(to: encoder)
    case .abadieImbens(let e):
      try e.encode(to: encoder)
      try e.row.encode(to: encoder)
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode("abadie-imbens", forKey: .method)
    }
  }
}

/// The keys `causalkit match --json` adds to the matching result's encoding: `effect` and
/// `bootstrap`, each left out when absent.
struct MatchAdditions: Encodable {
  /// The effect with `--outcome` (it replaces the result's own `effect`, which is the same
  /// value for the regression estimator).
  let effect: MatchEffect?
  /// The matched-set bootstrap with `--bootstrap`.
  let bootstrap: MatchedPairsBootstrapResult?
}

/// The printed summary of `causalkit match`.
enum MatchingSummaryText {
  /// The first line's name of the matching, after the distance actually used.
  static func title(_ distance: PropensityScoreMatching.Distance) -> String {
    switch distance {
    case .propensityScore: return "Propensity-score matching"
    case .linearPropensityScore: return "Matching on the linear propensity score"
    case .mahalanobis: return "Mahalanobis-distance matching"
    }
  }

  /// The summary: the units line, the sample-size table, the balance table and the effect.
  static func render(
    _ result: PropensityScoreMatchingResult, distance: PropensityScoreMatching.Distance,
    effect: (estimand: String, row: CoefficientRow, method: String)?
  ) -> String {
    let c = result.matched.counts
    var lines = [
      "\(title(distance)) (\(result.matched.estimand.rawValue)), \(result.rows.count) units" + result.removalNote,
      "            Control  Treated",
      "All        \(pad(c.control.all))  \(pad(c.treated.all))",
      "Matched    \(pad(c.control.matched))  \(pad(c.treated.matched))",
      "Unmatched  \(pad(c.control.unmatched))  \(pad(c.treated.unmatched))",
      "Discarded  \(pad(c.control.discarded))  \(pad(c.treated.discarded))",
      "",
      result.balance.summary(),
    ]
    if let effect {
      lines.append("")
      let r = effect.row
      lines.append(
        String(
          format: "Effect (%@, %@): %.4f  std. error %.4f  95%% CI [%.4f, %.4f]  p = %.4g",
          effect.estimand, effect.method, r.estimate, r.standardError, r.confLow, r.confHigh, r.pValue))
    }
    return lines.joined(separator: "\n")
  }

  private static func pad(_ n: Int) -> String {
    let s = String(n)
    return String(repeating: " ", count: max(0, 7 - s.count)) + s
  }
}

import ArgumentParser
import CausalKit
import Foundation

/// `causalkit did`: Callaway-Sant'Anna group-time effects and their aggregation.
struct DidCommand: TableCommand {
  static let configuration = CommandConfiguration(
    commandName: "did",
    abstract: "Callaway-Sant'Anna difference-in-differences for staggered adoption (R's did).",
    discussion: """
      Estimates every group-time effect ATT(g,t): the effect in period t on the cohort first \
      treated in period g, each from its own 2x2 comparison with never-treated (or also \
      not-yet-treated) units, then averages them (--aggregate): simple (all post-treatment \
      cells, by cohort size), dynamic (an event study by periods since treatment), group (by \
      cohort) or calendar (by period). --cohort holds each unit's first treated period, 0 for \
      never treated. Standard errors come from influence functions (clustered by --unit, or by \
      --cluster above it), as R did's att_gt(bstrap = FALSE); --bootstrap gives did's multiplier \
      bootstrap standard errors and simultaneous (uniform) bands instead. --sensitivity runs \
      HonestDiD (Rambachan and Roth 2023) on the event study: relative-magnitude bounds (--mbar) \
      or smoothness bounds (--m), for --sensitivity-event-time (or 'average' of the post periods), \
      with --base-period universal.

      Examples:
        causalkit did --data mpdta.csv --outcome lemp --time year --unit countyreal --cohort first_treat
        causalkit did --data students.csv --outcome score --time year --cohort school_cohort \\
          --repeated-cross-section --cluster school --covariates "prior_score" --aggregate group
      """)

  @OptionGroup var input: InputOptions

  @Option(name: .long, help: "The outcome column.")
  var outcome: String

  @Option(name: .long, help: "The time column (integer periods).")
  var time: String

  @Option(name: .long, help: "The unit column (omit with --repeated-cross-section).")
  var unit: String?

  @Option(name: .long, help: "The cohort column: each unit's first treated period, 0 for never treated.")
  var cohort: String

  @Option(name: .long, help: "Covariates as a formula right-hand side, e.g. \"x1 + x2\" (base-period values).")
  var covariates: String = ""

  @Option(name: .long, help: "2x2 estimator: dr (doubly robust, default, as did), ipw, reg, or imp (improved doubly robust).")
  var method: String = "dr"

  @Option(name: .long, help: "Comparison group: never-treated (default) or not-yet-treated.")
  var control: String = "never-treated"

  @Option(name: .long, parsing: .unconditional, help: "Periods of anticipation (0 or more).")
  var anticipation: Int = 0

  @Option(name: .long, help: "Base period of pre-treatment cells: varying (default) or universal.")
  var basePeriod: String = "varying"

  @Option(name: .long, help: "Aggregation: simple, dynamic (default), group or calendar.")
  var aggregate: String = "dynamic"

  @Option(name: .long, parsing: .unconditional, help: "Dynamic aggregation: keep cohorts observed this many periods after treatment (did's balance_e).")
  var balanceE: Int?

  @Option(name: .long, parsing: .unconditional, help: "Dynamic aggregation: the smallest event time reported (did's min_e).")
  var minE: Int?

  @Option(name: .long, parsing: .unconditional, help: "Dynamic aggregation: the largest event time reported (did's max_e).")
  var maxE: Int?

  @Option(name: .long, help: "Cluster column above the unit (constant within units).")
  var cluster: String?

  @Flag(name: .long, help: "Rows are different individuals each period (no --unit).")
  var repeatedCrossSection = false

  @Flag(name: .long, help: "Keep units not observed in every period (did's allow_unbalanced_panel).")
  var unbalanced = false

  @Flag(name: .long, help: "Multiplier bootstrap (Mammen weights, by unit or --cluster) for standard errors and simultaneous bands.")
  var bootstrap = false

  @Option(name: .long, parsing: .unconditional, help: "Bootstrap replicates with --bootstrap.")
  var reps: Int = 999

  @OptionGroup var random: SeedOptions

  @Option(name: .long, help: "HonestDiD sensitivity of the event study: relative-magnitude or smoothness (needs --base-period universal).")
  var sensitivity: String?

  @Option(name: .long, help: "Relative-magnitude bounds M-bar, comma-separated (default 0.5,1,1.5,2).")
  var mbar: String?

  @Option(name: .long, help: "Smoothness bounds M, comma-separated (default 0,0.01,0.02,0.03).")
  var m: String?

  @Option(name: .long, parsing: .unconditional, help: "The event time the sensitivity analysis targets (default: the first post period; 'average' for the mean of the post periods).")
  var sensitivityEventTime: String?

  @OptionGroup var fitting: FitOptions

  func run() throws {
    try ToolDiagnostics.reportingErrors(of: "did", input: input) {
      let table = try input.readTable()
      let result = try estimate(table)
      let summary = try result.aggregated(try aggregation())
      let robustness = try sensitivityAnalysis(result, summary)
      if json {
        print(try Self.output(result, aggregate: summary, sensitivity: robustness).jsonText())
      } else {
        print(Self.text(result, summary) + (robustness.map { "\n\n" + $0.summary() } ?? ""))
      }
    }
  }

  /// The estimator the options describe, fitted to `table`.
  ///
  /// - Throws: `ValidationError` for an unknown option value or a missing --unit; the
  ///   library's errors.
  func estimate(_ table: DataTable) throws -> CallawaySantAnnaResult {
    let design: SampleDesign
    switch (repeatedCrossSection, unbalanced, unit) {
    case (true, _, .some): throw ValidationError("--repeated-cross-section takes no --unit: every row is its own individual.")
    case (true, true, _): throw ValidationError("--unbalanced applies to panels; drop it with --repeated-cross-section.")
    case (true, false, nil): design = .repeatedCrossSections
    case (false, _, nil): throw ValidationError("--unit is required for panel data; pass --repeated-cross-section when rows are different individuals.")
    case (false, let unbalanced, .some): design = unbalanced ? .unbalancedPanel : .balancedPanel
    }
    let model = try CallawaySantAnna(
      outcome: outcome, time: time, unit: unit, cohort: cohort,
      covariates: covariates.isEmpty ? Covariates() : try Covariates(formula: covariates),
      method: try Self.choice(method, "--method", ["dr": .traditionalDoublyRobust, "ipw": .inverseProbabilityWeighting, "reg": .outcomeRegression, "imp": .improvedDoublyRobust]),
      comparison: try Self.choice(control, "--control", ["never-treated": .neverTreated, "not-yet-treated": .notYetTreated]),
      anticipation: anticipation,
      basePeriod: try Self.choice(basePeriod, "--base-period", ["varying": .varying, "universal": .universal]),
      design: design, weights: fitting.weights, cluster: cluster,
      bootstrap: bootstrap ? try MultiplierBootstrap(replicates: reps, seed: random.seed) : nil,
      confidenceLevel: fitting.level)
    return try model.fit(table)
  }

  /// The HonestDiD analysis `--sensitivity` asks for, of the dynamic aggregation (the printed
  /// one when it is dynamic), or `nil`.
  ///
  /// - Throws: `ValidationError` for a bad option value; the library's errors.
  func sensitivityAnalysis(_ result: CallawaySantAnnaResult, _ printed: AggregatedEffect) throws -> SensitivityResult? {
    guard let sensitivity else {
      if mbar != nil || m != nil || sensitivityEventTime != nil {
        throw ValidationError("--mbar, --m and --sensitivity-event-time apply with --sensitivity.")
      }
      return nil
    }
    let numbers = { (text: String, flag: String) throws -> [Double] in
      try text.split(separator: ",").map { part in
        guard let value = Double(part.trimmingCharacters(in: .whitespaces)) else {
          throw ValidationError("\(flag) takes numbers separated by commas, such as 0.5,1,2; got '\(text)'.")
        }
        return value
      }
    }
    let restriction: ParallelTrendsSensitivity.Restriction
    switch sensitivity.lowercased() {
    case "relative-magnitude":
      if m != nil { throw ValidationError("--m belongs to --sensitivity smoothness; use --mbar with relative-magnitude.") }
      restriction = .relativeMagnitude(mbar: try numbers(mbar ?? "0.5,1,1.5,2", "--mbar"))
    case "smoothness":
      if mbar != nil { throw ValidationError("--mbar belongs to --sensitivity relative-magnitude; use --m with smoothness.") }
      restriction = .smoothness(m: try numbers(m ?? "0,0.01,0.02,0.03", "--m"))
    default:
      throw ValidationError("--sensitivity must be relative-magnitude or smoothness; got '\(sensitivity)'.")
    }
    var target: ParallelTrendsSensitivity.Target?
    if let e = sensitivityEventTime {
      if e.lowercased() == "average" {
        target = .averagePost
      } else if let value = Int(e) {
        target = .eventTime(value)
      } else {
        throw ValidationError("--sensitivity-event-time takes an event time such as 0, or 'average'; got '\(e)'.")
      }
    }
    let dynamic: AggregatedEffect
    if case .dynamic = printed.aggregation { dynamic = printed } else { dynamic = try result.aggregated(.dynamic()) }
    let analysis = try ParallelTrendsSensitivity(
      restriction: restriction, target: target, confidenceLevel: fitting.level, seed: random.seed)
    return try analysis.analyze(try EventStudyEstimates(dynamic))
  }

  /// The aggregation `--aggregate` (and the event-time options) name.
  func aggregation() throws -> GroupTimeAggregation {
    let dynamic = GroupTimeAggregation.dynamic(balance: balanceE, minEventTime: minE, maxEventTime: maxE)
    let chosen = try Self.choice(
      aggregate, "--aggregate", ["simple": .simple, "dynamic": dynamic, "group": .group, "calendar": .calendar])
    if chosen != dynamic, balanceE != nil || minE != nil || maxE != nil {
      throw ValidationError("--balance-e, --min-e and --max-e apply to --aggregate dynamic only.")
    }
    return chosen
  }

  /// The value of a choice option, or a usage error listing the choices.
  static func choice<T>(_ value: String, _ flag: String, _ choices: KeyValuePairs<String, T>) throws -> T {
    guard let hit = choices.first(where: { $0.key == value.lowercased() }) else {
      throw ValidationError("\(flag) must be one of \(choices.map(\.key).joined(separator: ", ")); got '\(value)'.")
    }
    return hit.value
  }

  /// The text output: the group-time table, then the aggregation.
  static func text(_ result: CallawaySantAnnaResult, _ summary: AggregatedEffect) -> String {
    var lines = [result.summary(), "", "Aggregation: \(summary.aggregation.name)"]
    let key = summary.aggregation.keyName ?? ""
    if !summary.breakdown.isEmpty {
      let bandHeader = summary.criticalValue == nil ? "" : "   band.low  band.high"
      lines.append(SummaryText.pad(key, 11) + "  estimate  std.error   conf.low  conf.high" + bandHeader)
      for r in summary.breakdown {
        let band = r.band.map { " " + SummaryText.numbers([$0.lower, $0.upper]) } ?? ""
        lines.append(SummaryText.pad(String(r.key), 11) + SummaryText.numbers(r.row) + band)
      }
    }
    lines.append(SummaryText.pad("Overall", 11) + SummaryText.numbers(summary.overall))
    if let c = summary.criticalValue {
      lines.append("Simultaneous band: multiplier bootstrap, critical value \(String(format: "%.4f", c)).")
    }
    if summary.omittedCells > 0 { lines.append("Note: \(summary.omittedCells) group-time cells not estimated were left out.") }
    return lines.joined(separator: "\n")
  }

  /// The `--json` object: the result's encoding with the aggregation under `aggregate`.
  static func output(
    _ result: CallawaySantAnnaResult, aggregate: AggregatedEffect, sensitivity: SensitivityResult? = nil
  ) -> CommandOutput<CallawaySantAnnaResult, DidAdditions> {
    CommandOutput(command: "did", result: result, additions: DidAdditions(aggregate: aggregate, sensitivity: sensitivity))
  }
}

/// The keys `did --json` adds to the result's encoding.
struct DidAdditions: Encodable {
  /// The aggregation printed.
  let aggregate: AggregatedEffect
  /// The HonestDiD analysis, with `--sensitivity`.
  let sensitivity: SensitivityResult?

  enum CodingKeys: String, CodingKey { case aggregate, sensitivity }

  /// Encodes `aggregate`, and `sensitivity` when there is one.
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(aggregate, forKey: .aggregate)
    try c.encodeIfPresent(sensitivity, forKey: .sensitivity)
  }
}

/// Fixed-width numbers for the tool's text tables.
enum SummaryText {
  /// `s` padded on the right to `width`.
  static func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }

  /// Estimate, standard error and interval of a row, each 10 wide.
  static func numbers(_ row: CoefficientRow) -> String {
    numbers([row.estimate, row.standardError, row.confLow, row.confHigh])
  }

  /// Numbers with six decimals, each 10 wide.
  static func numbers(_ values: [Double]) -> String {
    values.map { value -> String in
      let text = value.isFinite ? String(format: "%.6f", value) : "NaN"
      return String(repeating: " ", count: max(0, 10 - text.count)) + text
    }.joined(separator: " ")
  }
}

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
      never treated; --covariates enter with their base-period values. Standard errors come \
      from influence functions (clustered by --unit, or by --cluster above it), as R did's \
      att_gt(bstrap = FALSE); --bootstrap gives did's multiplier bootstrap standard errors and \
      simultaneous (uniform) bands instead.

      --sensitivity runs HonestDiD (Rambachan and Roth 2023) on the event study: \
      relative-magnitude bounds (--mbar) or smoothness bounds (--m), for \
      --sensitivity-event-time (or 'average' of the post periods). HonestDiD needs the event \
      study of a universal base period: with the default varying base period the same model is \
      refitted with --base-period universal for the sensitivity analysis (a note says so), \
      while the group-time table and the aggregation printed keep the varying base period.

      Examples:
        causalkit did --data mpdta.csv --outcome lemp --time year --unit countyreal --cohort first_treat
        causalkit did --data students.csv --outcome score --time year --cohort school_cohort \\
          --repeated-cross-section --cluster school --covariates "prior_score" --aggregate group
      """)

  @OptionGroup var input: InputOptions

  @OptionGroup var columns: StaggeredColumns

  @OptionGroup var sample: PanelUnitOptions

  @OptionGroup var covariates: CovariateOptions

  @Option(name: .long, help: "2x2 estimator: dr (doubly robust, default, as did), ipw, reg, or imp (improved doubly robust).")
  var method: String = "dr"

  @Option(name: .long, help: "Comparison group: never-treated (default) or not-yet-treated.")
  var control: String = "never-treated"

  @Option(name: .long, parsing: .unconditional, help: "Periods of anticipation (0 or more).")
  var anticipation: Int = 0

  @Option(name: .long, help: "Base period of pre-treatment cells: varying (default) or universal.")
  var basePeriod: String = "varying"

  @OptionGroup var aggregating: DidAggregationOptions

  @Option(name: .long, help: "Cluster column above the unit (constant within units).")
  var cluster: String?

  @Flag(name: .long, help: "Keep units not observed in every period (did's allow_unbalanced_panel).")
  var unbalanced = false

  @Flag(name: .long, help: "Multiplier bootstrap (Mammen weights, by unit or --cluster) for standard errors and simultaneous bands.")
  var bootstrap = false

  @Option(name: .long, parsing: .unconditional, help: "Bootstrap replicates with --bootstrap.")
  var reps: Int = 999

  @OptionGroup var random: SeedOptions

  @OptionGroup var honestDiD: DidSensitivityOptions

  @OptionGroup var fitting: FitOptions

  func run() throws {
    try ToolDiagnostics.reportingErrors(of: "did", input: input) {
      let output = try analyze(try input.readTable())
      print(json ? try output.jsonText() : Self.text(output))
    }
  }

  /// Fits the model, aggregates it as `--aggregate` says and, with `--sensitivity`, runs
  /// HonestDiD on the event study of a universal base period (see
  /// ``sensitivityAnalysis(_:_:table:)``).
  ///
  /// - Throws: `ValidationError` for bad option values; the library's errors.
  func analyze(_ table: DataTable) throws -> CommandOutput<CallawaySantAnnaResult, DidAdditions> {
    let result = try estimate(table)
    let aggregate = try result.aggregated(try aggregating.aggregation())
    return CommandOutput(
      command: "did", result: result,
      additions: DidAdditions(aggregate: aggregate, sensitivity: try sensitivityAnalysis(result, aggregate, table: table)))
  }

  /// The estimator the options describe, fitted to `table`.
  ///
  /// - Parameters:
  ///   - table: The data.
  ///   - basePeriod: The base period, or `nil` for `--base-period`'s.
  /// - Throws: `ValidationError` for an unknown option value or a missing or superfluous
  ///   `--unit`; the library's errors.
  func estimate(_ table: DataTable, basePeriod: BasePeriod? = nil) throws -> CallawaySantAnnaResult {
    let unit = try sample.unitColumn()
    if unit == nil, unbalanced {
      throw ValidationError("--unbalanced applies to panels; drop it with --repeated-cross-section.")
    }
    let model = try CallawaySantAnna(
      outcome: columns.outcome, time: columns.time, unit: unit, cohort: columns.cohort,
      covariates: try covariates.terms(),
      method: try OptionValues.choice(method, "--method", ["dr": .traditionalDoublyRobust, "ipw": .inverseProbabilityWeighting, "reg": .outcomeRegression, "imp": .improvedDoublyRobust]),
      comparison: try OptionValues.choice(control, "--control", ["never-treated": .neverTreated, "not-yet-treated": .notYetTreated]),
      anticipation: anticipation,
      basePeriod: try basePeriod ?? OptionValues.choice(self.basePeriod, "--base-period", ["varying": .varying, "universal": .universal]),
      design: unit == nil ? .repeatedCrossSections : unbalanced ? .unbalancedPanel : .balancedPanel,
      weights: fitting.weights, cluster: cluster,
      bootstrap: bootstrap ? try MultiplierBootstrap(replicates: reps, seed: random.seed) : nil,
      confidenceLevel: fitting.level)
    return try model.fit(table)
  }

  /// The HonestDiD analysis `--sensitivity` asks for, or `nil`: of the dynamic aggregation (the
  /// printed one when it is dynamic, with its event-time options) of a universal base period.
  ///
  /// HonestDiD reads the pre-treatment event times as deviations from one reference period,
  /// which only a universal base period gives (R's `honest_did` refuses a varying one). With
  /// the default varying base period the same model is therefore fitted again with a universal
  /// one for the analysis; `result` and `printed` stay as they are.
  ///
  /// - Parameters:
  ///   - result: The fit the options describe.
  ///   - printed: Its aggregation that is printed.
  ///   - table: The data, for the universal-base refit.
  /// - Throws: `ValidationError` for a bad option value; the library's errors.
  func sensitivityAnalysis(
    _ result: CallawaySantAnnaResult, _ printed: AggregatedEffect, table: DataTable
  ) throws -> SensitivityResult? {
    guard let analysis = try honestDiD.analysis(confidenceLevel: fitting.level, seed: random.seed) else { return nil }
    let universal = result.basePeriod == .universal ? result : try estimate(table, basePeriod: .universal)
    let dynamic: GroupTimeAggregation
    if case .dynamic = printed.aggregation { dynamic = printed.aggregation } else { dynamic = .dynamic() }
    return try analysis.analyze(try EventStudyEstimates(try universal.aggregated(dynamic)))
  }

  /// The text output: the group-time table, the aggregation and, with `--sensitivity`, the
  /// HonestDiD table (after a note when it comes from a universal-base refit).
  static func text(_ output: CommandOutput<CallawaySantAnnaResult, DidAdditions>) -> String {
    let result = output.result, summary = output.additions.aggregate
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
    if let sensitivity = output.additions.sensitivity {
      lines.append("")
      if result.basePeriod != .universal {
        lines.append(
          "Sensitivity analysis: HonestDiD needs a universal base period, so the same model was refitted with "
            + "--base-period universal for it; the tables above keep the \(result.basePeriod.rawValue) base period.")
      }
      lines.append(sensitivity.summary())
    }
    return lines.joined(separator: "\n")
  }
}

/// The keys `did --json` adds to the result's encoding: `aggregate`, and `sensitivity` with
/// `--sensitivity` (left out without it).
struct DidAdditions: Encodable {
  /// The aggregation printed.
  let aggregate: AggregatedEffect
  /// The HonestDiD analysis, with `--sensitivity`.
  let sensitivity: SensitivityResult?
}

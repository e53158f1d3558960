import ArgumentParser
import CausalKit
import Foundation

/// `causalkit sunab`: Sun and Abraham's interaction-weighted event study.
struct SunabCommand: TableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sunab",
    abstract: "Sun-Abraham interaction-weighted event study (fixest's sunab).",
    discussion: """
      Fits one saturated regression, outcome ~ cohort x relative-period dummies | unit + time, \
      with never-treated units (cohort 0, or a cohort that is not an observed period) as the \
      controls, then averages the cohort-specific effects of each relative period by the \
      cohorts' shares of observations, and all post-treatment ones into the ATT. Standard errors \
      follow the regression's clustered variance (by --unit, or --cluster) by the delta method. \
      Always-treated cohorts are removed and counted.

      Example:
        causalkit sunab --data mpdta.csv --outcome lemp --unit countyreal --time year --cohort first_treat
      """)

  @OptionGroup var input: InputOptions

  @OptionGroup var panel: StaggeredPanelOptions

  @Option(name: .long, help: "Covariates as a formula right-hand side, e.g. \"x1 + x2\".")
  var covariates: String = ""

  @OptionGroup var fitting: FitOptions

  func run() throws {
    try ToolDiagnostics.reportingErrors(of: "sunab", input: input) {
      let result = try estimate(try input.readTable())
      print(json ? try Self.output(result).jsonText() : result.summary())
    }
  }

  /// Fits the event study the options describe.
  ///
  /// - Throws: `ValidationError` for a bad `--reference`; the library's errors.
  func estimate(_ table: DataTable) throws -> SunAbrahamResult {
    try SunAbraham(
      outcome: panel.outcome, unit: panel.unit, time: panel.time, cohort: panel.cohort,
      covariates: covariates.isEmpty ? Covariates() : try Covariates(formula: covariates),
      referencePeriods: try panel.referencePeriods(), vcov: .cluster([panel.cluster ?? panel.unit]),
      weights: fitting.weights, confidenceLevel: fitting.level
    ).fit(table)
  }

  /// The `--json` object: the result's encoding.
  static func output(_ result: SunAbrahamResult) -> CommandOutput<SunAbrahamResult, NoAdditions> {
    CommandOutput(command: "sunab", result: result, additions: NoAdditions())
  }
}

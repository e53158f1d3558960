import ArgumentParser
import CausalKit
import Foundation

/// `causalkit sunab`: Sun and Abraham's interaction-weighted event study.
struct SunabCommand: ResultCommand {
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

      --sensitivity runs HonestDiD (Rambachan and Roth 2023) on the aggregated event study: \
      relative-magnitude bounds (--mbar) or smoothness bounds (--m), for the first post period or \
      --sensitivity-event-time (or 'average' of the post periods). HonestDiD reads the \
      pre-periods as deviations from the reference period (the latest negative --reference, -1 \
      by default).

      Example:
        causalkit sunab --data mpdta.csv --outcome lemp --unit countyreal --time year --cohort first_treat
        causalkit sunab --data mpdta.csv --outcome lemp --unit countyreal --time year --cohort first_treat \
          --sensitivity relative-magnitude --mbar 0.5,1,2
      """)

  @OptionGroup var input: InputOptions

  @OptionGroup var panel: StaggeredPanelOptions

  @OptionGroup var covariates: CovariateOptions

  @OptionGroup var random: SeedOptions

  @OptionGroup var honestDiD: DidSensitivityOptions

  @OptionGroup var fitting: FitOptions

  /// Fits the event study the options describe.
  ///
  /// - Throws: `ValidationError` for a bad `--reference`; the library's errors.
  func estimate(_ table: DataTable) throws -> SunAbrahamResult {
    try SunAbraham(
      outcome: panel.columns.outcome, unit: panel.unit, time: panel.columns.time, cohort: panel.columns.cohort,
      covariates: try covariates.terms(),
      referencePeriods: try panel.referencePeriods(), vcov: .cluster([panel.cluster ?? panel.unit]),
      weights: fitting.weights, confidenceLevel: fitting.level
    ).fit(table)
  }

  /// The HonestDiD analysis `--sensitivity` asks for, of the aggregated event study.
  ///
  /// - Throws: `ValidationError` for a bad option value; the library's errors (an event study
  ///   whose reference is not the single period −1, say).
  func additions(to result: SunAbrahamResult, table: DataTable) throws -> SunabAdditions {
    guard let analysis = try honestDiD.analysis(confidenceLevel: fitting.level, seed: random.seed) else {
      return SunabAdditions(sensitivity: nil)
    }
    return SunabAdditions(sensitivity: try analysis.analyze(try EventStudyEstimates(result)))
  }

  /// The event study and, with `--sensitivity`, the HonestDiD table.
  static func text(output: CommandOutput<SunAbrahamResult, SunabAdditions>) -> String {
    guard let sensitivity = output.additions.sensitivity else { return text(output.result) }
    return text(output.result) + "\n\n" + sensitivity.summary()
  }
}

/// The key `sunab --json` adds to the result's encoding with `--sensitivity`: `sensitivity`
/// (left out without it).
struct SunabAdditions: Encodable {
  /// The HonestDiD analysis, with `--sensitivity`.
  let sensitivity: SensitivityResult?
}

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

      Example:
        causalkit sunab --data mpdta.csv --outcome lemp --unit countyreal --time year --cohort first_treat
      """)

  @OptionGroup var input: InputOptions

  @OptionGroup var panel: StaggeredPanelOptions

  @OptionGroup var covariates: CovariateOptions

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
}

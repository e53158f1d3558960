import ArgumentParser
import CausalKit
import Foundation

/// `causalkit did2s`: Gardner's two-stage DiD (the imputation estimator's point estimates).
struct Did2sCommand: ResultCommand {
  static let configuration = CommandConfiguration(
    commandName: "did2s",
    abstract: "Two-stage difference-in-differences (Gardner; Borusyak-Jaravel-Spiess imputation estimates; R's did2s).",
    discussion: """
      Estimates unit and period effects from the untreated observations only (never treated, \
      and treated units before treatment), residualises every outcome with them, and averages \
      the residuals of treated observations (the ATT) or, with --event-study, regresses them on \
      relative-period dummies. Standard errors are Gardner's GMM-corrected cluster sums (by \
      --unit, or --cluster), or with --variance imputation Borusyak, Jaravel and Spiess's \
      conservative ones: treated residuals net of the effects averaged within \
      --imputation-groups (cohort-period by default, as Stata's did_imputation), optionally \
      --leave-out. --covariates adds time-varying covariates to the first stage (outcome ~ \
      covariates | unit + time on the untreated observations); covariates absorbed by the unit \
      and period effects (time-constant ones) or collinear are removed and listed in the \
      result. Units never untreated and periods with every unit treated cannot be imputed and \
      are removed and counted.

      Example:
        causalkit did2s --data panel.csv --outcome y --unit id --time year --cohort cohort --event-study
        causalkit did2s --data panel.csv --outcome y --unit id --time year --cohort cohort --covariates "x1 + x2"
      """)

  @OptionGroup var input: InputOptions

  @OptionGroup var panel: StaggeredPanelOptions

  @OptionGroup var covariates: CovariateOptions

  @Flag(name: .long, help: "Estimate one effect per relative period (instead of the pooled ATT).")
  var eventStudy = false

  @Option(name: .long, parsing: .unconditional, help: "Leads in the Borusyak-Jaravel-Spiess pre-trend test (0: no test).")
  var preTrendLeads: Int = 0

  @OptionGroup var varianceOptions: TwoStageVarianceOptions

  @OptionGroup var fitting: FitOptions

  /// Fits the two stages the options describe.
  ///
  /// - Throws: `ValidationError` for a bad `--reference` or variance option; `FormulaError` for
  ///   `--covariates` that are not a formula right-hand side; the library's errors.
  func estimate(_ table: DataTable) throws -> TwoStageDiDResult {
    let references = try panel.referencePeriods()
    return try TwoStageDiD(
      outcome: panel.columns.outcome, unit: panel.unit, time: panel.columns.time, cohort: panel.columns.cohort,
      covariates: try covariates.terms(), secondStage: eventStudy ? .eventStudy(referencePeriods: references) : .pooled,
      cluster: panel.cluster, weights: fitting.weights, preTrendLeads: preTrendLeads,
      variance: try varianceOptions.variance(), confidenceLevel: fitting.level
    ).fit(table)
  }
}

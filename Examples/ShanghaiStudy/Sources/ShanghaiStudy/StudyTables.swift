import CausalKit

/// The study's regression tables, built with CausalKit's `Reporting` module: the TWFE DiD of
/// every outcome side by side, the PSM-DiD likewise, the mediators' DiD shifts, the propensity
/// model, and the balance of the school characteristics before and after matching. Each
/// renders as Markdown (for the report) or LaTeX (for `tables.tex`).
///
/// ```swift
/// let tables = StudyTables(results: results)
/// print(try tables.difference().render(.markdown))
/// try tables.latexDocument().write(toFile: "tables.tex", atomically: true, encoding: .utf8)
/// ```
public struct StudyTables: Sendable {
  /// The pipeline's results.
  public var results: StudyResults

  /// Creates the tables of a study.
  public init(results: StudyResults) {
    self.results = results
  }

  /// Display names of the terms and fixed effects.
  var labels: [String: String] {
    [
      AnalysisPanel.treatPostColumn: "SSP × post", "treated_post": "SSP × post", results.schema.unit: "School",
      results.schema.time: "Year",
    ]
  }

  /// TWFE DiD (`y ~ treat_post | unit + time`, CR1), one column per outcome.
  public func difference() -> RegressionTable {
    var table = RegressionTable(results.outcomes.map { $0.difference.tableModel(title: StudyFigures.displayName($0.outcome)) })
    table.labels = labels
    table.caption = "Two-way fixed-effects DiD of the standardized scores"
    table.notes = ["Standard errors clustered by \(results.schema.unit) (CR1). Scores in SD units."]
    return table
  }

  /// PSM-DiD on the matched schools, one column per outcome, or `nil` without matching.
  public func matchedDifference() -> RegressionTable? {
    let models = results.outcomes.compactMap { a in a.matchedDifference.map { $0.tableModel(title: StudyFigures.displayName(a.outcome)) } }
    guard !models.isEmpty else { return nil }
    var table = RegressionTable(models)
    table.labels = labels
    table.caption = "DiD on propensity-score-matched schools (PSM-DiD)"
    table.notes = ["Schools matched 1:1 without replacement on a logit propensity score; weighted DiD with CR1 standard errors by \(results.schema.unit)."]
    return table
  }

  /// The doubly robust 2×2 DiD on the school panel of pre/post means, one column per outcome,
  /// or `nil` when it did not run.
  public func doublyRobustDifference() -> RegressionTable? {
    let models = results.outcomes.compactMap { a in
      a.doublyRobust.map { $0.estimate.tableModel(title: StudyFigures.displayName(a.outcome)) }
    }
    guard !models.isEmpty else { return nil }
    var table = RegressionTable(models)
    table.labels = ["ATT": "SSP × post (ATT)"]
    table.caption = "Doubly robust DiD (Sant'Anna and Zhao 2020) on school pre/post means"
    let covariates = results.schema.conditioningCovariates.map { StudyFigures.covariateLabels[$0] ?? $0 }.joined(separator: ", ")
    table.notes = [
      "Improved doubly robust estimator\(covariates.isEmpty ? "" : " with " + covariates); influence-function standard errors over \(results.schema.unit)s. N counts school-halves."
    ]
    return table
  }

  /// The mediators' DiD shifts (the first stage of the mediation analysis), or `nil` without
  /// mediators.
  public func mediatorShifts() -> RegressionTable? {
    guard !results.mediatorShifts.isEmpty else { return nil }
    var table = RegressionTable(results.mediatorShifts.map { $0.tableModel(title: StudyFigures.channelName($0.outcome)) })
    table.labels = labels
    table.caption = "DiD effect of the project on the mediators"
    table.notes = ["Standard errors clustered by \(results.schema.unit) (CR1). Mediators in their own units."]
    return table
  }

  /// The school-level logit propensity model, or `nil` without matching.
  public func propensityModel() -> RegressionTable? {
    guard let m = results.matching else { return nil }
    var table = RegressionTable([
      RegressionTableModel(
        title: "SSP school", coefficients: m.propensityCoefficients, observationCount: m.counts.treated.all + m.counts.control.all,
        varianceLabel: "IID")
    ])
    table.labels = StudyFigures.covariateLabels
    table.caption = "Propensity model (logit) of selection into the project"
    return table
  }

  /// Balance of the school characteristics before and after matching, or `nil` without
  /// matching (or when the table has no covariates).
  public func balance() -> BalanceReport? {
    guard let m = results.matching else { return nil }
    return try? BalanceReport(m.balance, labels: StudyFigures.covariateLabels, caption: "Balance of the school characteristics before and after matching")
  }

  /// Every table as LaTeX (booktabs), separated by blank lines, for `tables.tex`.
  ///
  /// - Parameter truth: The simulation's truth, shown beside the causal-chain estimates (`nil`:
  ///   dashes).
  /// - Throws: ``StudyError/estimationFailed(step:outcome:message:)`` when a table cannot be
  ///   rendered (an unknown term, for instance).
  public func latexDocument(truth: SimulationTruth? = nil) throws(StudyError) -> String {
    var parts = ["% Strong School Project study: regression and balance tables (requires \\usepackage{booktabs})."]
    let tables = [difference(), matchedDifference(), doublyRobustDifference(), mediatorShifts(), propensityModel()].compactMap { $0 }
    for table in tables {
      do { parts.append(try table.render(.latex)) } catch {
        throw .estimationFailed(step: "LaTeX table", outcome: table.caption ?? "", message: error.description)
      }
    }
    if let balance = balance() { parts.append(balance.render(.latex)) }
    if let chain = causalChainLatex(truth: truth) { parts.append(chain) }
    return parts.joined(separator: "\n\n") + "\n"
  }
}

import ArgumentParser
import ShanghaiStudy

/// Options that run the pipeline on a user's own panel instead of the synthetic one.
struct DataOptions: ParsableArguments {
  @Option(name: .long, help: "Analyse this CSV panel (one row per student) instead of generating data.")
  var data: String?

  @Option(name: .customLong("school-column"), help: "Unit (school) identifier column: fixed effect and cluster.")
  var schoolColumn: String = PanelColumns.school

  @Option(name: .customLong("year-column"), help: "Period column (whole numbers).")
  var yearColumn: String = PanelColumns.year

  @Option(name: .customLong("treated-column"), help: "0/1 column: 1 for schools in the program (constant within a school).")
  var treatedColumn: String = PanelColumns.ssp

  @Option(name: .customLong("post-column"), help: "0/1 column marking program years (alternative: --first-project-year).")
  var postColumn: String?

  @Option(name: .customLong("score-columns"), help: "Comma-separated outcome columns.")
  var scoreColumns: String = Subject.allCases.map(\.rawValue).joined(separator: ",")

  @Option(name: .long, help: "Comma-separated pre-program school characteristics for the propensity score; empty skips matching.")
  var covariates: String = PanelColumns.schoolCovariates.joined(separator: ",")

  @Option(name: .long, help: "Comma-separated mediator columns.")
  var mediators: String = PanelColumns.mediators.joined(separator: ",")

  @Option(
    name: .customLong("conditioning-covariates"),
    help: "Comma-separated pre-program characteristics for the doubly robust DiD and Callaway-Sant'Anna (default: none, unconditional parallel trends).")
  var conditioningCovariates: String = ""

  /// The column mapping for a user's panel.
  func schema(firstProjectYear: Int?) throws -> PanelSchema {
    func list(_ text: String) -> [String] {
      text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    let post = postColumn ?? (firstProjectYear == nil ? PanelColumns.post : nil)
    let outcomes = list(scoreColumns)
    guard !outcomes.isEmpty else { throw ValidationError("--score-columns names no column") }
    return PanelSchema(
      unit: schoolColumn, time: yearColumn, treated: treatedColumn, post: post, firstTreatedPeriod: firstProjectYear,
      outcomes: outcomes, covariates: list(covariates), mediators: list(mediators),
      conditioningCovariates: list(conditioningCovariates))
  }
}

import ArgumentParser
import CausalKit
import Foundation

/// `causalkit drdid`: Sant'Anna and Zhao's doubly robust 2x2 difference-in-differences.
struct DrdidCommand: ResultCommand {
  static let configuration = CommandConfiguration(
    commandName: "drdid",
    abstract: "Doubly robust difference-in-differences for two groups and two periods (R's DRDID).",
    discussion: """
      The data are long: one row per unit and period for a panel (--unit), one row per \
      observation with --repeated-cross-section. --time must take exactly two values (the later \
      is the post period) and --treatment must be 0/1. Methods: imp (improved doubly robust, \
      inverse probability tilting; the default), trad (traditional doubly robust), ipw \
      (normalised inverse probability weighting), reg (outcome regression); the models always \
      include an intercept beside --covariates. Standard errors are \
      DRDID's analytic influence-function ones; comparison units with propensity scores of at \
      least 0.995 are trimmed and counted.

      Example:
        causalkit drdid --data nsw.csv --outcome re --time year --unit id --treatment experimental \\
          --covariates "age + educ + black + married + nodegree + hisp + re74"
      """)

  @OptionGroup var input: InputOptions

  @Option(name: .long, help: "Outcome column.") var outcome: String

  @Option(name: .long, help: "Time column with exactly two values.") var time: String

  @OptionGroup var sample: PanelUnitOptions

  @Option(name: .long, help: "0/1 treatment (group) column.") var treatment: String

  @OptionGroup var covariates: CovariateOptions

  @Option(name: .long, help: "Estimator: imp, trad, ipw or reg.") var method: String = "imp"

  @OptionGroup var fitting: FitOptions

  /// Fits the estimator described by the options.
  ///
  /// - Throws: `ValidationError` for an unknown `--method` or a missing or superfluous
  ///   `--unit`; the library's option, data and estimation errors.
  func estimate(_ table: DataTable) throws -> DoublyRobustDiDResult {
    guard let chosen = TwoByTwoMethod(rawValue: method) else {
      throw ValidationError("--method must be imp, trad, ipw or reg, not '\(method)'.")
    }
    let model = try DoublyRobustDiD(
      outcome: outcome, time: time, treatment: treatment, unit: try sample.unitColumn(),
      covariates: try covariates.terms(), method: chosen, weights: fitting.weights,
      confidenceLevel: fitting.level)
    return try model.fit(table)
  }
}

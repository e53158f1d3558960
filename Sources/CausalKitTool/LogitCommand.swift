import ArgumentParser
import CausalKit
import Foundation

/// `causalkit logit`: logit and probit models (propensity scores).
struct LogitCommand: ResultCommand {
  static let configuration = CommandConfiguration(
    commandName: "logit",
    abstract: "Logit or probit regression by iteratively reweighted least squares (R's glm).",
    discussion: """
      The formula is outcome ~ regressors; the outcome must be coded 0/1 (or have two levels). \
      A text column expands to column::level dummies. Standard errors are model-based (iid) by \
      default; hetero gives HC1, hc0 the plain sandwich, cluster:COL the CR1 sandwich \
      (sandwich::vcovCL). Separation is reported as an error naming the variables involved.

      Example:
        causalkit logit --data lalonde.csv --formula "treat ~ age + educ + race + re74 + re75"
      """)

  @OptionGroup var input: InputOptions

  @Option(name: .long, help: "Model formula, e.g. \"treat ~ x1 + x2\".")
  var formula: String

  @Flag(name: .long, help: "Fit a probit instead of a logit.")
  var probit = false

  @OptionGroup var fitting: FitOptions

  @Option(name: .long, help: "Variance: iid, hetero, hc0 or cluster:COL.")
  var vcov: String = "iid"

  /// Fits the model described by the options.
  ///
  /// - Throws: `ValidationError` for fixed effects after `|`; the library's option, data and
  ///   fitting errors (a `--level` outside (0, 1) is the library's `OptionError`).
  func estimate(_ table: DataTable) throws -> BinaryRegressionFit {
    let parsed = try Formula(formula)
    guard parsed.fixedEffects.isEmpty else {
      throw ValidationError(
        "--formula cannot absorb fixed effects after '|' in a logit or probit; enter them as categorical terms, e.g. \"y ~ x + i(region)\".")
    }
    let model = try BinaryRegression(
      formula: parsed, link: probit ? .probit : .logit, weights: fitting.weights,
      vcov: try VarianceType(parsing: vcov), confidenceLevel: fitting.level)
    return try model.fit(table)
  }
}

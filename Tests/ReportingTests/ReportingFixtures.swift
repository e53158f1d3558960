import CausalCore
import Foundation
import Reporting

/// Small hand-made inputs shared by the Reporting tests.
enum ReportingFixtures {
  /// A tidy row with the statistic and interval implied by a normal reference.
  static func row(_ term: String, _ estimate: Double, _ se: Double, p: Double) -> CoefficientRow {
    CoefficientRow(
      term: term, estimate: estimate, standardError: se, statistic: estimate / se, pValue: p, confLow: estimate - 1.96 * se,
      confHigh: estimate + 1.96 * se)
  }

  /// Two models: OLS with an intercept, and a fixed-effects model clustered by `g`.
  static func twoModels() -> [RegressionTableModel] {
    [
      RegressionTableModel(
        title: "(1)", coefficients: [row("(Intercept)", 0.5, 0.25, p: 0.06), row("x", 1.23456, 0.1, p: 0.004)],
        observationCount: 100, r2: 0.1234, varianceLabel: "IID"),
      RegressionTableModel(
        title: "(2)", coefficients: [row("x", -0.5, 0.3, p: 0.2), row("z", 2, 1, p: 0.03)], fixedEffects: ["g"],
        observationCount: 1234, r2: 0.5, withinR2: 0.25, varianceLabel: "Clustered (g)"),
    ]
  }

  /// A folder for figures written by the tests (inspect them with `rsvg-convert`).
  static func outputFolder() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("causalkit-reporting-tests").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
